import Foundation
import Testing

@testable import TokenEconomics

/// `serve`'s site: a change renders only what it affects, and the folder then holds exactly what
/// a full build of the same sources writes.
@Suite struct LiveSiteTests {
    let templates = repositoryRoot.appendingPathComponent("templates")

    /// A copy of the fixture site's content, a folder for the live site, one for a full build.
    struct Folders {
        var content: URL
        var live: URL
        var full: URL
        var root: URL
    }

    func makeFolders() throws -> Folders {
        let root = try makeTemporaryFolder()
        let content = root.appendingPathComponent("content")
        try FileManager.default.copyItem(at: fixturesRoot.appendingPathComponent("site/content"), to: content)
        return Folders(
            content: content, live: root.appendingPathComponent("live"), full: root.appendingPathComponent("full"),
            root: root)
    }

    func makeSite(_ folders: Folders, options: BuildOptions = BuildOptions()) -> LiveSite {
        LiveSite(paths: Paths(content: folders.content, templates: templates, output: folders.live), options: options)
    }

    /// Every file of the live folder equals the full build's, and the two hold the same files.
    func expectSameAsFullBuild(_ folders: Folders, options: BuildOptions = BuildOptions()) throws {
        _ = try Generator.build(
            Paths(content: folders.content, templates: templates, output: folders.full), options: options
        ).get()
        let live = ContentLoader.listFiles(in: folders.live)
        let full = ContentLoader.listFiles(in: folders.full)
        #expect(live == full)
        for path in full {
            let a = try Data(contentsOf: folders.live.appendingPathComponent(path))
            let b = try Data(contentsOf: folders.full.appendingPathComponent(path))
            #expect(a == b, "\(path) differs from a full build")
        }
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    func built(_ outcome: LiveSite.Outcome) -> LiveSite.Update? {
        if case .built(let update) = outcome { return update }
        return nil
    }

    @Test func firstUpdateBuildsEverythingThenNothingChanges() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        let first = try #require(built(site.update()))
        #expect(!first.incremental)
        #expect(site.files.contains("index.html") && site.files.contains("essays/essay.html"))
        #expect(site.update() == .unchanged)
        try expectSameAsFullBuild(folders)
    }

    @Test func savingAnEssayRendersItsPageTheIndexAndTheReport() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        try append("\nA new closing paragraph.\n", to: folders.content.appendingPathComponent("essay.md"))
        let update = try #require(built(site.update()))
        #expect(update.incremental)
        #expect(update.changed == ["content/essay.md"])
        // The essay's page, the index that lists it and the report, which shows this essay
        // (the pinned one comes first); no feeds without a base URL, and the catalog page
        // stays: the essay uses the same models.
        #expect(update.rendered == 3)
        let page = try String(contentsOf: folders.live.appendingPathComponent("essays/essay.html"), encoding: .utf8)
        #expect(page.contains("A new closing paragraph."))
        try expectSameAsFullBuild(folders)
    }

    @Test func anEssayNamingAModelRendersTheCatalogPage() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        try append("\nThe old days ran on cheap tokens.\n", to: folders.content.appendingPathComponent("old.md"))
        let update = try #require(built(site.update()))
        #expect(update.incremental)
        // Its page and the index, then models.html, which now lists the essay under 'cheap'.
        #expect(update.rendered == 3)
        let models = try String(contentsOf: folders.live.appendingPathComponent("models.html"), encoding: .utf8)
        #expect(models.contains("essays/old.html"))
        try expectSameAsFullBuild(folders)
    }

    @Test func savingAnArchivedEssayLeavesTheReportAlone() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        try append("\nMore about the old days.\n", to: folders.content.appendingPathComponent("old.md"))
        let update = try #require(built(site.update()))
        #expect(update.incremental)
        #expect(update.rendered == 2)  // its page and the index
        try expectSameAsFullBuild(folders)
    }

    @Test func savingAScenarioRendersWhatShowsIt() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        let data = folders.live.appendingPathComponent("data/builder.json")
        let before = try Data(contentsOf: data)
        let file = folders.content.appendingPathComponent("scenarios/builder.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "price_per_user: 10", with: "price_per_user: 12.5").utf8).write(to: file)
        let update = try #require(built(site.update()))
        #expect(update.incremental)
        // Its page, JSON and CSV; the index, compare, catalog page, report and
        // data/scenarios.csv; the essay whose lists carry tables measured across the
        // scenarios: 3 + 5 + 1.
        #expect(update.rendered == 9)
        #expect(try Data(contentsOf: data) != before)
        try expectSameAsFullBuild(folders)
    }

    @Test func anErrorKeepsTheLastGoodSiteUntilFixed() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        let before = try Data(contentsOf: folders.live.appendingPathComponent("scenarios/builder.html"))
        let file = folders.content.appendingPathComponent("scenarios/builder.yaml")
        let good = try Data(contentsOf: file)
        try Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "months: 3", with: "months: 0").utf8)
            .write(to: file)
        guard case .failed(let diagnostics, _) = site.update() else {
            Issue.record("a scenario with months: 0 must fail")
            return
        }
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.location.file.hasSuffix("content/scenarios/builder.yaml"))
        #expect(error.location.line == 3)
        #expect(try Data(contentsOf: folders.live.appendingPathComponent("scenarios/builder.html")) == before)
        #expect(site.update() == .unchanged)
        try (good + Data("\n".utf8)).write(to: file)
        let fixed = try #require(built(site.update()))
        #expect(!fixed.incremental)  // after an error, the whole site is checked again
        try expectSameAsFullBuild(folders)
    }

    @Test func addingRemovingOrUnpublishingAnEssayBuildsEverything() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let site = makeSite(folders)
        _ = site.update()
        try write(["fresh.md": "---\ntitle: Fresh\ndate: 2027-02-01\n---\nNew.\n"], under: folders.content)
        let added = try #require(built(site.update()))
        #expect(!added.incremental)
        #expect(site.files.contains("essays/fresh.html"))
        try expectSameAsFullBuild(folders)

        try write(
            ["old.md": "---\ntitle: An archived note\ndate: 2026-01-01\ndraft: true\n---\nOld.\n"],
            under: folders.content)
        let hidden = try #require(built(site.update()))
        #expect(!hidden.incremental)
        #expect(!site.files.contains("essays/old.html"))
        #expect(!FileManager.default.fileExists(atPath: folders.live.appendingPathComponent("essays/old.html").path))

        try FileManager.default.removeItem(at: folders.content.appendingPathComponent("fresh.md"))
        #expect(built(site.update())?.incremental == false)
        #expect(!site.files.contains("essays/fresh.html"))
        try FileManager.default.removeItem(at: folders.full)
        try expectSameAsFullBuild(folders)
    }

    @Test func anEssayWithTagsOrInAFolderRebuildsEverything() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        try write(
            [
                "tagged.md": "---\ntitle: Tagged\ndate: 2027-03-01\ntags: [pricing]\n---\nOne.\n",
                "guides/inner.md": "---\ntitle: Inner\ndate: 2027-03-02\n---\nTwo.\n",
            ], under: folders.content)
        let site = makeSite(folders)
        _ = site.update()
        try append("\nMore.\n", to: folders.content.appendingPathComponent("tagged.md"))
        #expect(built(site.update())?.incremental == false)
        try append("\nMore.\n", to: folders.content.appendingPathComponent("guides/inner.md"))
        #expect(built(site.update())?.incremental == false)
        try expectSameAsFullBuild(folders)
    }

    @Test func withABaseURLTheFeedsFollowAnEssay() throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        let options = BuildOptions(baseURL: "https://example.org/")
        let site = makeSite(folders, options: options)
        _ = site.update()
        let file = folders.content.appendingPathComponent("essay.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "The fixture essay", with: "The renamed essay").utf8).write(to: file)
        let update = try #require(built(site.update()))
        #expect(update.rendered == 5)  // its page, index, report, sitemap and feed
        let feed = try String(contentsOf: folders.live.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(feed.contains("The renamed essay"))
        try expectSameAsFullBuild(folders, options: options)
    }
}
