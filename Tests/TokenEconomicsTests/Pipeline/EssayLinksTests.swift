import Content
import Testing

@testable import TokenEconomics

/// The links between essays the pipeline follows (docs/content.md, "Folders and addresses").
@Suite struct EssayLinksTests {
    @Test func linkDestinationsAreFoundOutsideCode() {
        let text = """
            See [a](a.md) and [b](<b c.md#x>).

            ```
            [not](code.md)
            ```
            [ref]: ../ref.md "title"
            """
        let found = TextMentions.linkDestinations(in: text).map { "\($0.destination)@\($0.line):\($0.column)" }
        #expect(found == ["a.md@1:9", "b c.md#x@1:24", "../ref.md@6:8"])
    }
}
