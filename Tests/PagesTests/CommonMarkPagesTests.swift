import Foundation
import Markdown
import MarkdownFixtures
import Testing

@testable import Pages

/// Every example of the CommonMark 0.30 spec (`CommonMarkSpec`), written as an essay, rendered
/// into a site and read back from its page, must be what libcmark alone writes for the same text with
/// the same options, once the heading ids and anchors `Markdown.render` adds by design are set
/// aside (the table of contents is outside the essay's body): the pages (front matter, link
/// rewriting, list rendering, the template) change nothing else. MarkdownTests'
/// `CommonMarkSpecTests` checks `Markdown.render` alone.
@Suite struct CommonMarkPagesTests {
    /// Examples that differ by design: example 98 (`---\n---\n`) is an empty front matter, as in
    /// Jekyll and Hugo, so the essay is empty where libcmark draws two rules. (Example 96, an
    /// essay that opens with a rule and a `---` line further down, is read as Markdown with a
    /// warning: see docs/content.md.)
    static let differByDesign: Set<Int> = [98]

    /// The essay's body as its page holds it (essay.mustache: `<div class="prose">\n{{{body}}}\n</div>`).
    static func prose(of page: String) -> String? {
        guard let start = page.range(of: "<div class=\"prose\">\n"),
            let end = page.range(of: "\n</div>\n</article>", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(page[start.upperBound..<end.lowerBound])
    }

    /// Renders one site whose essays are the examples and returns the numbers of those that differ,
    /// each with what the page held and what libcmark wrote.
    func differences(unsafeHTML: Bool) throws -> [(example: CommonMarkSpec.Example, page: String, libcmark: String)] {
        let examples = try CommonMarkSpec.examples()
        var files = [
            "site.yaml": "title: Spec\nunsafe_html: \(unsafeHTML)\n",
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n",
        ]
        for example in examples { files[String(format: "example-%03d.md", example.example)] = example.markdown }
        let site = try renderSite(files)
        let options = MarkdownOptions(allowsRawHTML: unsafeHTML)
        var differing: [(CommonMarkSpec.Example, String, String)] = []
        for example in examples {
            let page =
                Self.prose(of: site.text(String(format: "essays/example-%03d.html", example.example))) ?? "(no page)"
            let expected = Markdown.libcmarkHTML(example.markdown, options: options)
            let actual = CommonMarkSpec.withoutHeadingIDs(page)
            if actual != expected { differing.append((example, actual, expected)) }
        }
        return differing
    }

    func check(unsafeHTML: Bool) throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)
        let differing = try differences(unsafeHTML: unsafeHTML)
        let numbers = Set(differing.map(\.example.example))
        for item in differing where !Self.differByDesign.contains(item.example.example) {
            let message: String =
                "example \(item.example.example) (\(item.example.section)) differs:\n"
                + "markdown: \(item.example.markdown.debugDescription)\n"
                + "page:     \(item.page.debugDescription)\nlibcmark: \(item.libcmark.debugDescription)"
            Issue.record(Comment(rawValue: message))
        }
        #expect(numbers == Self.differByDesign, "examples that differ: \(numbers.sorted())")
    }

    @Test func everyExampleRendersAsLibcmarkWithSmartPunctuation() throws {
        try check(unsafeHTML: false)
    }

    @Test func everyExampleRendersAsLibcmarkWithUnsafeHTML() throws {
        try check(unsafeHTML: true)
    }
}
