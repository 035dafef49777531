import Foundation
import Testing

@testable import Pages
@testable import TokenEconomics

/// A saved scenario fills the kept text of the pages showing its figures (`KeptPages`) instead
/// of rendering them again, renders only the compare page that shows it, and reuses the map of
/// the scenarios billed for each model while their models and months stay; the folder then
/// holds exactly what a full build writes.
extension LiveSiteTests {
    func scenario(_ folders: Folders, _ name: String) -> URL {
        folders.content.appendingPathComponent("scenarios/\(name).yaml")
    }

    func read(_ folders: Folders, _ path: String) throws -> Data {
        try Data(contentsOf: folders.live.appendingPathComponent(path))
    }

    @Test func aScenarioSavedTwiceFillsTheKeptPagesAndMatchesAFullBuild() throws {
        try withSite { folders, site, _ in
            let essay = "essays/essay.html"
            let before = try read(folders, essay)
            try replace("price_per_user: 10", with: "price_per_user: 11", in: scenario(folders, "runner"))
            let first = try #require(built(site.update()))
            // The first time the pages are rendered, and kept: the essay with a table measured
            // across the scenarios, the index and the compare page.
            #expect(site.keptPaths == [essay, "index.html", "compare.html"])
            // 3 (the scenario's page, JSON, CSV) + index, compare, report, data/scenarios.csv + the essay.
            #expect(first.rendered == 8)
            let once = try read(folders, essay)
            #expect(once != before)  // its margins table shows the runner's new margin
            try expectSameAsFullBuild(folders)
            // The second time their kept text is filled with the new figures.
            try replace("price_per_user: 11", with: "price_per_user: 12.5", in: scenario(folders, "runner"))
            let second = try #require(built(site.update()))
            #expect(second.rendered == 8)
            #expect(try read(folders, essay) != once)
            try FileManager.default.removeItem(at: folders.full)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func aPageRenderedForAnotherReasonIsForgottenUntilTheNextScenario() throws {
        try withSite { folders, site, _ in
            try replace("price_per_user: 10", with: "price_per_user: 11", in: scenario(folders, "runner"))
            _ = try #require(built(site.update()))
            #expect(site.keptPaths.contains("essays/essay.html"))
            try append(
                "\nA paragraph written between two scenarios.\n", to: folders.content.appendingPathComponent("essay.md")
            )
            _ = try #require(built(site.update()))
            #expect(!site.keptPaths.contains("essays/essay.html"))
            try replace("price_per_user: 11", with: "price_per_user: 12", in: scenario(folders, "runner"))
            _ = try #require(built(site.update()))
            let page = try String(decoding: read(folders, "essays/essay.html"), as: UTF8.self)
            #expect(page.contains("A paragraph written between two scenarios."))
            #expect(site.keptPaths.contains("essays/essay.html"))
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func aTemplateThatEscapesTheBodyKeepsNoEssayPage() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        // The essay's body once more, escaped, in a comment: putting the tables into the kept
        // text would put them in unescaped, so the page is not kept.
        let custom = folders.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: templates, to: custom)
        let essayTemplate = custom.appendingPathComponent("essay.mustache")
        try replace("{{{body}}}", with: "{{{body}}}<!-- {{body}} -->", in: essayTemplate)
        let site = LiveSite(
            paths: Paths(content: folders.content, templates: custom, output: folders.live), options: BuildOptions())
        _ = site.update()
        for price in ["11", "12"] {
            let file = scenario(folders, "runner")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(
                text.replacingOccurrences(
                    of: #"price_per_user: \d+"#, with: "price_per_user: \(price)", options: .regularExpression
                ).utf8
            ).write(to: file)
            _ = try #require(built(site.update()))
            #expect(site.keptPaths == ["index.html", "compare.html"])
            try? FileManager.default.removeItem(at: folders.full)
            try expectSameAsFullBuild(folders, templates: custom)
        }
    }

    @Test func aScenarioOnALaterComparePageRendersThatPageAlone() throws {
        // Fourteen scenarios: builder, runner and s01 to s12, by slug. The compare pages show
        // twelve each (`Pagination.scenariosPerPage`): the first builder to s10, the second s11
        // and s12. The index shows the first page's.
        var files: [String: String] = [:]
        for n in 1...12 {
            let number = n < 10 ? "0\(n)" : "\(n)"
            files["scenarios/s\(number).yaml"] =
                "name: S\(number)\nmonths: 3\nusers: {start: 100}\nprice_per_user: 10\n"
                + "run: {requests_per_user: 100, input_tokens: 1000, output_tokens: 500, routing: {cheap: 1}}\n"
        }
        try withSite(files: files) { folders, site, _ in
            let index = try read(folders, "index.html")
            let firstPage = try read(folders, "compare.html")
            let secondPage = try read(folders, "compare_2.html")
            try replace("price_per_user: 10", with: "price_per_user: 20", in: scenario(folders, "s12"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            // 3 (s12's page, JSON, CSV) + compare_2.html, the report, data/scenarios.csv + the
            // essay measuring across the scenarios: 7; not the index nor compare.html.
            #expect(update.rendered == 7)
            #expect(try read(folders, "compare_2.html") != secondPage)
            #expect(try read(folders, "compare.html") == firstPage)
            #expect(try read(folders, "index.html") == index)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func aScenarioBilledForOtherModelsAfterAPriceChangeMatchesAFullBuild() throws {
        try withSite { folders, site, _ in
            // A price: the scenarios billed for each model are the same and kept.
            try replace("price_per_user: 10", with: "price_per_user: 11", in: scenario(folders, "runner"))
            _ = try #require(built(site.update()))
            try expectSameAsFullBuild(folders)
            // Routed to one model alone: the catalog page and the report's catalog no longer
            // list the runner under `dear`.
            try replace(
                "routing: {cheap: 0.5, dear: 0.5}", with: "routing: {cheap: 1}", in: scenario(folders, "runner"))
            _ = try #require(built(site.update()))
            try FileManager.default.removeItem(at: folders.full)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func keptTextIsCutAtEachMarkerItNames() throws {
        let text = "a" + KeptPages.marker(1) + "b" + KeptPages.marker(0) + "c" + KeptPages.marker(1)
        let page = try #require(KeptPages.split(Array(text.utf8), figures: 2, once: false))
        #expect(page.pieces.map { String(decoding: $0, as: UTF8.self) } == ["a", "b", "c", ""])
        #expect(page.figures == [1, 0, 1])
        #expect(page.filled([TextBuffer("X"), TextBuffer("YY")]).text == "aYYbXcYY")
        // Figure 1 twice: not a piece of text to fill once per figure.
        #expect(KeptPages.split(Array(text.utf8), figures: 2, once: true) == nil)
        // A marker of a figure the page does not have.
        #expect(KeptPages.split(Array(text.utf8), figures: 1, once: false) == nil)
        // Something like a marker is text.
        let near = "x\u{1}te-figure-\u{1}y\u{1}te-figure-0"
        let kept = try #require(KeptPages.split(Array(near.utf8), figures: 1, once: false))
        #expect(kept.pieces.map { String(decoding: $0, as: UTF8.self) } == [near])
    }
}

/// `update(changed:)` reads the stamps of the files named alone (the watcher's inotify events
/// name them: FolderWatcherTests).
extension LiveSiteTests {
    @Test func anUpdateToldWhichFilesChangedReadsThoseAlone() throws {
        try withSite { folders, site, _ in
            let runner = "content/scenarios/runner.yaml"
            try replace("price_per_user: 10", with: "price_per_user: 11", in: scenario(folders, "runner"))
            try append("\nA paragraph the hint leaves out.\n", to: folders.content.appendingPathComponent("essay.md"))
            // Told only of the scenario: the essay's change is not seen.
            let update = try #require(built(site.update(changed: [runner])))
            #expect(update.changed == [runner])
            #expect(update.incremental)
            // Told of nothing, or of files that are not the site's (hidden, gone): nothing changed.
            #expect(site.update(changed: []) == .unchanged)
            #expect(
                site.update(changed: ["content/.essay.md.swp", "content/gone-now.md", "elsewhere/x"]) == .unchanged)
            // Without a hint every stamp is compared: the essay is found.
            #expect(try #require(built(site.update())).changed == ["content/essay.md"])
            try expectSameAsFullBuild(folders)
        }
    }
}
