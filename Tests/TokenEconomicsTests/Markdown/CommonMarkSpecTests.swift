import Foundation
import Testing

@testable import Pages
@testable import TokenEconomics

/// Every example of the CommonMark 0.30 spec (Fixtures/commonmark, CC BY-SA 4.0), written as an
/// essay, built into a site and read back from its page, must be what libcmark alone writes for
/// the same text with the same options, once the heading ids and anchors the pipeline adds by
/// design are set aside (the table of contents is outside the essay's body).
@Suite struct CommonMarkSpecTests {
    struct Example: Decodable {
        var markdown: String
        var example: Int
        var section: String
    }

    static func examples() throws -> [Example] {
        let url = fixturesRoot.appendingPathComponent("commonmark/spec-0.30.json")
        return try JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
    }

    /// Examples that differ by design: example 98 (`---\n---\n`) is an empty front matter, as in
    /// Jekyll and Hugo, so the essay is empty where libcmark draws two rules. (Example 96, an
    /// essay that opens with a rule and a `---` line further down, is read as Markdown with a
    /// warning: see docs/content.md.)
    static let differByDesign: Set<Int> = [98]

    /// `<hN id="x">inner <a class="anchor" …>#</a></hN>` back to libcmark's `<hN>inner</hN>`.
    static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(
            of: "<h([1-6]) id=\"[^\"]*\">((?s:.*?)) <a class=\"anchor\" href=\"#[^\"]*\" "
                + "aria-label=\"Link to this section\">#</a></h\\1>",
            with: "<h$1>$2</h$1>", options: .regularExpression)
    }

    /// The essay's body as its page holds it (essay.mustache: `<div class="prose">\n{{{body}}}\n</div>`).
    static func prose(of page: String) -> String? {
        guard let start = page.range(of: "<div class=\"prose\">\n"),
            let end = page.range(of: "\n</div>\n</article>", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(page[start.upperBound..<end.lowerBound])
    }

    /// Builds one site whose essays are the examples and returns the numbers of those that differ,
    /// each with what the page held and what libcmark wrote.
    func differences(unsafeHTML: Bool) throws -> [(example: Example, page: String, libcmark: String)] {
        let examples = try Self.examples()
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content"), output = root.appendingPathComponent("site")
        var files = [
            "site.yaml": "title: Spec\nunsafe_html: \(unsafeHTML)\n",
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  m:\n    provider: P\n    input: 1\n    output: 2\n",
        ]
        for example in examples { files[String(format: "example-%03d.md", example.example)] = example.markdown }
        try write(files, under: content)
        _ = try Generator.build(
            Paths(content: content, templates: repositoryRoot.appendingPathComponent("templates"), output: output),
            options: BuildOptions()
        ).get()
        let options = MarkdownOptions(allowsRawHTML: unsafeHTML)
        var differing: [(Example, String, String)] = []
        for example in examples {
            let url = output.appendingPathComponent(String(format: "essays/example-%03d.html", example.example))
            let page = (try? String(contentsOf: url, encoding: .utf8)).flatMap(Self.prose) ?? "(no page)"
            let expected = Markdown.libcmarkHTML(example.markdown, options: options)
            let actual = Self.withoutHeadingIDs(page)
            if actual != expected { differing.append((example, actual, expected)) }
        }
        return differing
    }

    func check(unsafeHTML: Bool) throws {
        let examples = try Self.examples()
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

    /// The comparison is not vacuous: setting ids aside leaves libcmark's heading, and the
    /// examples do hold headings, raw HTML and smart punctuation.
    @Test func theComparisonSeesWhatThePipelineAdds() throws {
        let rendered = Markdown.render("# *Costs* and more\n").html
        #expect(rendered.contains("id=\"costs-and-more\""))
        #expect(Self.withoutHeadingIDs(rendered) == Markdown.libcmarkHTML("# *Costs* and more\n"))
        let setext = Markdown.render("Costs\nand more\n===\n").html
        #expect(Self.withoutHeadingIDs(setext) == "<h1>Costs\nand more</h1>\n")
        let examples = try Self.examples()
        #expect(examples.filter { $0.markdown.contains("#") }.count > 40)
        #expect(
            Markdown.libcmarkHTML("<b>x</b>\n", options: MarkdownOptions(allowsRawHTML: true)) == "<p><b>x</b></p>\n")
        #expect(Markdown.libcmarkHTML("<b>x</b>\n") == "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
        #expect(Markdown.libcmarkHTML("\"x\"\n") == "<p>\u{201C}x\u{201D}</p>\n")
    }
}
