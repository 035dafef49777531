import CostModelFixtures
import Testing
import TestSupport

@testable import CostModel

/// Every formula of docs/model.md against figures worked out by hand.
///
/// Prices are USD per 1M tokens. The test catalog:
/// - a1 (P): 1 / 0.5 / 2, availability 0.99, retires 2027-03-01 → a2
/// - a2 (P): 2 / 1 / 4, availability 0.98, retires 2027-05-15 → a3
/// - a3 (P): 4 / 2 / 8, availability 0.97
/// - b1 (Q): 10 / 10 / 20, availability 0.95, 100 requests and 100,000 tokens a minute
/// - c1 (R): 3 / 3 / 6, availability 0.9, retires 2027-02-01 with no successor
/// - d1 (S): 4 / 4 / 8, availability 0.999 (the default)
@Suite struct ProjectionTests {
    static let catalog = Catalog(
        asOf: day("2027-01-01"),
        models: [
            CatalogModel(
                id: "a1", provider: "P", input: 1, cachedInput: 0.5, output: 2, availability: 0.99,
                retires: day("2027-03-01"), successor: "a2"),
            CatalogModel(
                id: "a2", provider: "P", input: 2, cachedInput: 1, output: 4, availability: 0.98,
                retires: day("2027-05-15"), successor: "a3"),
            CatalogModel(id: "a3", provider: "P", input: 4, cachedInput: 2, output: 8, availability: 0.97),
            CatalogModel(id: "b1", provider: "Q", input: 10, output: 20, availability: 0.95, rpm: 100, tpm: 100_000),
            CatalogModel(id: "c1", provider: "R", input: 3, output: 6, availability: 0.9, retires: day("2027-02-01")),
            CatalogModel(id: "d1", provider: "S", input: 4, output: 8),
        ])

    /// 1,000 users paying 10 a month, a million requests a month of 1,000 input and 500 output tokens.
    func chainScenario(priceChanges: [PriceChange] = []) -> Scenario {
        Scenario(
            slug: "chain", name: "Chain", start: month("2027-01"), months: 8, usersStart: 1000,
            pricePerUser: 10,
            run: RunSide(
                requestsPerUser: 1000, inputTokens: 1000, outputTokens: 500,
                routing: [Route(model: "a1", share: 1)]),
            priceChanges: priceChanges)
    }

    @Test func retirementFollowsATwoStepSuccessorChain() {
        let p = Projection(scenario: chainScenario(), catalog: Self.catalog)
        // Cost per request: a1 (1000×1 + 500×2)/1e6 = 0.002; a2 (1000×2 + 500×4)/1e6 = 0.004;
        // a3 (1000×4 + 500×8)/1e6 = 0.008.
        // Months start 2027-01-01 … 2027-08-01. a1 retires 2027-03-01, so month 2 (2027-03-01) is
        // billed as a2; a2 retires 2027-05-15, after 2027-05-01, so month 4 is still a2 and
        // month 5 (2027-06-01) is a3.
        // 1,000 users × 1,000 requests = 1,000,000 requests a month.
        let expected: [Double] = [2000, 2000, 4000, 4000, 4000, 8000, 8000, 8000]
        #expect(p.months.map(\.runCost) == expected)
        #expect(p.months.map(\.costPerRequest) == [0.002, 0.002, 0.004, 0.004, 0.004, 0.008, 0.008, 0.008])
        #expect(
            p.months.map(\.label) == [
                "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06",
                "2027-07", "2027-08",
            ])
        // Run tokens: 1,000,000 requests × 1,500 tokens.
        #expect(p.months[0].runTokens == 1_500_000_000)
        // Only a1 is named by the scenario; it retires 2027-03-01, first billed as a2 in month 2.
        #expect(p.retirements == [RetirementRow(model: "a1", date: day("2027-03-01"), month: 2, successor: "a2")])
        // Month M = 7 is billed as a3 (P, 0.97): one provider, no failover.
        #expect(p.providers == [ProviderRow(provider: "P", share: 1, availability: 0.97)])
        #expect(isClose(p.availability, 0.97))
        #expect(isClose(p.downtimeHoursPerMonth, 0.03 * 730))  // 21.9 hours
        #expect(p.providerConcentration == 1)
        // a3 has no limits: headroom is null. Peak: 1,000,000 / 43,800 × 3 requests a minute.
        #expect(p.rateLimits.count == 1)
        #expect(p.rateLimits[0].model == "a3")
        #expect(isClose(p.rateLimits[0].peakRPM, 3_000_000 / 43_800))
        #expect(isClose(p.rateLimits[0].peakTPM, 3_000_000 / 43_800 * 1500))
        #expect(p.rateLimits[0].headroom == nil && p.rateLimits[0].throttledFromMonth == nil)
        #expect(p.warnings.isEmpty)
        // Revenue 10,000 a month. Gross margin in month 5: (10,000 − 8,000) / 10,000 = 0.2.
        #expect(isClose(p.months[5].grossMargin, 0.2))
        // Below the 0.7 target from month 0: (10,000 − 2,000) / 10,000 = 0.8 is not below; month 2,
        // (10,000 − 4,000) / 10,000 = 0.6, is.
        #expect(p.marginBelowTargetMonth == 2)
    }

    @Test func priceChangesByModelAndProviderAcrossARetirement() {
        let p = Projection(
            scenario: chainScenario(priceChanges: [
                PriceChange(month: 1, target: .model("a2"), factor: 2),
                PriceChange(month: 3, target: .provider("P"), factor: 1.5),
                PriceChange(month: 0, target: .model("a1"), factor: 3),
            ]), catalog: Self.catalog)
        // m0: a1, its own change ×3 → 0.002 × 3 = 0.006 → 6,000.
        // m1: a1 still; the a2 change names a model not billed yet → 6,000.
        // m2: a2; the a1 change no longer applies, the a2 one does: 0.004 × 2 = 0.008 → 8,000.
        // m3, m4: a2 × 2 × 1.5 (provider P) = 0.012 → 12,000.
        // m5 … m7: a3; only the provider change names it: 0.008 × 1.5 = 0.012 → 12,000.
        let expected: [Double] = [6000, 6000, 8000, 12000, 12000, 12000, 12000, 12000]
        for (actual, wanted) in zip(p.months.map(\.runCost), expected) {
            #expect(isClose(actual, wanted))
        }
        // Gross margin in month 3: (10,000 − 12,000) / 10,000 = −0.2.
        #expect(isClose(p.months[3].grossMargin, -0.2))
        // Break even at M = 7: (10,000 − 0) / 12,000.
        #expect(isClose(p.breakEvenPriceMultiplier, 10_000.0 / 12_000))
    }

    @Test func pivotWithBuildMonthsAndFeatures() throws {
        let scenario = Scenario(
            slug: "pivot", name: "Pivot", start: month("2027-01"), months: 6, usersStart: 100, usersGrowth: 0.1,
            pricePerUser: 50, otherCostPerUser: 5,
            build: BuildSide(
                developers: 2, tokensPerDeveloper: 1_000_000, outputShare: 0.25, model: "b1",
                seatCost: 10, months: 4, features: 8),
            run: RunSide(
                fromMonth: 3, requestsPerUser: 10, inputTokens: 100, outputTokens: 50, usageGrowth: 0.5,
                routing: [Route(model: "b1", share: 1)]))
        #expect(scenario.kind == .pivot)
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        // Users 100 × 1.1^m: 100, 110, 121, 133.1, 146.41, 161.051.
        for (actual, wanted) in zip(p.months.map(\.users), [100, 110, 121, 133.1, 146.41, 161.051]) {
            #expect(isClose(actual, wanted))
        }
        // Build: per developer 1e6 × (0.75 × 10 + 0.25 × 20) / 1e6 = 12.5, plus seat 10 = 22.5;
        // two developers: 45 a month in months 0–3, then 0. Total 180; per feature 180 / 8 = 22.5.
        #expect(p.months.map(\.buildCost) == [45, 45, 45, 45, 0, 0])
        #expect(p.totals.buildCost == 180)
        #expect(p.costPerFeature == 22.5)
        // Requests: 0 before month 3; then users × 10 × 1.5^(m − 3): 1,331; 2,196.15; 3,623.6475.
        let requests = p.months.map(\.requests)
        #expect(requests[0] == 0 && requests[1] == 0 && requests[2] == 0)
        #expect(isClose(requests[3], 1331))
        #expect(isClose(requests[4], 2196.15))
        #expect(isClose(requests[5], 3623.6475))
        // Cost per request (100 × 10 + 50 × 20) / 1e6 = 0.002; run cost m5 = 7.247295.
        #expect(isClose(p.months[5].runCost, 7.247295))
        #expect(p.months[0].runCost == 0)
        // Month 0: revenue 5,000, other 500, build 45: gross 0.9, after build 4,455 / 5,000 = 0.891,
        // token share 45 / 5,000 = 0.009.
        #expect(isClose(p.months[0].grossMargin, 0.9))
        #expect(isClose(p.months[0].marginAfterBuild, 0.891))
        #expect(isClose(p.months[0].tokenShare, 0.009))
        // Month 5: revenue 8,052.55, other 805.255 (0.1 of it), run 7.247295 (0.0009 of it):
        // gross margin 0.9 − 0.0009 = 0.8991.
        #expect(isClose(p.months[5].grossMargin, 0.8991))
        // Rate limit of b1 at M: peak 3,623.6475 × 3 / 43,800 requests a minute against 100, and
        // × 150 tokens against 100,000; the request limit binds: 4,380,000 / 10,870.9425.
        let limit = try #require(p.rateLimits.first)
        #expect(isClose(limit.headroom, 4_380_000 / 10_870.9425))
        #expect(limit.throttledFromMonth == nil)
    }

    @Test func throttledMonth() throws {
        let scenario = Scenario(
            slug: "busy", name: "Busy", start: month("2027-01"), months: 3, usersStart: 1000, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1000, inputTokens: 10, outputTokens: 0, usageGrowth: 0.5,
                routing: [Route(model: "b1", share: 1)]))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        // Peak requests a minute: 1,000,000 × 1.5^m × 3 / 43,800 = 68.49, 102.74, 154.11.
        // Headroom 100 / peak: 1.46, 0.973 (< 1: throttled from month 1), 0.649.
        // Tokens a minute are 10 per request, far under 100,000, so the request limit binds.
        let limit = try #require(p.rateLimits.first)
        #expect(limit.throttledFromMonth == 1)
        #expect(isClose(limit.headroom, 100 / (2_250_000 * 3 / 43_800.0)))
        #expect(isClose(limit.peakRPM, 2_250_000 * 3 / 43_800.0))
        #expect(isClose(limit.peakTPM, 2_250_000 * 3 / 43_800.0 * 10))
    }

    func failoverScenario(_ failover: Bool) -> Scenario {
        Scenario(
            slug: "spread", name: "Spread", start: month("2027-01"), months: 1, usersStart: 10, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1, inputTokens: 1, outputTokens: 1,
                routing: [
                    Route(model: "a1", share: 0.3), Route(model: "a2", share: 0.3),
                    Route(model: "b1", share: 0.4),
                ],
                failover: failover))
    }

    @Test func availabilityWithoutAndWithFailover() throws {
        // Provider P: a1 0.3 at 0.99 and a2 0.3 at 0.98 → share 0.6, availability
        // (0.297 + 0.294) / 0.6 = 0.985. Provider Q: b1 → share 0.4, availability 0.95.
        let without = Projection(scenario: failoverScenario(false), catalog: Self.catalog)
        #expect(without.providers.map(\.provider) == ["P", "Q"])
        #expect(isClose(without.providers[0].share, 0.6))
        #expect(isClose(without.providers[0].availability, 0.985))
        // Without failover: 0.6 × 0.985 + 0.4 × 0.95 = 0.591 + 0.38 = 0.971; 0.029 × 730 = 21.17 hours.
        #expect(isClose(without.availability, 0.971))
        #expect(isClose(without.downtimeHoursPerMonth, 21.17))
        // Concentration 0.6² + 0.4² = 0.52.
        #expect(isClose(without.providerConcentration, 0.52))
        // With failover: 1 − 0.015 × 0.05 = 0.99925; 0.00075 × 730 = 0.5475 hours.
        let with = Projection(scenario: failoverScenario(true), catalog: Self.catalog)
        #expect(isClose(with.availability, 0.99925))
        #expect(isClose(with.downtimeHoursPerMonth, 0.5475))
        // Version 2: without a `strategies` section there is only accept, with the scenario's own
        // availability in month M and (1 − 0.971) × 730 = 21.17 hours down over the one month.
        #expect(without.strategies.map(\.strategy) == [.accept])
        let accept = try #require(without.strategies.first?.outcomes.first)
        #expect(isClose(accept.availability, 0.971))
        #expect(isClose(accept.downtimeHours, 21.17))
        #expect(without.decision == Decision(maximin: .accept, minimaxRegret: .accept))
    }

    @Test func zeroRevenueGivesNulls() throws {
        var scenario = chainScenario()
        scenario.pricePerUser = 0
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.months.allSatisfy { $0.grossMargin == nil && $0.marginAfterBuild == nil && $0.tokenShare == nil })
        #expect(p.marginBelowTargetMonth == nil)
        #expect(p.priceSensitivity.allSatisfy { $0.grossMargin == nil })
        #expect(p.scaling.allSatisfy { $0.tokenShare == nil })
        // Token cost per user is still defined: (0 + 8,000) / 1,000 users.
        #expect(p.scaling[0].tokenCostPerUser == 8)
        // Break-even (0 − 0) / 8,000 = 0; target (0 × 0.3 − 0) / 8,000 = 0.
        #expect(p.breakEvenPriceMultiplier == 0)
        #expect(p.targetPriceMultiplier == 0)
    }

    @Test func buildOnlyHasNoRuntimeDependency() {
        let scenario = Scenario(
            slug: "builder", name: "Builder", start: month("2027-01"), months: 2, usersStart: 10, pricePerUser: 10,
            build: BuildSide(developers: 1, tokensPerDeveloper: 1_000_000, model: "d1"))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.kind == .build)
        // 1e6 × (0.8 × 4 + 0.2 × 8) / 1e6 = 4.8 a month, every month (build.months defaults to all).
        #expect(p.months.map(\.buildCost) == [4.8, 4.8])
        #expect(p.costPerFeature == nil)
        #expect(p.breakEvenPriceMultiplier == nil && p.targetPriceMultiplier == nil)
        #expect(p.availability == nil && p.downtimeHoursPerMonth == nil && p.providerConcentration == nil)
        #expect(p.rateLimits.isEmpty && p.providers.isEmpty)
        #expect(p.strategies.map(\.strategy) == [.accept])
        #expect(p.months.allSatisfy { $0.ownCost == nil })
        #expect(p.totals.ownCost == nil)
    }

    @Test func scalingAndPriceSensitivityTables() {
        // One month: 100 users paying 10 (revenue 1,000), other cost 1 each (100).
        // Build on b1: 4e6 input tokens × 10 / 1e6 = 40, plus a seat of 10 = 50.
        // Run on d1: 1,000 requests per user = 100,000 requests of 300 input and 100 output tokens,
        // (300 × 4 + 100 × 8) / 1e6 = 0.002 each → 200.
        let scenario = Scenario(
            slug: "scale", name: "Scale", start: month("2027-01"), months: 1, usersStart: 100, pricePerUser: 10,
            otherCostPerUser: 1,
            build: BuildSide(developers: 1, tokensPerDeveloper: 4_000_000, outputShare: 0, model: "b1", seatCost: 10),
            run: RunSide(
                requestsPerUser: 1000, inputTokens: 300, outputTokens: 100,
                routing: [Route(model: "d1", share: 1)]))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.kind == .hybrid)
        #expect(isClose(p.months[0].buildCost, 50))
        #expect(isClose(p.months[0].runCost, 200))
        // k: build stays 50, run 200k; per user (50 + 200k) / 100k; share (50 + 200k) / 1,000k.
        let expected: [(Double, Double, Double, Double)] = [
            (1, 200, 2.5, 0.25), (10, 2000, 2.05, 0.205), (100, 20_000, 2.005, 0.2005),
            (1000, 200_000, 2.0005, 0.20005),
        ]
        #expect(p.scaling.count == 4)
        for (row, want) in zip(p.scaling, expected) {
            #expect(row.usersMultiplier == want.0)
            #expect(isClose(row.buildCost, 50))
            #expect(isClose(row.runCost, want.1))
            #expect(isClose(row.tokenCostPerUser, want.2))
            #expect(isClose(row.tokenShare, want.3))
        }
        // Sensitivity: (1,000 − 200k − 100) / 1,000 = 0.9 − 0.2k.
        let margins: [(Double, Double)] = [
            (0.5, 0.8), (0.75, 0.75), (1, 0.7), (1.25, 0.65), (1.5, 0.6), (2, 0.5),
            (3, 0.3),
        ]
        #expect(p.priceSensitivity.map(\.multiplier) == margins.map(\.0))
        for (row, want) in zip(p.priceSensitivity, margins) {
            #expect(isClose(row.grossMargin, want.1))
        }
        // Break even 900 / 200 = 4.5; to the 0.7 target (1,000 × 0.3 − 100) / 200 = 1.
        #expect(isClose(p.breakEvenPriceMultiplier, 4.5))
        #expect(isClose(p.targetPriceMultiplier, 1))
        // Gross margin 0.7 is not below the 0.7 target.
        #expect(p.marginBelowTargetMonth == nil)
    }

    @Test func ownModelGPUStepsAndBreakEven() throws {
        // Capacity per GPU: 1,000 tokens/s × 3,600 × 730 × 0.5 = 1,314,000,000 tokens a month.
        // Traffic: 1,000 users × 500 requests × 2^m of 1,314 tokens = 0.5, 1, 2, 4 GPUs' worth.
        // GPUs: max(1, ceil(…)) = 1, 1, 2, 4. Own cost: GPUs × 2 × 730 + 5,000 = 6,460, 6,460, 7,920, 10,840.
        // Provider cost on d1: (1,000 × 4 + 314 × 8) / 1e6 = 0.006512 a request:
        // 500,000 × 2^m × 0.006512 = 3,256, 6,512, 13,024, 26,048. Own is cheaper from month 1.
        let scenario = Scenario(
            slug: "own", name: "Own", start: month("2027-01"), months: 4, usersStart: 1000, pricePerUser: 20,
            run: RunSide(
                requestsPerUser: 500, inputTokens: 1000, outputTokens: 314, usageGrowth: 1,
                routing: [Route(model: "d1", share: 1)]),
            ownModel: OwnModel(gpuHour: 2, gpus: 1, tokensPerSecond: 1000, utilization: 0.5, fixedMonthly: 5000))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.months.map(\.ownCost) == [6460, 6460, 7920, 10840])
        for (actual, wanted) in zip(p.months.map(\.runCost), [3256, 6512, 13024, 26048.0]) {
            #expect(isClose(actual, wanted))
        }
        #expect(p.ownBreakEvenMonth == 1)
        #expect(p.totals.ownCost == 31680)
        // The own-model strategy (switch month: run.from_month = 0): run-side cost 31,680; margin in
        // M = 3 (20,000 − 10,840) / 20,000 = 0.458; availability 0.995. No diversify section, no diversify.
        let own = try #require(p.strategies.first { $0.strategy == .ownModel }?.outcomes.first)
        #expect(own.runSideCost == 31680)
        #expect(isClose(own.grossMargin, 0.458))
        #expect(own.availability == 0.995)
        #expect(p.strategies.map(\.strategy) == [.accept, .ownModel])
    }

    @Test func ownModelCostsNothingBeforeThePivot() {
        // Live from month 2: before that, no requests, no GPUs and no fixed cost.
        // From month 2: max(1 GPU, ceil(tiny)) × 2 × 730 + 100 = 1,560.
        let scenario = Scenario(
            slug: "later", name: "Later", start: month("2027-01"), months: 4, usersStart: 10, pricePerUser: 1,
            build: BuildSide(developers: 1, tokensPerDeveloper: 0, model: "d1"),
            run: RunSide(
                fromMonth: 2, requestsPerUser: 1, inputTokens: 1, outputTokens: 1,
                routing: [Route(model: "d1", share: 1)]),
            ownModel: OwnModel(gpuHour: 2, gpus: 1, tokensPerSecond: 1000, utilization: 0.5, fixedMonthly: 100))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.months.map(\.ownCost) == [0, 0, 1560, 1560])
        // Provider cost 10 × (4 + 8) / 1e6 is far below 1,560: never breaks even.
        #expect(p.ownBreakEvenMonth == nil)
    }

    @Test func retiredModelWithoutSuccessorKeepsItsPrices() {
        let scenario = Scenario(
            slug: "orphan", name: "Orphan", start: month("2027-01"), months: 3, usersStart: 1, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1_000_000, inputTokens: 1, outputTokens: 1,
                routing: [Route(model: "c1", share: 1)]))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        // (1 × 3 + 1 × 6) / 1e6 × 1,000,000 requests = 9 every month, before and after 2027-02-01.
        #expect(p.months.map(\.runCost) == [9, 9, 9])
        #expect(p.retirements == [RetirementRow(model: "c1", date: day("2027-02-01"), month: 1, successor: nil)])
        // Warned once per model for the whole catalog (CatalogWarnings), not here.
        #expect(p.warnings.isEmpty)
    }

    @Test func retirementAfterTheLastMonthStartsHasNoMonth() {
        // a2 retires 2027-05-15: inside a projection of 2027-03 … 2027-05 (before 2027-06-01), but the
        // first month starting on or after it, 2027-06, is past the end.
        let scenario = Scenario(
            slug: "late", name: "Late", start: month("2027-03"), months: 3, usersStart: 1, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1, inputTokens: 1, outputTokens: 1,
                routing: [Route(model: "a2", share: 1)]))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        #expect(p.retirements == [RetirementRow(model: "a2", date: day("2027-05-15"), month: nil, successor: "a3")])
    }

    @Test func routesThatMeetAfterRetirementAreAddedTogether() throws {
        // a1 (0.25) is billed as a2 from 2027-03; with a2's own 0.75 that is one model with all traffic.
        let scenario = Scenario(
            slug: "merge", name: "Merge", start: month("2027-02"), months: 2, usersStart: 43_800, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1, inputTokens: 1, outputTokens: 1, peakFactor: 1,
                routing: [Route(model: "a1", share: 0.25), Route(model: "a2", share: 0.75)]))
        let p = Projection(scenario: scenario, catalog: Self.catalog)
        // Peak: 43,800 requests × 1 / 43,800 × 1 = 1 request a minute, all on a2.
        #expect(p.rateLimits.map(\.model) == ["a2"])
        #expect(isClose(p.rateLimits[0].peakRPM, 1))
        #expect(p.providers == [ProviderRow(provider: "P", share: 1, availability: 0.98)])
    }

    @Test func aPlanStartingAfterTheCatalogsDateDoesNotWarn() {
        let scenario = Scenario(
            slug: "later", name: "Later", start: month("2027-01"), months: 1, usersStart: 1, pricePerUser: 1,
            build: BuildSide(developers: 1, tokensPerDeveloper: 1, model: "d1"))
        let older = Catalog(asOf: day("2026-11-30"), models: Array(Self.catalog.models.values))
        #expect(Projection(scenario: scenario, catalog: older).warnings.isEmpty)
    }
}
