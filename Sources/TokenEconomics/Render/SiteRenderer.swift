import Basics
import Content
import Formats
import Foundation
import Markdown

/// What to publish and where the site will live.
public struct BuildOptions: Sendable {
    public var includeDrafts = false
    /// Overrides `site.yaml`'s `base_url`.
    public var baseURL: String?
    public var strict = false
    /// Replace files at the site's paths that the build did not write (`--force`).
    public var force = false
    /// For tests and the fuzzer: stop writing, as a kill would, before this many changes to the disk.
    public var stopAtStep: Int?

    public init(includeDrafts: Bool = false, baseURL: String? = nil, strict: Bool = false) {
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.strict = strict
    }
}

/// A scenario with its projection, ready to render.
struct ComputedScenario {
    var file: ScenarioFile
    /// What the shared pages read; the full projection is computed again where it is shown.
    var summary: ScenarioSummary
    var scenario: Scenario { file.scenario }
}

/// Turns content and projections into the files of the site, by relative path.
struct SiteRenderer: Sendable {
    let content: SiteContent
    let catalog: Catalog
    let scenarios: [ComputedScenario]
    let templates: Templates
    let options: BuildOptions
    /// Dependency tables already built: every essay naming the same dependencies shows the same table.
    let tableCache: EssayTables.Cache
    /// The margin comparison figure, shown by the index and the compare page alike.
    private let comparisonFigure: Locked<TextBuffer?>
    /// The index's table of every scenario, made once for the renderers of the same scenarios.
    private let indexTable: Locked<TextBuffer?>
    /// The scenarios as the essay tables read them, made once rather than for every essay.
    let scenarioPairs: [(projection: Projection, scenario: Scenario)]
    /// Ids no essay heading may take: those the templates write and those the generator writes on
    /// the pages that hold an essay (the report's scenario sections and charts). The same set for
    /// every page, so a heading has one id wherever its essay is shown.
    let reservedIDs: Set<String>
    /// The address of every published essay by its file's path below the content folder, for
    /// links written as relative `.md` paths.
    let essayAddresses: [String: String]
    /// `serve`'s pages kept between renders with their scenario figures left out (`KeptPages`).
    let kept: KeptPages?
    /// `scenariosByModel()` when the caller knows it is unchanged.
    let knownScenariosByModel: [String: [String]]?

    /// - Parameter sameScenarios: a renderer of the same scenarios, catalog and options (the
    ///   content's essays may differ) whose tables and figures this one may reuse.
    /// - Parameter kept: `serve`'s kept pages, which `render(_:essays:published:into:)` fills with
    ///   new figures when only figures changed.
    /// - Parameter scenariosByModel: what `scenariosByModel()` gives, when the caller has it.
    /// - Parameter sameAddresses: a renderer of the same templates, catalog, scenario slugs and
    ///   published essays' paths and addresses, whose reserved ids and addresses this one takes.
    init(
        content: SiteContent, catalog: Catalog, scenarios: [ComputedScenario], templates: Templates,
        options: BuildOptions, sameScenarios: SiteRenderer? = nil, kept: KeptPages? = nil,
        scenariosByModel: [String: [String]]? = nil, sameAddresses: SiteRenderer? = nil
    ) {
        self.kept = kept
        self.knownScenariosByModel = scenariosByModel
        self.content = content
        self.catalog = catalog
        self.scenarios = scenarios
        self.templates = templates
        self.options = options
        self.tableCache = sameScenarios?.tableCache ?? EssayTables.Cache()
        self.comparisonFigure = sameScenarios?.comparisonFigure ?? Locked(nil)
        self.indexTable = sameScenarios?.indexTable ?? Locked(nil)
        self.scenarioPairs = sameScenarios?.scenarioPairs ?? scenarios.map { ($0.summary.figures, $0.scenario) }
        if let sameAddresses {
            self.reservedIDs = sameAddresses.reservedIDs
            self.essayAddresses = sameAddresses.essayAddresses
            return
        }
        var reserved = templates.ids
        for item in scenarios {
            let chart = Self.reportChartID(item.scenario.slug)
            reserved.formUnion([Self.reportSectionID(item.scenario.slug), chart + "-title", chart + "-desc"])
        }
        // The report's catalog section (`catalogSection(idPrefix: "report-")`).
        reserved.formUnion(Self.catalogIDs(prefix: "report-", models: catalog.ids))
        self.reservedIDs = reserved
        let published = content.essays.filter { $0.isPublished(includeDrafts: options.includeDrafts) }
        self.essayAddresses = Dictionary(
            published.map { ($0.path, $0.slug) }, uniquingKeysWith: { first, _ in first })
    }

    /// The id of a scenario's section in the report.
    static func reportSectionID(_ slug: String) -> String { "scenario-\(slug)" }
    /// The id of a scenario's chart in the report; the chart's title and description add
    /// `-title` and `-desc` (`Chart.write`).
    static func reportChartID(_ slug: String) -> String { "\(slug)-chart-margin" }

    var config: SiteConfig { content.config }
    var baseURL: String? { options.baseURL ?? config.baseURL }

    /// Essays to publish, pinned first, then by `weight`, then newest first, then by address. (The index lists the
    /// archived ones apart.)
    var publishedEssays: [Essay] {
        let published = content.essays.filter { $0.isPublished(includeDrafts: options.includeDrafts) }
        // Positions are sorted by keys read once, not the essays: reading an essay in the
        // comparison copies all its fields.
        let keys = published.map { (pinned: $0.isPinned, weight: $0.weight, date: $0.date?.text ?? "", slug: $0.slug) }
        let order = keys.indices.sorted { i, j in
            if keys[i].pinned != keys[j].pinned { return keys[i].pinned }
            // `weight`: lower first, essays without one after those with one.
            if keys[i].weight != keys[j].weight {
                guard let wi = keys[i].weight else { return false }
                guard let wj = keys[j].weight else { return true }
                return wi < wj
            }
            if keys[i].date != keys[j].date { return keys[i].date > keys[j].date }
            return keys[i].slug < keys[j].slug
        }
        return order.map { published[$0] }
    }

    /// What the index needs of a rendered essay.
    struct EssaySummary: Sendable {
        var title: String
        var summary: String
    }

    /// What a render leaves for rendering parts of the site again: the title and summary of each
    /// published essay (the index lists them), the essays whose pages show figures measured
    /// across the scenarios, and the scenarios each links to.
    struct EssayIndex: Sendable {
        var summaries: [String: EssaySummary] = [:]
        var measuring: Set<String> = []
        /// The scenarios each essay's page links to (the catalog sections say which essays use
        /// a model).
        var links: [String: Set<String>] = [:]
    }

    /// Renders every file of the site into `writer`, all pages on every core. Returns the number
    /// of files.
    func render(into writer: any SiteSink) -> Int {
        renderSite(into: writer).files
    }

    /// Renders every file of the site into `writer`, all pages on every core: the number of
    /// files, and what a later `render(_:essays:into:)` needs.
    func renderSite(into writer: any SiteSink) -> (files: Int, essays: EssayIndex) {
        let essays = publishedEssays
        // First every essay's Markdown: the index lists their titles and summaries. A large
        // essay (one with a table of a thousand scenarios) is written at once rather than held.
        let folders = Folders(essays)
        // The bytes of the essays held so far: bounded (`heldEssayBytes`) whatever their number.
        let held = Locked(0)
        let rendered = parallelMap(essays.count) {
            index -> (summary: EssaySummary, held: RenderedMarkdown?, measures: Bool, scenarios: Set<String>) in
            let essay = essays[index]
            let (rendered, measures) = renderEssayMeasuring(essay, root: EssayAddress.root(of: essay.slug))
            let made = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            // The scenarios its page links to, its computed tables' included: the catalog page
            // says which essays use a model.
            // (None to look for in a site without scenarios.)
            let linked = scenarios.isEmpty ? [] : Self.linkedScenarios(in: rendered.htmlBytes)
            // A folder's own page lists the folder and waits for every summary.
            let size = rendered.htmlBytes.count
            let holds =
                folders.hasFolder(essay.slug)
                || (size <= Self.heldEssaySize
                    && held.withLock { total in
                        guard total + size <= Self.heldEssayBytes else { return false }
                        total += size
                        return true
                    })
            guard holds else {
                writer.put("essays/\(essay.slug).html", essayPage(essay, rendered, made))
                return (made, nil, measures, linked)
            }
            return (made, rendered, measures, linked)
        }
        let summaries = rendered.map(\.summary)
        let essayLinks = Dictionary(
            zip(essays.map(\.slug), rendered.map(\.scenarios)), uniquingKeysWith: { first, _ in first })
        let byslug = Dictionary(zip(essays.map(\.slug), summaries), uniquingKeysWith: { first, _ in first })
        let index = EssayIndex(
            summaries: byslug, measuring: Set(essays.indices.filter { rendered[$0].measures }.map { essays[$0].slug }),
            links: essayLinks)
        // Then every other page, from one queue for both cores, the largest single pages first
        // so that no core is left with one big page at the end.
        enum Job {
            case essay(Int), scenario(Int)
            case file(String, () -> TextBuffer)
        }
        var jobs: [Job] = [
            .file("report.html", { reportPage(essays, essayLinks: essayLinks) }),
            .file("index.html", { indexPage(essays, byslug, folders) }),
            .file("data/scenarios.csv", { DataFiles.summaryCSV(scenarioPairs) }),
            .file("data/\(DataFiles.catalogFile)", { DataFiles.catalogJSON(catalog) }),
            .file("404.html", { notFoundPage() }),
        ]
        if let baseURL {
            jobs.append(.file("sitemap.xml", { TextBuffer(sitemap(baseURL: baseURL, essays: essays)) }))
            jobs.append(.file("feed.xml", { TextBuffer(feed(baseURL: baseURL, essays: essays, summaries: byslug)) }))
        }
        jobs += essays.indices.filter { rendered[$0].held != nil }.map(Job.essay)
        // The later pages of the lists split in pages (`Pagination`).
        let indexSplit = indexPages(essays)
        for (number, path) in zip(2..., indexSplit.pages.laterPaths) {
            jobs.append(.file(path, { indexPage(essays, byslug, folders, page: number, split: indexSplit) }))
        }
        for (number, path) in zip(2..., comparePages.laterPaths) {
            jobs.append(.file(path, { comparePage(page: number) }))
        }
        for folder in folders.addresses {
            for (number, path) in zip(2..., folderPages(folder, folders).laterPaths) {
                jobs.append(.file(path, { folderPage(folder, folders, byslug, page: number) }))
            }
        }
        for (term, members) in tagPages(essays) {
            let split = Self.tagPages(term.address, members: members.count)
            for number in 1...split.pageCount {
                jobs.append(
                    .file(split.path(number), { tagPage(term.name, term.address, members, byslug, page: number) }))
            }
        }
        for essay in essays {
            for alias in essay.aliases {
                guard let file = Aliases.file(alias) else { continue }
                jobs.append(.file(file, { TextBuffer(aliasPage(file, to: essay, byslug[essay.slug]?.title)) }))
            }
        }
        // A folder without a page of its own gets a listing page.
        for folder in folders.addresses where !folders.hasEssay(folder) {
            jobs.append(.file("essays/\(folder).html", { folderPage(folder, folders, byslug) }))
        }
        jobs += scenarios.indices.map(Job.scenario)
        jobs.append(.file("models.html", { modelsPage(essays, essayLinks: essayLinks) }))
        // Last, so that the figure it shares with the index is made by then.
        jobs.append(.file("compare.html", { comparePage() }))
        let files = parallelMap(jobs.count) { index -> Int in
            switch jobs[index] {
            case .essay(let number):
                guard let held = rendered[number].held else { return 0 }
                let essay = essays[number]
                writer.put(
                    "essays/\(essay.slug).html",
                    essayPage(
                        essay, held, summaries[number], pages: folders.items(in: essay.slug, self, byslug),
                        pager: folderPages(essay.slug, folders).navigation(1)))
                return 0  // counted below with the others
            case .scenario(let number):
                // The full projection, computed again, is written and let go.
                let item = scenarios[number]
                let projection = item.fullProjection(catalog)
                writer.put("scenarios/\(item.scenario.slug).html", scenarioPage(item, projection))
                writer.put("data/\(item.scenario.slug).json", DataFiles.json(projection))
                writer.put("data/\(item.scenario.slug).csv", DataFiles.csv(projection))
                return 3
            case .file(let path, let make):
                writer.put(path, make())
                return 1
            }
        }
        for (path, data) in templates.assets.sorted(by: { $0.key < $1.key }) { writer.put(path, data) }
        return (essays.count + files.reduce(0, +) + templates.assets.count, index)
    }

    /// Files to render again after a change, by what they show.
    struct Selection: Sendable, Equatable {
        /// Essay pages, by slug (unpublished ones are left out).
        var essays: Set<String> = []
        /// Scenario pages with their JSON and CSV, by slug.
        var scenarios: Set<String> = []
        var index = false
        var report = false
        /// Every compare page, or (`comparePages`) those numbered.
        var compare = false
        var comparePages: Set<Int> = []
        /// `models.html`, the catalog with the essays and scenarios using each model.
        var models = false
        /// `data/scenarios.csv`.
        var summaryCSV = false
        /// `sitemap.xml` and `feed.xml`, when there is a base URL.
        var feeds = false
        /// Listing pages of folders without an essay of their own (`essays/<folder>.html`), by address.
        var folders: Set<String> = []
        /// Term pages (`tags/<address>.html`), by address.
        var tags: Set<String> = []
        /// Only scenario figures changed since the selected essays, index and compare pages were
        /// last rendered: their kept text (`KeptPages`) may be filled with the new figures.
        var figuresOnly = false
    }

    /// Renders the selected files into `writer`, on every core, as `renderSite` renders them.
    /// `essays` is what the last render left, from a renderer whose content differs from this
    /// one's only in the selected essays; it comes back with theirs updated. `published` is
    /// `publishedEssays` when the caller has it.
    func render(
        _ selection: Selection, essays index: inout EssayIndex, published: [Essay]? = nil, into writer: any SiteSink
    ) {
        let essays = published ?? publishedEssays
        let chosen = essays.filter { selection.essays.contains($0.slug) }
        let folders = Folders(essays)
        let before = index.summaries
        let made = parallelMap(chosen.count) { number -> (EssaySummary, Bool, Set<String>) in
            let essay = chosen[number]
            let path = "essays/\(essay.slug).html"
            if selection.figuresOnly, let kept {
                let page = refiguredEssay(essay, path: path, kept: kept) { rendered, made in
                    essayPage(
                        essay, rendered, made, pages: folders.items(in: essay.slug, self, before),
                        pager: folderPages(essay.slug, folders).navigation(1))
                }
                writer.put(path, page.text)
                return (page.summary, page.measures, page.linked)
            }
            kept?.forget(path)
            let (rendered, measures) = renderEssayMeasuring(essay, root: EssayAddress.root(of: essay.slug))
            let made = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            writer.put(
                "essays/\(essay.slug).html",
                essayPage(
                    essay, rendered, made, pages: folders.items(in: essay.slug, self, before),
                    pager: folderPages(essay.slug, folders).navigation(1)))
            return (made, measures, Self.linkedScenarios(in: rendered.htmlBytes))
        }
        for (essay, (summary, measures, linked)) in zip(chosen, made) {
            index.summaries[essay.slug] = summary
            index.links[essay.slug] = linked
            if measures { index.measuring.insert(essay.slug) } else { index.measuring.remove(essay.slug) }
        }
        let summaries = index.summaries
        let essayLinks = index.links
        var jobs: [(String, () -> TextBuffer)] = []
        if selection.report { jobs.append(("report.html", { reportPage(essays, essayLinks: essayLinks) })) }
        if selection.models { jobs.append(("models.html", { modelsPage(essays, essayLinks: essayLinks) })) }
        if selection.index {
            let split = indexPages(essays)
            // What an index page shows of the scenarios besides its figures: their downloads.
            let indexKey = scenarios[firstScenarios].map { "\($0.scenario.slug) \($0.scenario.name)" }
                .joined(separator: "\n")
            let indexFigures = { [indexScenarioTable(), marginComparisonFigure()] }
            for number in 1...split.pages.pageCount {
                let path = split.pages.path(number)
                jobs.append(
                    (
                        path,
                        {
                            keptPage(path, selection, key: indexKey, holes: indexFigures) { figures in
                                indexPage(essays, summaries, folders, page: number, split: split, figures: figures)
                            }
                        }
                    ))
            }
        }
        if selection.summaryCSV { jobs.append(("data/scenarios.csv", { DataFiles.summaryCSV(scenarioPairs) })) }
        if selection.feeds, let baseURL {
            jobs.append(("sitemap.xml", { TextBuffer(sitemap(baseURL: baseURL, essays: essays)) }))
            jobs.append(("feed.xml", { TextBuffer(feed(baseURL: baseURL, essays: essays, summaries: summaries)) }))
        }
        for item in scenarios where selection.scenarios.contains(item.scenario.slug) {
            let slug = item.scenario.slug
            let projection = item.fullProjection(catalog)
            jobs.append(("scenarios/\(slug).html", { scenarioPage(item, projection) }))
            jobs.append(("data/\(slug).json", { DataFiles.json(projection) }))
            jobs.append(("data/\(slug).csv", { DataFiles.csv(projection) }))
        }
        // A folder's list: its first page (the folder's own essay, when it has one, is that page
        // and is selected with the essays), then its later pages.
        for folder in folders.addresses where selection.folders.contains(folder) {
            if !folders.hasEssay(folder) {
                jobs.append(("essays/\(folder).html", { folderPage(folder, folders, summaries) }))
            }
            for (number, path) in zip(2..., folderPages(folder, folders).laterPaths) {
                jobs.append((path, { folderPage(folder, folders, summaries, page: number) }))
            }
        }
        if !selection.tags.isEmpty {
            for (term, members) in tagPages(essays) where selection.tags.contains(term.address) {
                let split = Self.tagPages(term.address, members: members.count)
                for number in 1...split.pageCount {
                    jobs.append(
                        (split.path(number), { tagPage(term.name, term.address, members, summaries, page: number) }))
                }
            }
        }
        if selection.compare || !selection.comparePages.isEmpty {
            for number in 1...comparePages.pageCount where selection.compare || selection.comparePages.contains(number)
            {
                let path = comparePages.path(number)
                jobs.append(
                    (
                        path,
                        {
                            keptPage(path, selection, key: "", holes: { compareFigures(page: number) }) { figures in
                                comparePage(page: number, figures: figures)
                            }
                        }
                    ))
            }
        }
        _ = parallelMap(jobs.count) { number in
            writer.put(jobs[number].0, jobs[number].1())
            // A page rendered for another reason than new figures: its kept text is stale.
            if !selection.figuresOnly { kept?.forget(jobs[number].0) }
        }
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

    /// Names as a sentence: `A`, `A and B`, `A, B and C`.
    static func byline(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
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

    /// The redirect page of an alias of `essay`, at `file` below the site's root.
    func aliasPage(_ file: String, to essay: Essay, _ title: String?) -> String {
        let root = String(repeating: "../", count: file.count { $0 == "/" })
        // Relative, as every link of the site: it works wherever the site is served or opened.
        let target = root + "essays/\(essay.slug).html"
        return Aliases.page(to: target, title: title ?? essay.title, language: config.language)
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

    /// Essays whose HTML is at most this many bytes wait for the page queue, which they help
    /// balance; larger ones are written at once, so that the queue does not hold megabytes.
    static let heldEssaySize = 32_768
    /// At most this many bytes of essays wait in all: the others are written at once, so that
    /// a site of ten thousand essays does not hold them all.
    static let heldEssayBytes = 4 << 20

    // MARK: Shared pieces

    /// The layout's values. `inlineStyle` puts the stylesheet in the page (the report, which must
    /// stand alone, and the 404 page, which a server shows at any path); `nav` adds the site links.
    func layout(
        title: String, description: String, root: String, bodyClass: String,
        inlineStyle: Bool = false, nav: Bool = true
    ) -> LayoutValues {
        LayoutValues(
            pageTitle: title == config.title ? title : "\(title) · \(config.title)",
            description: description, root: root, bodyClass: bodyClass, language: config.language,
            site: siteContext, nav: nav, standalone: !nav, stylesheet: inlineStyle ? nil : true,
            inlineStyle: inlineStyle ? templates.stylesheet : nil, feed: baseURL != nil && nav && !inlineStyle)
    }

    var siteContext: SiteValues {
        SiteValues(
            title: config.title, summary: config.summary, author: config.author, asOf: catalog.asOf.description,
            priceSource: catalog.source)
    }

    /// A date's values, or nil (absent to the template).
    func dateContext(_ timestamp: Timestamp?) -> DateValues? {
        guard let timestamp else { return nil }
        return DateValues(datetime: timestamp.text, display: displayDate(timestamp.day))
    }

    func displayDate(_ day: Day) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        return "\(day.day) \(names[day.month - 1]) \(day.year)"
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
            scenarios: scenarioPairs,
            link: scenarioLink ?? { "\(root)scenarios/\($0).html" },
            cache: scenarioLink == nil ? tableCache : nil, cacheKey: root)
        tables.compareLink = scenarioLink == nil ? root + "compare.html" : "#te-report-scenarios"
        if scenarioPairs.count > ExposureSummary.fullTableLimit {
            tables.linkedScenarios = Self.orderedUnique(Generator.linkedFiles(in: essay.body).map(\.slug))
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

    func essayListItem(_ essay: Essay, _ summary: EssaySummary?, root: String) -> EssayItemValues {
        EssayItemValues(
            title: summary?.title ?? essay.title, url: "\(root)essays/\(essay.slug).html",
            summary: summary?.summary ?? essay.summary ?? "", accent: essay.color.cssClass, pinned: essay.isPinned,
            draft: essay.isDraft, date: dateContext(essay.date))
    }

    /// The row of headline figures of each scenario, linked to its page.
    func summaryTable(root: String, link: ((String) -> String)? = nil, _ shown: Range<Int>? = nil) -> TextBuffer {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        return TextBuffer.make(capacity: 1024 + scenarios.count * 600) { out in
            HTMLTable(
                caption: "Every scenario: totals over its projection, ratios in its last month",
                headers: [
                    "Scenario", "Kind", "Revenue", "Run token cost", "Build token cost", "Gross margin",
                    "Token share", "Break-even price", "Availability",
                ],
                numericColumns: [2, 3, 4, 5, 6, 7, 8], className: "data summary", labelsCells: true
            )
            .write(into: &out, rows: scenarios.count) { row, index in
                let p = scenarios[index].summary.figures
                row.cell { out in
                    out.append("<a href=\"")
                    out.appendEscaped(link?(p.slug) ?? "\(root)scenarios/\(p.slug).html")
                    out.append("\">")
                    out.appendEscaped(p.name)
                    out.append("</a>")
                }
                row.text(p.kind.rawValue)
                row.money(p.totals.revenue)
                row.money(p.totals.runCost)
                row.money(p.totals.buildCost)
                row.percent(p.last?.grossMargin)
                row.percent(p.last?.tokenShare)
                row.multiplier(p.breakEvenPriceMultiplier)
                row.availability(p.availability)
            }
        }
    }

    func marginComparisonChart(idPrefix: String = "", _ shown: Range<Int>? = nil) -> Chart {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        return Chart(
            id: idPrefix + "chart-compare", title: "Gross margin and token share in the last month",
            description: "For each scenario, the gross margin and the share of revenue spent on tokens "
                + "in its last month.", kind: .bars,
            xLabels: scenarios.map(\.scenario.slug),
            series: [
                ChartSeries(
                    name: "Gross margin", values: scenarios.map { $0.summary.figures.last?.grossMargin }, style: "s1"),
                ChartSeries(
                    name: "Token share", values: scenarios.map { $0.summary.figures.last?.tokenShare }, style: "s2"),
            ],
            format: { Format.percent($0, into: &$1) })
    }

    /// The comparison chart with the figures it is drawn from.
    /// (Of the first compare page's scenarios: all of them in a site of one page.)
    func marginComparisonFigure() -> TextBuffer {
        made(comparisonFigure) { makeMarginComparisonFigure(firstScenarios) }
    }

    /// What `cache` holds, made by `make` the first time.
    private func made(_ cache: Locked<TextBuffer?>, _ make: () -> TextBuffer) -> TextBuffer {
        if let made = cache.withLock({ $0 }) { return made }
        let made = make()
        cache.withLock { $0 = made }
        return made
    }

    func makeMarginComparisonFigure(_ shown: Range<Int>) -> TextBuffer {
        let scenarios = Array(self.scenarios[shown])
        return TextBuffer.make(capacity: 16_384 + scenarios.count * 400) { out in
            let table = HTMLTable(
                caption: nil, headers: ["Scenario", "Gross margin", "Token share"],
                numericColumns: [1, 2])
            marginComparisonChart(shown).figure(table: table, rows: scenarios.count, into: &out) { row, index in
                row.text(scenarios[index].scenario.slug)
                row.percent(scenarios[index].summary.figures.last?.grossMargin)
                row.percent(scenarios[index].summary.figures.last?.tokenShare)
            }
        }
    }

    /// Every scenario's verdict, each after a link to its page.
    func verdictList(_ shown: Range<Int>? = nil, link: (String) -> String) -> TextBuffer {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        let verdicts = scenarios.map(\.summary.verdict)
        return TextBuffer.make(capacity: 256 + scenarios.count * 400) { out in
            out.append("<ul class=\"verdicts\">")
            for (item, verdict) in zip(scenarios, verdicts) {
                out.append("<li><a href=\"")
                out.appendEscaped(link(item.scenario.slug))
                out.append("\">")
                out.appendEscaped(item.scenario.name)
                out.append("</a>: ")
                out.appendEscaped(verdict)
                out.append("</li>")
            }
            out.append("</ul>")
        }
    }

    /// Scenarios side by side: one column each.
    func comparisonTable(_ shown: [Int]? = nil, link: (String) -> String) -> TextBuffer {
        let scenarios = shown.map { $0.map { self.scenarios[$0] } } ?? self.scenarios
        let headers = ["Figure"] + scenarios.map(\.scenario.name)
        // One row per figure, one column per scenario. (Formatted figures hold nothing to escape.)
        // Cells read the projections in place, by index: a projection passed by value would be
        // copied, all its arrays retained, for each of the seventeen thousand cells.
        let projections = scenarios.map(\.summary.figures)
        let figures: [(label: String, cell: (Int, inout TextBuffer) -> Void)] = [
            ("Kind", { i, out in out.append(projections[i].kind.rawValue) }),
            ("Months", { i, out in out.append(integer: scenarios[i].summary.monthCount) }),
            ("Revenue", { i, out in Format.money(projections[i].totals.revenue, into: &out) }),
            ("Run token cost", { i, out in Format.money(projections[i].totals.runCost, into: &out) }),
            ("Build token cost", { i, out in Format.money(projections[i].totals.buildCost, into: &out) }),
            ("Gross margin, last month", { i, out in Format.percent(projections[i].last?.grossMargin, into: &out) }),
            (
                "Margin after build, last month",
                { i, out in Format.percent(projections[i].last?.marginAfterBuild, into: &out) }
            ),
            ("Token share, last month", { i, out in Format.percent(projections[i].last?.tokenShare, into: &out) }),
            (
                "Below target from",
                { i, out in
                    out.appendEscaped(
                        projections[i].marginBelowTargetMonth.map(scenarios[i].monthLabel) ?? "never")
                }
            ),
            (
                "Break-even price rise",
                { i, out in Format.multiplier(projections[i].breakEvenPriceMultiplier, into: &out) }
            ),
            (
                "Price rise to target",
                { i, out in
                    // No price reaches a target that other costs alone break: say so, not "−0.05×".
                    if projections[i].targetReachable == false {
                        out.append("unreachable")
                    } else {
                        Format.multiplier(projections[i].targetPriceMultiplier, into: &out)
                    }
                }
            ),
            ("Availability", { i, out in Format.availability(projections[i].availability, into: &out) }),
            (
                "Provider concentration",
                { i, out in
                    if let value = projections[i].providerConcentration {
                        Format.number(value, decimals: 3, into: &out)
                    } else {
                        out.append(Format.none)
                    }
                }
            ),
            ("Retirements", { i, out in out.append(integer: projections[i].retirements.count) }),
            (
                "Own model breaks even",
                { i, out in
                    out.appendEscaped(projections[i].ownBreakEvenMonth.map(scenarios[i].monthLabel) ?? "—")
                }
            ),
            ("Best worst case", { i, out in out.appendEscaped(projections[i].decision.maximin.column) }),
            (
                "Least regret",
                { i, out in out.appendEscaped(projections[i].decision.minimaxRegret.column) }
            ),
            ("Warnings", { i, out in out.append(integer: projections[i].warnings.count) }),
        ]
        return TextBuffer.make(capacity: 4096 + scenarios.count * (figures.count + 1) * 30) { out in
            HTMLTable(
                caption: "Scenarios side by side", headers: headers,
                numericColumns: Set(1...max(1, scenarios.count)), className: "data side-by-side"
            )
            .write(into: &out, rows: figures.count + 1) { row, index in
                guard index > 0 else {
                    row.text("Page")
                    for index in scenarios.indices {
                        row.cell { out in
                            out.append("<a href=\"")
                            out.appendEscaped(link(scenarios[index].scenario.slug))
                            out.append("\">page</a>")
                        }
                    }
                    return
                }
                let figure = figures[index - 1]
                row.text(figure.label)
                for index in projections.indices { row.cell { figure.cell(index, &$0) } }
            }
        }
    }

    // MARK: Pages

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

    /// The `##` and `###` headings as an ordered list of links, ready to insert (as Hugo's
    /// `.TableOfContents`); templates that want other markup can loop over `toc` instead.
    func tableOfContents(_ headings: [Heading]) -> HTML {
        HTML(
            text: TextBuffer.text(capacity: 64 + headings.count * 96) { out in
                out.append("<ol>\n")
                for heading in headings where heading.level >= 2 && heading.level <= 3 {
                    out.append(
                        heading.level == 2 ? "<li class=\"level-2\"><a href=\"#" : "<li class=\"level-3\"><a href=\"#")
                    out.append(heading.id)
                    out.append("\">")
                    out.appendEscaped(heading.text)
                    out.append("</a></li>\n")
                }
                out.append("</ol>")
            })
    }

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
            tableOfContents: tableOfContents(rendered.headings), toc: toc, hasToc: toc.count > 1,
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

    /// - Parameter full: the scenario's full projection, when the caller has computed it.
    func scenarioPage(_ item: ComputedScenario, _ full: Projection? = nil) -> TextBuffer {
        let projection = full ?? item.fullProjection(catalog)
        let views = ScenarioViews(projection: projection, scenario: item.scenario, catalog: catalog)
        let slug = item.scenario.slug
        let context = ScenarioValues(
            name: item.scenario.name, summary: item.scenario.summary ?? "", kind: projection.kind.rawValue,
            kindDescription: views.kindDescription(projection.kind), asOf: catalog.asOf.description,
            warnings: projection.warnings.map(\.message), csv: "../data/\(slug).csv",
            json: "../data/\(slug).json", verdict: views.verdict(), headline: HTML(views.headlineHTML()),
            charts: HTML(views.charts()), inputs: HTML(views.inputs()), months: HTML(views.monthsTable()),
            scaling: HTML(views.scalingTable()), sensitivity: HTML(views.sensitivityHTML()),
            rateLimits: HTML(views.rateLimitsTable()), providers: HTML(views.providersTable()),
            retirements: HTML(views.retirementsTable()), ownModel: HTML(views.ownModelHTML()),
            decision: HTML(views.decisionHTML()))
        return templates.render(
            "scenario", context,
            layout: layout(
                title: item.scenario.name, description: item.scenario.summary ?? item.scenario.name, root: "../",
                bodyClass: "scenario-page"))
    }

    /// - Parameter figures: the page's table, verdicts and chart (`compareFigures`), when the
    ///   caller has them.
    func comparePage(page: Int = 1, figures: [HTML]? = nil) -> TextBuffer {
        let made = figures ?? compareFigures(page: page).map(HTML.init)
        let context = CompareValues(
            table: made[0], verdicts: made[1], chart: scenarios.isEmpty ? .empty : made[2],
            hasScenarios: !scenarios.isEmpty)
        return templates.render(
            "compare", context,
            layout: layout(
                title: "Compare scenarios", description: "Every scenario side by side.", root: "",
                bodyClass: "compare-page"))
    }

    /// What a compare page shows of the scenarios: its table, its verdicts and its chart.
    func compareFigures(page: Int) -> [TextBuffer] {
        let split = comparePages
        let shown = split.range(page)
        let pager = split.navigation(page)
        let chart = page == 1 ? marginComparisonFigure() : makeMarginComparisonFigure(shown)
        return [
            comparisonTable(Array(shown)) { "scenarios/\($0).html" } + pager,
            TextBuffer(pager) + verdictList(shown) { "scenarios/\($0).html" }, chart,
        ]
    }

    func modelsPage(_ essays: [Essay], essayLinks: [String: Set<String>] = [:]) -> TextBuffer {
        let context = ModelsValues(
            asOf: catalog.asOf.description,
            catalog: HTML(
                catalogSection(
                    essays: essays, essayLinks: essayLinks, idPrefix: "", scenarioLink: { "scenarios/\($0).html" },
                    essayLink: { "essays/\($0).html" })))
        return templates.render(
            "models", context,
            layout: layout(
                title: "The model catalog", description: "Every model with its prices, limits and retirements.",
                root: "", bodyClass: "models-page"))
    }

    /// The essay the report shows: `site.yaml`'s `report_essay`, else the first published one
    /// not archived, else the first.
    func reportEssay(_ essays: [Essay]) -> Essay? {
        config.reportEssay.flatMap { slug in essays.first { $0.slug == slug } }
            ?? essays.first { !$0.isArchived } ?? essays.first
    }

    func reportPage(_ essays: [Essay], essayLinks: [String: Set<String>] = [:]) -> TextBuffer {
        let chosen = reportEssay(essays)
        // With more than a handful of scenarios, sections for the most exposed only, and every
        // verdict in one table (docs/content.md, "The report at scale").
        let shown = reportSections
        let scenarios = shown.map { self.scenarios[$0] }
        // A scenario with a section is linked to it; one without (at scale) to its own page.
        let sectioned = Set(scenarios.map(\.scenario.slug))
        let scenarioLink: (String) -> String = { slug in
            sectioned.contains(slug) ? "#" + Self.reportSectionID(slug) : "scenarios/\(slug).html"
        }
        let essay = chosen.map { essay in
            let rendered = renderEssay(essay, root: "", scenarioLink: scenarioLink)
            return ReportEssayValues(
                title: essayTitle(essay, rendered), body: HTML(rendered.htmlBytes), date: dateContext(essay.date))
        }
        let sections = parallelMap(scenarios.count) { index -> ReportScenarioValues in
            let item = scenarios[index]
            // A section shows its scenario alone: `serve` keeps it until the scenario changes.
            if let section = kept?.section(item.scenario.slug) { return section }
            let projection = item.fullProjection(catalog)
            let views = ScenarioViews(projection: projection, scenario: item.scenario, catalog: catalog)
            let section = ReportScenarioValues(
                id: Self.reportSectionID(item.scenario.slug), name: item.scenario.name,
                summary: item.scenario.summary ?? "", kind: projection.kind.rawValue, verdict: item.summary.verdict,
                headline: HTML(views.headlineHTML()),
                chart: HTML(
                    TextBuffer.make(capacity: 8192) {
                        views.marginChart(idPrefix: "\(item.scenario.slug)-").write(into: &$0)
                    }))
            kept?.keep(item.scenario.slug, section: section)
            return section
        }
        let context = ReportValues(
            site: siteContext, asOf: catalog.asOf.description, essay: essay, scenarios: sections,
            summaryTable: HTML(
                shown.count == self.scenarios.count
                    ? summaryTable(root: "", link: { "#" + Self.reportSectionID($0) }) : verdictTable(shown)),
            comparison: HTML(comparisonTable(shown) { "#" + Self.reportSectionID($0) }),
            catalog: HTML(
                catalogSection(
                    essays: chosen.map { [$0] } ?? [], essayLinks: essayLinks, idPrefix: "report-",
                    scenarioLink: scenarioLink, essayLink: { _ in "#main" }, compareLink: "#te-report-scenarios")))
        return templates.render(
            "report", context,
            layout: layout(
                title: "Report", description: "The essay and every scenario in one file.", root: "",
                bodyClass: "report-page", inlineStyle: true, nav: false))
    }

    /// A server shows this page at any path, so it carries its own styles and links to the
    /// site by its base URL when one is set.
    func notFoundPage() -> TextBuffer {
        let root = baseURL ?? ""
        return templates.render(
            "404", NotFoundValues(home: root + "index.html"),
            layout: layout(
                title: "Page not found", description: "This page does not exist.", root: root, bodyClass: "not-found",
                inlineStyle: true))
    }

    // MARK: Feeds

    func sitemap(baseURL: String, essays: [Essay]) -> String {
        var paths = ["index.html", "compare.html", "models.html", "report.html"]
        paths += essays.map { "essays/\($0.slug).html" }
        let folders = Folders(essays)
        paths += folders.addresses.filter { !folders.hasEssay($0) }.map { "essays/\($0).html" }
        paths += tagPages(essays).map { "tags/\($0.term.address).html" }  // aliases are redirects: not listed
        paths += laterListPages(essays)
        paths += scenarios.map { "scenarios/\($0.scenario.slug).html" }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(escapeHTML(baseURL + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }

    /// `feed.xml`: an entry per dated essay, titled as its page is (`essayTitle`, kept in
    /// `summaries`).
    func feed(baseURL: String, essays: [Essay], summaries: [String: EssaySummary]) -> String {
        let dated = essays.filter { $0.date != nil }
        let updated = dated.compactMap { ($0.modified ?? $0.date) }.max()?.rfc3339 ?? "\(catalog.asOf)T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(escapeHTML(config.title))</title>\n"
        xml += "  <id>\(escapeHTML(baseURL))</id>\n"
        xml += "  <link href=\"\(escapeHTML(baseURL))\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(escapeHTML(baseURL + "feed.xml"))\"/>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <author><name>\(escapeHTML(config.author ?? config.title))</name></author>\n"
        for essay in dated {
            let url = baseURL + "essays/\(essay.slug).html"
            // The timestamps as written, time and offset kept (RFC 3339).
            let entryUpdated = (essay.modified ?? essay.date)?.rfc3339 ?? updated
            let title = summaries[essay.slug]?.title ?? essay.title
            xml += "  <entry>\n    <title>\(escapeHTML(title))</title>\n"
            xml += "    <id>\(escapeHTML(url))</id>\n    <link href=\"\(escapeHTML(url))\"/>\n"
            if let published = essay.date?.rfc3339 { xml += "    <published>\(published)</published>\n" }
            xml += "    <updated>\(entryUpdated)</updated>\n"
            for author in essay.authors { xml += "    <author><name>\(escapeHTML(author))</name></author>\n" }
            for term in essay.terms { xml += "    <category term=\"\(escapeHTML(term))\"/>\n" }
            if let summary = essay.summary { xml += "    <summary>\(escapeHTML(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
