import Foundation
import Testing

@testable import Basics
@testable import Content
@testable import CostModel

/// The keys of version 2 (shocks, strategies, downtime cost, own-model switch) and the
/// plausibility warnings, with exact messages. The catalog is `LoaderTests.catalog`: frontier-a
/// and fast-a of Provider A, frontier-b of Provider B (retires 2027-06-30 → frontier-a); its
/// `as_of` is 2026-11-01, so a scenario without `start` starts in 2026-11.
@Suite struct ShockLoaderTests {
    static let head = """
        name: Quill
        start: 2027-01
        months: 24
        users: {start: 100}
        price_per_user: 20
        run:
          from_month: 2
          requests_per_user: 10
          input_tokens: 1000
          output_tokens: 200
          routing: {frontier-b: 1}

        """

    func load(_ text: String) -> (ScenarioFile?, [String]) {
        var diagnostics = Diagnostics()
        let file = ScenarioLoader.load(
            SourceText(path: "content/scenarios/quill.yaml", text: text), slug: "quill",
            catalog: LoaderTests.catalog, diagnostics: &diagnostics)
        return (file, diagnostics.sorted.map(\.description))
    }

    @Test func readsShocksStrategiesAndLabels() throws {
        let (file, messages) = load(
            Self.head + """
                downtime_cost_per_hour: 500
                price_changes:
                  - {month: 2028-01, provider: Provider B, factor: 1.2}
                own_model:
                  gpu_hour: 2
                  gpus: 1
                  tokens_per_second: 1000
                  utilization: 0.5
                  fixed_monthly: 100
                  from_month: 2027-07
                  migration_cost: 80000
                strategies:
                  diversify:
                    routing: {frontier-b: 0.5, fast-a: 0.5}
                    from_month: 6
                    migration_cost: 20000
                shocks:
                  - name: B raises prices
                    price_changes:
                      - {month: 12, provider: Provider B, factor: 1.4}
                  - name: Everything
                    retirements:
                      - {model: frontier-b, month: 2027-04, successor: fast-a}
                    outages:
                      - {provider: Provider B, month: 20, hours: 48}
                    rate_limits:
                      - {model: fast-a, month: 6, factor: 0.5}
                    bans:
                      - {provider: Provider B, month: 9, move_to: frontier-a}

                """)
        #expect(messages.isEmpty)
        let s = try #require(file?.scenario)
        #expect(s.downtimeCostPerHour == 500)
        // 2028-01 counted from 2027-01 is month 12; 2027-07 is month 6; 2027-04 month 3.
        #expect(s.priceChanges == [PriceChange(month: 12, target: .provider("Provider B"), factor: 1.2)])
        #expect(s.ownModel?.fromMonth == 6 && s.ownModel?.migrationCost == 80000)
        #expect(
            s.diversify
                == Diversify(
                    routing: [Route(model: "fast-a", share: 0.5), Route(model: "frontier-b", share: 0.5)],
                    failover: true, fromMonth: 6, migrationCost: 20000))
        #expect(s.shocks.map(\.name) == ["B raises prices", "Everything"])
        #expect(s.shocks[1].retirements == [RetirementEvent(model: "frontier-b", month: 3, successor: "fast-a")])
        #expect(s.shocks[1].outages == [Outage(provider: "Provider B", month: 20, hours: 48)])
        #expect(s.shocks[1].rateLimits == [RateLimitChange(month: 6, target: .model("fast-a"), factor: 0.5)])
        #expect(s.shocks[1].bans == [Ban(provider: "Provider B", month: 9, moveTo: "frontier-a")])
        #expect(s.shocks[1].kinds == [.retirements, .outages, .rateLimits, .bans])
    }

    @Test func badShocksAndStrategies() {
        let (file, messages) = load(
            Self.head + """
                strategies:
                  diversify:
                    routing: {frontier-b: 50, fast-a: 0.5}
                    from_month: 1
                own_model:
                  gpu_hour: 2
                  gpus: 1
                  tokens_per_second: 1000
                  utilization: 60
                  fixed_monthly: 100
                  from_month: 2029-01
                shocks:
                  - name: Ban
                    bans:
                      - {provider: Provider B, month: 9, move_to: frontier-b}
                  - name: Ban
                    retirements:
                      - {model: fast-a, month: 3, successor: fast-a}
                  - name: Nothing
                  - name: Long
                    outages:
                      - {provider: Provider A, month: soon, hours: 800}

                """)
        #expect(file == nil)
        #expect(
            messages == [
                "content/scenarios/quill.yaml:14:27: error: 'frontier-b' in strategies.diversify.routing must be from 0 "
                    + "to 1, found 50; did you mean 0.5?\n    routing: {frontier-b: 50, fast-a: 0.5}\n                          ^",
                "content/scenarios/quill.yaml:15:17: error: 'from_month' in strategies.diversify must not be before "
                    + "run.from_month (2 (2027-03)), found 1 (2027-02)\n    from_month: 1\n                ^",
                "content/scenarios/quill.yaml:20:16: error: 'utilization' in own_model must be above 0 to 1, found 60; "
                    + "did you mean 0.6?\n  utilization: 60\n               ^",
                "content/scenarios/quill.yaml:22:15: error: 'from_month' in own_model must be inside the projection "
                    + "(months 0 to 23, 2027-01 to 2028-12), found 24 (2029-01)\n  from_month: 2029-01\n              ^",
                "content/scenarios/quill.yaml:26:51: error: 'move_to' in bans event 1 of shock 'Ban' must be a model of "
                    + "another provider than the banned 'Provider B'\n"
                    + "      - {provider: Provider B, month: 9, move_to: frontier-b}\n"
                    + "                                                  ^",
                "content/scenarios/quill.yaml:27:5: error: shock 2 has the name 'Ban' of an earlier shock; names must be "
                    + "unique\n  - name: Ban\n    ^",
                "content/scenarios/quill.yaml:29:46: error: the successor in retirements event 1 of shock 'Ban' must be "
                    + "another model than 'fast-a'\n      - {model: fast-a, month: 3, successor: fast-a}\n"
                    + "                                             ^",
                "content/scenarios/quill.yaml:30:5: error: shock 'Nothing' needs at least one event: price_changes, "
                    + "retirements, outages, rate_limits or bans\n  - name: Nothing\n    ^",
                "content/scenarios/quill.yaml:33:39: error: 'month' in outages event 1 of shock 'Long' must be a month "
                    + "index from 0 or a month written YYYY-MM, found soon\n"
                    + "      - {provider: Provider A, month: soon, hours: 800}\n"
                    + "                                      ^",
                "content/scenarios/quill.yaml:33:52: error: 'hours' in outages event 1 of shock 'Long' must be from 0 "
                    + "to 730, found 800\n      - {provider: Provider A, month: soon, hours: 800}\n"
                    + "                                                   ^",
            ])
    }

    @Test func strategiesNeedARunSide() {
        let (_, messages) = load(
            """
            name: Builder
            users: {start: 1}
            price_per_user: 1
            build: {developers: 1, tokens_per_developer: 1, model: fast-a}
            strategies:
              diversify:
                routing: {fast-a: 1}

            """)
        #expect(
            messages == [
                "content/scenarios/quill.yaml:5:1: error: strategies need a run section: they are alternatives for "
                    + "the run traffic\nstrategies:\n^"
            ])
    }

    @Test func growthWrittenAsAPercentageIsWarned() {
        let (file, messages) = load(
            """
            name: Quill
            months: 24
            users: {start: 100, growth: 8}
            price_per_user: 20
            build: {developers: 1, tokens_per_developer: 1, model: fast-a}

            """)
        #expect(file != nil)
        // 9^23 = 8.86e21, two digits: 8.9e21.
        #expect(
            messages == [
                "content/scenarios/quill.yaml:3:29: warning: 'growth' in users is 8 a month: users grow 8.9e21x over "
                    + "the projection; for 8% write 0.08\nusers: {start: 100, growth: 8}\n                            ^"
            ])
        #expect(ScenarioLoader.compactMultiple(240.04) == "240")
        #expect(ScenarioLoader.compactMultiple(9.96e5) == "1e6")
    }

    @Test func runFromMonthMayBeALabel() throws {
        // start 2027-01: 2027-04 is month 3, and the pivot kind follows.
        let text = Self.head.replacingOccurrences(of: "from_month: 2", with: "from_month: 2027-04")
        let (file, messages) = load(text)
        #expect(messages.isEmpty)
        #expect(file?.scenario.run?.fromMonth == 3)
    }
}
