import CostModel

/// What a build keeps of a scenario once it is computed (docs/performance.md, "From 1,000 to
/// 10,000 essays and scenarios"): the projection without its month-by-month figures, which only
/// the scenario's own page, its data files and the report's few sections read. Those compute the
/// full projection again (the model is pure and deterministic) and let it go once written, so
/// memory does not hold every scenario's months to the end of the build.
package struct ScenarioSummary: Sendable {
    /// The figures the shared pages read (totals, last month, measures for each dependency,
    /// retirements, decision, the strategies' outcomes), with `months` holding the last month only
    /// and the outcomes without their monthly runs.
    package var figures: Projection
    /// The number of months projected (`figures.months` holds the last only).
    var monthCount: Int
    /// The verdict, one to three sentences, as the compare pages and the report's table show it.
    var verdict: String

    package init(_ projection: Projection, scenario: Scenario, catalog: Catalog) {
        monthCount = projection.months.count
        verdict = ScenarioViews(projection: projection, scenario: scenario, catalog: catalog).verdict()
        var figures = projection
        figures.months = projection.months.last.map { [$0] } ?? []
        for s in figures.strategies.indices {
            for o in figures.strategies[s].outcomes.indices {
                figures.strategies[s].outcomes[o].monthlyProfit = []
                figures.strategies[s].outcomes[o].monthlyGrossMargin = []
            }
        }
        self.figures = figures
    }
}

extension ComputedScenario {
    /// The figures the shared pages and the essays' tables read (`ScenarioSummary.figures`).
    var projection: Projection { summary.figures }

    /// The label of month `m` of the projection, as the model writes it.
    func monthLabel(_ m: Int) -> String { scenario.start.adding(m).description }

    /// The full projection, computed again for the pages that show it month by month.
    package func fullProjection(_ catalog: Catalog) -> Projection { Projection(scenario: scenario, catalog: catalog) }
}
