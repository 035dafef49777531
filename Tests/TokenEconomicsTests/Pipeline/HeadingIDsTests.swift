import Foundation
import Testing

@testable import Pages
@testable import TokenEconomics

/// Essay headings never take an id the page already uses, and a missing date stays missing.
@Suite struct HeadingIDsTests {
    let fixture = fixturesRoot.appendingPathComponent("heading-ids/content")
    let templates = repositoryRoot.appendingPathComponent("templates")

    @Test func headingsSkipReservedIDsAsTheySkipRepeats() {
        let rendered = Markdown.render(
            "# Main\n\n## Te contents\n\n## Main\n\n## Costs\n",
            options: MarkdownOptions(reservedIDs: ["main", "te-contents"]))
        // `main` is taken, so the first Main gets the next number, the second the one after.
        #expect(rendered.headings.map(\.id) == ["main-1", "te-contents-1", "main-2", "costs"])
        #expect(rendered.html.contains("<h1 id=\"main-1\">Main <a class=\"anchor\" href=\"#main-1\""))
        // Without reserved ids nothing changes: links people shared stay good.
        #expect(Markdown.render("# Main\n").headings.map(\.id) == ["main"])
    }

    /// Letters of any script and digits, lowered; spaces, tabs, `-` and `_` between words one
    /// `-`; everything else dropped; nothing left is `section`.
    @Test func slugsOfASCIIAndOtherScripts() {
        #expect(HeadingIDs.slug("Run-side Costs (2027)") == "run-side-costs-2027")
        #expect(HeadingIDs.slug("  A__b\tC  ") == "a-b-c")
        #expect(HeadingIDs.slug("Ünïcode Überblick") == "ünïcode-überblick")
        #expect(HeadingIDs.slug("Coûts — été") == "coûts-été")
        #expect(HeadingIDs.slug("Σ ΤΙΜΗ 3") == "σ-τιμη-3")
        #expect(HeadingIDs.slug("?!") == "section")
    }

    @Test func templateIDsAreTheLiteralOnes() {
        let ids = Templates.literalIDs(in: [
            "<main id=\"main\">\n<h2 id='te-x'>\n<p data-id=\"no\" aria-labelledby=\"no-either\">",
            "<section id=\"{{id}}\"><div\tid=\"tab\"></div><p id=\"\">",
        ])
        #expect(ids == ["main", "te-x", "tab"])
        var diagnostics = Diagnostics()
        let loaded = Templates.load(from: templates, displayPrefix: "templates", diagnostics: &diagnostics)
        let repositoryIDs = loaded?.ids ?? []
        #expect(repositoryIDs.isSuperset(of: ["main", "te-contents", "essays", "te-report-scenarios", "te-figures"]))
        #expect(!repositoryIDs.contains { $0.contains("{") })
    }

    /// The fixture essay, plus one heading for every id the repository's templates write: no page
    /// holds an id twice, and the headings that would have collided get the next number.
    @Test func noPageRepeatsAnID() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.copyItem(at: fixture, to: content)
        var diagnostics = Diagnostics()
        let ids = try #require(Templates.load(from: templates, displayPrefix: "t", diagnostics: &diagnostics)).ids
        let essay = content.appendingPathComponent("ids.md")
        let headings = ids.sorted().map { "\n## \($0)\n" }.joined()
        try Data((try String(contentsOf: essay, encoding: .utf8) + headings).utf8).write(to: essay)
        let output = root.appendingPathComponent("site")
        _ = try Generator.build(
            Paths(content: content, templates: templates, output: output), options: BuildOptions(strict: true)
        ).get()
        for page in ContentLoader.listFiles(in: output) where page.hasSuffix(".html") {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            var seen: [String: Int] = [:]
            for match in html.matches(of: /\sid="([^"]*)"/) { seen[String(match.1), default: 0] += 1 }
            let repeated = seen.filter { $0.value > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(page) repeats ids \(repeated)")
        }
        let page = try String(contentsOf: output.appendingPathComponent("essays/ids.html"), encoding: .utf8)
        for id in ["scenario-quill-1", "quill-chart-margin-title-1", "quill-chart-margin-desc-1", "main-1"] {
            #expect(page.contains("<h2 id=\"\(id)\">"), "no heading with id \(id)")
        }
        // "## Te contents" and "## te-contents" both slug to te-contents: the first gets -1, the second -2.
        #expect(page.contains("<h2 id=\"te-contents-1\">Te contents"))
        #expect(page.contains("<h2 id=\"te-contents-2\">te-contents"))
        #expect(page.contains("<li class=\"level-2\"><a href=\"#main-1\">Main</a></li>"))
        // The report shows the same essay with the same ids.
        let report = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2 id=\"scenario-quill-1\">Scenario quill"))
        #expect(report.contains("<section class=\"report-scenario\" id=\"scenario-quill\">"))
    }

    @Test func theReportsChartIDIsTheOneReserved() throws {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(from: fixture, displayPrefix: "content", diagnostics: &diagnostics)
        let catalog = try #require(content.catalog)
        let file = try #require(content.scenarios.first)
        let views = ScenarioViews(
            projection: Projection(scenario: file.scenario, catalog: catalog), scenario: file.scenario, catalog: catalog
        )
        #expect(views.marginChart(idPrefix: "quill-").id == SiteRenderer.reportChartID("quill"))
    }

    /// An essay without a date: the report says nothing of a date (it printed an empty
    /// `<time datetime="">` when the missing date went into the context as an `Any` holding nil).
    @Test func theReportPrintsNoDateForAnEssayWithoutOne() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try Generator.build(Paths(content: fixture, templates: templates, output: output)).get()
        let report = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h1>Headings that repeat the page&#39;s ids</h1>"))
        #expect(!report.contains("<time"))
        #expect(!report.contains("Published"))
        // With a date, the report prints it.
        let dated = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: dated) }
        let content = dated.appendingPathComponent("content")
        try FileManager.default.copyItem(at: fixture, to: content)
        let essay = content.appendingPathComponent("ids.md")
        let text = try String(contentsOf: essay, encoding: .utf8).replacingOccurrences(
            of: "---\n\n", with: "date: 2027-03-04\n---\n\n")
        try Data(text.utf8).write(to: essay)
        _ = try Generator.build(
            Paths(content: content, templates: templates, output: dated.appendingPathComponent("site"))
        ).get()
        let datedReport = try String(
            contentsOf: dated.appendingPathComponent("site/report.html"), encoding: .utf8)
        #expect(
            datedReport.contains("<p class=\"dates\">Published <time datetime=\"2027-03-04\">4 March 2027</time></p>"))
    }
}
