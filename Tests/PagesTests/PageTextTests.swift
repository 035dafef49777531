import Testing

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
}
