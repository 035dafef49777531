import Basics
import TestSupport
import Testing

@testable import Pages

/// The ids the templates write, which essay headings never take (docs/content.md).
@Suite struct TemplateIDsTests {
    @Test func templateIDsAreTheLiteralOnes() {
        let ids = Templates.literalIDs(in: [
            "<main id=\"main\">\n<h2 id='te-x'>\n<p data-id=\"no\" aria-labelledby=\"no-either\">",
            "<section id=\"{{id}}\"><div\tid=\"tab\"></div><p id=\"\">",
        ])
        #expect(ids == ["main", "te-x", "tab"])
        var diagnostics = Diagnostics()
        let loaded = Templates.load(
            from: repositoryRoot.appendingPathComponent("templates"), displayPrefix: "templates",
            diagnostics: &diagnostics)
        let repositoryIDs = loaded?.ids ?? []
        #expect(repositoryIDs.isSuperset(of: ["main", "te-contents", "essays", "te-report-scenarios", "te-figures"]))
        #expect(!repositoryIDs.contains { $0.contains("{") })
    }
}
