import Testing

@testable import Markdown
@testable import Pages

/// The small texts of pages: short summaries, bylines, the files of aliases.
@Suite struct PageTextTests {
    @Test func longSummariesAreCutAtAWord() {
        #expect(SiteRenderer.shortened("Short enough.", limit: 20) == "Short enough.")
        // The first 20 characters are "Tokens to run, every"; cut at the last space, drop the comma.
        #expect(SiteRenderer.shortened("Tokens to run, every interaction costs", limit: 20) == "Tokens to run…")
    }

    @Test func bylinesJoinTheAuthors() {
        // docs/content.md, `author` / `authors`: the names joined by commas, the last by "and".
        #expect(SiteRenderer.byline(["Ada", "Grace", "Alan"]) == "Ada, Grace and Alan")
        #expect(SiteRenderer.byline(["Ada", "Grace"]) == "Ada and Grace")
    }

    @Test func aliasFiles() {
        #expect(Aliases.file("/content/front-matter/") == "content/front-matter/index.html")
        #expect(Aliases.file("/content/front-matter") == "content/front-matter/index.html")
        #expect(Aliases.file("old.html") == "old.html")
        #expect(Aliases.file("/") == "index.html")
        #expect(Aliases.file("../etc/passwd") == nil)
        #expect(Aliases.file("/a b/") == nil)
        #expect(Aliases.file("/a//b") == nil)
    }

    /// Only the `##` are numbered: each `###` is in a list inside the `##` before it, and one
    /// before any `##` is an item of its own; `#` and `####` are left out; text is escaped.
    @Test func theTableOfContentsNestsSubsections() {
        let headings = [
            Heading(level: 3, text: "Preface", id: "preface"),
            Heading(level: 2, text: "Costs", id: "costs"),
            Heading(level: 3, text: "Build", id: "build"),
            Heading(level: 4, text: "Deep", id: "deep"),
            Heading(level: 3, text: "Run <fast>", id: "run"),
            Heading(level: 1, text: "Title", id: "title"),
            Heading(level: 2, text: "Risks", id: "risks"),
        ]
        #expect(
            SiteRenderer.tableOfContents(headings).renderText == """
                <ol>
                <li class="level-3"><a href="#preface">Preface</a></li>
                <li class="level-2"><a href="#costs">Costs</a>
                <ul>
                <li class="level-3"><a href="#build">Build</a></li>
                <li class="level-3"><a href="#run">Run &lt;fast&gt;</a></li>
                </ul>
                </li>
                <li class="level-2"><a href="#risks">Risks</a></li>
                </ol>
                """)
        #expect(SiteRenderer.tableOfContents([]).renderText == "<ol>\n</ol>")
    }
}
