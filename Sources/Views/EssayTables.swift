import Basics
import CostModel
import Formats
import Markdown

/// The tables an essay's own lists call for, measured across the scenarios.
///
/// A bullet list whose every item reads `**Label**: one side vs. the other side` becomes a
/// comparison table; a list of `**Label**: text` items naming a provider dependency is kept
/// and followed by a table of every run scenario against those dependencies.
package struct EssayTables {
    /// Tables built once and shared between essays, by what they depend on.
    package final class Cache: Sendable {
        let tables = Locked([String: String]())
        /// What the bounded tables of `ExposureSummary` share.
        let rankings = Locked([Dependency: ExposureSummary.Ranking]())
        let runPositions = Locked<[String: Int]?>(nil)
        let withRun = Locked<[ComputedScenario]?>(nil)

        package init() {}
    }

    /// Published scenarios with their projections, in slug order.
    let scenarios: [ComputedScenario]
    /// The link to a scenario from the page the essay is on.
    let link: (String) -> String
    var cache: Cache?
    /// Whether `cache` keeps the tables, not only what they are made from (the scenarios with a
    /// run side, their rankings): a page whose links differ from every essay's (the report)
    /// shares the latter only.
    package var cachesTables = true
    /// What, besides the list, the cached tables depend on: the links' form.
    var cacheKey = ""
    /// The scenarios the essay links to, by slug, in the order of their first link: a bounded
    /// dependency table shows them first.
    package var linkedScenarios: [String] = []
    /// The link to every scenario's figures (the compare pages), from the page the essay is on.
    package var compareLink = "compare.html"

    /// - Parameter cache: where essays share the tables they make (`cachesTables`), keyed
    ///   besides by `cacheKey`.
    package init(
        scenarios: [ComputedScenario], link: @escaping (String) -> String, cache: Cache? = nil, cacheKey: String = ""
    ) {
        self.scenarios = scenarios
        self.link = link
        self.cache = cache
        self.cacheKey = cacheKey
    }

    /// A provider dependency a list can name, by its label lower-cased (docs/content.md).
    package enum Dependency: String, CaseIterable {
        case pricingChanges = "pricing changes", rateLimits = "rate limits", modelChanges = "model changes"
        case availability, termsOfService = "terms of service"

        /// What the dependency table's column for it shows.
        var measure: String {
            switch self {
            case .pricingChanges: "break-even price rise"
            case .rateLimits: "headroom at peak"
            case .modelChanges: "retirements"
            case .availability: "uptime"
            case .termsOfService: "provider concentration"
            }
        }

        /// The kind of shock that stands for it.
        var shockKind: Shock.Kind {
            switch self {
            case .pricingChanges: .priceChanges
            case .rateLimits: .rateLimits
            case .modelChanges: .retirements
            case .availability: .outages
            case .termsOfService: .bans
            }
        }

        /// The dependency a list item's label names, if any.
        init?(label: String) {
            self.init(rawValue: EssayTables.key(label))
        }
    }

    static func key(_ label: String) -> String {
        label.lowercased().trimmingSpaces()
    }

    /// What a list calls for: a comparison table in its place, or a dependency table after it.
    enum Table {
        case comparison([(label: String, left: String, right: String)])
        case dependencies([Dependency])
    }

    /// The table `list` calls for, if any.
    static func table(for list: BulletList) -> Table? {
        guard !list.items.isEmpty else { return nil }
        if let rows = comparisonRows(list) { return .comparison(rows) }
        guard list.items.allSatisfy({ $0.label != nil }) else { return nil }
        let named = list.items.compactMap { $0.label.flatMap(Dependency.init(label:)) }
        return named.isEmpty ? nil : .dependencies(named)
    }

    /// Comparison labels `measure` has a figure for; the others show "—".
    static let measuredLabels: Set<String> = ["cost structure", "margins", "scaling", "risk"]

    /// Whether the table `list` calls for shows figures of the scenarios (a dependency table, or
    /// a comparison with a measured label), so that it changes when a scenario does. A comparison
    /// without one shows only how many scenarios there are.
    package static func showsScenarioFigures(_ list: BulletList) -> Bool {
        switch table(for: list) {
        case .dependencies: return true
        case .comparison(let rows): return rows.contains { measuredLabels.contains(key($0.label)) }
        case nil: return false
        }
    }

    /// The renderings of the essay's lists, by list index.
    package func renderings(headings: [Heading], lists: [BulletList], compare: [String]?) -> [Int: ListRendering] {
        var result: [Int: ListRendering] = [:]
        let sides = compare ?? defaultSides(headings)
        for list in lists {
            switch Self.table(for: list) {
            case .comparison(let rows):
                result[list.index] = .replace(html: comparisonTable(rows, sides: sides))
            case .dependencies(let named):
                result[list.index] = .append(html: dependencyTable(named, labels: list.items.compactMap(\.label)))
            case nil:
                break
            }
        }
        return result
    }

    private func defaultSides(_ headings: [Heading]) -> [String] {
        let second = headings.filter { $0.level == 2 }.map(\.text)
        return second.count >= 2 ? Array(second.prefix(2)) : ["One side", "The other side"]
    }

    /// Label, left and right of each item, or nil if some item is not a comparison.
    static func comparisonRows(_ list: BulletList) -> [(label: String, left: String, right: String)]? {
        var rows: [(String, String, String)] = []
        for item in list.items {
            guard let label = item.label, let (left, right) = splitAtVersus(item.text) else { return nil }
            rows.append((label, left.trimmingSpaces(), right.trimmingSpaces()))
        }
        return rows
    }

    /// The text before and after the first " vs. ", found over the bytes (the generic
    /// `firstRange` over a UTF-8 view walks it an element at a time).
    static func splitAtVersus(_ text: String) -> (String, String)? {
        var text = text
        return text.withUTF8 { bytes -> (String, String)? in
            var i = 0
            while i + 5 <= bytes.count {
                if bytes[i] == UInt8(ascii: " "), bytes[i + 1] == UInt8(ascii: "v"), bytes[i + 2] == UInt8(ascii: "s"),
                    bytes[i + 3] == UInt8(ascii: "."), bytes[i + 4] == UInt8(ascii: " ")
                {
                    return (
                        String(decoding: bytes[..<i], as: UTF8.self),
                        String(decoding: bytes[(i + 5)...], as: UTF8.self)
                    )
                }
                i += 1
            }
            return nil
        }
    }

    // MARK: Comparison

    var buildOnly: [ComputedScenario] { scenarios.filter { $0.scenario.run == nil } }
    var withRun: [ComputedScenario] {
        guard let cache else { return scenarios.filter { $0.scenario.run != nil } }
        if let made = cache.withRun.withLock({ $0 }) { return made }
        let made = scenarios.filter { $0.scenario.run != nil }
        cache.withRun.withLock { $0 = made }
        return made
    }

    func comparisonTable(_ rows: [(label: String, left: String, right: String)], sides: [String]) -> String {
        let headers = ["", sides[0], sides[1], "Measured across \(scenarios.count) scenarios"]
        let body = rows.map { row in
            [escapeHTML(row.label), escapeHTML(row.left), escapeHTML(row.right), cachedMeasure(row.label)]
        }
        return HTMLTable(caption: nil, headers: headers, className: "data comparison", labelsCells: true).html(
            rows: body)
    }

    /// `measure(label)`, computed once per label for all essays.
    func cachedMeasure(_ label: String) -> String {
        guard let cache, cachesTables else { return measure(label) }
        let key = "measure\u{1F}" + Self.key(label)
        if let figure = cache.tables.withLock({ $0[key] }) { return figure }
        let figure = measure(label)
        cache.tables.withLock { $0[key] = figure }
        return figure
    }

    /// The figure measured for a comparison label, or "—" for a label without one.
    func measure(_ label: String) -> String {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        switch Self.key(label) {
        case "cost structure":
            let build = scenarios.reduce(0) { $0 + $1.projection.totals.buildCost }
            let run = scenarios.reduce(0) { $0 + $1.projection.totals.runCost }
            return "\(Format.money(build)) spent on build tokens vs. \(Format.money(run)) on run tokens"
        case "margins":
            let b = mean(buildOnly.compactMap { $0.projection.last?.grossMargin })
            let r = mean(withRun.compactMap { $0.projection.last?.grossMargin })
            return "gross margin \(Format.percent(b)) (build only) vs. \(Format.percent(r)) (with a run side), "
                + "mean of the last month"
        case "scaling":
            func perUser(_ group: [ComputedScenario], thousandfold: Bool) -> Double? {
                mean(
                    group.compactMap {
                        thousandfold ? $0.summary.tokenCostPerUser.thousandfold : $0.summary.tokenCostPerUser.single
                    })
            }
            let describe: (Double?) -> String = { $0.map(Format.moneyPrecise) ?? "—" }
            return "token cost per user at 1× vs. 1000× users: \(describe(perUser(buildOnly, thousandfold: false))) → "
                + "\(describe(perUser(buildOnly, thousandfold: true))) (build only); "
                + "\(describe(perUser(withRun, thousandfold: false))) → "
                + "\(describe(perUser(withRun, thousandfold: true))) (with a run side)"
        case "risk":
            let b = mean(buildOnly.compactMap(\.summary.marginLostIfPricesDouble))
            let r = mean(withRun.compactMap(\.summary.marginLostIfPricesDouble))
            return "margin lost if token prices double: \(b.map(Format.points) ?? "—") (build only) vs. "
                + "\(r.map(Format.points) ?? "—") (with a run side)"
        default:
            return "—"
        }
    }

    // MARK: Dependencies

    func dependencyTable(_ named: [Dependency], labels: [String]) -> String {
        // The table shows only the dependency labels, as written: that is all it depends on.
        let shown = labels.filter { Dependency(label: $0) != nil }
        guard let cache, cachesTables else { return makeDependencyTable(named, labels: shown) }
        // A bounded table also depends on the scenarios the essay links to.
        let linked = withRun.count > ExposureSummary.fullTableLimit ? ["|"] + linkedScenarios : []
        let key = ([cacheKey] + named.map(\.rawValue) + ["|"] + shown + linked).joined(separator: "\u{1F}")
        if let table = cache.tables.withLock({ $0[key] }) { return table }
        let table = makeDependencyTable(named, labels: shown)
        cache.tables.withLock { $0[key] = table }
        return table
    }

    func makeDependencyTable(_ named: [Dependency], labels: [String]) -> String {
        let titles = Dictionary(labels.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let headers =
            ["Scenario"]
            + named.map { dependency in "\(titles[dependency.rawValue] ?? dependency.rawValue): \(dependency.measure)" }
        guard !withRun.isEmpty else {
            return "<p class=\"muted\">No scenario has a run side, so none depends on a provider at run time.</p>"
        }
        let run = withRun
        guard run.count <= ExposureSummary.fullTableLimit else {
            return summaryTable(named, headers: headers, run: run)
        }
        let rows = run.map { item -> [String] in
            let p = item.projection
            let name = "<a href=\"\(escapeHTML(link(p.slug)))\">\(escapeHTML(p.name))</a>"
            return [name]
                + named.map { dependency in
                    cell(item, dependency) + shockEffects(item, dependency)
                }
        }
        return HTMLTable(
            caption:
                "Every scenario with a run side against these dependencies, and the effect of its shocks of each kind "
                + "on its cumulative profit when it accepts the dependency",
            headers: headers, className: "data dependencies"
        ).html(rows: rows)
    }

    /// For each shock of the scenario with an event of `dependency`'s kind, what it does to accept's
    /// cumulative profit (for rate limits, which have no price, when it throttles), as HTML lines.
    func shockEffects(_ item: ComputedScenario, _ dependency: Dependency) -> String {
        let kind = dependency.shockKind
        guard let accept = item.projection.strategies.first else { return "" }
        let base = accept.outcomes[0]
        var lines: [String] = []
        for (index, shock) in item.scenario.shocks.enumerated() where shock.kinds.contains(kind) {
            guard index + 1 < accept.outcomes.count else { continue }
            let outcome = accept.outcomes[index + 1]
            var effect: String
            if kind == .rateLimits {
                effect =
                    outcome.throttledFromMonth.map { "throttled from \(item.scenario.start.adding($0).description)" }
                    ?? "not throttled"
            } else {
                let change = outcome.cumulativeProfit.rounded() - base.cumulativeProfit.rounded()
                effect =
                    TextBuffer.text { out in
                        if change > 0 { out.append("+") }
                        Format.moneyWhole(change, into: &out)
                    } + " profit"
            }
            lines.append(
                "<br><span class=\"muted\">“\(escapeHTML(shock.name))”: <span class=\"figure\">\(effect)</span></span>")
        }
        return lines.joined()
    }

    /// The scenario's own figure for `dependency`, as HTML.
    func cell(_ item: ComputedScenario, _ dependency: Dependency) -> String {
        let p = item.projection
        switch dependency {
        case .pricingChanges:
            return Format.multiplier(p.breakEvenPriceMultiplier)
        case .rateLimits:
            let headroom = item.summary.rateLimitHeadroom
            let throttled = item.summary.throttledFromMonth
            var text = headroom.map(Format.multiplier) ?? "no limit"
            // (The projection kept holds its last month only: the months from the scenario.)
            if let throttled, throttled < max(1, item.scenario.months) {
                text += ", throttled from \(item.scenario.start.adding(throttled).description)"
            }
            return text
        case .modelChanges:
            guard !p.retirements.isEmpty else { return "none" }
            return p.retirements.map { r in
                "\(escapeHTML(r.model)) → \(escapeHTML(r.successor ?? "nothing")) on \(r.date)"
            }.joined(separator: "<br>")
        case .availability:
            return
                "\(Format.availability(p.availability)), \(Format.downtime(hours: p.downtimeHoursPerMonth)) down a month"
        case .termsOfService:
            let providers = item.summary.providerCount
            return "\(p.providerConcentration.map { Format.number($0, decimals: 2) } ?? "—") "
                + "(\(providers) provider\(providers == 1 ? "" : "s"))"
        }
    }
}
