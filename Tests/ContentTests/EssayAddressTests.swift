import Foundation
import Testing

@testable import Basics
@testable import Content

/// docs/content.md, "Folders and addresses": one rule per test.
@Suite struct EssayAddressTests {
    @Test func theAddressIsThePathWithoutMd() {
        #expect(EssayAddress.address(of: "pricing.md") == "pricing")
        #expect(EssayAddress.address(of: "guides/pricing.md") == "guides/pricing")
        #expect(EssayAddress.address(of: "a/b/c/d.md") == "a/b/c/d")
    }

    @Test func indexUnderscoreIndexAndReadmeAreTheFoldersPage() {
        #expect(EssayAddress.address(of: "guides/pricing/index.md") == "guides/pricing")
        #expect(EssayAddress.address(of: "guides/pricing/_index.md") == "guides/pricing")
        #expect(EssayAddress.address(of: "guides/pricing/README.md") == "guides/pricing")
        #expect(EssayAddress.address(of: "guides/pricing/Readme.md") == "guides/pricing")
        #expect(EssayAddress.isFolderPage("guides/_index.md") && !EssayAddress.isFolderPage("guides/indexes.md"))
        // The content folder's own page is `index`.
        #expect(EssayAddress.address(of: "README.md") == "index")
        #expect(EssayAddress.address(of: "_index.md") == "index")
    }

    @Test func segmentsAreMadeURLSafe() {
        // Lower case; spaces and underscores to `-`, repeats as one.
        #expect(EssayAddress.segment("Front Matter") == "front-matter")
        #expect(EssayAddress.segment("my_first__note") == "my-first-note")
        #expect(EssayAddress.segment("  Spaced  out ") == "spaced-out")
        // Letters and digits of any script, `-` and `.` kept; anything else left out.
        #expect(EssayAddress.segment("Q&A_2025") == "qa-2025")
        #expect(EssayAddress.segment("v1.2") == "v1.2")
        #expect(EssayAddress.segment("Café Été") == "café-été")
        #expect(EssayAddress.segment("成本") == "成本")
        #expect(EssayAddress.segment("what?#!") == "what")
        // `.` at either end is dropped; nothing left is no address.
        #expect(EssayAddress.segment(".hidden.") == "hidden")
        #expect(EssayAddress.segment("#%") == "")
        #expect(EssayAddress.address(of: "&&/note.md") == nil)
        #expect(EssayAddress.address(of: "Guides/Front Matter/My_Note.md") == "guides/front-matter/my-note")
    }

    @Test func parentsAndRoots() {
        #expect(EssayAddress.parent(of: "guides/pricing") == "guides")
        #expect(EssayAddress.parent(of: "pricing") == "")
        // essays/pricing.html is one folder deep, essays/guides/pricing.html two.
        #expect(EssayAddress.root(of: "pricing") == "../")
        #expect(EssayAddress.root(of: "guides/pricing") == "../../")
    }

    @Test func relativeMdLinksResolveAgainstTheEssaysFolder() {
        #expect(
            EssayAddress.linkedPath("costs.md", from: "guides/pricing/index.md")! == ("guides/pricing/costs.md", ""))
        #expect(EssayAddress.linkedPath("../other.md#why", from: "guides/a.md")! == ("other.md", "#why"))
        #expect(EssayAddress.linkedPath("./b/../c.md", from: "a.md")! == ("c.md", ""))
        #expect(EssayAddress.linkedPath("Front%20Matter.md", from: "a.md")! == ("Front Matter.md", ""))
        // Not relative `.md` paths: left alone.
        #expect(EssayAddress.linkedPath("https://example.org/a.md", from: "a.md") == nil)
        #expect(EssayAddress.linkedPath("/a.md", from: "a.md") == nil)
        #expect(EssayAddress.linkedPath("a.html", from: "a.md") == nil)
        #expect(EssayAddress.linkedPath("#top", from: "a.md") == nil)
        #expect(EssayAddress.linkedPath("../../a.md", from: "x/a.md") == nil)
        // Zola's `@/` starts at the content folder, whatever folder the linking essay is in.
        #expect(
            EssayAddress.linkedPath("@/documentation/content/page.md#front-matter", from: "a/b/c.md")!
                == ("documentation/content/page.md", "#front-matter"))
        #expect(EssayAddress.linkedPath("@/_index.md", from: "x/a.md")! == ("_index.md", ""))
        #expect(EssayAddress.linkedPath("@/../a.md", from: "x/a.md") == nil)
    }
}
