import Foundation
import Testing
import TestSupport

@testable import Pages
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

    /// A live site over a fresh copy of the fixture's content, with `files` written into it
    /// first (and `writeFolders`' essays in folders), after its first update (`first`). The
    /// copy is removed when `body` returns.
    func withSite(
        files: [String: String] = [:], withFolders: Bool = false, options: BuildOptions = BuildOptions(),
        _ body: (_ folders: Folders, _ site: LiveSite, _ first: LiveSite.Outcome) throws -> Void
    ) throws {
        let folders = try makeFolders()
        defer { try? FileManager.default.removeItem(at: folders.root) }
        if withFolders { try writeFolders(folders) }
        if !files.isEmpty { try write(files, under: folders.content) }
        let site = makeSite(folders, options: options)
        let first = site.update()
        try body(folders, site, first)
    }

    /// Every file of the live folder equals the full build's, and the two hold the same files.
    func expectSameAsFullBuild(
        _ folders: Folders, options: BuildOptions = BuildOptions(), templates: URL? = nil
    ) throws {
        _ = try Generator.build(
            Paths(content: folders.content, templates: templates ?? self.templates, output: folders.full),
            options: options
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
        try withSite { folders, site, first in
            let update = try #require(built(first))
            #expect(!update.incremental)
            #expect(site.files.contains("index.html") && site.files.contains("essays/essay.html"))
            #expect(site.update() == .unchanged)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func savingAnEssayRendersItsPageAndTheReport() throws {
        try withSite { folders, site, _ in
            try append("\nA new closing paragraph.\n", to: folders.content.appendingPathComponent("essay.md"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            #expect(update.changed == ["content/essay.md"])
            // The essay's page and the report, which shows this essay (the pinned one comes
            // first); the index lists its title and first paragraph, which did not change; no
            // feeds without a base URL, and the catalog page stays: the essay uses the same models.
            #expect(update.rendered == 2)
            let page = try String(contentsOf: folders.live.appendingPathComponent("essays/essay.html"), encoding: .utf8)
            #expect(page.contains("A new closing paragraph."))
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func anEssayNamingAModelRendersTheCatalogPage() throws {
        try withSite { folders, site, _ in
            try append("\nThe old days ran on cheap tokens.\n", to: folders.content.appendingPathComponent("old.md"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            // Its page, then models.html, which now lists the essay under 'cheap'.
            #expect(update.rendered == 2)
            let models = try String(contentsOf: folders.live.appendingPathComponent("models.html"), encoding: .utf8)
            #expect(models.contains("essays/old.html"))
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func savingAnArchivedEssayLeavesTheReportAlone() throws {
        try withSite { folders, site, _ in
            try append("\nMore about the old days.\n", to: folders.content.appendingPathComponent("old.md"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            #expect(update.rendered == 1)  // its page: its summary in the index is the same
            try expectSameAsFullBuild(folders)
            // A new first paragraph is a new summary in the index.
            let file = folders.content.appendingPathComponent("old.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "Old.", with: "Older.").utf8).write(to: file)
            #expect(try #require(built(site.update())).rendered == 2)  // its page and the index
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func savingAScenarioRendersWhatShowsIt() throws {
        try withSite { folders, site, _ in
            let data = folders.live.appendingPathComponent("data/builder.json")
            let before = try Data(contentsOf: data)
            let file = folders.content.appendingPathComponent("scenarios/builder.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "price_per_user: 10", with: "price_per_user: 12.5").utf8).write(
                to: file)
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            // Its page, JSON and CSV; the index, compare, report and data/scenarios.csv; the essay
            // whose lists carry tables measured across the scenarios: 3 + 4 + 1. Not the catalog
            // page: the scenario uses the same models over the same months.
            #expect(update.rendered == 8)
            #expect(try Data(contentsOf: data) != before)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func anErrorKeepsTheLastGoodSiteUntilFixed() throws {
        try withSite { folders, site, _ in
            let before = try Data(contentsOf: folders.live.appendingPathComponent("scenarios/builder.html"))
            let file = folders.content.appendingPathComponent("scenarios/builder.yaml")
            let good = try Data(contentsOf: file)
            try Data(
                String(decoding: good, as: UTF8.self).replacingOccurrences(of: "months: 3", with: "months: 0").utf8
            )
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
    }

    @Test func addingRemovingOrUnpublishingAnEssayBuildsEverything() throws {
        try withSite { folders, site, _ in
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
            #expect(
                !FileManager.default.fileExists(atPath: folders.live.appendingPathComponent("essays/old.html").path))

            try FileManager.default.removeItem(at: folders.content.appendingPathComponent("fresh.md"))
            #expect(built(site.update())?.incremental == false)
            #expect(!site.files.contains("essays/fresh.html"))
            try FileManager.default.removeItem(at: folders.full)
            try expectSameAsFullBuild(folders)
        }
    }

    /// Replaces `old` with `new` in a file of the content.
    func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    /// A folder two deep with a listing page for each folder, a folder with an essay of its own
    /// (`notes.md` lists `notes/`), and an essay with tags.
    func writeFolders(_ folders: Folders) throws {
        try write(
            [
                "guides/pricing/deep.md": "---\ntitle: Deep\ndate: 2027-03-02\n---\nTwo deep.\n",
                "guides/inner.md": "---\ntitle: Inner\ndate: 2027-03-03\n---\nOne deep.\n",
                "notes.md": "---\ntitle: Notes\ndate: 2027-03-04\n---\nThe notes.\n",
                "notes/first.md": "---\ntitle: First note\ndate: 2027-03-05\ntags: [pricing, seats]\n---\nA note.\n",
                "tagged.md": "---\ntitle: Tagged\ndate: 2027-03-01\ntags: [pricing]\n---\nOne.\n",
            ], under: folders.content)
    }

    @Test func anEssayInAFolderRendersItsPageAndTheListsShowingIt() throws {
        try withSite(withFolders: true) { folders, site, _ in
            #expect(site.files.contains("essays/guides.html") && site.files.contains("essays/guides/pricing.html"))
            let deep = folders.content.appendingPathComponent("guides/pricing/deep.md")
            try append("\nMore below the summary.\n", to: deep)
            var update = try #require(built(site.update()))
            #expect(update.incremental)
            #expect(update.rendered == 1)  // its page: what the lists show of it is the same
            try expectSameAsFullBuild(folders)

            try replace("Two deep.", with: "Two folders deep.", in: deep)
            update = try #require(built(site.update()))
            #expect(update.incremental)
            // Its page, the index and its folder's page, which list its first paragraph; not the
            // page of `guides`, which lists the folder `pricing` by name only.
            #expect(update.rendered == 3)
            let listing = try String(
                contentsOf: folders.live.appendingPathComponent("essays/guides/pricing.html"), encoding: .utf8)
            #expect(listing.contains("Two folders deep."))
            try expectSameAsFullBuild(folders)

            // A new date moves it in the lists: those three again, and the catalog page, which
            // lists the essays using a model in the index's order.
            try replace("date: 2027-03-02", with: "date: 2025-03-02", in: deep)
            #expect(try #require(built(site.update())).rendered == 4)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func anEssayInAFolderWithAnEssayOfItsOwnRendersThatEssaysPageAndItsTermsPages() throws {
        try withSite(withFolders: true) { folders, site, _ in
            try replace(
                "title: First note", with: "title: The first note",
                in: folders.content.appendingPathComponent("notes/first.md"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            // Its page, the index, notes.html (the folder's own essay lists it) and the pages of
            // its two terms.
            #expect(update.rendered == 5)
            let notes = try String(
                contentsOf: folders.live.appendingPathComponent("essays/notes.html"), encoding: .utf8)
            #expect(notes.contains("The first note"))
            let seats = try String(contentsOf: folders.live.appendingPathComponent("tags/seats.html"), encoding: .utf8)
            #expect(seats.contains("The first note"))
            try expectSameAsFullBuild(folders)

            // The folder's own essay: its page and the index; the essays below it are listed on it
            // as they were.
            try replace("The notes.", with: "All the notes.", in: folders.content.appendingPathComponent("notes.md"))
            #expect(try #require(built(site.update())).rendered == 2)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func anEssayMovingAcrossThePagesOfLongListsMatchesAFullBuild() throws {
        // 105 essays in one folder with one term: the folder's list and the term's page each
        // split in two pages of 100 (`Pagination.essaysPerPage`).
        var files: [String: String] = [:]
        for n in 1...105 {
            let day = 1 + n % 28, month = 1 + n / 28
            files["long/note-\(n).md"] =
                "---\ntitle: Note \(n)\ndate: 2027-0\(month)-\(day < 10 ? "0" : "")\(day)\ntags: [long]\n---\nNote \(n).\n"
        }
        try withSite(files: files) { folders, site, _ in
            #expect(site.files.contains("essays/long_2.html") && site.files.contains("tags/long_2.html"))
            // The oldest note (2 January) becomes the newest: it moves from the second pages to the
            // first, and the last note of each first page to the second.
            let oldest = folders.content.appendingPathComponent("long/note-1.md")
            try replace("date: 2027-01-02", with: "date: 2027-12-01", in: oldest)
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            let first = try String(contentsOf: folders.live.appendingPathComponent("essays/long.html"), encoding: .utf8)
            #expect(first.contains("note-1.html\""))
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func anEssayChangingItsTermsOrAliasesRebuildsEverything() throws {
        try withSite(withFolders: true) { folders, site, _ in
            let tagged = folders.content.appendingPathComponent("tagged.md")
            try replace("One.", with: "One tagged essay.", in: tagged)
            let same = try #require(built(site.update()))
            #expect(same.incremental)
            #expect(same.rendered == 3)  // its page, the index, tags/pricing.html
            try expectSameAsFullBuild(folders)
            // A new term is a new page.
            try replace("tags: [pricing]", with: "tags: [pricing, margins]", in: tagged)
            #expect(built(site.update())?.incremental == false)
            #expect(site.files.contains("tags/margins.html"))
            try replace("title: Tagged", with: "title: Tagged\naliases: [/old-tagged/]", in: tagged)
            #expect(built(site.update())?.incremental == false)
            #expect(site.files.contains("old-tagged/index.html"))
            try FileManager.default.removeItem(at: folders.full)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func aScenarioSavedInASiteWithFoldersAndTermsMatchesAFullBuild() throws {
        try withSite(withFolders: true) { folders, site, _ in
            try replace(
                "price_per_user: 10", with: "price_per_user: 11",
                in: folders.content.appendingPathComponent("scenarios/builder.yaml"))
            let update = try #require(built(site.update()))
            #expect(update.incremental)
            try expectSameAsFullBuild(folders)
        }
    }

    @Test func withABaseURLTheFeedsFollowAnEssay() throws {
        let options = BuildOptions(baseURL: "https://example.org/")
        try withSite(options: options) { folders, site, _ in
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
}
