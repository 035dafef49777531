import Basics
import Content

/// The pages that list essays: the index, the folders' pages and the tags' (split in pages by
/// `Pagination`), the folders they list, and an essay as an item of a list.
extension SiteRenderer {
    /// The index: the essays at the top of the content folder, then each folder's (a heading
    /// linked to the folder's page, then its essays), archived essays apart.
    func indexPage(
        _ allEssays: [Essay], _ summaries: [String: EssaySummary], _ folders: Folders, page: Int = 1,
        split precomputed: (pages: Pagination, listed: [Essay], folded: Bool)? = nil, figures: [HTML]? = nil
    ) -> TextBuffer {
        // A long index is split (`indexPages`): this page's essays, folders by their heading only.
        let (split, sequence, folded) = precomputed ?? indexPages(allEssays)
        let essays = Array(sequence[split.range(page)])
        let listed = essays.filter { !$0.isArchived }
        let main = listed.filter { EssayAddress.parent(of: $0.slug).isEmpty }.map {
            essayListItem($0, summaries[$0.slug], root: "")
        }
        var byFolder: [String: [EssayItemValues]] = [:]
        for essay in listed where !folded && !EssayAddress.parent(of: essay.slug).isEmpty {
            byFolder[EssayAddress.parent(of: essay.slug), default: []].append(
                essayListItem(essay, summaries[essay.slug], root: ""))
        }
        // Every folder, so that every folder's page is linked: its essays, then its sub-folders
        // that have no page of their own.
        let groups: [FolderGroupValues] = (folded && page > 1 ? [] : folders.addresses).map { folder in
            var items = byFolder[folder] ?? []
            for sub in folded ? [] : folders.listedSubfolders[folder] ?? [] {
                items.append(folders.folderItem(sub, root: ""))
            }
            return FolderGroupValues(title: folders.title(folder), url: "essays/\(folder).html", essays: items)
        }
        let archive = essays.filter(\.isArchived).map { essayListItem($0, summaries[$0.slug], root: "") }
        let context = IndexValues(
            site: siteContext, essays: main, archive: archive, folders: groups, noEssays: listed.isEmpty && !folded,
            hasArchive: !archive.isEmpty,
            scenarioTable: figures?[0] ?? HTML(indexScenarioTable()),
            headlineChart: scenarios.isEmpty ? .empty : figures?[1] ?? HTML(marginComparisonFigure()),
            hasScenarios: !scenarios.isEmpty,
            downloads: scenarios[firstScenarios].map {
                DownloadValues(
                    name: $0.scenario.name, csv: "data/\($0.scenario.slug).csv", json: "data/\($0.scenario.slug).json")
            }, pager: HTML(text: split.navigation(page)))
        return templates.render(
            "index", context,
            layout: layout(
                title: config.title, description: config.summary ?? config.title, root: "", bodyClass: "index"))
    }

    /// The index's table of every scenario (of the first compare page's).
    func indexScenarioTable() -> TextBuffer {
        made(indexTable) { summaryTable(root: "", firstScenarios) }
    }

    /// The page of a folder with no essay of its own: the essay template with the folder's name
    /// and its list.
    func folderPage(
        _ folder: String, _ folders: Folders, _ summaries: [String: EssaySummary], page: Int = 1
    ) -> TextBuffer {
        let title = folders.title(folder)
        let pages = folders.items(in: folder, self, summaries, page: page)
        let context = EssayValues(
            title: title, accent: NoteColor.default.cssClass,
            body: HTML(text: folderPages(folder, folders).navigation(page)), pages: pages)
        return templates.render(
            "essay", context,
            layout: layout(
                title: title, description: "Every essay in \(title).", root: EssayAddress.root(of: folder),
                bodyClass: "essay-page folder-page \(NoteColor.default.cssClass)"))
    }

    /// The page of a term: the essay template with the term as title and its essays listed.
    func tagPage(
        _ name: String, _ address: String, _ members: [Essay], _ summaries: [String: EssaySummary], page: Int = 1
    )
        -> TextBuffer
    {
        let title = "Tagged \u{201C}\(name)\u{201D}"
        let split = Self.tagPages(address, members: members.count)
        let pages = members[split.range(page)].map { essayListItem($0, summaries[$0.slug], root: "../") }
        let context = EssayValues(
            title: title, accent: NoteColor.default.cssClass, body: HTML(text: split.navigation(page)), pages: pages)
        return templates.render(
            "essay", context,
            layout: layout(
                title: title, description: "Every essay tagged \(name).", root: "../",
                bodyClass: "essay-page tag-page \(NoteColor.default.cssClass)"))
    }

    /// Every term (`tags`, `categories`, `keywords`) of the published essays with its essays, by
    /// address (`tags/<address>.html`); terms that make one address are one page.
    func tagPages(_ essays: [Essay]) -> [(term: (name: String, address: String), essays: [Essay])] {
        var names: [String: String] = [:]
        var members: [String: [Essay]] = [:]
        for essay in essays {
            for term in essay.terms {
                let address = EssayAddress.segment(term)
                guard !address.isEmpty else { continue }
                if names[address] == nil { names[address] = term }
                if members[address]?.last?.slug != essay.slug { members[address, default: []].append(essay) }
            }
        }
        return names.keys.sorted().map { ((names[$0] ?? $0, $0), members[$0] ?? []) }
    }

    /// An essay's terms as links to their pages, from a page `root` away from the site's root.
    func termLinks(_ essay: Essay, root: String) -> [TermLinkValues] {
        var seen: Set<String> = []
        return essay.terms.compactMap { term in
            let address = EssayAddress.segment(term)
            guard !address.isEmpty, seen.insert(address).inserted else { return nil }
            return TermLinkValues(name: term, url: "\(root)tags/\(address).html")
        }
    }

    func essayListItem(_ essay: Essay, _ summary: EssaySummary?, root: String) -> EssayItemValues {
        EssayItemValues(
            title: summary?.title ?? essay.title, url: "\(root)essays/\(essay.slug).html",
            summary: summary?.summary ?? essay.summary ?? "", accent: essay.color.cssClass, pinned: essay.isPinned,
            draft: essay.isDraft, date: dateContext(essay.date))
    }

    /// The folders of the published essays (`EssayAddress`): what each lists.
    struct Folders {
        let essays: [Essay]
        /// Every folder with a published essay below it, sorted; the content folder itself ("")
        /// is the index and is not among them.
        let addresses: [String]
        /// Each folder's name as written (`Front Matter`).
        let names: [String: String]
        /// Positions in `essays` of the essays directly in each folder ("" for the top).
        let members: [String: [Int]]
        let essaySlugs: Set<String>
        /// The sub-folders each folder lists: those without a page of their own, by address. Made
        /// once, so that no folder looks through every other (that was folders squared).
        let listedSubfolders: [String: [String]]

        init(_ essays: [Essay]) {
            self.essays = essays
            var names: [String: String] = [:]
            var members: [String: [Int]] = [:]
            for (index, essay) in essays.enumerated() {
                let parent = EssayAddress.parent(of: essay.slug)
                members[parent, default: []].append(index)
                // The folders of the file's path, with their names as written.
                let directories = essay.path.split(separator: "/").dropLast().map(String.init)
                var address: [String] = []
                for directory in directories {
                    address.append(EssayAddress.segment(directory))
                    let joined = address.joined(separator: "/")
                    if names[joined] == nil { names[joined] = directory }
                }
            }
            self.names = names
            self.members = members
            self.addresses = names.keys.sorted()
            let essaySlugs = Set(essays.map(\.slug))
            self.essaySlugs = essaySlugs
            var listed: [String: [String]] = [:]
            for address in addresses where !essaySlugs.contains(address) {
                listed[EssayAddress.parent(of: address), default: []].append(address)
            }
            self.listedSubfolders = listed
        }

        func hasFolder(_ address: String) -> Bool { names[address] != nil }
        func hasEssay(_ address: String) -> Bool { essaySlugs.contains(address) }

        /// The folder's name for lists: its names from the top, `Guides / Pricing`.
        func title(_ address: String) -> String {
            var parts: [String] = []
            var prefix: [Substring] = []
            for segment in address.split(separator: "/") {
                prefix.append(segment)
                parts.append(names[prefix.joined(separator: "/")] ?? String(segment))
            }
            return parts.joined(separator: " / ")
        }

        /// What the page of folder `address` lists: its essays (as the index orders them), then
        /// its sub-folders that have no page of their own among them, by address.
        func items(
            in address: String, _ renderer: SiteRenderer, _ summaries: [String: EssaySummary],
            page: Int = 1
        )
            -> [EssayItemValues]
        {
            guard hasFolder(address) else { return [] }
            let root = EssayAddress.root(of: address)
            let essayMembers = members[address] ?? []
            let subfolders = listedSubfolders[address] ?? []
            // Only the page's items are made (`Pagination`).
            let shown = renderer.folderPages(address, self).range(page)
            return shown.map { position in
                guard position < essayMembers.count else {
                    return folderItem(subfolders[position - essayMembers.count], root: root)
                }
                let essay = essays[essayMembers[position]]
                return renderer.essayListItem(essay, summaries[essay.slug], root: root)
            }
        }

        /// How many items the folder's page lists: its essays and its sub-folders without a page.
        func itemCount(in address: String) -> Int {
            guard hasFolder(address) else { return 0 }
            return (members[address]?.count ?? 0) + (listedSubfolders[address]?.count ?? 0)
        }

        func folderItem(_ folder: String, root: String) -> EssayItemValues {
            EssayItemValues(
                title: names[folder] ?? folder, url: "\(root)essays/\(folder).html", summary: "",
                accent: NoteColor.default.cssClass, pinned: false, draft: false)
        }
    }
}
