import Basics
import Content
import Formats

/// Lists that grow with the content, split into pages with stable addresses (docs/content.md,
/// "Pages of long lists"): page 1 of the list at `compare.html` is `compare.html` itself, page `n`
/// is `compare_n.html` beside it. An address never holds `_` (`EssayAddress.segment` makes it `-`),
/// so a page of a list never takes an essay's or a tag's address, and it sits in the same folder
/// as page 1, so its relative links are the same.
struct Pagination: Equatable {
    /// Essays (and folders) a page of the index, a tag or a folder lists.
    static let essaysPerPage = 100
    /// Scenarios a compare page puts side by side.
    static let scenariosPerPage = 12

    /// True for a path that is or could be a later page of a list: `index_N.html`,
    /// `compare_N.html`, `essays/…_N.html` (tags' are all under `tags/`, which is the site's).
    /// An alias there is skipped, whether or not the list has that many pages now.
    static func isListPage(_ file: String) -> Bool {
        guard file.hasSuffix(".html"), let underscore = file.lastIndex(of: "_") else { return false }
        let number = file[file.index(after: underscore)..<file.index(file.endIndex, offsetBy: -5)]
        guard !number.isEmpty, number.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        let stem = file[..<underscore]
        return stem == "index" || stem == "compare" || (stem.hasPrefix("essays/") && !stem.contains("_"))
    }

    /// The path of page 1 (`index.html`, `tags/pricing.html`).
    let path: String
    /// How many items the list has, and how many a page shows.
    let items: Int
    let perPage: Int

    var pageCount: Int { max(1, (items + perPage - 1) / perPage) }
    var isSplit: Bool { pageCount > 1 }

    /// The path of page `number` (from 1).
    func path(_ number: Int) -> String {
        guard number > 1 else { return path }
        return String(path.dropLast(".html".count)) + "_\(number).html"
    }

    /// Every page's path but the first, which the site has anyway.
    var laterPaths: [String] { pageCount > 1 ? (2...pageCount).map(path) : [] }

    /// The positions of the items on page `number` (from 1).
    func range(_ number: Int) -> Range<Int> {
        let start = min(items, (number - 1) * perPage)
        return start..<min(items, start + perPage)
    }

    /// The page numbers the pager of page `number` links to: the first, the last, and two either
    /// side of `number`; nil where numbers are left out. At most nine entries whatever the count.
    func window(_ number: Int) -> [Int?] {
        let shown = Set([1, pageCount] + Array(max(1, number - 2)...min(pageCount, number + 2))).sorted()
        var result: [Int?] = []
        for page in shown {
            if let last = result.last, let previous = last, page > previous + 1 { result.append(nil) }
            result.append(page)
        }
        return result
    }

    /// The links between the pages, for page `number`: previous, the numbers of `window`, next.
    /// Links are file names: every page of a list is in the same folder. Empty for one page.
    func navigation(_ number: Int) -> String {
        guard isSplit else { return "" }
        func file(_ page: Int) -> String { escapeHTML(String(path(page).split(separator: "/").last ?? "")) }
        var html = "<nav class=\"pager\" aria-label=\"Pages\"><p>Page \(number) of \(pageCount)"
        html += " (\(items) in all):"
        if number > 1 { html += " <a rel=\"prev\" href=\"\(file(number - 1))\">← Previous</a>" }
        for page in window(number) {
            guard let page else {
                html += " …"
                continue
            }
            html +=
                page == number
                ? " <strong aria-current=\"page\">\(page)</strong>" : " <a href=\"\(file(page))\">\(page)</a>"
        }
        if number < pageCount { html += " <a rel=\"next\" href=\"\(file(number + 1))\">Next →</a>" }
        return html + "</p></nav>"
    }
}

extension SiteRenderer {
    /// `values` without repeats, in the order of their first appearance.
    static func orderedUnique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// The compare pages: `scenariosPerPage` scenarios each.
    var comparePages: Pagination {
        Pagination(path: "compare.html", items: scenarios.count, perPage: Pagination.scenariosPerPage)
    }

    /// The scenarios the index and the first compare page show.
    package var firstScenarios: Range<Int> { comparePages.range(1) }

    /// The number (from 1) of the compare page that shows the scenario at `position` in `scenarios`.
    package func comparePage(showing position: Int) -> Int { position / Pagination.scenariosPerPage + 1 }

    /// The essays the index lists, pages of `essaysPerPage`. With more published essays than one
    /// page holds, the index is `folded`: its pages list the essays at the top of the content
    /// folder, then the archived ones, and each folder only by its heading (its page lists it).
    func indexPages(_ essays: [Essay]) -> (pages: Pagination, listed: [Essay], folded: Bool) {
        guard essays.count > Pagination.essaysPerPage else {
            return (
                Pagination(path: "index.html", items: essays.count, perPage: Pagination.essaysPerPage), essays, false
            )
        }
        let listed =
            essays.filter { !$0.isArchived && EssayAddress.parent(of: $0.slug).isEmpty }
            + essays.filter(\.isArchived)
        return (Pagination(path: "index.html", items: listed.count, perPage: Pagination.essaysPerPage), listed, true)
    }

    /// The pages of a folder's list, page 1 being the folder's own page or listing page.
    func folderPages(_ folder: String, _ folders: Folders) -> Pagination {
        Pagination(
            path: "essays/\(folder).html", items: folders.itemCount(in: folder), perPage: Pagination.essaysPerPage)
    }

    /// The pages of a tag.
    static func tagPages(_ address: String, members: Int) -> Pagination {
        Pagination(path: "tags/\(address).html", items: members, perPage: Pagination.essaysPerPage)
    }

    /// Every page after the first of the split lists, for the sitemap and the alias check.
    func laterListPages(_ essays: [Essay]) -> [String] {
        let folders = Folders(essays)
        var paths = indexPages(essays).pages.laterPaths + comparePages.laterPaths
        for folder in folders.addresses { paths += folderPages(folder, folders).laterPaths }
        for (term, members) in tagPages(essays) {
            paths += Self.tagPages(term.address, members: members.count).laterPaths
        }
        return paths
    }
}

extension TextBuffer {
    /// `left` then `right`: a page's part with its pager.
    static func + (left: TextBuffer, right: String) -> TextBuffer {
        var joined = left
        joined.append(right)
        return joined
    }

    static func + (left: TextBuffer, right: TextBuffer) -> TextBuffer {
        var joined = left
        joined.append(right)
        return joined
    }
}
