import Basics
import Foundation
import TestSupport
import Testing

@testable import Pages

/// `check`'s warnings about names and transforms that render nothing (Render/TemplateCheck.swift).
@Suite struct TemplateCheckTests {
    /// The warnings of a templates folder holding `files` over the built-in templates.
    func warnings(_ files: [String: String]) throws -> [String] {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(files, under: root)
        var diagnostics = Diagnostics()
        _ = Templates.load(from: root, displayPrefix: "templates", diagnostics: &diagnostics)
        return diagnostics.sorted.map(\.description)
    }

    @Test func builtInTemplatesUseOnlyTheirPagesValues() throws {
        #expect(try warnings([:]) == [])
    }

    @Test func aMisspelledNameIsReportedAtItsColumn() throws {
        // `<a href="` is 9 characters, `{{home}}` 8 (10 to 17), `">` 2: `{{hmoe}}` opens at 20.
        #expect(
            try warnings(["404.mustache": "<a href=\"{{home}}\">{{hmoe}}</a>\n"]) == [
                "templates/404.mustache:1:20: warning: 'hmoe' is not a value of the 404 page; this tag renders nothing\n"
                    + "<a href=\"{{home}}\">{{hmoe}}</a>\n"
                    + "                   ^"
            ])
    }

    @Test func sectionsOpenTheirItemsAndPartialsTakeTheirPlacesValues() throws {
        // Inside `{{#essays}}` an item's fields, then the page's (`site`); the partial is read
        // with the values where it is included; `{{#date}}` opens a date; `{{^…}}` opens nothing.
        // Columns: `{{^noEssays}}` is 13 characters, so `{{display}}` opens at 14; in the row,
        // 9 + 1 + 14 + 1 + 9 + 11 + 1 + 12 + 9 + 1 = 68 characters come before `{{nope}}`.
        let found = try warnings([
            "index.mustache": "{{#essays}}\n{{> row}}\n{{/essays}}\n{{^noEssays}}{{display}}{{/noEssays}}\n",
            "partials/row.mustache": "{{title}} {{site.title}} {{#date}}{{display}} {{datetime}}{{/date}} {{nope}}\n",
        ])
        #expect(
            found.map { $0.prefix { $0 != "\n" } } == [
                "templates/index.mustache:4:14: warning: 'display' is not a value of the index page; this tag renders nothing",
                "templates/partials/row.mustache:1:69: warning: 'nope' is not a value of the index page; this tag renders nothing",
            ])
    }

    @Test func unknownTransformsAreReportedAndKnownOnesPass() throws {
        // `reversed(pages)` still holds the items, whose `url` is found. Before `{{shout(title)}}`:
        // `{{uppercased(title)}}` 21, `{{#reversed(pages)}}` 20, `{{url}}` 7, the closing tag 20:
        // 68 characters, so it opens at 69.
        let found = try warnings([
            "essay.mustache": "{{uppercased(title)}}{{#reversed(pages)}}{{url}}{{/reversed(pages)}}{{shout(title)}}\n"
                + "{{#params}}{{anything.at.all}}{{/params}}{{params.toc}}{{{body}}}{{! {{nothing}} }}\n"
        ])
        #expect(
            found.map { $0.prefix { $0 != "\n" } } == [
                "templates/essay.mustache:1:69: warning: Mustache has no transform 'shout'; this tag renders nothing"
            ])
    }

    @Test func checkingStopsWhereDelimitersChange() throws {
        #expect(try warnings(["404.mustache": "{{=<% %>=}}<%nothing%>{{nothing}}\n"]) == [])
    }
}
