import Foundation
import Testing

@testable import Basics
@testable import Content
@testable import CostModel

/// TOML front matter between `+++` lines, read as YAML's is: the same keys, side by side.
@Suite struct TOMLFrontMatterTests {

    static let yaml = """
        ---
        title: "Pricing"
        date: 2025-03-14T09:30:00+01:00
        updated: 2025-04-01
        draft: true
        weight: 20
        description: One page on prices.
        tags: [prices, tokens]
        authors: [Ann]
        aliases: [/old/]
        slug: prices
        ---

        Body.

        """

    static let toml = """
        +++
        title = "Pricing"
        date = 2025-03-14T09:30:00+01:00
        updated = 2025-04-01
        draft = true
        weight = 20
        description = "One page on prices."
        tags = ["prices", "tokens"]
        authors = ["Ann"]
        aliases = ["/old/"]
        slug = "prices"
        +++

        Body.

        """

    @Test func theSameKeysInYAMLAndTOML() throws {
        let (fromYAML, yamlDiagnostics) = loadNote(Self.yaml)
        let (fromTOML, tomlDiagnostics) = loadNote(Self.toml)
        #expect(yamlDiagnostics.isEmpty && tomlDiagnostics.isEmpty)
        for essay in [try #require(fromYAML), try #require(fromTOML)] {
            #expect(essay.title == "Pricing" && essay.hasOwnTitle)
            #expect(essay.date?.text == "2025-03-14T09:30:00+01:00")
            #expect(essay.modified?.text == "2025-04-01")
            #expect(essay.isDraft && essay.weight == 20)
            #expect(essay.summary == "One page on prices.")
            #expect(essay.terms == ["prices", "tokens"] && essay.authors == ["Ann"])
            #expect(essay.aliases == ["/old/"] && essay.slugKey == "prices")
            #expect(essay.body == "\nBody.\n")
        }
    }

    @Test func zolaTaxonomiesAndExtra() throws {
        let (essay, diagnostics) = loadNote(
            "+++\ntitle = \"x\"\n[taxonomies]\ntags = [\"a\", \"b\"]\ncategories = [\"c\"]\n[extra]\ntoc = true\n+++\n")
        #expect(diagnostics.isEmpty)
        // TOMLKit gives a table's keys in sorted order: categories before tags.
        #expect(essay?.terms == ["c", "a", "b"])
        #expect(essay?.params["extra"] == .mapping(["toc": .text("true")]))
    }

    @Test func wrongValuesAreReportedAtTheirLine() {
        let (essay, diagnostics) = loadNote("+++\ntitle = \"x\"\ndraft = \"yes please\"\n+++\n")
        #expect(essay == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/note.md:3:9: error: 'draft' in the front matter must be true or false, found the text "
                    + "'yes please'\ndraft = \"yes please\"\n        ^"
            ])
        let (_, syntax) = loadNote("+++\ntitle = \"x\"\ndate = \n+++\n")
        #expect(syntax.count == 1 && syntax.first?.severity == .error && syntax.first?.location.line == 3)
        #expect(syntax.first?.message.hasPrefix("front matter TOML: ") == true)
    }

    @Test func plusesThatAreNotFrontMatter() {
        // CommonMark spec example 44: `+++` alone is a paragraph.
        let (alone, none) = loadNote("+++\n")
        #expect(none.isEmpty && alone?.body == "+++\n")
        // Between `+++` lines, text that is not TOML keys: Markdown, with the warning.
        let (text, warning) = loadNote("+++\nNot TOML at all\n+++\n")
        #expect(text?.body == "+++\nNot TOML at all\n+++\n")
        #expect(warning.first?.severity == .warning)
        #expect(warning.first?.message.contains("'+++' lines 1 and 3 are not front matter") == true)
        // Opened with keys and never closed: an error.
        let (open, error) = loadNote("+++\ntitle = \"x\"\n\nBody\n")
        #expect(open == nil)
        #expect(error.first?.message.hasPrefix("front matter opened with '+++' on line 1 is never closed") == true)
        #expect(TOMLFrontMatter.startsWithKey("# c\n[extra]") && TOMLFrontMatter.startsWithKey("title = 1"))
        #expect(!TOMLFrontMatter.startsWithKey("Some text = more text, and so on"))
    }

    @Test func datesAndTimesAsTOMLWritesThem() {
        let (essay, _) = loadNote("+++\ndate = 2025-03-14T09:30:00Z\nupdated = 2025-03-14T09:30:15.5-05:00\n+++\n")
        #expect(essay?.date?.text == "2025-03-14T09:30:00Z")
        #expect(essay?.modified?.rfc3339 == "2025-03-14T09:30:15.5-05:00")
    }

    /// Blank lines before the first fence (71 of Zola's documentation files have one): skipped,
    /// in YAML and TOML alike, with messages at the file's own lines. After blank lines, fences
    /// around anything but keys stay Markdown, as before, without a warning.
    @Test func blankLinesBeforeTheFrontMatter() throws {
        for text in ["\n" + Self.yaml, " \n\t\r\n" + Self.toml] {
            let (essay, diagnostics) = loadNote(text)
            #expect(diagnostics.isEmpty)
            #expect(essay?.title == "Pricing" && essay?.weight == 20 && essay?.body == "\nBody.\n")
        }
        // Two blank lines, then line 3 `+++`, line 4 the title, line 5 the wrong draft.
        let (wrong, error) = loadNote("\n\n+++\ntitle = \"x\"\ndraft = 3\n+++\n")
        #expect(wrong == nil)
        #expect(error.count == 1 && error.first?.location.line == 5 && error.first?.location.column == 9)
        for markdown in ["\n---\nNot keys at all\n---\n", "\n---\ntitle: x\n", "\n---\n---\nText\n"] {
            let (essay, diagnostics) = loadNote(markdown)
            #expect(diagnostics.isEmpty, "\(markdown.debugDescription)")
            #expect(essay?.body == markdown && essay?.hasOwnTitle == false)
        }
    }
}
