/// Days from 1970-01-01 to `day` in the proleptic Gregorian calendar.
package func daysSinceEpoch(_ day: Day) -> Int {
    // Howard Hinnant's days_from_civil.
    let y = day.month <= 2 ? day.year - 1 : day.year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (day.month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day.day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// The number of days from `earlier` to `later` (negative when `later` comes first).
package func days(from earlier: Day, to later: Day) -> Int { daysSinceEpoch(later) - daysSinceEpoch(earlier) }

/// One model as `catalog list` and the catalog page show it.
public struct CatalogRow: Sendable, Equatable {
    public var model: CatalogModel
    /// Days from the model's `as_of` to the catalog's `as_of`; nil without a date of its own.
    public var ageDays: Int?
}

/// The catalog's models as rows, in id order.
public func catalogRows(_ catalog: Catalog) -> [CatalogRow] {
    catalog.ids.compactMap { id in
        guard let model = catalog.models[id] else { return nil }
        return CatalogRow(model: model, ageDays: model.asOf.map { days(from: $0, to: catalog.asOf) })
    }
}
