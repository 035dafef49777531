import Formats

/// What a change does to the economics: the scenarios added, removed or whose headline figures
/// moved, and the catalog's models whose prices or retirements changed, between two snapshots.
public struct EconomicsDiff: Sendable {
    public enum Status: String, Sendable {
        case added, removed, changed
    }

    /// One figure before and after, as printed.
    public struct FigureChange: Sendable, Equatable {
        public var key: String
        public var label: String
        public var before: String
        public var after: String
        /// `+$1,200`, `−4.2 pts`; empty where a difference means nothing (text).
        public var change: String
    }

    public struct ScenarioChange: Sendable {
        public var slug: String
        public var name: String
        public var status: Status
        /// The figures that moved; for an added or removed scenario, all of them (one side `—`).
        public var figures: [FigureChange]
        /// The unrounded gross margins of the last month, before and after.
        public var marginBefore: Double?
        public var marginAfter: Double?

        /// How far the gross margin fell (a fraction, positive for a fall); nil unless both exist.
        public var marginDrop: Double? {
            guard let marginBefore, let marginAfter else { return nil }
            return marginBefore - marginAfter
        }
    }

    public struct ModelChange: Sendable {
        public var id: String
        public var status: Status
        public var figures: [FigureChange]
    }

    /// Changed, added and removed scenarios, by slug.
    public var scenarios: [ScenarioChange]
    /// Scenarios on both sides whose printed figures are all equal.
    public var unchanged: Int
    /// Models added, removed or changed, by id; empty when the catalogs were not compared.
    public var models: [ModelChange]
    /// False when a side does not record its catalog.
    public var catalogCompared: Bool

    public init(base: EconomicsSnapshot, head: EconomicsSnapshot) {
        var scenarios: [ScenarioChange] = []
        var unchanged = 0
        for slug in Set(base.scenarios.keys).union(head.scenarios.keys).sorted() {
            switch (base.scenarios[slug], head.scenarios[slug]) {
            case (let before?, let after?):
                let figures = Self.compare(before.figures, after.figures, bothSidesOnly: true)
                if figures.isEmpty {
                    unchanged += 1
                } else {
                    scenarios.append(
                        ScenarioChange(
                            slug: slug, name: after.name, status: .changed, figures: figures,
                            marginBefore: before.grossMargin, marginAfter: after.grossMargin))
                }
            case (nil, let after?):
                scenarios.append(
                    ScenarioChange(
                        slug: slug, name: after.name, status: .added,
                        figures: after.figures.map { Self.change(nil, $0) },
                        marginBefore: nil, marginAfter: after.grossMargin))
            case (let before?, nil):
                scenarios.append(
                    ScenarioChange(
                        slug: slug, name: before.name, status: .removed,
                        figures: before.figures.map { Self.change($0, nil) },
                        marginBefore: before.grossMargin, marginAfter: nil))
            case (nil, nil):
                continue
            }
        }
        self.scenarios = scenarios
        self.unchanged = unchanged
        var models: [ModelChange] = []
        if let old = base.catalog, let new = head.catalog {
            for id in Set(old.keys).union(new.keys).sorted() {
                switch (old[id], new[id]) {
                case (let before?, let after?):
                    let figures = Self.compare(before, after, bothSidesOnly: false)
                    if !figures.isEmpty { models.append(ModelChange(id: id, status: .changed, figures: figures)) }
                case (nil, let after?):
                    models.append(
                        ModelChange(id: id, status: .added, figures: after.map { Self.change(nil, $0) }))
                case (let before?, nil):
                    models.append(
                        ModelChange(id: id, status: .removed, figures: before.map { Self.change($0, nil) }))
                case (nil, nil):
                    continue
                }
            }
        }
        self.models = models
        catalogCompared = base.catalog != nil && head.catalog != nil
    }

    /// The figures whose printed text differs, in `after`'s order. A figure only one side has
    /// (the decision, before the data carried it) is left out when `bothSidesOnly`.
    static func compare(_ before: [Figure], _ after: [Figure], bothSidesOnly: Bool) -> [FigureChange] {
        var changes: [FigureChange] = []
        for figure in after {
            let old = before.first { $0.key == figure.key }
            if old == nil && bothSidesOnly { continue }
            if let old, old.display == figure.display { continue }
            changes.append(change(old, figure))
        }
        return changes
    }

    static func change(_ before: Figure?, _ after: Figure?) -> FigureChange {
        let figure = after ?? before
        var change = ""
        if let before, let after { change = before.change(to: after) }
        return FigureChange(
            key: figure?.key ?? "", label: figure?.label ?? "", before: before?.display ?? "—",
            after: after?.display ?? "—", change: change)
    }

    /// Nothing moved: no scenario added, removed or changed, and no catalog change.
    public var isEmpty: Bool { scenarios.isEmpty && models.isEmpty }

    /// Scenarios whose gross margin fell by more than `threshold` (a fraction: 0.02 is two
    /// points), largest fall first.
    public func marginDrops(over threshold: Double) -> [ScenarioChange] {
        scenarios.filter { ($0.marginDrop ?? -.infinity) > threshold }
            .sorted { ($0.marginDrop ?? 0, $1.slug) > ($1.marginDrop ?? 0, $0.slug) }
    }

    func count(_ status: Status) -> Int { scenarios.filter { $0.status == status }.count }
}

extension EconomicsDiff {
    /// `gross margin 62.3% → 58.1% (−4.2 pts)` for a scenario's margin, as the gate reports it.
    public func marginFall(_ scenario: ScenarioChange) -> String {
        let before = Format.percent(scenario.marginBefore), after = Format.percent(scenario.marginAfter)
        let change = scenario.figures.first { $0.key == "gross_margin" }?.change ?? ""
        return "gross margin \(before) → \(after)" + (change.isEmpty ? "" : " (\(change))")
    }
}
