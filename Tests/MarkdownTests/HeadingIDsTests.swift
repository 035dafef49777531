import Testing

@testable import Markdown

/// Heading ids: slugs of any script, and ids a page already uses skipped as repeats are.
@Suite struct HeadingIDsTests {
    @Test func headingsSkipReservedIDsAsTheySkipRepeats() {
        let rendered = Markdown.render(
            "# Main\n\n## Te contents\n\n## Main\n\n## Costs\n",
            options: MarkdownOptions(reservedIDs: ["main", "te-contents"]))
        // `main` is taken, so the first Main gets the next number, the second the one after.
        #expect(rendered.headings.map(\.id) == ["main-1", "te-contents-1", "main-2", "costs"])
        #expect(rendered.html.contains("<h1 id=\"main-1\">Main <a class=\"anchor\" href=\"#main-1\""))
        // Without reserved ids nothing changes: links people shared stay good.
        #expect(Markdown.render("# Main\n").headings.map(\.id) == ["main"])
    }

    /// Letters of any script and digits, lowered; spaces, tabs, `-` and `_` between words one
    /// `-`; everything else dropped; nothing left is `section`.
    @Test func slugsOfASCIIAndOtherScripts() {
        #expect(HeadingIDs.slug("Run-side Costs (2027)") == "run-side-costs-2027")
        #expect(HeadingIDs.slug("  A__b\tC  ") == "a-b-c")
        #expect(HeadingIDs.slug("Ünïcode Überblick") == "ünïcode-überblick")
        #expect(HeadingIDs.slug("Coûts — été") == "coûts-été")
        #expect(HeadingIDs.slug("Σ ΤΙΜΗ 3") == "σ-τιμη-3")
        #expect(HeadingIDs.slug("?!") == "section")
    }
}
