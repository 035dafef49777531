import CostModel

/// A scenario with its projection, ready to render. (Its file, with where each value is
/// written, is for diagnostics, all made by then: it is not kept.) A class: the lists the
/// pages make of the scenarios (those with a run side, the most exposed, a page of the compare
/// table) share each one rather than copy it (docs/performance.md, "What a build holds").
package final class ComputedScenario: Sendable {
    package let scenario: Scenario
    /// What the shared pages read; the full projection is computed again where it is shown.
    package let summary: ScenarioSummary

    package init(scenario: Scenario, summary: ScenarioSummary) {
        self.scenario = scenario
        self.summary = summary
    }
}

/// What a build keeps of a scenario once it is computed (docs/performance.md, "From 1,000 to
/// 10,000 essays and scenarios"): the projection without its month-by-month figures, which only
/// the scenario's own page, its data files and the report's few sections read. Those compute the
/// full projection again (the model is pure and deterministic) and let it go once written, so
/// memory does not hold every scenario's months to the end of the build.
package struct ScenarioSummary: Sendable {
    /// The figures the shared pages read (totals, last month, retirements, decision, the accept
    /// strategy's outcomes), with `months` holding the last month only, `strategies` the first
    /// (accept) only and its outcomes without their monthly runs, and no table rows (scaling,
    /// price sensitivity, rate limits, providers): of those the shared pages read a few figures,
    /// kept below.
    package var figures: Projection
    /// The number of months projected (`figures.months` holds the last only).
    package var monthCount: Int
    /// The verdict, one to three sentences, as the compare pages and the report's table show it.
    package var verdict: String
    /// The token cost per user at 1× and at 1000× users (the scaling table's first and fourth
    /// rows), which the essays' comparison tables average.
    var tokenCostPerUser: (single: Double?, thousandfold: Double?)
    /// The gross margin lost when token prices double (price sensitivity at 1× less at 2×).
    var marginLostIfPricesDouble: Double?
    /// The lowest headroom under a rate limit and the first month a limit throttles.
    var rateLimitHeadroom: Double?
    var throttledFromMonth: Int?
    /// How many providers the scenario's run side uses.
    var providerCount: Int

    package init(_ projection: Projection, scenario: Scenario, catalog: Catalog) {
        monthCount = projection.months.count
        verdict = ScenarioViews(projection: projection, scenario: scenario, catalog: catalog).verdict()
        func perUser(_ row: Int) -> Double? {
            projection.scaling.indices.contains(row) ? projection.scaling[row].tokenCostPerUser : nil
        }
        tokenCostPerUser = (perUser(0), perUser(3))
        let sensitivity = projection.priceSensitivity
        if let base = sensitivity.first(where: { $0.multiplier == 1 })?.grossMargin,
            let doubled = sensitivity.first(where: { $0.multiplier == 2 })?.grossMargin
        {
            marginLostIfPricesDouble = base - doubled
        }
        rateLimitHeadroom = projection.rateLimits.compactMap(\.headroom).min()
        throttledFromMonth = projection.rateLimits.compactMap(\.throttledFromMonth).min()
        providerCount = projection.providers.count
        var figures = projection
        figures.months = projection.months.last.map { [$0] } ?? []
        figures.scaling = []
        figures.priceSensitivity = []
        figures.rateLimits = []
        figures.providers = []
        figures.strategies = Array(projection.strategies.prefix(1))
        for s in figures.strategies.indices {
            for o in figures.strategies[s].outcomes.indices {
                figures.strategies[s].outcomes[o].monthlyProfit = []
                figures.strategies[s].outcomes[o].monthlyGrossMargin = []
                figures.strategies[s].outcomes[o].monthlyDowntimeHours = []
            }
        }
        self.figures = figures
    }
}

extension ComputedScenario {
    /// The figures the shared pages and the essays' tables read (`ScenarioSummary.figures`).
    var projection: Projection { summary.figures }

    /// The label of month `m` of the projection, as the model writes it.
    package func monthLabel(_ m: Int) -> String { scenario.start.adding(m).description }

    /// The full projection, computed again for the pages that show it month by month.
    package func fullProjection(_ catalog: Catalog) -> Projection { Projection(scenario: scenario, catalog: catalog) }
}
