import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// Essay headings never take an id the page already uses, and a missing date stays missing.
@Suite struct HeadingIDsTests {
    let fixture = fixturesRoot.appendingPathComponent("heading-ids/content")
    let templates = repositoryRoot.appendingPathComponent("templates")

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
