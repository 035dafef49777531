import Basics
import Content
import CostModel
import CostModelFixtures
import Foundation
import Markdown
import TestSupport
import Testing

@testable import Pages

/// The essay's lists drive its tables: edit the list and the table follows.
@Suite struct EssayTablesTests {
    static let catalog = Catalog(
        asOf: day("2027-01-01"),
        models: [
            CatalogModel(id: "m", provider: "P", input: 1, output: 2, availability: 0.99)
        ])

    /// A build-only scenario and a run scenario, with figures worked out below.
    static var scenarios: [ComputedScenario] {
        // Build: 1 developer × 1e6 tokens × (0.8 × 1 + 0.2 × 2) / 1e6 = 1.2 a month, 2 months → 2.4.
        let build = Scenario(
            slug: "b", name: "B", start: month("2027-01"), months: 2, usersStart: 10,
            pricePerUser: 10, build: BuildSide(developers: 1, tokensPerDeveloper: 1_000_000, model: "m"))
        // Run: 10 users × 100 requests × (1000 × 1 + 500 × 2) / 1e6 = 2 a month, 2 months → 4.
        // Last month: revenue 100, run 2 → gross margin 0.98; with prices doubled 0.96.
        let run = Scenario(
            slug: "r", name: "R <b>", start: month("2027-01"), months: 2, usersStart: 10,
            pricePerUser: 10,
            run: RunSide(
                requestsPerUser: 100, inputTokens: 1000, outputTokens: 500,
                routing: [Route(model: "m", share: 1)]))
        return [build, run].map {
            ComputedScenario(
                scenario: $0,
                summary: ScenarioSummary(Projection(scenario: $0, catalog: catalog), scenario: $0, catalog: catalog))
        }
    }

    func render(_ essay: String) -> String {
        let tables = EssayTables(scenarios: Self.scenarios, link: { "../scenarios/\($0).html" })
        return withoutDataLabels(
            Markdown.render(essay) { headings, lists in
                tables.renderings(headings: headings, lists: lists, compare: nil)
            }.html)
    }

    /// The body of the source essay, after its front matter.
    func sourceEssay() throws -> String {
        let url = repositoryRoot.appendingPathComponent("content/token-economics.md")
        var diagnostics = Diagnostics()
        let essay = EssayLoader.load(
            SourceText(path: "essay.md", text: try String(contentsOf: url, encoding: .utf8)),
            slug: "token-economics", diagnostics: &diagnostics)
        return try #require(essay?.body)
    }

    @Test func theSourceEssaysComparisonBecomesATable() throws {
        let html = render(try sourceEssay())
        // Columns: the essay's first two ## headings.
        #expect(
            html.contains(
                "<th scope=\"col\">Tokens to Build</th><th scope=\"col\">Tokens to Run</th>"
                    + "<th scope=\"col\">Measured across 2 scenarios</th>"))
        #expect(
            html.contains(
                "<th scope=\"row\">Cost structure</th><td>One-time development expense</td>"
                    + "<td>recurring operational cost</td><td>$2 spent on build tokens vs. $4 on run tokens</td>"))
        #expect(
            html.contains(
                "<th scope=\"row\">Margins</th><td>Traditional software margins</td>"
                    + "<td>consumption-based margins</td><td>gross margin 100.0% (build only) vs. 98.0% (with a run side), "
                    + "mean of the last month</td>"))
        #expect(
            html.contains(
                "<th scope=\"row\">Moat</th><td>Code quality and features</td>"
                    + "<td>prompt engineering and integration</td><td>—</td>"))
        // Risk: 0.98 − 0.96 = 2.0 points for the run scenario, none for the build one.
        #expect(html.contains("margin lost if token prices double: 0.0 pts (build only) vs. 2.0 pts (with a run side)"))
        #expect(!html.contains("<li><strong>Cost structure</strong>"))
    }

    @Test func theDependencyListIsKeptAndFollowedByATable() throws {
        let html = render(try sourceEssay())
        #expect(html.contains("<li><strong>Pricing changes</strong>: OpenAI, Anthropic, or Google"))
        #expect(
            html.contains(
                "<th scope=\"col\">Pricing changes: break-even price rise</th>"
                    + "<th scope=\"col\">Rate limits: headroom at peak</th><th scope=\"col\">Model changes: retirements</th>"
                    + "<th scope=\"col\">Availability: uptime</th>"
                    + "<th scope=\"col\">Terms of service: provider concentration</th>"))
        // Only the run scenario, its name escaped; break-even 100 / 2 = 50.
        #expect(
            html.contains(
                "<th scope=\"row\"><a href=\"../scenarios/r.html\">R &lt;b&gt;</a></th><td>50.0×</td>"
                    + "<td>no limit</td><td>none</td><td>99.0%, 7.3 hours down a month</td><td>1 (1 provider)</td>"))
        #expect(!html.contains("scenarios/b.html"))
    }

    @Test func theDependencyTableShowsEachShockOfItsKind() throws {
        // R with two shocks: m's prices doubled from month 1 (run cost 2 → 4 in month 1: 2 less profit),
        // and P's limits halved (m has no limits: never throttled).
        var run = Self.scenarios[1].scenario
        run.shocks = [
            Shock(name: "Price <up>", priceChanges: [PriceChange(month: 1, target: .model("m"), factor: 2)]),
            Shock(name: "Limits", rateLimits: [RateLimitChange(month: 0, target: .provider("P"), factor: 0.5)]),
        ]
        let tables = EssayTables(
            scenarios: [
                ComputedScenario(
                    scenario: run,
                    summary: ScenarioSummary(
                        Projection(scenario: run, catalog: Self.catalog), scenario: run, catalog: Self.catalog))
            ], link: { "\($0).html" })
        let html = tables.makeDependencyTable(
            [.pricingChanges, .rateLimits, .availability],
            labels: ["Pricing changes", "Rate limits", "Availability"])
        #expect(
            html.contains(
                "<td>50.0×<br><span class=\"muted\">“Price &lt;up&gt;”: <span class=\"figure\">\u{2212}$2 profit</span>"
                    + "</span></td><td>no limit<br><span class=\"muted\">“Limits”: <span class=\"figure\">not throttled"
                    + "</span></span></td><td>99.0%, 7.3 hours down a month</td>"))
    }

    @Test func aRenamedLabelANewRowAndANewSide() throws {
        let edited = try sourceEssay()
            .replacingOccurrences(of: "- **Margins**:", with: "- **Gross margins**:")
            .replacingOccurrences(
                of: "- **Risk**: Development budget overruns vs. margin compression",
                with: "- **Risk**: Development budget overruns vs. margin compression\n"
                    + "- **Hiring**: Engineers vs. prompt engineers")
        let html = render(edited)
        // The renamed label has no figure any more; the new row is there.
        #expect(
            html.contains(
                "<th scope=\"row\">Gross margins</th><td>Traditional software margins</td>"
                    + "<td>consumption-based margins</td><td>—</td>"))
        #expect(html.contains("<th scope=\"row\">Hiring</th><td>Engineers</td><td>prompt engineers</td><td>—</td>"))
    }

    @Test func aListThatIsNotAComparisonStaysAList() throws {
        let edited = try sourceEssay()
            .replacingOccurrences(
                of: "- **Moat**: Code quality and features vs. prompt engineering and integration",
                with: "- **Moat**: whoever ships first")
        let html = render(edited)
        #expect(
            html.contains(
                "<li><strong>Cost structure</strong>: One-time development expense vs. recurring "
                    + "operational cost</li>"))
        #expect(!html.contains("Measured across"))
    }

    @Test func removingTheDependencyLabelsRemovesTheTable() throws {
        let edited = try sourceEssay()
            .replacingOccurrences(of: "**Pricing changes**", with: "**Prices**")
            .replacingOccurrences(of: "**Rate limits**", with: "**Limits**")
            .replacingOccurrences(of: "**Model changes**", with: "**Models**")
            .replacingOccurrences(of: "**Availability**", with: "**Uptime**")
            .replacingOccurrences(of: "**Terms of service**", with: "**Terms**")
        #expect(!render(edited).contains("against these dependencies"))
    }

    @Test func frontMatterNamesTheColumns() {
        let tables = EssayTables(scenarios: Self.scenarios, link: { $0 })
        let html = Markdown.render("- **Cost structure**: a vs. b\n") { headings, lists in
            tables.renderings(headings: headings, lists: lists, compare: ["Build", "Run"])
        }.html
        #expect(html.contains("<th scope=\"col\">Build</th><th scope=\"col\">Run</th>"))
    }
}
