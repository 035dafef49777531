import CostModelFixtures
import Foundation
import Testing
import TestSupport

@testable import Basics
@testable import Content
@testable import CostModel
import Markdown

@Suite struct EssayTests {
    func load(_ text: String, slug: String = "note") -> (Essay?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let essay = EssayLoader.load(
            SourceText(path: "content/\(slug).md", text: text), slug: slug,
            diagnostics: &diagnostics)
        return (essay, diagnostics.sorted)
    }

    @Test func theSourceEssaysFrontMatter() throws {
        let url = repositoryRoot.appendingPathComponent("content/token-economics.md")
        let (essay, diagnostics) = load(try String(contentsOf: url, encoding: .utf8), slug: "token-economics")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(essay)
        #expect(loaded.title == "Token Economics")
        #expect(loaded.date?.text == "2026-02-13T07:40:48.656Z")
        #expect(loaded.date?.day == day("2026-02-13"))
        #expect(loaded.modified?.text == "2026-02-13T23:10:00.000Z")
        #expect(!loaded.isDraft && !loaded.isArchived && !loaded.isPinned && !loaded.isTrashed)
        #expect(loaded.color == .default)
        #expect(loaded.body.hasPrefix("\nThere's a fundamental difference"))
    }

    @Test func everyKeyIsRead() throws {
        let (essay, diagnostics) = load(
            """
            ---
            title: "A note"
            date: 2026-03-01
            draft: true
            archived: true
            pinned: true
            trashed: false
            color: DARK_BLUE
            summary: One sentence.
            compare: [Before, After]
            ---
            Body
            """)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(essay)
        #expect(loaded.isDraft && loaded.isArchived && loaded.isPinned && !loaded.isTrashed)
        #expect(loaded.color == .darkBlue)
        #expect(loaded.color.cssClass == "accent-dark-blue")
        #expect(loaded.summary == "One sentence.")
        #expect(loaded.compare == ["Before", "After"])
        #expect(loaded.body == "Body")
    }

    /// A build holds every essay's text to the end: the body after the front matter is a view of
    /// the source's text, not a second copy of it.
    @Test func theBodyIsAViewOfTheSourceNotACopy() throws {
        let (essay, _) = load("---\ntitle: T\n---\nBody é\n")
        let loaded = try #require(essay)
        #expect(loaded.bodyText == "Body é\n")
        #expect(loaded.bodyText.base == loaded.source.text)
        // "---\ntitle: T\n---\n" is 4 + 9 + 4 = 17 bytes before the body.
        #expect(
            loaded.source.text.utf8.distance(from: loaded.source.text.startIndex, to: loaded.bodyText.startIndex) == 17)
        let (whole, _) = load("# Hello\n")
        #expect(whole?.bodyText.startIndex == whole?.source.text.startIndex)
    }

    @Test func withoutFrontMatterTheWholeFileIsTheBody() {
        let (essay, diagnostics) = load("# Hello\n\nText\n")
        #expect(diagnostics.isEmpty)
        #expect(essay?.body == "# Hello\n\nText\n")
        #expect(essay?.title == "note")
    }

    @Test func unclosedFrontMatter() {
        let (essay, diagnostics) = load("---\ntitle: x\n\nBody\n")
        #expect(essay == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/note.md:1:1: error: front matter opened with '---' on line 1 is never closed; close it "
                    + "with a '---' line (to start an essay with a rule, write '***' instead)\n---\n^"
            ])
    }

    /// CommonMark spec example 96: a rule, two setext headings. Not a mapping between the `---`
    /// lines, so the whole file is Markdown, with a warning that says how to open with a rule.
    @Test func anEssayThatOpensWithARuleAndNoMappingIsMarkdown() throws {
        let text = "---\nFoo\n---\nBar\n---\nBaz\n"
        let (essay, diagnostics) = load(text)
        #expect(essay?.body == text)
        #expect(
            diagnostics.map(\.description) == [
                "content/note.md:1:1: warning: the lines between the '---' lines 1 and 3 are not front matter "
                    + "(a mapping of keys to values), so the whole file is read as Markdown and '---' is a rule; "
                    + "to start an essay with a rule, write '***' instead, or put an empty front matter "
                    + "('---' twice) first\n---\n^"
            ])
        let html = Markdown.render(try #require(essay?.body)).html
        #expect(html.hasPrefix("<hr />\n<h2 id=\"foo\">Foo "))
        // A list, or Markdown that is not YAML at all (`*x*` would be a YAML alias), the same;
        // the closing line is counted from the file's first line.
        for other in ["---\n- a\n- b\n---\nText\n", "---\n*Emphasis* and `code`\n\nMore\n---\n", "---\n# x\n---\n"] {
            let (essay, diagnostics) = load(other)
            #expect(essay?.body == other)
            #expect(diagnostics.count == 1 && diagnostics.first?.severity == .warning)
        }
        #expect(load("---\n*Emphasis* and `code`\n\nMore\n---\n").1.first?.message.contains("lines 1 and 5") == true)
    }

    @Test func emptyFrontMatterStaysFrontMatter() {
        // Jekyll's and Hugo's convention (CommonMark spec example 98 draws two rules instead).
        let (empty, diagnostics) = load("---\n---\n")
        #expect(diagnostics.isEmpty)
        #expect(empty?.body == "")
        let (blank, blankDiagnostics) = load("---\n\n  \n---\nText\n")
        #expect(blankDiagnostics.isEmpty)
        #expect(blank?.body == "Text\n")
    }

    @Test func aRuleWithNoSecondRuleLineIsMarkdown() {
        let (essay, diagnostics) = load("---\n\nText, and more.\n")
        #expect(diagnostics.isEmpty)
        #expect(essay?.body == "---\n\nText, and more.\n")
    }

    @Test func brokenYAMLThatStartsWithAKeyIsAFrontMatterError() {
        let (essay, diagnostics) = load("---\ntitle: [unclosed\n---\nText\n")
        #expect(essay == nil)
        #expect(diagnostics.count == 1 && diagnostics.first?.severity == .error)
        // The reader finds the flow list unclosed at the end of the front matter: line 3, the `---`.
        #expect(diagnostics.first?.location.line == 3)
        #expect(EssayLoader.startsWithKey("\n# comment\n  title: x"))
        #expect(EssayLoader.startsWithKey("\"quoted key\":"))
        #expect(!EssayLoader.startsWithKey("Foo"))
        #expect(!EssayLoader.startsWithKey("- title: x"))
        #expect(!EssayLoader.startsWithKey("See https://example.org"))
    }

    @Test func errorsPointAtTheFilesOwnLines() {
        let (_, diagnostics) = load("---\ntitle: x\ndate: 2026-02-30\ncolour: RED\ncolor: MAUVE\n---\n")
        #expect(
            diagnostics.map(\.description) == [
                "content/note.md:3:7: error: 'date' must be an ISO 8601 date such as 2026-02-13 or 2026-02-13T07:40:48Z, "
                    + "found '2026-02-30'\ndate: 2026-02-30\n      ^",
                "content/note.md:4:1: warning: unknown key 'colour' in the front matter, kept as a parameter; "
                    + "did you mean 'color'?\ncolour: RED\n^",
                "content/note.md:5:8: error: 'color' must be one of DEFAULT, RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, "
                    + "DARK_BLUE, PURPLE, PINK, BROWN, GRAY, found 'MAUVE'\ncolor: MAUVE\n       ^",
            ])
    }

    @Test func timestamps() {
        #expect(Timestamp("2026-02-13T07:40:48.656Z") != nil)
        #expect(Timestamp("2026-02-13T07:40+02:00") != nil)
        #expect(Timestamp("2026-02-13") != nil)
        #expect(Timestamp("2026-02-13T25:00Z") == nil)
        #expect(Timestamp("2026-13-01") == nil)
        #expect(Timestamp("2026-02-13Tnoon") == nil)
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2027-02-29") == nil)
    }
}
