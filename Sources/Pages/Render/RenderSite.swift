import Basics
import Content
import Formats
import Markdown

/// Which pages are rendered, in what order and on which core: the whole site (`renderSite`), or
/// the files a change touches (`render(_:essays:published:into:)`). Each page is made by its
/// family's file: `EssayPages`, `ListPages`, `ScenarioPages`, `ReportPage`, `CatalogPage`,
/// `NotFoundPage`, `Feeds`.
extension SiteRenderer {
    /// What the index needs of a rendered essay.
    package struct EssaySummary: Sendable {
        package var title: String
        package var summary: String
    }

    /// What a render keeps of the essays, made as each essay's page is, for the pages shared by
    /// every essay and for rendering parts of the site again: the title and summary of each
    /// published essay (the index lists them), the essays whose pages show figures measured
    /// across the scenarios, the scenarios each links to and the models each names. Nothing
    /// after an essay's page reads its text.
    package struct EssayIndex: Sendable {
        package var summaries: [String: EssaySummary] = [:]
        package var measuring: Set<String> = []
        /// The scenarios each essay's page links to (the catalog sections say which essays use
        /// a model).
        package var links: [String: Set<String>] = [:]
        /// The catalog's model ids each essay names as a word (`words(in:among:)`).
        package var named: [String: Set<String>] = [:]
    }

    /// Renders every file of the site into `writer`, all pages on every core. Returns the number
    /// of files.
    package func render(into writer: any SiteSink) -> Int {
        renderSite(into: writer).files
    }

    /// Renders every file of the site into `writer`, all pages on every core: the number of
    /// files, and what a later `render(_:essays:into:)` needs.
    package func renderSite(into writer: any SiteSink) -> (files: Int, essays: EssayIndex) {
        let essays = publishedEssays
        // First every essay's Markdown: the index lists their titles and summaries. A large
        // essay (one with a table of a thousand scenarios) is written at once rather than held.
        let folders = Folders(essays)
        // The bytes of the essays held so far: bounded (`heldEssayBytes`) whatever their number.
        let held = Locked(0)
        let reported = reportEssay(essays)?.slug
        let ids = modelIDs
        let rendered = parallelMap(essays.count) {
            index -> (
                summary: EssaySummary, held: RenderedMarkdown?, measures: Bool, scenarios: Set<String>,
                named: Set<String>, report: ReportEssayValues?
            ) in
            // The essay with its text, which the store lets go: nothing after its page reads it.
            // (Absent only from a renderer that rendered its site before, which nothing does.)
            let essay = texts.essay(essays[index].slug, releasing: true) ?? essays[index]
            let (rendered, measures) = renderEssayMeasuring(essay, root: EssayAddress.root(of: essay.slug))
            let made = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            let named = Self.words(in: essay.body, among: ids)
            let report = essay.slug == reported ? reportEssayValues(essay) : nil
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
                return (made, nil, measures, linked, named, report)
            }
            return (made, rendered, measures, linked, named, report)
        }
        let summaries = rendered.map(\.summary)
        let essayLinks = Dictionary(
            zip(essays.map(\.slug), rendered.map(\.scenarios)), uniquingKeysWith: { first, _ in first })
        let byslug = Dictionary(zip(essays.map(\.slug), summaries), uniquingKeysWith: { first, _ in first })
        let named = Dictionary(
            zip(essays.map(\.slug), rendered.map(\.named)), uniquingKeysWith: { first, _ in first })
        let reportValues = rendered.lazy.compactMap(\.report).first
        let index = EssayIndex(
            summaries: byslug, measuring: Set(essays.indices.filter { rendered[$0].measures }.map { essays[$0].slug }),
            links: essayLinks, named: named)
        // Then every other page, from one queue for both cores, the largest single pages first
        // so that no core is left with one big page at the end.
        enum Job {
            case essay(Int), scenario(Int)
            case file(String, () -> TextBuffer)
        }
        var jobs: [Job] = [
            .file("report.html", { reportPage(essays, reportValues, essayLinks: essayLinks, named: named) }),
            .file("index.html", { indexPage(essays, byslug, folders) }),
            .file(
                "data/scenarios.csv", { DataFiles.summaryCSV(scenarios.lazy.map { ($0.summary.figures, $0.scenario) }) }
            ),
            .file("data/\(DataFiles.catalogFile)", { DataFiles.catalogJSON(catalog) }),
            .file("404.html", { notFoundPage() }),
        ]
        jobs += feedFiles(essays, byslug).map(Job.file)
        jobs += essays.indices.filter { rendered[$0].held != nil }.map(Job.essay)
        // The later pages of the lists split in pages (`Pagination`).
        let indexSplit = indexPages(essays)
        for (number, path) in zip(2..., indexSplit.pages.laterPaths) {
            jobs.append(.file(path, { indexPage(essays, byslug, folders, page: number, split: indexSplit) }))
        }
        for (number, path) in zip(2..., comparePages.laterPaths) {
            jobs.append(.file(path, { comparePage(page: number) }))
        }
        for folder in folders.addresses { jobs += folderFiles(folder, folders, byslug).map(Job.file) }
        jobs += tagFiles(essays, byslug).map(Job.file)
        for essay in essays {
            for alias in essay.aliases {
                guard let file = Aliases.file(alias) else { continue }
                jobs.append(.file(file, { TextBuffer(aliasPage(file, to: essay, byslug[essay.slug]?.title)) }))
            }
        }
        jobs += scenarios.indices.map(Job.scenario)
        jobs.append(.file("models.html", { modelsPage(essays, essayLinks: essayLinks, named: named) }))
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
                return writeScenario(scenarios[number], into: writer)
            case .file(let path, let make):
                writer.put(path, make())
                return 1
            }
        }
        for (path, data) in templates.assets.sorted(by: { $0.key < $1.key }) { writer.put(path, data) }
        return (essays.count + files.reduce(0, +) + templates.assets.count, index)
    }

    /// Essays whose HTML is at most this many bytes wait for the page queue, which they help
    /// balance; larger ones are written at once, so that the queue does not hold megabytes.
    static let heldEssaySize = 32_768
    /// At most this many bytes of essays wait in all: the others are written at once, so that
    /// a site of ten thousand essays does not hold them all.
    static let heldEssayBytes = 4 << 20

    /// Files to render again after a change, by what they show.
    package struct Selection: Sendable, Equatable {
        /// Essay pages, by slug (unpublished ones are left out).
        package var essays: Set<String> = []
        /// Scenario pages with their JSON and CSV, by slug.
        package var scenarios: Set<String> = []
        package var index = false
        package var report = false
        /// Every compare page, or (`comparePages`) those numbered.
        package var compare = false
        package var comparePages: Set<Int> = []
        /// `models.html`, the catalog with the essays and scenarios using each model.
        package var models = false
        /// `data/scenarios.csv`.
        package var summaryCSV = false
        /// `sitemap.xml` and `feed.xml`, when there is a base URL.
        package var feeds = false
        /// Listing pages of folders without an essay of their own (`essays/<folder>.html`), by address.
        package var folders: Set<String> = []
        /// Term pages (`tags/<address>.html`), by address.
        package var tags: Set<String> = []
        /// Only scenario figures changed since the selected essays, index and compare pages were
        /// last rendered: their kept text (`KeptPages`) may be filled with the new figures.
        package var figuresOnly = false

        package init() {}
    }

    /// Renders the selected files into `writer`, on every core, as `renderSite` renders them.
    /// `essays` is what the last render left, from a renderer whose content differs from this
    /// one's only in the selected essays; it comes back with theirs updated. `published` is
    /// `publishedEssays` when the caller has it.
    package func render(
        _ selection: Selection, essays index: inout EssayIndex, published: [Essay]? = nil, into writer: any SiteSink
    ) {
        let essays = published ?? publishedEssays
        let chosen = essays.filter { selection.essays.contains($0.slug) }
        let folders = Folders(essays)
        let before = index.summaries
        let ids = modelIDs
        let knownNames = index.named
        let made = parallelMap(chosen.count) { number -> (EssaySummary, Bool, Set<String>, Set<String>) in
            let essay = texts.essay(chosen[number].slug, releasing: false) ?? chosen[number]
            let path = "essays/\(essay.slug).html"
            if selection.figuresOnly, let kept {
                let page = refiguredEssay(essay, path: path, kept: kept) { rendered, made in
                    essayPage(
                        essay, rendered, made, pages: folders.items(in: essay.slug, self, before),
                        pager: folderPages(essay.slug, folders).navigation(1))
                }
                writer.put(path, page.text)
                // Only figures changed: the essay's text, and the model ids it names, did not.
                let named = knownNames[essay.slug] ?? Self.words(in: essay.body, among: ids)
                return (page.summary, page.measures, page.linked, named)
            }
            kept?.forget(path)
            let (rendered, measures) = renderEssayMeasuring(essay, root: EssayAddress.root(of: essay.slug))
            let made = EssaySummary(title: essayTitle(essay, rendered), summary: summary(of: essay, rendered))
            writer.put(
                "essays/\(essay.slug).html",
                essayPage(
                    essay, rendered, made, pages: folders.items(in: essay.slug, self, before),
                    pager: folderPages(essay.slug, folders).navigation(1)))
            return (
                made, measures, Self.linkedScenarios(in: rendered.htmlBytes), Self.words(in: essay.body, among: ids)
            )
        }
        for (essay, (summary, measures, linked, named)) in zip(chosen, made) {
            index.summaries[essay.slug] = summary
            index.links[essay.slug] = linked
            index.named[essay.slug] = named
            if measures { index.measuring.insert(essay.slug) } else { index.measuring.remove(essay.slug) }
        }
        let summaries = index.summaries
        let essayLinks = index.links
        let named = index.named
        var jobs: [FileJob] = []
        if selection.report {
            let essay = reportEssay(essays).map { texts.essay($0.slug, releasing: false) ?? $0 }
            jobs.append(
                (
                    "report.html",
                    { reportPage(essays, essay.map(reportEssayValues), essayLinks: essayLinks, named: named) }
                ))
        }
        if selection.models {
            jobs.append(("models.html", { modelsPage(essays, essayLinks: essayLinks, named: named) }))
        }
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
        if selection.summaryCSV { jobs.append(("data/scenarios.csv", { summaryCSV() })) }
        if selection.feeds { jobs += feedFiles(essays, summaries) }
        // A folder's own essay, when it has one, is its list's first page, selected with the essays.
        for folder in folders.addresses where selection.folders.contains(folder) {
            jobs += folderFiles(folder, folders, summaries)
        }
        if !selection.tags.isEmpty { jobs += tagFiles(essays, summaries, only: selection.tags) }
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
        // The saved scenarios' pages and data files after the other files.
        let chosenScenarios = scenarios.filter { selection.scenarios.contains($0.scenario.slug) }
        _ = parallelMap(jobs.count + chosenScenarios.count) { number in
            guard number < jobs.count else {
                _ = writeScenario(chosenScenarios[number - jobs.count], into: writer)
                return
            }
            writer.put(jobs[number].path, jobs[number].make())
            // A page rendered for another reason than new figures: its kept text is stale.
            if !selection.figuresOnly { kept?.forget(jobs[number].path) }
        }
    }

    // MARK: Files both renders make

    /// A file to render: its path, and what renders it.
    typealias FileJob = (path: String, make: () -> TextBuffer)

    /// A scenario's page and its data files, from its full projection, computed again, written
    /// and let go: the number of files.
    func writeScenario(_ item: ComputedScenario, into writer: any SiteSink) -> Int {
        let slug = item.scenario.slug
        let projection = item.fullProjection(catalog)
        writer.put("scenarios/\(slug).html", scenarioPage(item, projection))
        writer.put("data/\(slug).json", DataFiles.json(projection))
        writer.put("data/\(slug).csv", DataFiles.csv(projection))
        return 3
    }

    /// A folder's listing pages: its first page when no essay of its own is that page, then its
    /// later pages.
    func folderFiles(_ folder: String, _ folders: Folders, _ summaries: [String: EssaySummary]) -> [FileJob] {
        var files: [FileJob] = []
        if !folders.hasEssay(folder) {
            files.append(("essays/\(folder).html", { folderPage(folder, folders, summaries) }))
        }
        for (number, path) in zip(2..., folderPages(folder, folders).laterPaths) {
            files.append((path, { folderPage(folder, folders, summaries, page: number) }))
        }
        return files
    }

    /// Every page of each term (`tags/<address>.html` and its later pages), or of the terms
    /// whose addresses `only` names.
    func tagFiles(_ essays: [Essay], _ summaries: [String: EssaySummary], only: Set<String>? = nil) -> [FileJob] {
        var files: [FileJob] = []
        for (term, members) in tagPages(essays) where only?.contains(term.address) ?? true {
            let split = Self.tagPages(term.address, members: members.count)
            for number in 1...split.pageCount {
                files.append(
                    (split.path(number), { tagPage(term.name, term.address, members, summaries, page: number) }))
            }
        }
        return files
    }

    /// `sitemap.xml` and `feed.xml`, when the site has a base URL.
    func feedFiles(_ essays: [Essay], _ summaries: [String: EssaySummary]) -> [FileJob] {
        guard let baseURL else { return [] }
        return [
            ("sitemap.xml", { TextBuffer(sitemap(baseURL: baseURL, essays: essays)) }),
            ("feed.xml", { TextBuffer(feed(baseURL: baseURL, essays: essays, summaries: summaries)) }),
        ]
    }
}
