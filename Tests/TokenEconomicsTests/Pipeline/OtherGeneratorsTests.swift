import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// Small sites written in the style of other generators' documentation (Fixtures/hugo-style:
/// YAML front matter, `_index.md` folders; Fixtures/zola-style: TOML front matter, taxonomies,
/// a shortcode; our own excerpts, not copies) build without an error, every file a page, with
/// their keys used.
@Suite struct OtherGeneratorsTests {
    let templates = repositoryRoot.appendingPathComponent("templates")

    func build(_ fixture: String, strict: Bool = true) throws -> (URL, BuildReport) {
        let output = try makeTemporaryFolder()
        let report = try Generator.build(
            Paths(content: fixturesRoot.appendingPathComponent(fixture), templates: templates, output: output),
            options: BuildOptions(baseURL: "https://example.org/docs/", strict: strict)
        ).get()
        return (output, report)
    }

    func read(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func hugoStyleDocsBuildWithEveryKeyUsed() throws {
        let (output, report) = try build("hugo-style/content")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.diagnostics.isEmpty)
        let files = Set(ContentLoader.listFiles(in: output))
        // Every Markdown file a page: `_index.md` is its folder's, `slug` names the last segment.
        for page in [
            "essays/index.html", "essays/content-management.html", "essays/content-management/front-matter.html",
            "essays/content-management/bundles.html", "essays/getting-started/quick-start.html",
        ] {
            #expect(files.contains(page), "missing \(page)")
        }
        let frontMatter = try read(output, "essays/content-management/front-matter.html")
        #expect(frontMatter.contains("<h1>Front matter</h1>"))
        #expect(
            frontMatter.contains(
                "<meta name=\"description\" content=\"Use front matter to add metadata to your content.\">"))
        #expect(frontMatter.contains("<p class=\"byline\">By Ada Lovelace and Grace Hopper</p>"))
        #expect(frontMatter.contains("updated <time datetime=\"2025-03-14T09:30:00+01:00\">14 March 2025</time>"))
        #expect(frontMatter.contains("<li><a href=\"../../tags/front-matter.html\">front matter</a></li>"))
        // A page per term; `Content management` and `content management` are one, named as the
        // first essay in list order (bundles, weight 10) writes it.
        let tag = try read(output, "tags/content-management.html")
        #expect(tag.contains("<h1>Tagged \u{201C}Content management\u{201D}</h1>"))
        #expect(tag.contains("<a href=\"../essays/content-management/bundles.html\">Page bundles</a>"))
        #expect(tag.contains("<a href=\"../essays/content-management/front-matter.html\">Front matter</a>"))
        // The folder's page lists its essays by weight: bundles (10) before front matter (30).
        let folder = try read(output, "essays/content-management.html")
        let bundles = try #require(folder.range(of: "Page bundles</a>"))
        let matter = try #require(folder.range(of: "Front matter</a>"))
        #expect(bundles.lowerBound < matter.lowerBound)
    }

    @Test func aliasesAreRedirectsOutsideTheSitemap() throws {
        let (output, _) = try build("hugo-style/content")
        defer { try? FileManager.default.removeItem(at: output) }
        let redirect = try read(output, "content/front-matter/index.html")
        // Two folders down from the root.
        #expect(
            redirect.contains("<link rel=\"canonical\" href=\"../../essays/content-management/front-matter.html\">"))
        #expect(
            redirect.contains(
                "<meta http-equiv=\"refresh\" content=\"0; url=../../essays/content-management/front-matter.html\">"))
        #expect(try read(output, "old-front-matter.html").contains("url=essays/content-management/front-matter.html\""))
        #expect(try read(output, "content/index.html").contains("url=../essays/content-management.html\""))
        let sitemap = try read(output, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/docs/tags/bundles.html</loc>"))
        #expect(!sitemap.contains("old-front-matter") && !sitemap.contains("docs/content/"))
    }

    @Test func theFeedKeepsTimeAndOffset() throws {
        let (output, _) = try build("hugo-style/content")
        defer { try? FileManager.default.removeItem(at: output) }
        let feed = try read(output, "feed.xml")
        #expect(feed.contains("<published>2025-03-14T09:30:00+01:00</published>"))
        #expect(feed.contains("<published>2017-01-09T00:00:00Z</published>"))
        #expect(feed.contains("<author><name>Hugo Authors</name></author>"))
        #expect(feed.contains("<category term=\"setup\"/>"))
    }

    /// An essay without a front-matter title is titled by its first `#` heading, in the feed
    /// as on its page, not by its slug.
    @Test func theFeedTitlesAnEssayAsItsPageDoes() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "models.yaml": FoldersTests.models,
                "untitled.md": "---\ndate: 2026-01-02\n---\n# The heading title\n\nText.\n",
                "titled.md": "---\ntitle: Own title\ndate: 2026-01-01\n---\n# A heading\n",
            ], under: root.appendingPathComponent("content"))
        let output = root.appendingPathComponent("site")
        _ = try Generator.build(
            Paths(content: root.appendingPathComponent("content"), templates: templates, output: output),
            options: BuildOptions(baseURL: "https://example.org/")
        ).get()
        let page = try read(output, "essays/untitled.html")
        #expect(page.contains("<title>The heading title"))
        let feed = try read(output, "feed.xml")
        #expect(feed.contains("<entry>\n    <title>The heading title</title>"))
        #expect(feed.contains("<entry>\n    <title>Own title</title>"))
        #expect(!feed.contains("<title>untitled</title>"))
    }

    @Test func aliasesThatTakeAPageOrRepeatAreSkippedWithWarnings() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "models.yaml": FoldersTests.models, "a.md": "---\naliases: [/index.html, /old/]\n---\n",
                "b.md": "---\naliases: [/old, ../x]\n---\n",
            ], under: root.appendingPathComponent("content"))
        let diagnostics = Generator.check(
            Paths(content: root.appendingPathComponent("content"), templates: templates, output: root))
        // a.md comes first in path order, so it keeps '/old/'; b.md's '/old' (the same file,
        // old/index.html) is skipped. Only the '..' alias is an error. Each is reported where it is
        // written: line 2, after `aliases: [` (10 characters) at column 11, and b.md's second alias
        // after `/old, ` (6 more) at column 17.
        #expect(
            diagnostics.map(\.message) == [
                "alias '/index.html' is skipped: it would replace the page index.html that the site makes",
                "alias '/old' is skipped: it is also an alias of a.md, which keeps it (the first file in path order)",
                "alias '../x' must be a path of letters, digits and '-_./~' with no '..'",
            ])
        #expect(diagnostics.map(\.severity) == [.warning, .warning, .error])
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["2:11", "2:11", "2:17"])
    }

    @Test func zolaStyleDocsBuildWithTOMLFrontMatter() throws {
        let (output, report) = try build("zola-style/content", strict: false)
        defer { try? FileManager.default.removeItem(at: output) }
        // One warning: the file with shortcodes, naming the first.
        #expect(report.diagnostics.count == 1)
        #expect(
            report.diagnostics.first?.message
                == "Zola shortcode '{{ youtube(id=\"dQw4w9WgXcQ\", autoplay=true) }}' is shown as written: other "
                + "generators' shortcodes and tags are not run; convert it to Markdown or HTML (1 more in this file)")
        let files = Set(ContentLoader.listFiles(in: output))
        for page in [
            "essays/index.html", "essays/documentation.html", "essays/documentation/getting-started/overview.html",
            "essays/documentation/content/page.html", "essays/documentation/content/section-pages.html",
            "tags/content.html", "tags/front-matter.html", "tags/reference.html", "docs/page/index.html",
        ] {
            #expect(files.contains(page), "missing \(page)")
        }
        let overview = try read(output, "essays/documentation/getting-started/overview.html")
        #expect(overview.contains("<h1>Overview</h1>"))
        #expect(overview.contains("updated <time datetime=\"2025-03-14T09:30:00+01:00\">14 March 2025</time>"))
        #expect(overview.contains("<a href=\"../../../essays/documentation/content/page.html#front-matter\">pages</a>"))
        // The TOML never reaches the page; the shortcode is shown as written.
        let page = try read(output, "essays/documentation/content/page.html")
        #expect(!page.contains("title = ") && !page.contains("taxonomies"))
        #expect(page.contains("<p>{{ youtube(id=\u{201C}dQw4w9WgXcQ\u{201D}, autoplay=true) }}</p>"))
        #expect(page.contains("<p class=\"byline\">By Ann Author</p>"))
        // Weight orders the folder: Section pages (20) before Page (30).
        let folder = try read(output, "essays/documentation/content.html")
        let section = try #require(folder.range(of: "Section pages</a>"))
        let pageLink = try #require(folder.range(of: ">Page</a>"))
        #expect(section.lowerBound < pageLink.lowerBound)
    }
}
