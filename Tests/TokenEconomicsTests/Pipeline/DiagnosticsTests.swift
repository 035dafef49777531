import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// Bad input: every mistake docs/content.md describes gets a message with its file, line and column, and
/// nothing in the output changes.
@Suite struct DiagnosticsTests {
    static let catalog = "as_of: 2027-01-01\nmodels:\n  mini: {provider: P, input: 1, output: 2}\n"
    static let scenario =
        "name: Fine\nusers: {start: 10}\nprice_per_user: 5\n"
        + "build: {developers: 1, tokens_per_developer: 1000, model: mini}\n"

    /// A site in a temporary folder: `content/` with `files`, and a copy of the repository's templates.
    struct Site {
        let root: URL
        var content: URL { root.appendingPathComponent("content") }
        var templates: URL { root.appendingPathComponent("templates") }
        var output: URL { root.appendingPathComponent("output") }
        var paths: Paths { Paths(content: content, templates: templates, output: output) }

        init(_ files: [String: String]) throws {
            root = try makeTemporaryFolder()
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("templates"),
                to: root.appendingPathComponent("templates"))
            try write(files, under: content)
        }

        func check(strict: Bool = false) -> [String] {
            // Paths in messages are relative to the site's folder, as a user running from it would see.
            Generator.check(paths, options: BuildOptions(strict: strict)).map {
                $0.description.replacingOccurrences(of: root.path + "/", with: "")
            }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    func site(_ files: [String: String]) throws -> Site {
        var all = ["models.yaml": Self.catalog, "scenarios/fine.yaml": Self.scenario]
        for (path, text) in files { all[path] = text }
        return try Site(all)
    }

    @Test func aCleanSiteHasNothingToSay() throws {
        let site = try site([:])
        defer { site.remove() }
        #expect(site.check().isEmpty)
    }

    @Test func yamlSyntax() throws {
        let site = try site(["scenarios/bad.yaml": "name: [unclosed\nusers: {start: 1}\n"])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/scenarios/bad.yaml:2:6: error: YAML syntax: did not find expected ',' or ']' while parsing a "
                    + "flow sequence\nusers: {start: 1}\n     ^"
            ])
    }

    @Test func everyErrorOfEveryFileSorted() throws {
        let site = try site([
            "scenarios/b.yaml": "name: B\nusers: {start: 1}\nprice_per_user: 1\nbuild: {developers: 1, "
                + "tokens_per_developer: 1, model: mimi}\n",
            "scenarios/a.yaml": "name: A\nusers: {start: 1, grwoth: 2}\nprice_per_user: 1\nrun: {}\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/scenarios/a.yaml:2:19: error: unknown key 'grwoth' in users; did you mean 'growth'?\n"
                    + "users: {start: 1, grwoth: 2}\n                  ^",
                "content/scenarios/a.yaml:4:6: error: missing required key 'input_tokens' in run\nrun: {}\n     ^",
                "content/scenarios/a.yaml:4:6: error: missing required key 'output_tokens' in run\nrun: {}\n     ^",
                "content/scenarios/a.yaml:4:6: error: missing required key 'requests_per_user' in run\nrun: {}\n     ^",
                "content/scenarios/a.yaml:4:6: error: missing required key 'routing' in run\nrun: {}\n     ^",
                "content/scenarios/b.yaml:4:56: error: unknown model 'mimi'; did you mean 'mini'? (known models: mini)\n"
                    + "build: {developers: 1, tokens_per_developer: 1, model: mimi}\n"
                    + "                                                       ^",
            ])
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let site = try site([:])
        defer { site.remove() }
        // "Caf" then a lead byte 0xC3 followed by "(", which cannot continue it: line 2, column 10.
        let bytes: [UInt8] = Array("summary: x\nname: Caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        try Data(bytes).write(to: site.content.appendingPathComponent("scenarios/fine.yaml"))
        #expect(site.check() == ["content/scenarios/fine.yaml:2:10: error: invalid UTF-8 (byte 0xC3)"])
    }

    @Test func filesOverOneMebibyteAreRefused() throws {
        // 1 MiB + 1 byte of comment.
        let site = try site(["essay.md": String(repeating: "x", count: 1_048_577)])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/essay.md:1:1: error: file is 1048577 bytes, over the limit of 1048576 "
                    + "bytes (1 MiB)"
            ])
    }

    /// Scenario file names are their slugs; an essay's name is made URL-safe (EssayAddressTests), and
    /// only two essays with one address collide, named both.
    @Test func scenarioSlugsAndEssayAddressCollisions() throws {
        let site = try site([
            "scenarios/Bad_Name.yaml": Self.scenario, "notes/My Note.md": "Hi\n", "notes/my_note.md": "Hi\n",
            "notes/fine.md": "Hi\n", "#%.md": "Hi\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/#%.md:1:1: error: the path '#%.md' has a folder or file name with no letter or digit, so it "
                    + "cannot make a page address; rename it",
                "content/notes/my_note.md:1:1: error: content/notes/My Note.md and content/notes/my_note.md both "
                    + "make the page essays/notes/my-note.html; rename one or set another 'slug' (docs/content.md: folders and addresses)",
                "content/scenarios/Bad_Name.yaml:1:1: error: scenario file name 'Bad_Name.yaml' must be lower-case "
                    + "letters, digits and '-' followed by .yaml, at most 100 characters before it",
            ])
    }

    @Test func invalidDatesInTheCatalog() throws {
        let site = try site([
            "models.yaml": "as_of: 2027-02-30\nmodels:\n  mini: {provider: P, input: 1, output: 2, "
                + "retires: soon}\n"
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/models.yaml:1:8: error: 'as_of' in the catalog must be a date written YYYY-MM-DD, found "
                    + "'2027-02-30'\nas_of: 2027-02-30\n       ^",
                "content/models.yaml:3:53: error: 'retires' in model 'mini' must be a date written YYYY-MM-DD, found "
                    + "'soon'\n  mini: {provider: P, input: 1, output: 2, retires: soon}\n"
                    + "                                                    ^",
            ])
    }

    @Test func templateSyntaxErrorsPointIntoTheTemplate() throws {
        let site = try site([:])
        defer { site.remove() }
        try Data("<h1>{{title}}</h1>\n{{#essays}}\n<p>{{title}}</p>\n".utf8)
            .write(to: site.templates.appendingPathComponent("index.mustache"))
        #expect(
            site.check() == [
                "templates/index.mustache:2:1: error: template syntax: section '{{#essays}}' is opened but never closed\n"
                    + "{{#essays}}\n^"
            ])
    }

    @Test func aMismatchedSectionIsReportedOnItsOwnLine() throws {
        let site = try site([:])
        defer { site.remove() }
        try Data("<main>\n{{#essays}}x{{/essay}}\n</main>\n".utf8)
            .write(to: site.templates.appendingPathComponent("compare.mustache"))
        let messages = site.check()
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("templates/compare.mustache:2:") == true)
        #expect(
            messages.first?.contains(
                "error: template syntax: a section is closed with another name than it was "
                    + "opened with\n{{#essays}}x{{/essay}}\n") == true)
    }

    @Test func templatesThatIncludeThemselves() throws {
        let site = try site([:])
        defer { site.remove() }
        try Data("<footer>{{> header}}</footer>\n".utf8)
            .write(to: site.templates.appendingPathComponent("partials/footer.mustache"))
        try Data("<header>\n  {{> footer }}\n</header>\n".utf8)
            .write(to: site.templates.appendingPathComponent("partials/header.mustache"))
        #expect(
            site.check() == [
                "templates/partials/footer.mustache:1:9: error: template includes itself: footer -> header -> footer\n"
                    + "<footer>{{> header}}</footer>\n        ^",
                "templates/partials/header.mustache:2:3: error: template includes itself: header -> footer -> header\n"
                    + "  {{> footer }}\n  ^",
            ])
    }

    /// A model priced 200 days before the catalog's as_of: 2026-06-15 to 2027-01-01 is
    /// 15 + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 200 days, over the default 180.
    static let staleCatalog =
        "as_of: 2027-01-01\nmodels:\n  mini: {provider: P, input: 1, output: 2, as_of: 2026-06-15}\n"
    static let staleWarning =
        "the prices of 'mini' were checked on 2026-06-15, 200 days before the catalog's as_of (2027-01-01), "
        + "more than price_age_days (180): check them again (token-economics catalog sync does)"

    @Test func warningsAndStrict() throws {
        let site = try site(["models.yaml": Self.staleCatalog])
        defer { site.remove() }
        // `  mini: {provider: P, input: 1, output: 2, as_of: ` is 50 characters: the date is at column 51.
        let line =
            "  mini: {provider: P, input: 1, output: 2, as_of: 2026-06-15}\n" + String(repeating: " ", count: 50) + "^"
        #expect(site.check() == ["content/models.yaml:3:51: warning: \(Self.staleWarning)\n\(line)"])
        #expect(
            site.check(strict: true) == ["content/models.yaml:3:51: error: \(Self.staleWarning) [--strict]\n\(line)"])
        let result = Generator.build(site.paths, options: BuildOptions(strict: true))
        guard case .failure(.contentErrors) = result else {
            Issue.record("a strict build with a warning must fail")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func priceAgeDaysComesFromSiteYAML() throws {
        let site = try site(["models.yaml": Self.staleCatalog, "site.yaml": "price_age_days: 200\n"])
        defer { site.remove() }
        #expect(site.check().isEmpty)  // 200 days is not more than 200
        let strict = try self.site(["models.yaml": Self.staleCatalog, "site.yaml": "price_age_days: 199\n"])
        defer { strict.remove() }
        #expect(strict.check().count == 1)
    }

    @Test func aPlanStartingInTheFuturePassesStrict() throws {
        // The catalog was checked 2027-01-01; this scenario starts in 2029-03.
        let site = try site([
            "scenarios/later.yaml": "name: Later\nstart: 2029-03\nusers: {start: 1}\nprice_per_user: 1\n"
                + "build: {developers: 1, tokens_per_developer: 1, model: mini}\n"
        ])
        defer { site.remove() }
        #expect(site.check(strict: true).isEmpty)
    }

    @Test func aRebuildWithNothingChangedSaysTheSameWarnings() throws {
        let site = try site(["models.yaml": Self.staleCatalog])
        defer { site.remove() }
        let first = try Generator.build(site.paths).get()
        #expect(first.written > 0)
        #expect(first.diagnostics.map(\.message) == [Self.staleWarning])
        // Nothing changed: nothing is written, and the warning (with its source line) is said again.
        let second = try Generator.build(site.paths).get()
        #expect(second.written == 0)
        #expect(second.diagnostics == first.diagnostics)
        #expect((second.pages, second.scenarios, second.files) == (first.pages, first.scenarios, first.files))
        // A strict build has other inputs: it checks again, and fails on the warning.
        guard case .failure(.contentErrors) = Generator.build(site.paths, options: BuildOptions(strict: true)) else {
            Issue.record("a strict build with a warning must fail, even over an up-to-date site")
            return
        }
    }

    /// Two scenarios route `old`: one warning, at the model, naming both.
    @Test func aRetirementWithoutSuccessorIsWarnedOnceAtTheModel() throws {
        let run =
            "users: {start: 10}\nprice_per_user: 5\nstart: 2027-01\nrun:\n  requests_per_user: 1\n"
            + "  input_tokens: 1\n  output_tokens: 1\n  routing:\n    old: 1\n"
        let site = try site([
            "models.yaml": Self.catalog + "  old: {provider: P, input: 1, output: 2, retires: 2027-03-01}\n",
            "scenarios/fine.yaml": "name: Fine\n" + run,
            "scenarios/other.yaml": "name: Other\n" + run,
        ])
        defer { site.remove() }
        // `  old: {provider: P, input: 1, output: 2, retires: ` is 51 characters.
        #expect(
            site.check() == [
                "content/models.yaml:4:52: warning: 'old' retires on 2027-03-01, inside the projections of fine, "
                    + "other, with no successor: its prices are kept after that day; add 'successor: <id>'\n"
                    + "  old: {provider: P, input: 1, output: 2, retires: 2027-03-01}\n"
                    + String(repeating: " ", count: 51) + "^"
            ])
    }

    @Test func aModelRetiredBeforeMonthZeroIsWarnedOnce() throws {
        let run =
            "users: {start: 10}\nprice_per_user: 5\nstart: 2027-06\nrun:\n  requests_per_user: 1\n"
            + "  input_tokens: 1\n  output_tokens: 1\n  routing:\n    old: 1\n"
        let site = try site([
            "models.yaml": Self.catalog
                + "  old: {provider: P, input: 1, output: 2, retires: 2027-03-01, successor: mini}\n",
            "scenarios/fine.yaml": "name: Fine\n" + run,
            "scenarios/other.yaml": "name: Other\n" + run,
        ])
        defer { site.remove() }
        #expect(
            site.check().map { $0.split(separator: "\n").first.map(String.init) ?? "" } == [
                "content/models.yaml:4:52: warning: 'old' retired on 2027-03-01, before the projections of fine, "
                    + "other start: they are billed at its successor 'mini' from month 0"
            ])
    }

    @Test func aPublishedEssayLinkingToADraft() throws {
        let site = try site([
            "essay.md": "# Essay\n\nSee [the plan](wip.html) and [notes](notes.md).\n",
            "wip.md": "---\ndraft: true\n---\nPlan\n",
            "notes.md": "Notes\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/essay.md:3:16: warning: links to the draft 'wip', which is not published (build with --drafts "
                    + "to publish drafts)\nSee [the plan](wip.html) and [notes](notes.md).\n               ^"
            ])
        #expect(Generator.check(site.paths, options: BuildOptions(includeDrafts: true)).isEmpty)
    }

    @Test func diagnosticsAsJSON() {
        let diagnostic = Diagnostic(
            .error, "unknown key 'x' in \"users\"", at: SourceLocation(file: "a.yaml", line: 3, column: 5))
        #expect(
            diagnosticsJSON([diagnostic]) == """
                [
                  {
                    "file": "a.yaml",
                    "line": 3,
                    "column": 5,
                    "severity": "error",
                    "message": "unknown key 'x' in \\"users\\""
                  }
                ]
                """)
    }

    /// `check --format json` and the manifest write a diagnostic in one form: the same keys, in
    /// the same order, `source` when the diagnostic has its line; the manifest's on one line,
    /// read back as it was.
    @Test func aDiagnosticHasOneJSONForm() throws {
        let diagnostic = Diagnostic(
            .warning, "say \"hi\"", at: SourceLocation(file: "a.md", line: 2, column: 7), sourceLine: "tab\there")
        #expect(
            diagnosticsJSON([diagnostic]) == """
                [
                  {
                    "file": "a.md",
                    "line": 2,
                    "column": 7,
                    "severity": "warning",
                    "message": "say \\"hi\\"",
                    "source": "tab\\there"
                  }
                ]
                """)
        let line = SiteWriter.Manifest.json(diagnostic).text
        #expect(
            line == #"{"file": "a.md","line": 2,"column": 7,"severity": "warning","#
                + #""message": "say \"hi\"","source": "tab\there"}"#)
        let read = try #require(SiteWriter.Manifest.diagnostic(fromJSON: Substring(line)))
        #expect(read.description == diagnostic.description)
    }

    @Test func aBrokenRebuildChangesNothing() throws {
        let site = try site([:])
        defer { site.remove() }
        _ = try Generator.build(site.paths).get()
        let files = ContentLoader.listFiles(in: site.output)
        func snapshot() throws -> [String: (Data, Date)] {
            var result: [String: (Data, Date)] = [:]
            for file in ContentLoader.listFiles(in: site.output) {
                let url = site.output.appendingPathComponent(file)
                let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
                result[file] = (try Data(contentsOf: url), date ?? .distantPast)
            }
            return result
        }
        let before = try snapshot()
        try write(["scenarios/fine.yaml": "name: [broken\n"], under: site.content)
        guard case .failure(.contentErrors) = Generator.build(site.paths) else {
            Issue.record("the broken build must fail")
            return
        }
        let after = try snapshot()
        #expect(ContentLoader.listFiles(in: site.output) == files)
        for (file, (data, date)) in before {
            #expect(after[file]?.0 == data, "\(file) changed")
            #expect(after[file]?.1 == date, "\(file) was touched")
        }
    }

    @Test func filesNoLongerProducedAreRemovedAndOnlyThose() throws {
        let site = try site(["scenarios/second.yaml": Self.scenario.replacingOccurrences(of: "Fine", with: "Second")])
        defer { site.remove() }
        try write(["scenarios/mine.html": "a user's own page", "data/mine.csv": "a,b\n"], under: site.output)
        _ = try Generator.build(site.paths).get()
        #expect(
            FileManager.default.fileExists(atPath: site.output.appendingPathComponent("scenarios/second.html").path))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("scenarios/second.yaml"))
        let report = try Generator.build(site.paths).get()
        let files = Set(ContentLoader.listFiles(in: site.output))
        #expect(
            !files.contains("scenarios/second.html") && !files.contains("data/second.json")
                && !files.contains("data/second.csv"))
        #expect(report.removed == 3)
        #expect(files.contains("scenarios/mine.html") && files.contains("data/mine.csv"))
    }

    @Test func anUnchangedRebuildStillRestoresAndFollowsChanges() throws {
        let site = try site([:])
        defer { site.remove() }
        _ = try Generator.build(site.paths).get()
        // Nothing changed: nothing is written.
        #expect(try Generator.build(site.paths).get().written == 0)
        // A page deleted from the output comes back.
        let index = site.output.appendingPathComponent("index.html")
        try FileManager.default.removeItem(at: index)
        #expect(try Generator.build(site.paths).get().written == 1)
        #expect(FileManager.default.fileExists(atPath: index.path))
        // A template edited: the pages it makes are written again.
        let template = site.templates.appendingPathComponent("404.mustache")
        try Data((try String(contentsOf: template, encoding: .utf8) + "<p>Edited.</p>\n").utf8).write(to: template)
        #expect(try Generator.build(site.paths).get().written == 1)
        #expect(
            try String(contentsOf: site.output.appendingPathComponent("404.html"), encoding: .utf8)
                .contains("<p>Edited.</p>"))
    }

    @Test func textFromContentIsEscapedEverywhere() throws {
        let hostile = "\\\"><img src=x onerror=alert(1)><script>x</script>"
        let site = try site([
            "scenarios/fine.yaml": Self.scenario.replacingOccurrences(of: "name: Fine", with: "name: \"A \(hostile)\""),
            "site.yaml": "title: \"T \(hostile)\"\nbase_url: https://example.org/\n",
            "essay.md": "---\ntitle: \"E \(hostile)\"\ndate: 2027-01-01\nsummary: \"S \(hostile)\"\n---\nBody\n",
        ])
        defer { site.remove() }
        _ = try Generator.build(site.paths).get()
        for file in ContentLoader.listFiles(in: site.output)
        where !file.hasPrefix("assets/") && !file.hasPrefix("data/") {
            let text = try String(contentsOf: site.output.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("<img src=x"), "\(file) lets markup through")
            #expect(!text.contains("<script>x"), "\(file) lets a script through")
        }
    }
}
