import CostModelFixtures
import Foundation
import Testing

@testable import Basics
@testable import Content
@testable import CostModel

/// Loading the catalog and scenarios: the checks docs/model.md and docs/content.md imply, with exact messages.
@Suite struct LoaderTests {
    static let catalogText = """
        as_of: 2026-11-01
        models:
          frontier-a:
            provider: Provider A
            input: 2
            output: 8
          fast-a:
            provider: Provider A
            input: 0.2
            cached_input: 0.05
            output: 0.8
            rpm: 1000
          frontier-b:
            provider: Provider B
            input: 3
            output: 15
            availability: 0.995
            retires: 2027-06-30
            successor: frontier-a
        """

    static var catalog: Catalog? {
        var diagnostics = Diagnostics()
        return CatalogLoader.load(SourceText(path: "content/models.yaml", text: catalogText), diagnostics: &diagnostics)
    }

    func loadScenario(_ text: String) -> (ScenarioFile?, [String]) {
        var diagnostics = Diagnostics()
        let file = ScenarioLoader.load(
            SourceText(path: "content/scenarios/quill.yaml", text: text), slug: "quill",
            catalog: Self.catalog, diagnostics: &diagnostics)
        return (file, diagnostics.sorted.map(\.description))
    }

    @Test func numbersArePlainDecimals() {
        #expect(parseNumber("1_000.5") == 1000.5)
        #expect(parseNumber("-2e3") == -2000)
        #expect(parseNumber("+0.25") == 0.25)
        for text in ["", "_", "+", ".inf", ".nan", "0x10", "1,000", "12 ", "\u{FF11}", "1e999"] {
            #expect(parseNumber(text) == nil, "\(text)")
        }
    }

    @Test func catalogDefaults() throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.asOf == day("2026-11-01"))
        #expect(catalog.ids == ["fast-a", "frontier-a", "frontier-b"])
        let a = try #require(catalog.models["frontier-a"])
        #expect(a.cachedInput == 2)  // defaults to input
        #expect(a.availability == 0.999)
        #expect(a.rpm == nil && a.tpm == nil)
        #expect(catalog.models["fast-a"]?.cachedInput == 0.05)
        #expect(catalog.models["frontier-b"]?.successor == "frontier-a")
    }

    @Test func scenarioDefaults() throws {
        let (file, errors) = loadScenario(
            """
            name: Quill
            users:
              start: 2000
            price_per_user: 20
            run:
              requests_per_user: 120
              input_tokens: 1800
              output_tokens: 600
              routing:
                frontier-b: 0.7
                fast-a: 0.3
            """)
        #expect(errors.isEmpty)
        let s = try #require(file?.scenario)
        #expect(s.start == month("2026-11"))  // month of the catalog's as_of
        #expect(s.months == 24)
        #expect(s.usersGrowth == 0 && s.otherCostPerUser == 0 && s.targetGrossMargin == 0.7)
        let run = try #require(s.run)
        #expect(run.fromMonth == 0 && run.cachedShare == 0 && run.usageGrowth == 0 && run.peakFactor == 3)
        #expect(!run.failover)
        #expect(run.routing == [Route(model: "fast-a", share: 0.3), Route(model: "frontier-b", share: 0.7)])
        #expect(s.kind == .run)
    }

    @Test func misspeltKeyGetsASuggestion() {
        let (_, errors) = loadScenario(
            """
            name: Quill
            users:
              start: 2000
              grwoth: 0.06
            price_per_user: 20
            build: {developers: 1, tokens_per_developer: 1, model: frontier-a}
            """)
        #expect(
            errors == [
                "content/scenarios/quill.yaml:4:3: error: unknown key 'grwoth' in users; did you mean 'growth'?\n"
                    + "  grwoth: 0.06\n  ^"
            ])
    }

    @Test func routingMustSumToOneAndNameKnownModels() {
        let (_, errors) = loadScenario(
            """
            name: Quill
            users: {start: 10}
            price_per_user: 20
            run:
              requests_per_user: 1
              input_tokens: 1
              output_tokens: 1
              routing:
                frontier-b: 0.7
                frontier-c: 0.2
            """)
        #expect(
            errors == [
                "content/scenarios/quill.yaml:8:3: error: routing shares must sum to 1, found 0.8999999999999999\n"
                    + "  routing:\n  ^",
                "content/scenarios/quill.yaml:10:5: error: unknown model 'frontier-c'; did you mean 'frontier-a'? "
                    + "(known models: fast-a, frontier-a, frontier-b)\n    frontier-c: 0.2\n    ^",
            ])
    }

    @Test func sharesWithinOneBillionthOfOneAreAccepted() {
        let (file, errors) = loadScenario(
            """
            name: Quill
            users: {start: 10}
            price_per_user: 20
            run:
              requests_per_user: 1
              input_tokens: 1
              output_tokens: 1
              routing: {frontier-a: 0.3333333333, fast-a: 0.6666666667}
            """)
        #expect(errors.isEmpty)
        #expect(file != nil)
    }

    @Test func rangesAndReferences() {
        let (_, errors) = loadScenario(
            """
            name: Quill
            months: 12
            users: {start: 0, growth: -1}
            price_per_user: -5
            target_gross_margin: 1.5
            run:
              from_month: 12
              requests_per_user: 1
              input_tokens: 1
              output_tokens: "600"
              cached_share: 2
              peak_factor: 0.5
              routing: {frontier-a: 1}
            price_changes:
              - {month: 1, model: frontier-a, provider: Provider A, factor: 2}
              - {month: 2, provider: Provider C, factor: 0}
            """)
        #expect(
            errors == [
                "content/scenarios/quill.yaml:3:16: error: 'start' in users must be greater than 0, found 0\n"
                    + "users: {start: 0, growth: -1}\n               ^",
                "content/scenarios/quill.yaml:3:27: error: 'growth' in users must be greater than -1, found -1\n"
                    + "users: {start: 0, growth: -1}\n                          ^",
                "content/scenarios/quill.yaml:4:17: error: 'price_per_user' in the scenario must be at least 0, found -5\n"
                    + "price_per_user: -5\n                ^",
                "content/scenarios/quill.yaml:5:22: error: 'target_gross_margin' in the scenario must be from 0 to 1, "
                    + "found 1.5\ntarget_gross_margin: 1.5\n                     ^",
                "content/scenarios/quill.yaml:7:15: error: 'from_month' in run must be inside the projection "
                    + "(months 0 to 11, 2026-11 to 2027-10), found 12 (2027-11)\n  from_month: 12\n              ^",
                "content/scenarios/quill.yaml:10:18: error: 'output_tokens' in run must be a number, found the text "
                    + "'600'\n  output_tokens: \"600\"\n                 ^",
                "content/scenarios/quill.yaml:11:17: error: 'cached_share' in run must be from 0 to 1, found 2; "
                    + "did you mean 0.02?\n"
                    + "  cached_share: 2\n                ^",
                "content/scenarios/quill.yaml:12:16: error: 'peak_factor' in run must be at least 1, found 0.5\n"
                    + "  peak_factor: 0.5\n               ^",
                "content/scenarios/quill.yaml:15:35: error: price change 1 names both 'model' and 'provider'; give one\n"
                    + "  - {month: 1, model: frontier-a, provider: Provider A, factor: 2}\n"
                    + "                                  ^",
                "content/scenarios/quill.yaml:16:26: error: unknown provider 'Provider C'; did you mean 'Provider A'? "
                    + "(known providers: Provider A, Provider B)\n"
                    + "  - {month: 2, provider: Provider C, factor: 0}\n                         ^",
                "content/scenarios/quill.yaml:16:46: error: 'factor' in price change 2 must be greater than 0, found 0\n"
                    + "  - {month: 2, provider: Provider C, factor: 0}\n                                             ^",
            ])
    }

    @Test func ownModelNeedsARunSideAndAScenarioNeedsASide() {
        let (_, errors) = loadScenario(
            """
            name: Quill
            users: {start: 10}
            price_per_user: 20
            own_model: {gpu_hour: 2, gpus: 1, tokens_per_second: 100, utilization: 0.5, fixed_monthly: 0}
            """)
        #expect(
            errors == [
                "content/scenarios/quill.yaml:1:1: error: a scenario needs a build section, a run section or both\n"
                    + "name: Quill\n^",
                "content/scenarios/quill.yaml:4:1: error: own_model needs a run section: it is the alternative for the "
                    + "run traffic\nown_model: {gpu_hour: 2, gpus: 1, tokens_per_second: 100, utilization: 0.5, "
                    + "fixed_monthly: 0}\n^",
            ])
    }

    @Test func missingRequiredKeys() {
        let (_, errors) = loadScenario("users: {growth: 0.1}\nbuild: {developers: 2}\n")
        #expect(
            errors == [
                "content/scenarios/quill.yaml:1:1: error: missing required key 'name' in the scenario\nusers: {growth: 0.1}\n^",
                "content/scenarios/quill.yaml:1:1: error: missing required key 'price_per_user' in the scenario\n"
                    + "users: {growth: 0.1}\n^",
                "content/scenarios/quill.yaml:1:8: error: missing required key 'start' in users\nusers: {growth: 0.1}\n"
                    + "       ^",
                "content/scenarios/quill.yaml:2:8: error: missing required key 'model' in build\n"
                    + "build: {developers: 2}\n       ^",
                "content/scenarios/quill.yaml:2:8: error: missing required key 'tokens_per_developer' in build\n"
                    + "build: {developers: 2}\n       ^",
            ])
    }

    @Test func successorChainsMustEnd() {
        var diagnostics = Diagnostics()
        let catalog = CatalogLoader.load(
            SourceText(
                path: "content/models.yaml",
                text: """
                    as_of: 2026-11-01
                    models:
                      a: {provider: P, input: 1, output: 1, retires: 2027-01-01, successor: b}
                      b: {provider: P, input: 1, output: 1, retires: 2027-02-01, successor: a}
                      c: {provider: P, input: 1, output: 1, retires: 2027-02-01, successor: d}
                    """), diagnostics: &diagnostics)
        #expect(catalog == nil)
        #expect(
            diagnostics.sorted.map(\.message) == [
                "successor chain never ends: a -> b -> a",
                "successor chain never ends: b -> a -> b",
                "successor 'd' of model 'c' is not in the catalog",
            ])
    }

    @Test func yamlSyntaxAndAliases() {
        let (_, syntax) = loadScenario("name: [unclosed\nusers: {start: 1}\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.hasPrefix("content/scenarios/quill.yaml:2:6: error: YAML syntax:") == true)
        let (_, alias) = loadScenario("name: &n Quill\nsummary: *n\nusers: {start: 1}\nprice_per_user: 1\n")
        #expect(
            alias == [
                "content/scenarios/quill.yaml:1:7: error: YAML anchors and aliases are not allowed ('&n')\n"
                    + "name: &n Quill\n      ^"
            ])
    }
}
