import Foundation
import Mustache
import TestSupport
import Testing

@testable import Pages

/// The page contracts (Render/Pages): docs/content.md's table of template values against the
/// types' fields, and lookups as Mustache makes them.
@Suite struct PageValuesTests {
    /// Each row of the table "What each page template receives", by its first cell, with the
    /// type that fills that template.
    static let pages: [(row: String, type: any TemplateValues.Type)] = [
        ("every page, through `layout`", LayoutValues.self), ("`index`", IndexValues.self),
        ("`essay`", EssayValues.self), ("`scenario`", ScenarioValues.self), ("`compare`", CompareValues.self),
        ("`models`", ModelsValues.self), ("`report`", ReportValues.self), ("`404`", NotFoundValues.self),
    ]

    /// The table's rows: first cell -> the names written in backticks in the second, leaving
    /// out values in quotes (`"../"`) and folders (`content/`).
    func documentedRows() throws -> [String: Set<String>] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/content.md"), encoding: .utf8)
        let start = try #require(text.range(of: "What each page template receives:"))
        var rows: [String: Set<String>] = [:]
        for line in text[start.upperBound...].split(separator: "\n").drop(while: { !$0.hasPrefix("|") }) {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 3, cells[1] != "template", !cells[1].hasPrefix("---") else { continue }
            let names = cells[2].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 && !$0.element.contains("\"") && !$0.element.contains("/") }
                .map { String($0.element) }
            rows[cells[1]] = Set(names)
        }
        return rows
    }

    /// Every name a template can write for `type`'s values: each field, and through a field
    /// with fields of its own both `field.name` and `name` (as inside `{{#field}}`).
    func reachableNames(_ type: any TemplateValues.Type) -> Set<String> {
        var names: Set<String> = []
        for field in type.fieldNames {
            names.insert(field.name)
            if let nested = field.nested {
                for inner in reachableNames(nested) {
                    names.insert(inner)
                    names.insert(field.name + "." + inner)
                }
            }
        }
        return names
    }

    /// Every type reachable from the pages, each once.
    func allTypes() -> [any TemplateValues.Type] {
        var seen: Set<ObjectIdentifier> = [], types: [any TemplateValues.Type] = []
        func visit(_ type: any TemplateValues.Type) {
            guard seen.insert(ObjectIdentifier(type)).inserted else { return }
            types.append(type)
            for field in type.fieldNames { if let nested = field.nested { visit(nested) } }
        }
        for page in Self.pages { visit(page.type) }
        return types
    }

    @Test func docsListEveryPageValueAndNoOther() throws {
        let rows = try documentedRows()
        #expect(Set(rows.keys) == Set(Self.pages.map(\.row)))
        for page in Self.pages {
            let documented = rows[page.row] ?? []
            // Each field of the page, as itself or through one of its own (`site.title`).
            for field in page.type.fieldNames {
                let named = documented.contains(field.name) || documented.contains { $0.hasPrefix(field.name + ".") }
                #expect(named, "docs/content.md: \(page.row) does not list `\(field.name)`")
            }
            // Each documented name is one the type offers.
            let reachable = reachableNames(page.type)
            for name in documented.sorted() where !reachable.contains(name) {
                Issue.record("docs/content.md: \(page.row) lists `\(name)`, which \(page.type) does not have")
            }
        }
        // The fields of the values inside pages (a list item's, a date's) are documented somewhere.
        let everywhere = rows.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for type in allTypes() {
            for field in type.fieldNames {
                let named = everywhere.contains(field.name) || everywhere.contains { $0.hasSuffix("." + field.name) }
                #expect(named, "docs/content.md does not list \(type)'s `\(field.name)`")
            }
        }
    }

    @Test func fieldNamesAreUnique() {
        for type in allTypes() {
            let names = type.fieldNames.map(\.name)
            #expect(Set(names).count == names.count, "\(type) names a field twice")
        }
    }

    @Test func mustacheFindsFieldsAndClimbsPastAbsentOnes() throws {
        var library = MustacheLibrary()
        library.register(
            try MustacheTemplate(
                string: "{{title}}|{{#date}}{{display}}{{/date}}{{^date}}none{{/date}}|{{#pages}}[{{title}} {{accent}}"
                    + "{{#date}} {{datetime}}{{/date}}]{{/pages}}|{{{body}}}|{{body}}|{{hasPages}}|{{site.title}}"),
            named: "page")
        let dated = EssayItemValues(
            title: "In", url: "u", summary: "", accent: "blue", pinned: false, draft: false,
            date: DateValues(datetime: "2027-03-04", display: "4 March 2027"))
        let undated = EssayItemValues(title: "Out", url: "v", summary: "", accent: "", pinned: false, draft: false)
        let page = EssayValues(
            title: "A & B", accent: "red", body: HTML(text: "<p>x</p>"), date: nil, pages: [dated, undated])
        // The undated item's `{{#date}}` finds no date on the page either: nothing. Its empty
        // accent is its own, not the page's "red". `site` is no field of the essay: empty.
        #expect(
            library.render(page, withTemplate: "page")
                == "A &amp; B|none|[In blue 2027-03-04][Out ]|<p>x</p>|&lt;p&gt;x&lt;/p&gt;|true|")
    }
}
