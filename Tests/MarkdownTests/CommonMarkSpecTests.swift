import Foundation
import MarkdownFixtures
import Testing

@testable import Markdown

/// Every example of the CommonMark 0.30 spec (`CommonMarkSpec`) rendered by
/// `Markdown.render` must be what libcmark alone writes for the same text with the same options,
/// once the heading ids and anchors `Markdown.render` adds by design are set aside. (A `%` in a
/// link destination that begins no escape, which `Markdown.render` writes as `%25`, is in no
/// example: `aBarePercentInADestinationIsEscaped` shows it. An essay's
/// front matter is read before Markdown sees the text: example 98, `---\n---\n`, is an empty
/// front matter in an essay, as ContentTests' `emptyFrontMatterStaysFrontMatter` shows, and the pipeline's
/// `CommonMarkPagesTests` builds every example as an essay.)
@Suite struct CommonMarkSpecTests {
    func check(unsafeHTML: Bool) throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)
        let options = MarkdownOptions(allowsRawHTML: unsafeHTML)
        var differing: [Int] = []
        for example in examples {
            let actual = CommonMarkSpec.withoutHeadingIDs(Markdown.render(example.markdown, options: options).html)
            let expected = Markdown.libcmarkHTML(example.markdown, options: options)
            guard actual != expected else { continue }
            differing.append(example.example)
            let message: String =
                "example \(example.example) (\(example.section)) differs:\n"
                + "markdown: \(example.markdown.debugDescription)\n"
                + "render:   \(actual.debugDescription)\nlibcmark: \(expected.debugDescription)"
            Issue.record(Comment(rawValue: message))
        }
        #expect(differing.isEmpty, "examples that differ: \(differing)")
    }

    @Test func everyExampleRendersAsLibcmarkWithSmartPunctuation() throws {
        try check(unsafeHTML: false)
    }

    @Test func everyExampleRendersAsLibcmarkWithUnsafeHTML() throws {
        try check(unsafeHTML: true)
    }

    /// The comparison is not vacuous: setting ids aside leaves libcmark's heading, and the
    /// examples do hold headings, raw HTML and smart punctuation.
    @Test func theComparisonSeesWhatRenderAdds() throws {
        let rendered = Markdown.render("# *Costs* and more\n").html
        #expect(rendered.contains("id=\"costs-and-more\""))
        #expect(CommonMarkSpec.withoutHeadingIDs(rendered) == Markdown.libcmarkHTML("# *Costs* and more\n"))
        let setext = Markdown.render("Costs\nand more\n===\n").html
        #expect(CommonMarkSpec.withoutHeadingIDs(setext) == "<h1>Costs\nand more</h1>\n")
        let examples = try CommonMarkSpec.examples()
        #expect(examples.filter { $0.markdown.contains("#") }.count > 40)
        #expect(
            Markdown.libcmarkHTML("<b>x</b>\n", options: MarkdownOptions(allowsRawHTML: true)) == "<p><b>x</b></p>\n")
        #expect(Markdown.libcmarkHTML("<b>x</b>\n") == "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
        #expect(Markdown.libcmarkHTML("\"x\"\n") == "<p>\u{201C}x\u{201D}</p>\n")
    }
}
