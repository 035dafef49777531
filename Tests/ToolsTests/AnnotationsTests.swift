import Basics
import Foundation
import Testing

@testable import Tools

/// `check --format github` and `--format gitlab`.
@Suite struct AnnotationsTests {
    @Test func githubWorkflowCommands() {
        let diagnostics = [
            Diagnostic(
                .error, "unknown key 'grwoth' in users; did you mean 'growth'?",
                at: SourceLocation(file: "content/scenarios/quill.yaml", line: 7, column: 3), sourceLine: "  grwoth: 1"),
            Diagnostic(.warning, "50% off\r\nnext line", at: SourceLocation(file: "a,b:c%.md", line: 1, column: 2)),
        ]
        #expect(
            Annotations.github(diagnostics) == """
                ::error file=content/scenarios/quill.yaml,line=7,col=3,title=token-economics::unknown key 'grwoth' \
                in users; did you mean 'growth'?
                ::warning file=a%2Cb%3Ac%25.md,line=1,col=2,title=token-economics::50%25 off%0D%0Anext line

                """)
        #expect(Annotations.github([]) == "")
    }

    @Test func escapingFollowsTheRunner() {
        // The message keeps ':' and ',' (only a property's value ends at them).
        #expect(Annotations.githubData("a:b,c%d\ne") == "a:b,c%25d%0Ae")
        #expect(Annotations.githubProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }

    @Test func gitlabCodeQuality() throws {
        let diagnostic = Diagnostic(
            .warning, "a \"quoted\" warning", at: SourceLocation(file: "content/models.yaml", line: 4, column: 1))
        let text = Annotations.gitlab([diagnostic])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        let issue = try #require(parsed.first)
        #expect(issue["description"] as? String == "a \"quoted\" warning")
        #expect(issue["severity"] as? String == "minor")
        #expect(issue["check_name"] as? String == "token-economics warning")
        let location = try #require(issue["location"] as? [String: Any])
        #expect(location["path"] as? String == "content/models.yaml")
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 4)
        // The same diagnostic, the same fingerprint; another line, another one.
        let fingerprint = try #require(issue["fingerprint"] as? String)
        #expect(fingerprint.count == 16)
        #expect(Annotations.gitlab([diagnostic]) == text)
        var moved = diagnostic
        moved.location.line = 5
        #expect(!Annotations.gitlab([moved]).contains(fingerprint))
        #expect(Annotations.gitlab([]) == "[]\n")
    }
}
