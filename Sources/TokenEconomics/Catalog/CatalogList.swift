import Basics
import CostModel
import Formats

/// Days from 1970-01-01 to `day` in the proleptic Gregorian calendar.
func daysSinceEpoch(_ day: Day) -> Int {
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
func days(from earlier: Day, to later: Day) -> Int { daysSinceEpoch(later) - daysSinceEpoch(earlier) }

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

/// `catalog list`: the catalog as a text table or as JSON.
public enum CatalogList {
    public static func text(_ catalog: Catalog) -> String {
        let header = [
            "id", "provider", "input", "cached", "output", "availability", "rpm", "tpm", "retires -> successor",
            "checked", "age",
        ]
        var rows = [header]
        for row in catalogRows(catalog) {
            let model = row.model
            var retires = model.retires?.description ?? "-"
            if model.retires != nil { retires += " -> " + (model.successor ?? "none") }
            rows.append([
                model.id, model.provider, formatPlain(model.input), formatPlain(model.cachedInput),
                formatPlain(model.output), formatPlain(model.availability), model.rpm.map(formatPlain) ?? "-",
                model.tpm.map(formatPlain) ?? "-", retires, model.asOf?.description ?? "-",
                row.ageDays.map { "\($0) d" } ?? "-",
            ])
        }
        let numeric: Set<Int> = [2, 3, 4, 5, 6, 7, 10]
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        out +=
            "Prices in USD per 1M tokens. As of \(catalog.asOf); age counts the days from a model's check "
            + "to that date.\n"
        return out
    }

    public static func json(_ catalog: Catalog) -> String {
        var json = JSONWriter(capacity: 4096)
        json.object { json in
            json.field("as_of", catalog.asOf.description)
            if let source = catalog.source { json.field("source", source) }
            json.field("models", array: catalogRows(catalog)) { json, row in
                let model = row.model
                json.object { json in
                    json.catalogModelFields(model)
                    json.field("age_days", row.ageDays)
                    json.field("source", model.source)
                }
            }
        }
        return json.finish().text
    }
}
