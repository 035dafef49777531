import Foundation
import Testing

@testable import Basics
@testable import Content

/// The keys other generators write (docs/content.md, "Keys from other generators").
@Suite struct FrontMatterKeysTests {
    func load(_ text: String) -> (Essay?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let essay = EssayLoader.load(
            SourceText(path: "content/note.md", text: text), slug: "note", diagnostics: &diagnostics)
        return (essay, diagnostics.sorted)
    }

    @Test func descriptionIsTheSummaryUnlessThereIsOne() {
        #expect(load("---\ndescription: From Hugo.\n---\n").0?.summary == "From Hugo.")
        #expect(load("---\ndescription: From Hugo.\nsummary: Ours.\n---\n").0?.summary == "Ours.")
    }

    @Test func tagsCategoriesAndKeywordsAreTermsEachOnce() {
        let (essay, diagnostics) = load(
            "---\ntags: [pricing, Setup]\ncategories: [setup, guides]\nkeywords: tokens\n---\n")
        #expect(diagnostics.isEmpty)
        // In key order; `setup` repeats `Setup` (case aside); a single text is a list of one.
        #expect(essay?.terms == ["pricing", "Setup", "guides", "tokens"])
        #expect(load("---\ntags: []\n---\n").0?.terms == [])
        let (_, wrong) = load("---\ntags: {a: b}\n---\n")
        #expect(wrong.first?.message == "'tags' must be a text or a list of texts, found a mapping")
    }

    @Test func authorAndAuthors() {
        #expect(load("---\nauthor: Ada\n---\n").0?.authors == ["Ada"])
        #expect(load("---\nauthors: [Ada, Grace]\n---\n").0?.authors == ["Ada", "Grace"])
    }

    @Test func slugWeightAliasesAndModified() {
        let (essay, diagnostics) = load(
            "---\nslug: Better Name\nweight: 20\naliases: [/old/, /older.html]\nlastmod: 2025-03-14T09:30:00+01:00\n---\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(essay?.slugKey == "better-name")
        #expect(essay?.weight == 20)
        #expect(essay?.aliases == ["/old/", "/older.html"])
        #expect(essay?.modified?.text == "2025-03-14T09:30:00+01:00")
        #expect(load("---\nupdated: 2025-01-02\n---\n").0?.modified?.text == "2025-01-02")
        #expect(load("---\nmodified: 2025-01-03\nlastmod: 2025-01-02\n---\n").0?.modified?.text == "2025-01-03")
        #expect(
            load("---\nslug: '%%'\n---\n").1.first?.message
                == "'slug' must have a letter or digit to make an address from, found '%%'")
    }

    @Test func unknownKeysAreKeptSilentlyUnlessOneEditFromAKnownOne() {
        let (essay, diagnostics) = load("---\ntoc: true\nlinkTitle: Short\nmenu: {main: {weight: 3}}\n---\n")
        #expect(diagnostics.isEmpty)
        #expect(essay?.params["toc"] == .text("true"))
        #expect(essay?.params["linkTitle"] == .text("Short"))
        #expect(essay?.params["menu"] == .mapping(["main": .mapping(["weight": .text("3")])]))
        let (typo, warnings) = load("---\ntitel: x\ntag: [a]\n---\n")
        #expect(typo?.title == "note")  // not read as the title
        #expect(
            warnings.map(\.description) == [
                "content/note.md:2:1: warning: unknown key 'titel' in the front matter, kept as a parameter; "
                    + "did you mean 'title'?\ntitel: x\n^",
                "content/note.md:3:1: warning: unknown key 'tag' in the front matter, kept as a parameter; "
                    + "did you mean 'tags'?\ntag: [a]\n^",
            ])
    }

    @Test func timestampsForFeeds() throws {
        func rfc(_ text: String) throws -> String { try #require(Timestamp(text)).rfc3339 }
        #expect(try rfc("2025-03-14") == "2025-03-14T00:00:00Z")
        #expect(try rfc("2025-03-14T09:30") == "2025-03-14T09:30:00Z")
        #expect(try rfc("2025-03-14T09:30+01:00") == "2025-03-14T09:30:00+01:00")
        #expect(try rfc("2025-03-14 09:30:15.25-05:00") == "2025-03-14T09:30:15.25-05:00")
        #expect(try rfc("2026-02-13T07:40:48.656Z") == "2026-02-13T07:40:48.656Z")
    }
}
