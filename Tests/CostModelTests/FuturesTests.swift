import CostModelFixtures
import Testing
import TestSupport

@testable import CostModel

/// Futures, strategies and the decision (docs/model.md) against figures worked out by hand.
///
/// The catalog (USD per 1M tokens, input / output):
/// - x1 (X): 1 / 2, availability 0.99, 100 requests a minute
/// - x2 (X): 2 / 4, availability 0.99
/// - y1 (Y): 1.5 / 3, availability 0.98
/// - z1 (Z): 3 / 6, availability 0.999, retires 2027-04-01 → z2
/// - z2 (Z): 4 / 8, availability 0.999
///
/// The scenario: four months from 2027-01, 1,000 users paying 10 (revenue 10,000 a month),
/// 1,000 requests per user (1,000,000 a month) of 1,000 input and 500 output tokens, an hour
/// down costs 10. A request costs (1,000 × input + 500 × output) / 1e6: x1 0.002 (2,000 a month),
/// x2 0.004 (4,000), y1 0.003 (3,000), z1 0.006 (6,000), z2 0.008 (8,000).
/// On x1 without failover: (1 − 0.99) × 730 = 7.3 hours down a month, 73 of cost, so accept's
/// baseline profit is 10,000 − 2,000 − 73 = 7,927 a month, 31,708 over the four months.
@Suite struct FuturesTests {
    static let catalog = FuturesFixture.catalog
    let fixture = FuturesFixture()

    func scenario(
        model: String = "x1", shocks: [Shock] = [], diversify: Diversify? = nil, own: OwnModel? = nil,
        target: Double = 0.7
    ) -> Scenario {
        fixture.scenario(model: model, shocks: shocks, diversify: diversify, own: own, target: target)
    }

    func outcome(_ p: Projection, _ strategy: Strategy, _ future: Int) -> Outcome? {
        p.strategies.first { $0.strategy == strategy }?.outcomes[future]
    }

    @Test func baselineAcceptIsTheMonthsArray() throws {
        let p = Projection(scenario: scenario(), catalog: Self.catalog)
        #expect(p.futures == ["baseline"])
        #expect(p.strategies.map(\.strategy) == [.accept])
        #expect(p.months.allSatisfy { isClose($0.downtimeHours, 7.3) && isClose($0.downtimeCost, 73) })
        #expect(p.months.allSatisfy { isClose($0.profit, 7927) })
        #expect(isClose(p.totals.downtimeCost, 292))
        let accept = try #require(outcome(p, .accept, 0))
        #expect(isClose(accept.cumulativeProfit, 31_708))
        #expect(isClose(accept.runSideCost, 8000))
        #expect(isClose(accept.downtimeHours, 29.2))
        #expect(accept.paybackMonth == nil)
        #expect(p.strategies[0].fromMonth == nil && p.strategies[0].migrationCost == 0)
    }

    @Test func aPriceShockMovesCostsFromItsMonth() throws {
        // X's prices × 1.5 from month 2: x1 costs 2,000, 2,000, 3,000, 3,000 = 10,000, 2,000 more.
        let shock = Shock(name: "X +50%", priceChanges: [PriceChange(month: 2, target: .provider("X"), factor: 1.5)])
        let p = Projection(scenario: scenario(shocks: [shock], target: 0.75), catalog: Self.catalog)
        #expect(p.futures == ["baseline", "X +50%"])
        let shocked = try #require(outcome(p, .accept, 1))
        #expect(isClose(shocked.runSideCost, 10_000))
        #expect(isClose(shocked.cumulativeProfit, 29_708))
        // Margin in M: (10,000 − 3,000) / 10,000 = 0.7, below 0.75 from month 2; baseline 0.8 never.
        #expect(isClose(shocked.grossMargin, 0.7))
        #expect(shocked.marginBelowTargetMonth == 2)
        #expect(outcome(p, .accept, 0)?.marginBelowTargetMonth == nil)
        // The months array stays the baseline.
        #expect(p.months.map(\.runCost) == [2000, 2000, 2000, 2000])
    }

    @Test func aRetirementShockBillsTheSuccessorFromItsMonth() throws {
        // x1 retired in month 1, to x2: 2,000 + 3 × 4,000 = 14,000; profit 40,000 − 14,000 − 292 = 25,708.
        let shock = Shock(name: "x1 retires", retirements: [RetirementEvent(model: "x1", month: 1, successor: "x2")])
        let p = Projection(scenario: scenario(shocks: [shock]), catalog: Self.catalog)
        let shocked = try #require(outcome(p, .accept, 1))
        #expect(isClose(shocked.runSideCost, 14_000))
        #expect(isClose(shocked.cumulativeProfit, 25_708))
    }

    @Test func anOutageCostsItsHoursUnlessAnotherProviderTakesOver() throws {
        // X down 100 hours in month 1. Accept, x1 alone, no failover: month 1 is down
        // 7.3 + 100 = 107.3 hours, 1,000 more: 31,708 − 1,000 = 30,708.
        // Diversify to x1 0.5 + y1 0.5 with failover: the outage costs nothing. Its availability is
        // 1 − 0.01 × 0.02 = 0.9998: 0.146 hours, 1.46 a month; a request 0.5 × 0.002 + 0.5 × 0.003
        // = 0.0025, 2,500 a month: 4 × (10,000 − 2,500 − 1.46) = 29,994.16.
        let shock = Shock(name: "X down", outages: [Outage(provider: "X", month: 1, hours: 100)])
        let diversify = Diversify(routing: [Route(model: "x1", share: 0.5), Route(model: "y1", share: 0.5)])
        let p = Projection(scenario: scenario(shocks: [shock], diversify: diversify), catalog: Self.catalog)
        let accept = try #require(outcome(p, .accept, 1))
        #expect(isClose(accept.downtimeHours, 129.2))
        #expect(isClose(accept.cumulativeProfit, 30_708))
        let diversified = try #require(outcome(p, .diversify, 1))
        #expect(isClose(diversified.cumulativeProfit, 29_994.16))
        #expect(isClose(diversified.availability, 0.9998))
        #expect(diversified.cumulativeProfit == outcome(p, .diversify, 0)?.cumulativeProfit)
        // Payback in the outage: 7,498.54 − 7,927 = −428.46 in month 0, then 7,498.54 − 6,927 = +571.54
        // in month 1: 143.08 ahead. In the baseline it is behind every month: no payback.
        #expect(diversified.paybackMonth == 1)
        #expect(outcome(p, .diversify, 0)?.paybackMonth == nil)
        // Accept: best in the baseline (31,708 against 29,994.16) and in the outage (30,708).
        #expect(p.decision == Decision(maximin: .accept, minimaxRegret: .accept))
    }

    @Test func outagesAddUpAndAreCappedAtTheMonth() throws {
        // 500 + 300 hours of X in month 0: 7.3 + 800 capped at 730; months 1-3 7.3 each.
        let shock = Shock(
            name: "long",
            outages: [Outage(provider: "X", month: 0, hours: 500), Outage(provider: "X", month: 0, hours: 300)])
        let p = Projection(scenario: scenario(shocks: [shock]), catalog: Self.catalog)
        #expect(isClose(outcome(p, .accept, 1)?.downtimeHours, 730 + 3 * 7.3))
        // An outage of a provider without a share costs nothing.
        let elsewhere = Shock(name: "Y down", outages: [Outage(provider: "Y", month: 0, hours: 500)])
        let q = Projection(scenario: scenario(shocks: [elsewhere]), catalog: Self.catalog)
        #expect(isClose(outcome(q, .accept, 1)?.cumulativeProfit, 31_708))
    }

    @Test func aRateLimitShockThrottlesButCostsNothing() throws {
        // Peak: 1,000,000 / 43,800 × 3 = 68.49 requests a minute; x1's 100 give a headroom of 1.46.
        // Halved from month 2: 50 / 68.49 = 0.73 < 1, throttled from month 2; profit unchanged.
        let shock = Shock(
            name: "X halves limits", rateLimits: [RateLimitChange(month: 2, target: .model("x1"), factor: 0.5)])
        let p = Projection(scenario: scenario(shocks: [shock]), catalog: Self.catalog)
        #expect(outcome(p, .accept, 0)?.throttledFromMonth == nil)
        let shocked = try #require(outcome(p, .accept, 1))
        #expect(shocked.throttledFromMonth == 2)
        #expect(isClose(shocked.cumulativeProfit, 31_708))
        // Scaling: headroom in M, 100 / 68.49 = 1.46, divided by k: 0.146 at ten times the users.
        #expect(isClose(p.scaling[1].headroom, 100 / (1_000_000 / 43_800.0 * 3) / 10))
    }

    @Test func aBanMovesTrafficToAModelThatThenRetires() throws {
        // X banned from month 2, traffic to z1; z1 retires 2027-04-01 (month 3) to z2.
        // Run cost 2,000, 2,000, 6,000 (z1), 8,000 (z2) = 18,000. Z answers 0.999 of the time:
        // 0.73 hours, 7.3 a month in months 2 and 3. Downtime cost 73 + 73 + 7.3 + 7.3 = 160.6.
        // Profit 40,000 − 18,000 − 160.6 = 21,839.4.
        let shock = Shock(name: "X bans us", bans: [Ban(provider: "X", month: 2, moveTo: "z1")])
        // Diversify to y1 alone from month 0: 3,000 a month, 0.02 × 730 = 14.6 hours, 146 a month:
        // 10,000 − 3,000 − 146 = 6,854 a month, 27,416 in both futures (the ban is of X).
        let diversify = Diversify(routing: [Route(model: "y1", share: 1)], failover: false)
        let p = Projection(scenario: scenario(shocks: [shock], diversify: diversify), catalog: Self.catalog)
        let banned = try #require(outcome(p, .accept, 1))
        #expect(isClose(banned.runSideCost, 18_000))
        #expect(isClose(banned.cumulativeProfit, 21_839.4))
        #expect(isClose(banned.availability, 0.999))
        #expect(isClose(outcome(p, .diversify, 0)?.cumulativeProfit, 27_416))
        #expect(isClose(outcome(p, .diversify, 1)?.cumulativeProfit, 27_416))
        // Worst cases: accept 21,839.4, diversify 27,416 → maximin diversify.
        // Regrets: baseline best 31,708 (accept 0, diversify 4,292); ban best 27,416 (accept
        // 5,576.6, diversify 0). Largest: accept 5,576.6, diversify 4,292 → minimax regret diversify.
        let accept = p.strategies[0], diversified = p.strategies[1]
        #expect(isClose(accept.worstCumulativeProfit, 21_839.4))
        #expect(isClose(accept.maxRegret, 5_576.6))
        #expect(isClose(diversified.maxRegret, 4_292))
        #expect(p.decision == Decision(maximin: .diversify, minimaxRegret: .diversify))
        // The ban's payback: diversify earns 6,854 − 7,927 = −1,073 in months 0 and 1, then
        // 6,854 − (10,000 − 6,000 − 7.3) = +2,861.3 in month 2: −2,146 + 2,861.3 = 715.3 > 0.
        #expect(outcome(p, .diversify, 1)?.paybackMonth == 2)
        #expect(outcome(p, .diversify, 0)?.paybackMonth == nil)
    }

    @Test func equalStrategiesTieToTheFirst() {
        // Diversify to the same routing and failover from month 0 at no cost: every outcome equal.
        let diversify = Diversify(routing: [Route(model: "x1", share: 1)], failover: false)
        let p = Projection(scenario: scenario(diversify: diversify), catalog: Self.catalog)
        #expect(
            p.strategies.map(\.worstCumulativeProfit) == [
                p.strategies[0].worstCumulativeProfit, p.strategies[0].worstCumulativeProfit,
            ])
        #expect(p.strategies.map(\.maxRegret) == [0, 0])
        #expect(p.decision == Decision(maximin: .accept, minimaxRegret: .accept))
        // Never ahead, so no payback.
        #expect(p.strategies[1].outcomes[0].paybackMonth == nil)
    }

    @Test func paybackBeforeAndAfterAMigrationCost() throws {
        // Accept on x2: 10,000 − 4,000 − 73 = 5,927 a month.
        // Own model: 1,000 tokens/s × 3,600 × 730 × 1 = 2.628e9 tokens a GPU; 1.5e9 a month → 1 GPU:
        // 1 × 1 × 730 + 1,000 = 1,730 a month; availability 0.995 → 3.65 hours, 36.5 a month.
        // From month 1: 10,000 − 1,730 − 36.5 = 8,233.5, 2,306.5 more than accept a month.
        let free = OwnModel(
            gpuHour: 1, gpus: 1, tokensPerSecond: 1000, utilization: 1, fixedMonthly: 1000, fromMonth: 1)
        let p = Projection(scenario: scenario(model: "x2", own: free), catalog: Self.catalog)
        let own = try #require(outcome(p, .ownModel, 0))
        // Ahead in month 1 already.
        #expect(own.paybackMonth == 1)
        // 5,927 + 3 × 8,233.5 = 30,627.5.
        #expect(isClose(own.cumulativeProfit, 30_627.5))
        #expect(isClose(own.runSideCost, 4000 + 3 * 1730))
        #expect(isClose(own.availability, 0.995))
        // With 5,000 to migrate in month 1: −2,693.5, −387, then +1,919.5 in month 3.
        var paid = free
        paid.migrationCost = 5000
        let q = Projection(scenario: scenario(model: "x2", own: paid), catalog: Self.catalog)
        let late = try #require(outcome(q, .ownModel, 0))
        #expect(late.paybackMonth == 3)
        #expect(isClose(late.cumulativeProfit, 25_627.5))
        #expect(q.strategies[1].fromMonth == 1 && q.strategies[1].migrationCost == 5000)
        // months[].own_cost keeps v1: from run.from_month (0), 1,730 every month.
        #expect(q.months.map(\.ownCost) == [1730, 1730, 1730, 1730])
        // own_cost_per_user at 10× users: 1.5e10 tokens / 2.628e9 → 6 GPUs: (6 × 730 + 1,000) / 10,000.
        #expect(isClose(q.scaling[1].ownCostPerUser, 0.538))
        #expect(q.decision == Decision(maximin: .ownModel, minimaxRegret: .ownModel))
    }

    @Test func aBuildOnlyScenarioWithAShock() throws {
        // 1 developer, 1e6 tokens half output on x1: 0.5 × 1 + 0.5 × 2 = 1.5 a month. x1 × 2 from
        // month 1: 3. Revenue 10 users × 10 = 100: profit 98.5 + 98.5 = 197, shocked 98.5 + 97 = 195.5.
        let shock = Shock(name: "x1 doubles", priceChanges: [PriceChange(month: 1, target: .model("x1"), factor: 2)])
        let s = Scenario(
            slug: "b", name: "B", start: month("2027-01"), months: 2, usersStart: 10, pricePerUser: 10,
            build: BuildSide(developers: 1, tokensPerDeveloper: 1_000_000, outputShare: 0.5, model: "x1"),
            downtimeCostPerHour: 1000, shocks: [shock])
        let p = Projection(scenario: s, catalog: Self.catalog)
        #expect(p.strategies.map(\.strategy) == [.accept])
        let base = try #require(outcome(p, .accept, 0)), shocked = try #require(outcome(p, .accept, 1))
        #expect(isClose(base.cumulativeProfit, 197))
        #expect(isClose(shocked.cumulativeProfit, 195.5))
        #expect(shocked.availability == 1 && shocked.downtimeHours == 0 && shocked.runSideCost == 0)
        #expect(p.decision == Decision(maximin: .accept, minimaxRegret: .accept))
        #expect(p.months.map(\.downtimeCost) == [0, 0])
    }

    @Test func bestPossibleMarginAndAnUnreachableTarget() {
        // Other costs 4 of a price of 10: at zero token cost the margin is (10 − 4) / 10 = 0.6 < 0.7.
        var s = scenario()
        s.otherCostPerUser = 4
        let p = Projection(scenario: s, catalog: Self.catalog)
        #expect(isClose(p.bestPossibleMargin, 0.6))
        #expect(p.targetReachable == false)
        #expect(
            p.warnings.map(\.message) == [
                "the target gross margin 0.7 cannot be reached: other costs alone leave a margin of 0.6 in the "
                    + "last month, even with free tokens"
            ])
        #expect(Projection(scenario: scenario(), catalog: Self.catalog).targetReachable == true)
    }

    @Test func eventsOutsideTheProjectionNeverApplyAndWarn() throws {
        let shock = Shock(name: "late", priceChanges: [PriceChange(month: 9, target: .model("x1"), factor: 3)])
        let p = Projection(scenario: scenario(shocks: [shock]), catalog: Self.catalog)
        #expect(isClose(outcome(p, .accept, 1)?.cumulativeProfit, 31_708))
        #expect(
            p.warnings.map(\.message) == [
                "price changes event in month 9 (2027-10) of shock 'late' is outside the projection "
                    + "(months 0 to 3, 2027-01 to 2027-04) and has no effect"
            ])
        #expect(p.warnings.first?.subject == .shockEvent(shock: 0, kind: .priceChanges, index: 0))
    }

    @Test func aRoutedModelRetiredBeforeMonthZeroIsBilledAsItsSuccessor() {
        // z1 retires 2027-04-01; a projection from 2027-05 bills it as z2 from month 0:
        // (1,000 × 4 + 500 × 8) / 1e6 = 0.008 a request. The warning is the catalog's, said once
        // per model by the build (CatalogWarnings), not the projection's.
        var s = scenario(model: "z1")
        s.start = month("2027-05")
        let p = Projection(scenario: s, catalog: Self.catalog)
        #expect(p.months[0].costPerRequest == 0.008)
        #expect(p.warnings.isEmpty)
    }
}
