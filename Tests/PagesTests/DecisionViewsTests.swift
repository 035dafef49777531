import CostModelFixtures
import Formats
import TestSupport
import Testing

@testable import CostModel
@testable import Pages

/// The verdict, the decision table and the charts of "What to do", on the scenarios of
/// `FuturesFixture` (figures worked out in Tests/CostModelTests/FuturesTests.swift).
@Suite struct DecisionViewsTests {
    let futures = FuturesFixture()

    func views(_ scenario: Scenario) -> ScenarioViews {
        ScenarioViews(
            projection: Projection(scenario: scenario, catalog: FuturesFixture.catalog), scenario: scenario,
            catalog: FuturesFixture.catalog)
    }

    @Test func aDiversifyVerdictThatIsInsurance() {
        // Diversify to y1: 27,416 in both futures; accept 31,708 and 21,839.4 (the ban).
        // Lead over accept's worst: 27,416 − 21,839 = 5,577. Switch month 0; never ahead in the
        // baseline (27,416 < 31,708), ahead in the ban: insurance against it.
        let shock = Shock(name: "X bans us", bans: [Ban(provider: "X", month: 2, moveTo: "z1")])
        let diversify = Diversify(routing: [Route(model: "y1", share: 1)], failover: false)
        let v = views(futures.scenario(shocks: [shock], diversify: diversify))
        #expect(
            v.verdict()
                == "Diversifying across providers keeps the best worst case: at least $27,416 of profit over 4 months "
                + "in every future modelled (no shock modelled touches it), $5,577 more than accepting at its worst. In the "
                + "baseline the switch in month 0 (2027-01) never pays back: it is insurance against “X bans us”.")
        // The table: one row per future, then worst case and largest regret (accept 31,708 − 27,416... no:
        // in the baseline accept is best, so diversify trails it by 31,708 − 27,416 = 4,292).
        let table = withoutDataLabels(v.strategiesTable().text)
        #expect(
            table.contains(
                "<tr><th scope=\"row\">Baseline</th><td class=\"num\"><strong class=\"best\">$31,708 <span "
                    + "class=\"best-mark\">best</span></strong></td><td class=\"num\">$27,416</td></tr>"))
        #expect(
            table.contains(
                "<tr><th scope=\"row\">Largest regret</th><td class=\"num\">$5,577</td><td class=\"num\">$4,292</td></tr>"
            ))
    }

    @Test func anAcceptVerdict() {
        // Accept: 31,708 and 30,708 (X down 100 hours); diversify 29,994.16 in both: lead
        // 30,708 − 29,994 = 714, and diversify is behind in both futures.
        let shock = Shock(name: "X down", outages: [Outage(provider: "X", month: 1, hours: 100)])
        let diversify = Diversify(routing: [Route(model: "x1", share: 0.5), Route(model: "y1", share: 0.5)])
        let v = views(futures.scenario(shocks: [shock], diversify: diversify))
        #expect(
            v.verdict()
                == "Accepting the dependency keeps the best worst case: at least $30,708 of profit over 4 months "
                + "in every future modelled (its worst is “X down”), $714 more than diversifying at its worst. Diversifying "
                + "costs more than it saves in each of them.")
    }

    @Test func anOwnModelVerdictThatPaysBack() {
        // Own model from month 1 with 5,000 to migrate: pays back in month 3; 25,627.5 against
        // accept's 23,708 on x2: a lead of 25,628 − 23,708 = 1,920.
        let own = OwnModel(
            gpuHour: 1, gpus: 1, tokensPerSecond: 1000, utilization: 1, fixedMonthly: 1000, fromMonth: 1,
            migrationCost: 5000)
        let v = views(futures.scenario(model: "x2", own: own))
        #expect(
            v.verdict()
                == "Investing in an own model keeps the best worst case: at least $25,628 of profit over 4 months "
                + "in every future modelled (no shock modelled touches it), $1,920 more than accepting at its worst. The switch "
                + "in month 1 (2027-02) pays back in month 3 (2027-04) of the baseline.")
        // A cumulative-profit chart with both strategies; no shocks, so no shock chart.
        let html = v.decisionHTML().text
        #expect(html.contains("<figure class=\"chart-figure\" id=\"chart-cumulative\">"))
        #expect(!html.contains("chart-shocks"))
        #expect(html.contains("Investing in an own model switches in month 1 (2027-02) at a one-time cost of $5,000."))
    }

    @Test func aSwitchThatPaysForItselfAtOnce() {
        // Own model from month 1 at no migration cost: 8,233.5 against accept's 5,927 in month 1,
        // ahead at once. Worst 30,627.5 (shown $30,628) against 23,708: $6,920 more.
        let own = OwnModel(
            gpuHour: 1, gpus: 1, tokensPerSecond: 1000, utilization: 1, fixedMonthly: 1000, fromMonth: 1)
        #expect(
            views(futures.scenario(model: "x2", own: own)).verdict()
                == "Investing in an own model keeps the best worst case: at least $30,628 of profit over 4 months "
                + "in every future modelled (no shock modelled touches it), $6,920 more than accepting at its worst. "
                + "The switch in month 1 (2027-02) pays for itself in that same month of the baseline.")
    }

    @Test func aBuildOnlyVerdictWithAShock() {
        // 197 in the baseline, 195.5 (shown $196) with the shock: $1 less as shown.
        let shock = Shock(name: "x1 doubles", priceChanges: [PriceChange(month: 1, target: .model("x1"), factor: 2)])
        let s = Scenario(
            slug: "b", name: "B", start: month("2027-01"), months: 2, usersStart: 10, pricePerUser: 10,
            build: BuildSide(developers: 1, tokensPerDeveloper: 1_000_000, outputShare: 0.5, model: "x1"),
            shocks: [shock])
        #expect(
            views(s).verdict()
                == "A build-only company has no runtime dependency to manage, so accepting it is the only answer: it "
                + "makes $197 over 2 months in the baseline and $196 if “x1 doubles” happens, $1 less.")
    }

    @Test func regretNamesAnotherStrategyWhenItDisagrees() {
        // Figures set by hand: accept 100 / 50, diversify 60 / 55. Worst: accept 50, diversify 55 →
        // maximin diversify (lead 5). Regret: baseline accept 0, diversify 40; shock accept 5,
        // diversify 0 → minimax regret accept, largest regret 5.
        let shock = Shock(name: "S", outages: [Outage(provider: "X", month: 0, hours: 1)])
        let diversify = Diversify(routing: [Route(model: "y1", share: 1)], failover: false)
        let s = futures.scenario(shocks: [shock], diversify: diversify)
        var p = Projection(scenario: s, catalog: FuturesFixture.catalog)
        p.strategies[0].outcomes[0].cumulativeProfit = 100
        p.strategies[0].outcomes[1].cumulativeProfit = 50
        p.strategies[1].outcomes[0].cumulativeProfit = 60
        p.strategies[1].outcomes[1].cumulativeProfit = 55
        p.strategies[1].outcomes[0].paybackMonth = nil
        (p.strategies[0].worstCumulativeProfit, p.strategies[0].maxRegret) = (50, 5)
        (p.strategies[1].worstCumulativeProfit, p.strategies[1].maxRegret) = (55, 40)
        p.decision = Decision(maximin: .diversify, minimaxRegret: .accept)
        let v = ScenarioViews(projection: p, scenario: s, catalog: FuturesFixture.catalog)
        #expect(
            v.verdict()
                == "Diversifying across providers keeps the best worst case: at least $55 of profit over 4 months "
                + "in every future modelled (its worst is “S”), $5 more than accepting at its worst. In the baseline the "
                + "switch in month 0 (2027-01) never pays back: it is insurance against “S”. Judged by regret "
                + "instead, accepting is the safer choice: it never trails the best strategy by more than $5.")
    }

    @Test func chartsLabelEveryBarAndKeepTheirLegendAndAxisInside() {
        // Seven bars: seven labels (the issue: four of seven were labelled).
        let bars = Chart(
            id: "b", title: "T", description: "D", kind: .bars, xLabels: ["a", "b", "c", "d", "e", "f", "g"],
            series: [ChartSeries(name: "S", values: [1, 2, 3, 4, 5, 6, 7], style: "s1")],
            format: { Format.percent($0, into: &$1) })
        #expect(bars.svg().components(separatedBy: "text-anchor=\"middle\"").count - 1 == 7)
        // A legend too long for one row wraps onto a second: entries of 30 + 10 × 20 = 230 units,
        // two fit in 640 − 72 − 16 = 552, the third goes to row 2.
        let long = Chart(
            id: "l", title: "T", description: "D", xLabels: ["a", "b"],
            series: (0..<3).map { _ in
                ChartSeries(name: String(repeating: "x", count: 20), values: [1, 2], style: "s1")
            },
            format: { Format.moneyAxis($0, into: &$1) })
        #expect(long.legendPositions().map(\.row) == [0, 0, 1])
        let svg = long.svg()
        // The plot moves down by one legend row (22): 300 + 22 high.
        #expect(svg.contains("viewBox=\"0 0 640 322\""))
        // Ticks $0, $0.5 … $2: short labels keep the plot at the usual 72.
        #expect(svg.contains("<text class=\"tick\" x=\"66\" y=\"176\" text-anchor=\"end\">$1</text>"))
        // Seven-character ticks (2000.0%) move the plot right to 12 + 7 × 10 = 82, so none is cut.
        let wide = Chart(
            id: "w", title: "T", description: "D", xLabels: ["a", "b"],
            series: [ChartSeries(name: "S", values: [10, 20], style: "s1")],
            format: { Format.percent($0, into: &$1) })
        #expect(wide.svg().contains("<line class=\"axis\" x1=\"82\" x2=\"82\""))
    }

    @Test func theInputsSayWhatARetiredModelIsBilledAs() {
        // z1 retired 2027-04-01; from 2027-05 it is billed as z2 (the issue: the page said nothing).
        var s = futures.scenario(model: "z1")
        s.start = month("2027-05")
        let v = views(s)
        let cell = v.routingCell(s.run?.routing ?? [])
        #expect(cell.hasSuffix("100.0%, billed as <code>z2</code>"))
        #expect(
            v.retirementsTable().text
                == "<p>No model this scenario uses retires during the projection, but <code>z1</code> <span "
                + "class=\"muted\">(Z)</span> retired before it starts and is billed as <code>z2</code> <span "
                + "class=\"muted\">(Z)</span>.</p>")
        // Shocks are listed among the inputs, in words.
        let shock = Shock(name: "Z bans", bans: [Ban(provider: "Z", month: 1, moveTo: "x1")])
        #expect(
            v.shockDescription(shock)
                == "Z no longer usable from month 1 (2027-06), traffic moved to <code>x1</code> <span "
                + "class=\"muted\">(X)</span>")
    }
}
