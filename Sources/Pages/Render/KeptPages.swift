import Basics
import Content
import Formats
import Foundation
import Markdown
import Views

/// Pages `serve` keeps between renders as the text around their scenario figures, so that a
/// saved scenario puts new figures into kept text instead of rendering the page again; and the
/// report's sections, each of which shows one scenario.
///
/// A page is kept once it was rendered with numbered markers in place of its figures (the
/// tables of an essay's lists, the index's table and chart, the compare page's table, verdicts
/// and chart) and the text between the markers, with the figures put back, gave exactly the
/// page as rendered with them: a template that escapes, transforms or drops a figure, or
/// content that writes a marker itself, leaves the page not kept and rendered whole each
/// time. A page rendered again for any other reason than new figures is forgotten
/// (`SiteRenderer.render(_:essays:published:into:)`); a whole-site build starts a new store.
package final class KeptPages: Sendable {
    /// A page as the text between its figures.
    struct Page: Sendable {
        /// The text before the first figure, between each two, after the last.
        var pieces: [[UInt8]]
        /// The figure that follows each piece but the last, by number.
        var figures: [Int]
        /// What else the page shows that a figure change may change (the index's downloads):
        /// the kept page serves only while it is the same.
        var key: String

        func filled(_ values: [TextBuffer]) -> TextBuffer {
            var size = pieces.reduce(0) { $0 + $1.count }
            for figure in figures { size += values[figure].count }
            var out = TextBuffer(capacity: size)
            for (index, piece) in pieces.enumerated() {
                out.append(bytes: piece)
                if index < figures.count { out.append(values[figures[index]]) }
            }
            return out
        }
    }

    /// An essay's page with what filling it needs: what its lists are, so that their tables can
    /// be made again, and what its Markdown alone gave.
    struct Essay: Sendable {
        var page: Page
        var headings: [Heading]
        var lists: [BulletList]
        /// The lists rendered, in order, and whether each is replaced (else followed) by its table.
        var rendered: [Int]
        var replaced: [Bool]
        var summary: SiteRenderer.EssaySummary
        var measures: Bool
        /// The scenarios linked from the essay's own text (its tables' links are read anew).
        var linkedOutsideTables: Set<String>
    }

    private let pages = Locked([String: Page]())
    private let essays = Locked([String: Essay]())
    /// The report's sections, by scenario slug.
    private let sections = Locked([String: ReportScenarioValues]())
    /// The records of `data/scenarios.csv`, by scenario slug.
    fileprivate let records = Locked([String: TextBuffer]())

    package init() {}

    func section(_ slug: String) -> ReportScenarioValues? { sections.withLock { $0[slug] } }
    func keep(_ slug: String, section: ReportScenarioValues) { sections.withLock { $0[slug] = section } }
    /// A saved scenario's section and record are made again.
    package func forgetScenario(_ slug: String) {
        sections.withLock { _ = $0.removeValue(forKey: slug) }
        records.withLock { _ = $0.removeValue(forKey: slug) }
    }

    func page(_ path: String) -> Page? { pages.withLock { $0[path] } }
    func keep(_ path: String, _ page: Page) { pages.withLock { $0[path] = page } }
    func essay(_ path: String) -> Essay? { essays.withLock { $0[path] } }
    func keep(_ path: String, _ essay: Essay) { essays.withLock { $0[path] = essay } }

    func forget(_ path: String) {
        pages.withLock { _ = $0.removeValue(forKey: path) }
        essays.withLock { _ = $0.removeValue(forKey: path) }
    }

    /// The paths kept, for tests.
    package var paths: Set<String> { Set(pages.withLock { Array($0.keys) } + essays.withLock { Array($0.keys) }) }

    /// The marker of figure `number`: a name between control characters, which no source
    /// may hold (`SourceFile`, YAML texts); were one written anyway, the check of a kept page,
    /// or `split`'s `once`, would fail and the page be rendered whole.
    static func marker(_ number: Int) -> String { "\u{1}te-figure-\(number)\u{1}" }

    /// `bytes` cut at the markers of figures `0..<count`; nil when a marker names another
    /// figure, or, with `once`, when a figure is not marked exactly once.
    static func split(_ bytes: [UInt8], figures count: Int, once: Bool, key: String = "") -> Page? {
        let prefix = Array("\u{1}te-figure-".utf8)
        var pieces: [[UInt8]] = []
        var figures: [Int] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 1, index + prefix.count < bytes.count,
                bytes[index..<index + prefix.count].elementsEqual(prefix)
            else {
                index += 1
                continue
            }
            var end = index + prefix.count
            var number = 0
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9"), number < count {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard end > index + prefix.count, end < bytes.count, bytes[end] == 1 else {
                index += 1
                continue
            }
            guard number < count else { return nil }
            pieces.append(Array(bytes[start..<index]))
            figures.append(number)
            start = end + 1
            index = start
        }
        pieces.append(Array(bytes[start...]))
        if once, figures.count != count || Set(figures).count != count { return nil }
        return Page(pieces: pieces, figures: figures, key: key)
    }
}

extension SiteRenderer {
    /// `data/scenarios.csv`, each scenario's record kept (`KeptPages`) until it is saved.
    func summaryCSV() -> TextBuffer {
        let pairs = scenarios.lazy.map { ($0.summary.figures, $0.scenario) }
        guard let kept else { return DataFiles.summaryCSV(pairs) }
        var out = TextBuffer(capacity: 512 + scenarios.count * 256)
        DataFiles.summaryCSVHeader(into: &out)
        kept.records.withLock { records in
            for (projection, scenario) in pairs {
                if let record = records[projection.slug] {
                    out.append(record)
                    continue
                }
                var record = TextBuffer(capacity: 256)
                DataFiles.summaryCSVRow(projection, scenario, into: &record)
                records[projection.slug] = record
                out.append(record)
            }
        }
        return out
    }

    /// What an essay's page is after new scenario figures.
    struct RefiguredEssay {
        var text: TextBuffer
        var summary: EssaySummary
        var measures: Bool
        var linked: Set<String>
    }

    /// The page of `essay`, at `path`, rendered again because scenario figures changed: its kept
    /// text with new tables when it has one, else rendered (`page` renders it from the essay's
    /// Markdown) and kept for the next time.
    func refiguredEssay(
        _ essay: Essay, path: String, kept: KeptPages,
        page: (RenderedMarkdown, EssaySummary) -> TextBuffer
    ) -> RefiguredEssay {
        let tables = essayTables(essay, root: EssayAddress.root(of: essay.slug))
        if let parts = kept.essay(path) {
            let renderings = tables.renderings(headings: parts.headings, lists: parts.lists, compare: essay.compare)
            let order = renderings.keys.sorted()
            // The same lists rendered the same way (a renamed scenario may change which).
            if order == parts.rendered, order.map({ renderings[$0]?.isReplace == true }) == parts.replaced {
                let values = order.map { TextBuffer(renderings[$0]?.html ?? "") }
                var linked = parts.linkedOutsideTables
                for value in values { linked.formUnion(Self.linkedScenarios(in: value)) }
                return RefiguredEssay(
                    text: parts.page.filled(values), summary: parts.summary, measures: parts.measures, linked: linked)
            }
        }
        // Rendered once with a marker for each table; the tables put in give the essay's HTML,
        // as libcmark writes a list's replacement as it is given.
        var made: (headings: [Heading], lists: [BulletList], renderings: [Int: ListRendering])?
        let marked = renderMarkdown(essay, root: EssayAddress.root(of: essay.slug)) { headings, lists in
            let renderings = tables.renderings(headings: headings, lists: lists, compare: essay.compare)
            made = (headings, lists, renderings)
            var markers: [Int: ListRendering] = [:]
            for (number, key) in renderings.keys.sorted().enumerated() {
                guard let rendering = renderings[key] else { continue }
                let marker = KeptPages.marker(number)
                markers[key] = rendering.isReplace ? .replace(html: marker) : .append(html: marker)
            }
            return markers
        }
        guard let made else {
            let (rendered, measures) = renderEssayMeasuring(essay, root: EssayAddress.root(of: essay.slug))
            let summary = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            return RefiguredEssay(
                text: page(rendered, summary), summary: summary, measures: measures,
                linked: Self.linkedScenarios(in: rendered.htmlBytes))
        }
        let order = made.renderings.keys.sorted()
        let values = order.map { TextBuffer(made.renderings[$0]?.html ?? "") }
        let measures = made.lists.contains(where: EssayTables.showsScenarioFigures)
        guard let body = KeptPages.split(marked.htmlBytes.bytes, figures: order.count, once: true) else {
            // The essay writes a marker of its own: rendered as usual, not kept.
            let rendered = renderMarkdown(essay, root: EssayAddress.root(of: essay.slug)) { _, _ in made.renderings }
            let summary = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            return RefiguredEssay(
                text: page(rendered, summary), summary: summary, measures: measures,
                linked: Self.linkedScenarios(in: rendered.htmlBytes))
        }
        var rendered = marked
        rendered.htmlBytes = body.filled(values)
        let summary = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
        let text = page(rendered, summary)
        if let pieces = KeptPages.split(page(marked, summary).bytes, figures: order.count, once: false),
            pieces.filled(values) == text
        {
            kept.keep(
                path,
                KeptPages.Essay(
                    page: pieces, headings: made.headings, lists: made.lists, rendered: order,
                    replaced: order.map { made.renderings[$0]?.isReplace == true }, summary: summary,
                    measures: measures, linkedOutsideTables: Self.linkedScenarios(in: marked.htmlBytes)))
        }
        return RefiguredEssay(
            text: text, summary: summary, measures: measures, linked: Self.linkedScenarios(in: rendered.htmlBytes))
    }

    /// The page at `path`, whose parts that show scenario figures are `holes()`: when only
    /// figures changed (`Selection.figuresOnly`), its kept text filled with them, else rendered
    /// by `render` (given the figures, or nil to make them) and, when only figures changed,
    /// kept. `key` is what else it shows that may change with a scenario.
    func keptPage(
        _ path: String, _ selection: Selection, key: String, holes: () -> [TextBuffer],
        render: ([HTML]?) -> TextBuffer
    ) -> TextBuffer {
        guard selection.figuresOnly, let kept else { return render(nil) }
        let values = holes()
        if let page = kept.page(path), page.key == key { return page.filled(values) }
        let text = render(values.map { HTML($0) })
        let markers = values.indices.map { HTML(text: KeptPages.marker($0)) }
        if let page = KeptPages.split(render(markers).bytes, figures: values.count, once: false, key: key),
            page.filled(values) == text
        {
            kept.keep(path, page)
        } else {
            kept.forget(path)
        }
        return text
    }
}

extension ListRendering {
    var isReplace: Bool {
        if case .replace = self { return true }
        return false
    }

    var html: String {
        switch self {
        case .replace(let html), .append(let html): return html
        }
    }
}
