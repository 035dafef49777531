import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// A content folder with essays in folders: pages at their addresses, folder pages, the index
/// grouped by folder, links between essays.
@Suite struct FoldersTests {
    static let models = "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n"

    struct Built {
        var root: URL
        var report: BuildReport
        func page(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent("site/" + path), encoding: .utf8)
        }
        var files: Set<String> { Set(ContentLoader.listFiles(in: root.appendingPathComponent("site"))) }
    }

    func build(_ files: [String: String]) throws -> Built {
        let root = try makeTemporaryFolder()
        try write(
            files.merging(["models.yaml": Self.models]) { a, _ in a }, under: root.appendingPathComponent("content"))
        let report = try Generator.build(
            Paths(
                content: root.appendingPathComponent("content"),
                templates: repositoryRoot.appendingPathComponent("templates"),
                output: root.appendingPathComponent("site"))
        ).get()
        return Built(root: root, report: report)
    }

    static let site = [
        "README.md": "The top: see [pricing](guides/pricing/index.md).\n",
        "guides/pricing/index.md": "---\ntitle: Pricing guide\n---\n\nRead [costs](costs.md#why), "
            + "[home](../../README.md) and [gone](../missing.md).\n",
        "guides/pricing/costs.md": "# Costs\n\n## Why\n\nBack to [pricing](index.md).\n",
        "Front Matter/Some_Note.md": "A note.\n",
        "deep/er/note.md": "Two folders down.\n",
    ]

    @Test func pagesLiveAtTheirAddresses() throws {
        let built = try build(Self.site)
        defer { try? FileManager.default.removeItem(at: built.root) }
        for page in [
            "essays/index.html", "essays/guides/pricing.html", "essays/guides/pricing/costs.html",
            "essays/front-matter/some-note.html",
            // Folders without a page of their own get a listing page.
            "essays/guides.html", "essays/front-matter.html",
        ] {
            #expect(built.files.contains(page), "missing \(page)")
        }
        // A page two folders deep reaches the site's root with ../../ and the stylesheet with it.
        let costs = try built.page("essays/guides/pricing/costs.html")
        #expect(costs.contains("href=\"../../../assets/style.css\""))
        // The default title is the file's name as written, or the first # heading.
        #expect(try built.page("essays/front-matter/some-note.html").contains("<h1>Some_Note</h1>"))
        #expect(costs.contains("<h1>Costs</h1>"))
    }

    @Test func relativeMdLinksPointAtThePagesAndAMissingOneIsAWarning() throws {
        let built = try build(Self.site)
        defer { try? FileManager.default.removeItem(at: built.root) }
        let pricing = try built.page("essays/guides/pricing.html")
        // From essays/guides/pricing.html the root is ../../.
        #expect(pricing.contains("<a href=\"../../essays/guides/pricing/costs.html#why\">costs</a>"))
        #expect(pricing.contains("<a href=\"../../essays/index.html\">home</a>"))
        #expect(pricing.contains("<a href=\"../missing.md\">gone</a>"))
        let costs = try built.page("essays/guides/pricing/costs.html")
        #expect(costs.contains("<a href=\"../../../essays/guides/pricing.html\">pricing</a>"))
        let warnings = built.report.diagnostics.map(\.description)
        #expect(warnings.count == 1)
        // Line 5 of guides/pricing/index.md (after three front matter lines and a blank one); `../missing.md`
        // starts at column 64: "Read [costs](costs.md#why), " is 28 characters, "[home](../../README.md) and " 28
        // more, "[gone](" 7.
        #expect(
            warnings.first?.hasSuffix(
                "guides/pricing/index.md:5:64: warning: links to '../missing.md', which is not an essay: there is no "
                    + "'guides/missing.md' in the content folder\nRead [costs](costs.md#why), [home](../../README.md) "
                    + "and [gone](../missing.md).\n" + String(repeating: " ", count: 63) + "^") == true)
    }

    @Test func foldersAreListedOnTheirPagesAndTheIndexGroupsThem() throws {
        let built = try build(Self.site)
        defer { try? FileManager.default.removeItem(at: built.root) }
        // The folder's own page (index.md) lists the folder's essays below the essay.
        let pricing = try built.page("essays/guides/pricing.html")
        #expect(pricing.contains("<nav class=\"folder-pages\" aria-label=\"In this folder\">"))
        #expect(pricing.contains("<a href=\"../../essays/guides/pricing/costs.html\">Costs</a>"))
        // A folder with no page of its own: a listing page named after the folder.
        let guides = try built.page("essays/guides.html")
        #expect(guides.contains("<h1>guides</h1>"))
        #expect(guides.contains("<a href=\"../essays/guides/pricing.html\">Pricing guide</a>"))
        let frontMatter = try built.page("essays/front-matter.html")
        #expect(frontMatter.contains("<h1>Front Matter</h1>"))
        // The index: the top's essays, then a heading per folder with its essays.
        let index = try built.page("index.html")
        #expect(index.contains("<h3 class=\"folder\"><a href=\"essays/front-matter.html\">Front Matter</a></h3>"))
        #expect(index.contains("<h3 class=\"folder\"><a href=\"essays/guides/pricing.html\">guides / pricing</a></h3>"))
        // A folder with only a sub-folder is a group too, listing the sub-folder: every folder's
        // page is linked.
        #expect(index.contains("<h3 class=\"folder\"><a href=\"essays/deep.html\">deep</a></h3>"))
        #expect(index.contains("<a href=\"essays/deep/er.html\">er</a>"))
        #expect(try built.page("essays/deep.html").contains("<a href=\"../essays/deep/er.html\">er</a>"))
        let top = try #require(index.range(of: "essays/index.html"))
        let folder = try #require(index.range(of: "<h3 class=\"folder\">"))
        #expect(top.lowerBound < folder.lowerBound)
    }

    @Test func aLinkToADraftInAFolderIsAWarning() throws {
        let built = try build([
            "a.md": "See [the plan](plans/wip.md).\n", "plans/wip.md": "---\ndraft: true\n---\nPlan\n",
            "plans/done.md": "Done.\n",
        ])
        defer { try? FileManager.default.removeItem(at: built.root) }
        #expect(
            built.report.diagnostics.map(\.message) == [
                "links to the draft 'plans/wip', which is not published (build with --drafts to publish drafts)"
            ])
    }
}
