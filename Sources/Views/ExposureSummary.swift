import Basics
import CostModel
import Formats

/// An essay's dependency table when more scenarios have a run side than a reader can take in
/// (docs/content.md, "Tables at scale"): the spread of each figure across the scenarios, then the
/// scenarios the essay links to and the few most exposed ones, then a link to every scenario's
/// figures on the compare pages. Its size does not depend on the number of scenarios.
package struct ExposureSummary {
    /// Up to this many scenarios with a run side, an essay shows every one; above, the summary.
    package static let fullTableLimit = 12
    /// Rows the summary shows for the scenarios the essay links to, and for the most exposed.
    static let linkedRows = 5
    static let exposedRows = 5

    /// A figure of a scenario for one dependency, and whether a larger value is more exposed.
    /// nil: no figure, least exposed (no rate limit, no break-even price).
    static func measure(_ item: ComputedScenario, _ dependency: EssayTables.Dependency) -> Double? {
        let p = item.projection
        return switch dependency {
        case .pricingChanges: p.breakEvenPriceMultiplier
        case .rateLimits: item.summary.rateLimitHeadroom
        case .modelChanges: Double(p.retirements.count)
        case .availability: p.availability
        case .termsOfService: p.providerConcentration
        }
    }

    static func higherIsMoreExposed(_ dependency: EssayTables.Dependency) -> Bool {
        dependency == .modelChanges || dependency == .termsOfService
    }

    static func formatted(_ value: Double?, _ dependency: EssayTables.Dependency) -> String {
        switch dependency {
        case .pricingChanges: return Format.multiplier(value)
        case .rateLimits: return value.map { Format.multiplier($0) } ?? "no limit"
        case .modelChanges:
            guard let value else { return "none" }
            let count = Int(value)
            return count == 1 ? "1 retirement" : "\(count) retirements"
        case .availability: return Format.availability(value)
        case .termsOfService: return value.map { Format.number($0, decimals: 2) } ?? "—"
        }
    }

    /// What the summary needs of the scenarios for one dependency: positions (in the scenarios
    /// with a run side) from most to least exposed, and the spread of the figure.
    package struct Ranking: Sendable {
        package var mostExposed: [Int]
        /// Most exposed, median and least exposed figure, of the scenarios that have one.
        var spread: (most: Double?, median: Double?, least: Double?)
        /// How many scenarios have no figure (no limit, no break-even price).
        var without: Int
    }

    /// Ranks `scenarios` for `dependency`: O(n log n) once per dependency, for every essay. It
    /// keeps as many more as there can be linked scenarios, which the most exposed rows skip.
    package static func ranking(
        _ scenarios: [ComputedScenario], _ dependency: EssayTables.Dependency,
        keeping: Int = exposedRows + linkedRows
    ) -> Ranking {
        let values = scenarios.map { measure($0, dependency) }
        let higher = higherIsMoreExposed(dependency)
        let present = values.indices.filter { values[$0] != nil }
        // Most exposed first; equal figures in slug order (the scenarios come in slug order).
        let order = present.sorted { i, j in
            let a = values[i] ?? 0, b = values[j] ?? 0
            if a != b { return higher ? a > b : a < b }
            return i < j
        }
        let figures = order.compactMap { values[$0] }
        let spread: (Double?, Double?, Double?) =
            figures.isEmpty ? (nil, nil, nil) : (figures.first, figures[(figures.count - 1) / 2], figures.last)
        return Ranking(mostExposed: Array(order.prefix(keeping)), spread: spread, without: values.count - present.count)
    }

    /// The rows to show: the linked scenarios first (by first link), then the most exposed for
    /// the first dependency, without repeats; positions in `runScenarios`.
    static func rows(linked: [Int], ranking: Ranking) -> [Int] {
        var rows: [Int] = []
        for index in linked where !rows.contains(index) && rows.count < linkedRows { rows.append(index) }
        var added = 0
        for index in ranking.mostExposed where added < exposedRows && !rows.contains(index) {
            rows.append(index)
            added += 1
        }
        return rows
    }
}

extension EssayTables {
    /// The rankings of the scenarios with a run side, by dependency, made once and shared.
    func ranking(
        _ dependency: Dependency, _ run: [ComputedScenario]
    ) -> ExposureSummary.Ranking {
        guard let cache else { return ExposureSummary.ranking(run, dependency) }
        if let made = cache.rankings.withLock({ $0[dependency] }) { return made }
        let made = ExposureSummary.ranking(run, dependency)
        cache.rankings.withLock { $0[dependency] = made }
        return made
    }

    /// Positions in the scenarios with a run side by slug, made once and shared.
    func runPositions(_ run: [ComputedScenario]) -> [String: Int] {
        let make = {
            Dictionary(run.enumerated().map { ($1.scenario.slug, $0) }, uniquingKeysWith: { first, _ in first })
        }
        guard let cache else { return make() }
        if let made = cache.runPositions.withLock({ $0 }) { return made }
        let made = make()
        cache.runPositions.withLock { $0 = made }
        return made
    }

    /// The bounded dependency table of `ExposureSummary`.
    func summaryTable(
        _ named: [Dependency], headers: [String], run: [ComputedScenario]
    ) -> String {
        let rankings = named.map { ranking($0, run) }
        let positions = runPositions(run)
        let linkedPositions = linkedScenarios.compactMap { positions[$0] }
        let shown = ExposureSummary.rows(linked: linkedPositions, ranking: rankings[0])
        let spreadRows: [[String]] = [
            ("Most exposed", \ExposureSummary.Ranking.spread.most),
            ("Median", \ExposureSummary.Ranking.spread.median),
            ("Least exposed", \ExposureSummary.Ranking.spread.least),
        ].map { label, path in
            [label]
                + zip(named, rankings).map { dependency, ranking in
                    escapeHTML(ExposureSummary.formatted(ranking[keyPath: path], dependency))
                }
        }
        let spread = HTMLTable(
            caption: "How the \(run.count) scenarios with a run side are spread on each dependency",
            headers: [""] + Array(headers.dropFirst()), className: "data dependencies spread"
        ).html(rows: spreadRows)
        let rows = shown.map { index -> [String] in
            let item = run[index]
            let p = item.projection
            let name = "<a href=\"\(escapeHTML(link(p.slug)))\">\(escapeHTML(p.name))</a>"
            return [name] + named.map { cell(item, $0) + shockEffects(item, $0) }
        }
        let linkedCount = min(linkedPositions.count, ExposureSummary.linkedRows)
        let first = named[0]
        let caption =
            (linkedCount > 0 ? "The scenarios this essay links to, then the " : "The ")
            + "\(shown.count - linkedCount) most exposed to \(first.rawValue) of the \(run.count) with a run side, "
            + "and the effect of their shocks on their cumulative profit when they accept the dependency"
        let table = HTMLTable(caption: caption, headers: headers, className: "data dependencies").html(rows: rows)
        return spread + table
            + "<p class=\"more\"><a href=\"\(escapeHTML(compareLink))\">Every scenario’s figures, "
            + "side by side on the compare pages</a></p>"
    }
}
