import Basics
import Foundation
import Testing

@testable import Formats

/// The one JSON string writer.
@Suite struct JSONTextTests {
    @Test func aStringIsQuotedWithItsSpecialCharactersEscaped() {
        #expect(JSONWriter.quote("plain") == "\"plain\"")
        // Quote, backslash, line feed, `<` (safe in a script), U+0001 and U+2028, each escaped.
        #expect(
            JSONWriter.quote("a\"b\\c\n<\u{1}\u{2028}é")
                == "\"a\\\"b\\\\c\\n\\u003c\\u0001\\u2028é\"")
        #expect(JSONWriter.needsNoEscapes("plain text, 100%"))
        #expect(!JSONWriter.needsNoEscapes("<b>"))
    }

    @Test func aDiagnosticHasOneJSONForm() throws {
        let diagnostic = Diagnostic(
            .warning, "w", at: SourceLocation(file: "f.md", line: 3, column: 7), sourceLine: "line")
        let data = Data(diagnosticsJSON([diagnostic]).utf8)
        let parsed = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed.first?["file"] as? String == "f.md")
        #expect(parsed.first?["line"] as? Int == 3)
        #expect(parsed.first?["column"] as? Int == 7)
        #expect(parsed.first?["severity"] as? String == "warning")
        #expect(parsed.first?["message"] as? String == "w")
        #expect(parsed.first?["source"] as? String == "line")
    }
}
