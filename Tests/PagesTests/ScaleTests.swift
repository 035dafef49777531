import CostModel
import CostModelFixtures
import Foundation
import TestSupport
import Testing

@testable import Pages

/// Pages a person can read at any size: an essay's dependency table stays short whatever the
/// number of scenarios, long lists are split into pages that link to each other.
@Suite struct ScaleTests {
    static let catalog = Catalog(
        asOf: day("2027-01-01"),
        models: [CatalogModel(id: "m", provider: "P", input: 1, output: 2, availability: 0.99)])

    /// `count` run scenarios `s-0001`…: scenario i charges i a user a month. Each: 10 users ×
    /// 100 requests × (1000 × 1 + 500 × 2) / 1e6 = 2 of run tokens a month; revenue 10 × i,
    /// no other cost, so its break-even price rise is 10 × i / 2 = 5 × i.
    static func scenarios(_ count: Int) -> [ComputedScenario] {
        (1...count).map { i in
            let scenario = Scenario(
                slug: "s-" + String(repeating: "0", count: 4 - String(i).count) + String(i), name: "S\(i)",
                start: month("2027-01"), months: 2, usersStart: 10, pricePerUser: Double(i),
                run: RunSide(
                    requestsPerUser: 100, inputTokens: 1000, outputTokens: 500,
                    routing: [Route(model: "m", share: 1)]))
            return ComputedScenario(
                scenario: scenario,
                summary: ScenarioSummary(
                    Projection(scenario: scenario, catalog: catalog), scenario: scenario, catalog: catalog))
        }
    }

    static let thousand = scenarios(1000)

    func rows(_ html: String) -> Int { html.components(separatedBy: "<tr>").count - 1 }

    @Test func anEssayTableWithAThousandScenariosHasABoundedNumberOfRows() {
        var tables = EssayTables(scenarios: Self.thousand, link: { "../scenarios/\($0).html" })
        tables.compareLink = "../compare.html"
        let html = tables.makeDependencyTable([.pricingChanges], labels: ["Pricing changes"])
        // The spread: a header row and three rows (most exposed, median, least exposed); then the
        // five most exposed under a header row: 4 + 6 rows, not a thousand.
        #expect(rows(html) == 10)
        // Most exposed: the lowest break-even rise, scenario 1's 5 × 1 = 5.00×; the median of the
        // thousand figures 5, 10, … 5000 taken at position (1000 − 1) / 2 = 499 is 5 × 500 =
        // 2500×; least exposed 5 × 1000 = 5000×.
        #expect(
            html.contains(
                "<th scope=\"row\">Most exposed</th><td>5.00×</td></tr><tr><th scope=\"row\">Median</th>"
                    + "<td>2500×</td></tr><tr><th scope=\"row\">Least exposed</th><td>5000×</td>"))
        // Then scenarios 1 to 5 (5.00×, 10.0×, 15.0×, 20.0×, 25.0×), most exposed first.
        let order = ["s-0001", "s-0002", "s-0003", "s-0004", "s-0005"].compactMap {
            html.range(of: "../scenarios/\($0).html")?.lowerBound
        }
        #expect(order.count == 5 && order == order.sorted())
        #expect(html.contains("<td>25.0×</td>"))
        #expect(!html.contains("s-0006"))
        #expect(html.contains("<a href=\"../compare.html\">"))
        #expect(html.contains("<caption>The 5 most exposed to pricing changes of the 1000 with a run side"))
    }

    /// Memory bounded by design: what the renderer keeps of each scenario for the shared pages is
    /// its summary, whose projection holds the last month only and no month-by-month runs; the full
    /// projection is computed again, the same, where a page shows it.
    @Test func aBuildKeepsEachScenariosSummaryNotItsMonths() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "models.yaml": "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n",
                "scenarios/s.yaml":
                    "name: S\nstart: 2027-01\nmonths: 24\nusers:\n  start: 10\nprice_per_user: 3\nrun:\n"
                    + "  requests_per_user: 100\n  input_tokens: 1000\n  output_tokens: 500\n  routing:\n    m: 1\n",
            ], under: root)
        let renderer = try makeRenderer(content: root)
        let (kept, catalog) = (renderer.scenarios, renderer.catalog)
        try #require(kept.count == 1)
        let summary: ScenarioSummary = kept[0].summary
        // 24 months projected, only the last (December 2028: 2027-01 + 23 months) kept.
        #expect(summary.monthCount == 24)
        #expect(summary.figures.months.map(\.label) == ["2028-12"])
        #expect(summary.figures.strategies.allSatisfy { $0.outcomes.allSatisfy { $0.monthlyProfit.isEmpty } })
        // Its last month: 10 users × 100 requests × (1000 × 1 + 500 × 2) / 1e6 = 2 of run tokens,
        // revenue 10 × 3 = 30: a gross margin of 28 / 30.
        let margin = try #require(summary.figures.last?.grossMargin)
        #expect(abs(margin - 28.0 / 30.0) < 1e-12)
        // The full projection computed again: every month, the same last month and verdict.
        let full = kept[0].fullProjection(catalog)
        #expect(full.months.count == 24)
        #expect(full.months.last == summary.figures.last)
        #expect(kept[0].monthLabel(23) == "2028-12")
        #expect(
            ScenarioViews(projection: full, scenario: kept[0].scenario, catalog: catalog).verdict() == summary.verdict)
        #expect(!summary.verdict.isEmpty)
    }

    @Test func theScenariosAnEssayLinksToComeFirst() {
        var tables = EssayTables(scenarios: Self.thousand, link: { "../scenarios/\($0).html" })
        tables.linkedScenarios = ["s-0700", "not-a-scenario", "s-0003"]
        let html = tables.makeDependencyTable([.pricingChanges], labels: ["Pricing changes"])
        // Two linked (700 → 3500×, then 3 → 15.0×), then the five most exposed but 3, already
        // shown: 1, 2, 4, 5, 6. 4 spread rows + a header + 7 rows.
        #expect(rows(html) == 12)
        let order = ["s-0700", "s-0003", "s-0001", "s-0002", "s-0004", "s-0005", "s-0006"].compactMap {
            html.range(of: "../scenarios/\($0).html\"")?.lowerBound
        }
        #expect(order.count == 7 && order == order.sorted())
        #expect(html.contains("<td>3500×</td>"))
        #expect(html.contains("The scenarios this essay links to, then the 5 most exposed to pricing changes"))
    }

    @Test func aHandfulOfScenariosStillShowsEveryOne() {
        let tables = EssayTables(scenarios: Self.scenarios(12), link: { "\($0).html" })
        let html = tables.makeDependencyTable([.pricingChanges], labels: ["Pricing changes"])
        // A header row and the twelve scenarios, no spread, no link away.
        #expect(rows(html) == 13)
        #expect(!html.contains("compare.html"))
    }

    @Test func pagesOfAListHaveStableAddressesAndLinkToEachOther() {
        let pages = Pagination(path: "tags/pricing.html", items: 250, perPage: 100)
        // 250 items: pages of 100, 100 and 50.
        #expect(pages.pageCount == 3)
        #expect(pages.laterPaths == ["tags/pricing_2.html", "tags/pricing_3.html"])
        #expect(pages.range(3) == 200..<250)
        let second = pages.navigation(2)
        #expect(second.contains("<a rel=\"prev\" href=\"pricing.html\">"))
        #expect(second.contains("<a rel=\"next\" href=\"pricing_3.html\">"))
        #expect(second.contains("<strong aria-current=\"page\">2</strong>"))
        #expect(Pagination(path: "index.html", items: 100, perPage: 100).navigation(1).isEmpty)
        // Page 10 of 20 links to 1, 8 to 12 and 20, with a gap either side.
        #expect(
            Pagination(path: "a.html", items: 2000, perPage: 100).window(10) == [1, nil, 8, 9, 10, 11, 12, nil, 20])
    }

    @Test func anAliasNeverTakesTheAddressOfAPageOfAList() {
        for file in ["index_2.html", "compare_10.html", "essays/guides_3.html", "essays/a/b_2.html"] {
            #expect(Pagination.isListPage(file), "\(file)")
        }
        for file in ["index_.html", "index_2a.html", "old_2.html", "essays/a_b_2.html", "essays/x.html", "index.html"] {
            #expect(!Pagination.isListPage(file), "\(file)")
        }
    }

    @Test func aSplitSiteListsEveryPageInItsSitemapAndThePagesLinkToEachOther() throws {
        // 205 essays at the top, all tagged: index and tag in three pages (100, 100, 5);
        // 13 scenarios: two compare pages (12 and 1).
        var files: [String: String] = [
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n"
        ]
        for i in 1...205 { files["note-\(1000 + i).md"] = "---\ntags: [pricing]\n---\nNote \(i).\n" }
        for i in 1...13 {
            files["scenarios/s\(100 + i).yaml"] =
                "name: S\(i)\nmonths: 2\nusers:\n  start: 10\nprice_per_user: \(i)\nrun:\n  requests_per_user: 100\n"
                + "  input_tokens: 1000\n  output_tokens: 500\n  routing:\n    m: 1\n"
        }
        let site = try renderSite(files, options: BuildOptions(baseURL: "https://example.org/"))
        let sitemap = site.text("sitemap.xml")
        for path in [
            "index.html", "index_2.html", "index_3.html", "compare.html", "compare_2.html", "tags/pricing.html",
            "tags/pricing_2.html", "tags/pricing_3.html",
        ] {
            #expect(sitemap.contains("<loc>https://example.org/\(path)</loc>"), "\(path) not in the sitemap")
            #expect(!site.text(path).isEmpty)
        }
        #expect(!sitemap.contains("index_4.html"))
        let index2 = site.text("index_2.html")
        #expect(index2.contains("href=\"index.html\">← Previous") && index2.contains("href=\"index_3.html\">Next"))
        // 100 essays a page: the second page has essays 101 to 200 (dates alike: by address).
        #expect(index2.contains("essays/note-1101.html") && !index2.contains("essays/note-1100.html"))
        #expect(site.text("compare_2.html").contains("scenarios/s113.html"))
        #expect(site.text("tags/pricing_3.html").contains("href=\"pricing_2.html\">← Previous"))
    }

    /// A site of 14 scenarios (more than the report's 12 sections) on one model, and an essay
    /// linking to the two scenarios left without a section. Scenario s1NN charges 15 − NN a
    /// user a month, so its break-even price rise is 10 × (15 − NN) / 2 = 5 × (15 − NN) (as
    /// `scenarios(_:)`): the 12 most exposed are s103 to s114 (rises 60× down to 5×); s101 (70×)
    /// and s102 (65×) have no section.
    static func renderFourteenScenarios() throws -> MemorySink {
        var files: [String: String] = [
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n",
            "note.md": "---\ntitle: Note\n---\nSee [one](scenarios/s101.html) and [two](scenarios/s102.html).\n\n"
                + "## The Dependency Problem\n\n- **Pricing changes**: prices move.\n",
        ]
        for i in 1...14 {
            files["scenarios/s\(100 + i).yaml"] =
                "name: S\(i)\nmonths: 2\nusers:\n  start: 10\nprice_per_user: \(15 - i)\nrun:\n"
                + "  requests_per_user: 100\n  input_tokens: 1000\n  output_tokens: 500\n  routing:\n    m: 1\n"
        }
        return try renderSite(files)
    }

    /// The values of `attribute="…"` in `html`.
    func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test func everyAnchorOfTheReportAtScaleIsOnThePage() throws {
        let site = try Self.renderFourteenScenarios()
        let report = site.text("report.html")
        let ids = Set(values(of: "id", in: report))
        let anchors = values(of: "href", in: report).filter { $0.hasPrefix("#") }
        #expect(anchors.contains("#scenario-s114"))
        for anchor in anchors { #expect(ids.contains(String(anchor.dropFirst())), "\(anchor) is not on the page") }
        // Sections for the 12 most exposed only: s101 and s102 link to their own pages, from the
        // essay's computed table (the scenarios it links to first) and from the catalog alike.
        #expect(!ids.contains("scenario-s101") && !ids.contains("scenario-s102") && ids.contains("scenario-s103"))
        #expect(report.contains("<a href=\"scenarios/s101.html\">S1</a>"))
        #expect(report.contains("<a href=\"scenarios/s102.html\">s102</a>"))
        #expect(report.contains("<a href=\"#scenario-s103\">s103</a>"))
    }

    @Test func theModelsPageNamesABoundedNumberOfScenariosForEachModel() throws {
        let site = try Self.renderFourteenScenarios()
        let models = site.text("models.html")
        // The first 12 of the 14 by address (s101 to s112), then the 2 others counted.
        #expect(models.contains("<a href=\"scenarios/s112.html\">s112</a>"))
        #expect(!models.contains("scenarios/s113.html") && !models.contains("scenarios/s114.html"))
        #expect(models.contains(" and 2 more scenarios (<a href=\"compare.html\">every scenario</a>)"))
        // The retirement timeline draws the first compare page's 12 and says how many there are.
        #expect(models.contains("the projection windows of the first 12 of the 14 scenarios"))
        #expect(!models.contains("<th scope=\"row\">s113</th>"))
        // The report's catalog counts the others too, linking to its table of every verdict.
        #expect(
            site.text("report.html").contains(
                " and 2 more scenarios (<a href=\"#te-report-scenarios\">every scenario</a>)"))
    }
}
