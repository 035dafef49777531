import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// Builds the fixture site with the repository's templates into a temporary folder and reads it back.
@Suite struct EndToEndTests {
    let content = fixturesRoot.appendingPathComponent("site/content")
    let templates = repositoryRoot.appendingPathComponent("templates")

    func build(into output: URL, options: BuildOptions = BuildOptions()) throws -> BuildReport {
        try Generator.build(Paths(content: content, templates: templates, output: output), options: options).get()
    }

    func read(_ path: String, in output: URL) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func buildsEveryPage() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try build(into: output)
        let files = Set(ContentLoader.listFiles(in: output))
        for page in [
            "index.html", "compare.html", "models.html", "report.html", "404.html", "essays/essay.html",
            "essays/old.html",
            "scenarios/builder.html", "scenarios/runner.html", "assets/style.css", "data/builder.json",
            "data/builder.csv", "data/runner.json", "data/runner.csv", "data/scenarios.csv",
        ] {
            #expect(files.contains(page), "missing \(page)")
        }
        // Drafts need --drafts, trashed notes are never published, feeds need a base URL.
        #expect(!files.contains("essays/wip.html"))
        #expect(!files.contains("essays/gone.html"))
        #expect(!files.contains("sitemap.xml") && !files.contains("feed.xml"))
        #expect(report.scenarios == 2)
        #expect(report.pages == 9)  // index, compare, models, report, 404, two essays, two scenarios
    }

    @Test func indexListsEssaysAndScenarios() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try build(into: output)
        let index = try read("index.html", in: output)
        #expect(
            index.contains("<a href=\"essays/essay.html\">The fixture essay</a> <span class=\"badge\">Pinned</span>"))
        #expect(index.contains("<time datetime=\"2027-01-02T10:00:00Z\">2 January 2027</time>"))
        // The archived note is listed apart, the trashed one nowhere.
        let archive = try #require(index.range(of: "id=\"archive\""))
        #expect(index[archive.upperBound...].contains("An archived note"))
        #expect(!index.contains("A trashed note") && !index.contains("A draft"))
        #expect(index.contains("<a href=\"scenarios/builder.html\">Builder</a>"))
        // Names from content are text, never markup.
        #expect(index.contains("Runner &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!index.contains("<script>"))
    }

    @Test func essayPageHasTableOfContentsAndComputedTables() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try build(into: output)
        let essay = withoutDataLabels(try read("essays/essay.html", in: output))
        #expect(essay.contains("<li class=\"level-2\"><a href=\"#build-side\">Build side</a></li>"))
        #expect(essay.contains("<body class=\"essay-page accent-teal\">"))
        // The comparison list became a table whose columns are the first two ## headings.
        #expect(essay.contains("<th scope=\"col\">Build side</th><th scope=\"col\">Run side</th>"))
        #expect(essay.contains("<th scope=\"row\">Moat</th><td>Features</td><td>integration</td><td>—</td>"))
        #expect(!essay.contains("<li><strong>Cost structure</strong>"))
        // The dependency list stays, followed by a table of the run scenarios.
        #expect(essay.contains("<li><strong>Pricing changes</strong>: they move.</li>"))
        #expect(
            essay.contains(
                "<th scope=\"col\">Pricing changes: break-even price rise</th>"
                    + "<th scope=\"col\">Availability: uptime</th>"))
        #expect(essay.contains("<a href=\"../scenarios/runner.html\">"))
        #expect(!essay.contains("<a href=\"../scenarios/builder.html\">"))
    }

    @Test func scenarioPageAndData() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try build(into: output)
        let page = try read("scenarios/runner.html", in: output)
        #expect(page.contains("<a href=\"../data/runner.csv\" download>"))
        #expect(page.contains("Runs on two providers &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        // Costs, margin, price sensitivity, and cumulative profit by strategy (no shocks: no shock chart).
        #expect(page.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
        // Cost per request: half on cheap (1000 × 1 + 500 × 2) / 1e6 = 0.002, half on dear
        // (1000 × 10 + 500 × 20) / 1e6 = 0.02 → 0.011; 100 users × 100 requests → 110 a month.
        let json = try read("data/runner.json", in: output)
        #expect(json.contains("\"run_cost\": 110,"))
        #expect(json.contains("\"kind\": \"run\","))
        let csv = try read("data/runner.csv", in: output)
        #expect(
            csv.hasPrefix(
                "month,label,users,requests,run_tokens,revenue,other_cost,run_cost,build_cost,own_cost,"
                    + "cost_per_request,gross_margin,margin_after_build,token_share,downtime_hours,downtime_cost,profit"
                    + "\r\n0,2027-01,100,10000,15000000,1000,0,110,0,,"
            ))
    }

    @Test func draftsWithTheFlagAndFeedsWithABaseURL() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try build(into: output, options: BuildOptions(includeDrafts: true, baseURL: "https://example.org/te/"))
        let files = Set(ContentLoader.listFiles(in: output))
        #expect(files.contains("essays/wip.html"))
        #expect(!files.contains("essays/gone.html"))
        let sitemap = try read("sitemap.xml", in: output)
        #expect(sitemap.contains("<loc>https://example.org/te/essays/essay.html</loc>"))
        let feed = try read("feed.xml", in: output)
        #expect(feed.contains("<link href=\"https://example.org/te/essays/essay.html\"/>"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try makeTemporaryFolder(), second = try makeTemporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = try build(into: first)
        _ = try build(into: second)
        let files = ContentLoader.listFiles(in: first)
        #expect(files == ContentLoader.listFiles(in: second))
        for file in files {
            let a = try Data(contentsOf: first.appendingPathComponent(file))
            let b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func aRebuildWritesNothingAndRemovesOnlyItsOwnFiles() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        try write(["notes.txt": "mine", "essays/extra.html": "mine too"], under: output)
        _ = try build(into: output)
        let again = try build(into: output)
        #expect(again.written == 0)
        // The user's own files are still there after two builds.
        #expect(try read("notes.txt", in: output) == "mine")
        #expect(try read("essays/extra.html", in: output) == "mine too")
    }

    @Test func aChangedTemplateOrContentFileIsRebuilt() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("content"), theme = root.appendingPathComponent("templates")
        let output = root.appendingPathComponent("output")
        try FileManager.default.copyItem(at: content, to: site)
        try FileManager.default.copyItem(at: templates, to: theme)
        let paths = Paths(content: site, templates: theme, output: output)
        _ = try Generator.build(paths).get()
        #expect(try Generator.build(paths).get().written == 0)
        // A template: every page changes.
        let footer = theme.appendingPathComponent("partials/footer.mustache")
        try Data((try String(contentsOf: footer, encoding: .utf8) + "<!-- changed -->\n").utf8).write(to: footer)
        let afterTemplate = try Generator.build(paths).get()
        #expect(afterTemplate.written == afterTemplate.pages)
        #expect(try read("index.html", in: output).contains("<!-- changed -->"))
        // A content file the loaders do not read still counts as an input; one that they do changes its page.
        try write(["notes.txt": "a file beside the essays"], under: site)
        #expect(try Generator.build(paths).get().written == 0)
        let essay = site.appendingPathComponent("essay.md")
        try Data((try String(contentsOf: essay, encoding: .utf8) + "\nOne more sentence.\n").utf8).write(to: essay)
        let afterEssay = try Generator.build(paths).get()
        #expect(afterEssay.written >= 1)
        #expect(try read("essays/essay.html", in: output).contains("One more sentence."))
        // Replaced files went through temporary files; none is left behind.
        let leftovers = FileManager.default.enumerator(atPath: output.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [])
    }

    @Test func customTemplatesUseAllOfMustache() throws {
        // An override of the essay template with a transform, changed delimiters, an indented
        // partial of the site's own and a list: every page goes through the one renderer.
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let own = root.appendingPathComponent("templates"), output = root.appendingPathComponent("site")
        try write(
            [
                "essay.mustache": "<h1>{{uppercased(title)}}</h1>\n{{=<% %>=}}<p><%byline%></p>\n<%={{ }}=%>"
                    + "<ul>\n  {{> item}}\n</ul>\n{{{body}}}",
                "partials/item.mustache": "<li>{{#authors}}{{.}};{{/authors}}</li>\n<li>{{date.display}}</li>\n",
            ], under: own)
        let site = root.appendingPathComponent("content")
        try write(
            [
                "models.yaml": "as_of: 2027-01-01\nmodels: {mini: {provider: P, input: 1, output: 1}}\n",
                "a.md": "---\ntitle: Tea & <cake>\nauthors: [Ann, Bo]\ndate: 2027-03-04\n---\n\nText.\n",
            ], under: site)
        _ = try Generator.build(Paths(content: site, templates: own, output: output)).get()
        let page = try read("essays/a.html", in: output)
        // uppercased("Tea & <cake>") = "TEA & <CAKE>", escaped; the partial's two lines both
        // indented by the two spaces before its tag.
        #expect(
            page.contains(
                "<h1>TEA &amp; &lt;CAKE&gt;</h1>\n<p>Ann and Bo</p>\n<ul>\n  <li>Ann;Bo;</li>\n"
                    + "  <li>4 March 2027</li>\n</ul>\n<p>Text.</p>"))
    }

    @Test func longListsKeepEveryItem() throws {
        // Seventy essays of several kinds and sixty-six scenarios: the index lists every essay,
        // the report every scenario.
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("content"), output = root.appendingPathComponent("site")
        var files = [
            "models.yaml": try String(contentsOf: content.appendingPathComponent("models.yaml"), encoding: .utf8)
        ]
        for index in 0..<70 {
            var front = "title: \"Essay \(index) & <more>\"\n"
            if index % 3 != 2 { front += "date: 2027-0\(index % 9 + 1)-1\(index % 10)\n" }
            if index == 1 { front += "pinned: true\n" }
            if index == 5 || index == 40 { front += "archived: true\n" }
            if index == 7 { front += "summary: 'A summary with \"quotes\"'\n" }
            files["e\(index).md"] = "---\n\(front)---\n\nThe body of essay \(index), with a [link](e0.md).\n"
        }
        let scenario = try String(
            contentsOf: content.appendingPathComponent("scenarios/runner.yaml"), encoding: .utf8)
        for index in 0..<66 {
            files["scenarios/s\(index).yaml"] = scenario.replacingOccurrences(
                of: "name: ", with: "name: S\(index) ", options: [], range: scenario.range(of: "name: "))
        }
        try write(files, under: site)
        let report = try Generator.build(Paths(content: site, templates: templates, output: output)).get()
        #expect(report.scenarios == 66 && report.files > 200)
        let index = try read("index.html", in: output)
        #expect(index.components(separatedBy: "<a href=\"essays/e").count - 1 == 70)  // two of them archived
        #expect(index.contains("Essay 3 &amp; &lt;more&gt;"))
        let whole = try read("report.html", in: output)
        // With more than 12 scenarios, a section for the 12 most exposed, each with the id the
        // report's links use, and every verdict in one table (docs/content.md, "The report at
        // scale"): 66 rows with a verdict cell.
        #expect(whole.components(separatedBy: "<section class=\"report-scenario\" id=\"scenario-").count - 1 == 12)
        #expect(whole.components(separatedBy: " data-label=\"Verdict\"").count - 1 == 66)
    }

    @Test func brokenContentWritesNothing() throws {
        let site = try makeTemporaryFolder(), output = try makeTemporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: site)
            try? FileManager.default.removeItem(at: output)
        }
        try write(
            [
                "models.yaml": "as_of: 2027-01-01\nmodels: {mini: {provider: P, input: 1, output: 1}}\n",
                "scenarios/bad.yaml": "name: Bad\nusers: {start: 1}\nprice_per_user: 1\nbuild: {developers: 1, "
                    + "tokens_per_developer: 1, model: mnii}\n",
            ], under: site)
        let result = Generator.build(Paths(content: site, templates: templates, output: output))
        guard case .failure(.contentErrors(let diagnostics)) = result else {
            Issue.record("expected content errors, got \(result)")
            return
        }
        #expect(diagnostics.map(\.message) == ["unknown model 'mnii'; did you mean 'mini'? (known models: mini)"])
        #expect(ContentLoader.listFiles(in: output).isEmpty)
    }
}
