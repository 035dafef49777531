// One fuzz input: a selector byte, then the bytes of a file. The selector picks what reads it:
// 0 an essay (front matter, Markdown, computed tables), 1 a scenario (loading, the model, data
// files, page pieces), 2 a catalog, 3 a template (its tags, a page rendered over typed values
// with a long list), 4 a history of the output folder (FuzzOutput.swift).
// Every path must end without a crash, and the output folder must equal a clean build.
import Foundation
import FuzzDriver
import Mustache
@testable import Basics
@testable import Content
@testable import Formats
@testable import Markdown
@testable import TokenEconomics

let catalog = Catalog(
    asOf: Month(year: 2026, month: 11).firstDay,
    models: [
        CatalogModel(
            id: "frontier-a", provider: "A", input: 2.5, cachedInput: 1.25, output: 10, rpm: 10_000,
            tpm: 30_000_000),
        CatalogModel(
            id: "fast-a", provider: "A", input: 0.15, output: 0.6, retires: Month(year: 2027, month: 3).firstDay,
            successor: "frontier-a"),
        CatalogModel(id: "frontier-b", provider: "B", input: 3, cachedInput: 0.3, output: 15, availability: 0.997),
    ])

let sample: [(projection: Projection, scenario: Scenario)] = {
    let scenario = Scenario(
        slug: "s", name: "S", start: Month(year: 2026, month: 11), usersStart: 100,
        pricePerUser: 20,
        run: RunSide(
            requestsPerUser: 100, inputTokens: 1000, outputTokens: 300,
            routing: [Route(model: "fast-a", share: 1)]))
    return [(Projection(scenario: scenario, catalog: catalog), scenario)]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    if bytes[0] % 5 == 4 {
        fuzzOutputFolder(UnsafeBufferPointer(start: bytes + 1, count: count - 1))
        return 0
    }
    let selector = bytes[0] % 5
    var diagnostics = Diagnostics()
    guard
        let source = SourceFile.decode(
            Data(bytes: bytes + 1, count: count - 1), displayPath: "fuzz",
            diagnostics: &diagnostics)
    else { return 0 }
    switch selector {
    case 0:
        if let essay = EssayLoader.load(source, slug: "fuzz", diagnostics: &diagnostics) {
            let tables = EssayTables(scenarios: sample, link: { $0 })
            _ = Markdown.render(essay.body, options: MarkdownOptions(allowsRawHTML: essay.isPinned)) {
                headings, lists in
                tables.renderings(headings: headings, lists: lists, compare: essay.compare)
            }
        }
    case 1:
        if let file = ScenarioLoader.load(source, slug: "fuzz", catalog: catalog, diagnostics: &diagnostics) {
            let projection = Projection(scenario: file.scenario, catalog: catalog)
            _ = DataFiles.json(projection)
            _ = DataFiles.csv(projection)
            let views = ScenarioViews(projection: projection, scenario: file.scenario, catalog: catalog)
            let pieces: [TextBuffer] = [
                views.inputs(), views.headlineHTML(), views.charts(), views.monthsTable(), views.scalingTable(),
                views.sensitivityHTML(), views.rateLimitsTable(), views.providersTable(), views.retirementsTable(),
                views.ownModelHTML(), views.strategiesTable(), views.decisionHTML(), TextBuffer(views.verdict()),
            ]
            _ = pieces.count
            _ = EssayTables(scenarios: [(projection, file.scenario)], link: { $0 })
                .renderings(
                    headings: [],
                    lists: [
                        BulletList(
                            index: 0, line: 1,
                            items: [
                                ListItem(label: "Risk", text: "a vs. b"), ListItem(label: "Scaling", text: "a vs. b"),
                            ])
                    ], compare: nil)
        }
    case 2:
        if let loaded = CatalogLoader.load(source, diagnostics: &diagnostics) {
            _ = loaded.ids.map { loaded.effectiveModel($0, on: Month(year: 2030, month: 1).firstDay) }
        }
    default:
        // The input as a page template, rendered over typed values with a list in them.
        if let template = try? MustacheTemplate(string: source.text) {
            var library = MustacheLibrary()
            library.register(template, named: "page")
            let items = (0..<70).map {
                EssayItemValues(
                    title: "n<\($0)>", url: "u&\($0)", summary: "", accent: "", pinned: $0 % 3 == 0, draft: false)
            }
            let page = EssayValues(title: "T \"q\"", accent: "a", body: HTML(text: "<p>b</p>"), pages: items)
            _ = library.render(page, withTemplate: "page")
        }
        _ = Templates.partialReferences(in: source.text)
        _ = Templates.unclosedSection(in: source.text)
    }
    _ = diagnostics.sorted.map(\.description)
    return 0
}
