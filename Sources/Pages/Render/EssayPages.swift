import Basics
import Content
import Markdown
import Views

/// An essay's page, its table of contents, the redirect pages of its aliases, and its Markdown
/// rendered with the generator's tables, from which its title and summary come.
extension SiteRenderer {
    func essayPage(
        _ essay: Essay, _ rendered: RenderedMarkdown, _ made: EssaySummary, pages: [EssayItemValues] = [],
        pager: String = ""
    ) -> TextBuffer {
        let toc = rendered.headings.filter { $0.level >= 2 && $0.level <= 3 }.map {
            TocEntryValues(id: $0.id, text: $0.text, level: "\($0.level)")
        }
        let context = EssayValues(
            title: made.title, accent: essay.color.cssClass,
            body: HTML(pager.isEmpty ? rendered.htmlBytes : rendered.htmlBytes + pager),
            tableOfContents: Self.tableOfContents(rendered.headings), toc: toc, hasToc: toc.count > 1,
            date: dateContext(essay.date),
            modified: essay.modified?.day != essay.date?.day ? dateContext(essay.modified) : nil,
            draft: essay.isDraft, archived: essay.isArchived, pages: pages,
            terms: termLinks(essay, root: EssayAddress.root(of: essay.slug)), hasTerms: !essay.terms.isEmpty,
            authors: essay.authors, byline: Self.byline(essay.authors),
            params: essay.params.mapValues(\.templateValue))
        return templates.render(
            "essay", context,
            layout: layout(
                title: made.title, description: made.summary, root: EssayAddress.root(of: essay.slug),
                bodyClass: "essay-page \(essay.color.cssClass)"))
    }

    /// The `##` and `###` headings as an ordered list of links, ready to insert (as Hugo's
    /// `.TableOfContents`): each `###` in a list inside the `##` before it, so that only the
    /// `##` are numbered; a `###` before any `##` is an item of its own. Templates that want
    /// other markup can loop over `toc` instead.
    static func tableOfContents(_ headings: [Heading]) -> HTML {
        HTML(
            text: TextBuffer.text(capacity: 64 + headings.count * 96) { out in
                func link(_ heading: Heading) {
                    out.append("<a href=\"#")
                    out.append(heading.id)
                    out.append("\">")
                    out.appendEscaped(heading.text)
                    out.append("</a>")
                }
                var inSection = false  // an `##` item is open
                var inSubsections = false  // and a list of its `###` in it
                func closeSection() {
                    if inSubsections { out.append("</ul>\n") }
                    if inSection { out.append("</li>\n") }
                    inSection = false
                    inSubsections = false
                }
                out.append("<ol>\n")
                for heading in headings where heading.level >= 2 && heading.level <= 3 {
                    if heading.level == 2 {
                        closeSection()
                        out.append("<li class=\"level-2\">")
                        link(heading)
                        inSection = true
                    } else if inSection {
                        if !inSubsections { out.append("\n<ul>\n") }
                        inSubsections = true
                        out.append("<li class=\"level-3\">")
                        link(heading)
                        out.append("</li>\n")
                    } else {
                        out.append("<li class=\"level-3\">")
                        link(heading)
                        out.append("</li>\n")
                    }
                }
                closeSection()
                out.append("</ol>")
            })
    }

    /// Names as a sentence: `A`, `A and B`, `A, B and C`.
    static func byline(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The redirect page of an alias of `essay`, at `file` below the site's root.
    func aliasPage(_ file: String, to essay: Essay, _ title: String?) -> String {
        let root = String(repeating: "../", count: file.count { $0 == "/" })
        // Relative, as every link of the site: it works wherever the site is served or opened.
        let target = root + "essays/\(essay.slug).html"
        return Aliases.page(to: target, title: title ?? essay.title, language: config.language)
    }

    // MARK: The essay's Markdown

    func renderEssay(_ essay: Essay, root: String, scenarioLink: ((String) -> String)? = nil) -> RenderedMarkdown {
        renderEssayMeasuring(essay, root: root, scenarioLink: scenarioLink).rendered
    }

    /// The essay's Markdown rendered, and whether a list of it shows figures measured across the
    /// scenarios (its page changes whenever a scenario does).
    func renderEssayMeasuring(
        _ essay: Essay, root: String, scenarioLink: ((String) -> String)? = nil
    ) -> (rendered: RenderedMarkdown, measures: Bool) {
        let tables = essayTables(essay, root: root, scenarioLink: scenarioLink)
        var measures = false
        let rendered = renderMarkdown(essay, root: root) { headings, lists in
            let renderings = tables.renderings(headings: headings, lists: lists, compare: essay.compare)
            measures = lists.contains(where: EssayTables.showsScenarioFigures)
            return renderings
        }
        return (rendered, measures)
    }

    /// What an essay's lists become, from a page `root` away from the site's root.
    func essayTables(_ essay: Essay, root: String, scenarioLink: ((String) -> String)? = nil) -> EssayTables {
        var tables = EssayTables(
            scenarios: scenarios,
            link: scenarioLink ?? { "\(root)scenarios/\($0).html" },
            cache: tableCache, cacheKey: root)
        tables.cachesTables = scenarioLink == nil
        tables.compareLink = scenarioLink == nil ? root + "compare.html" : "#te-report-scenarios"
        if scenarios.count > ExposureSummary.fullTableLimit {
            tables.linkedScenarios = Self.orderedUnique(linkedFiles(in: essay.body).map(\.slug))
        }
        return tables
    }

    /// The essay's Markdown rendered, its links to other essays made relative to `root`, its
    /// bullet lists rendered by `lists`.
    func renderMarkdown(
        _ essay: Essay, root: String, lists: ([Heading], [BulletList]) -> [Int: ListRendering]
    ) -> RenderedMarkdown {
        let options = MarkdownOptions(allowsRawHTML: config.allowsRawHTML, reservedIDs: reservedIDs)
        let from = essay.path
        let addresses = essayAddresses
        let rewrite = LinkRewriting { destination in
            guard let (path, fragment) = EssayAddress.linkedPath(destination, from: from),
                let address = addresses[path]
            else { return nil }
            return root + "essays/" + address + ".html" + fragment
        }
        return Markdown.render(essay.body, options: options, rewritingLinks: rewrite, lists: lists)
    }

    func essayTitle(_ essay: Essay, _ rendered: RenderedMarkdown?) -> String {
        if essay.hasOwnTitle { return essay.title }
        return rendered?.headings.first { $0.level == 1 }?.text ?? essay.title
    }

    /// The front matter's summary, else the first paragraph cut near 200 characters at a word.
    func summary(of essay: Essay, _ rendered: RenderedMarkdown?) -> String {
        if let summary = essay.summary { return summary }
        return Self.shortened(rendered?.firstParagraph ?? "", limit: 200)
    }

    /// `text` if it is at most `limit` characters, else its words up to about that many and "…".
    static func shortened(_ text: String, limit: Int) -> String {
        // Counted in Unicode scalars over the UTF-8 bytes; the cut falls on a space, so never
        // inside a character.
        let bytes = Array(text.utf8)
        guard bytes.count > limit else { return text }
        var scalars = 0, end = 0
        while end < bytes.count {
            if bytes[end] & 0xC0 != 0x80 {
                if scalars == limit { break }
                scalars += 1
            }
            end += 1
        }
        guard end < bytes.count else { return text }
        var cut = bytes[..<end].lastIndex(of: UInt8(ascii: " ")) ?? end
        while cut > 0, " ,;:-".utf8.contains(bytes[cut - 1]) { cut -= 1 }
        return String(decoding: bytes[..<cut], as: UTF8.self) + "…"
    }
}
