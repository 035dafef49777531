import Basics
import Content
import Foundation
import Pages

/// A site kept built in a folder of its own while its sources change, for `serve`.
///
/// It remembers the last good build: saving an essay or a scenario that was already there
/// renders only the files that show it (the essay's page, the index, the report when it shows
/// that essay, the feeds; or the scenario's page and data, the pages that list every scenario
/// and the essays with tables measured across them). Anything else (a file added or removed,
/// `site.yaml`, the catalog, a template, an essay becoming a draft) builds the whole site
/// again, as `build` does; the writer leaves files whose bytes did not change alone. A change
/// with errors leaves the last good site in place.
///
/// Not for concurrent use: one thread calls `update()` at a time (the watcher's), which is why
/// its mutable state is unchecked rather than locked.
public final class LiveSite: @unchecked Sendable {
    /// What an update did.
    public enum Outcome: Sendable, Equatable {
        /// No source changed since the last update.
        case unchanged
        /// The site was brought up to date.
        case built(Update)
        /// The sources have errors, or the site could not be written; the last good site stays.
        case failed(diagnostics: [Diagnostic], message: String?)
    }

    /// A successful update.
    public struct Update: Sendable, Equatable {
        /// Source files that changed (`content/…`, `templates/…`).
        public var changed: [String]
        /// Files rendered (their bytes compared with the last ones; only changed ones are written).
        public var rendered: Int
        /// False when the whole site was rendered.
        public var incremental: Bool
        /// The warnings of the whole site.
        public var diagnostics: [Diagnostic]
    }

    /// Where the sources are; `output` is the folder the site is kept in.
    public let paths: Paths
    let options: BuildOptions
    /// The files of the last good site, by path relative to `paths.output`.
    public private(set) var files: Set<String> = []
    private var stamps: [String: FileStamp] = [:]
    private var last: State?
    private var hasFailed = false

    /// The last good build: what a partial render starts from.
    private struct State {
        var prepared: Generator.Prepared
        var renderer: SiteRenderer
        var essays: SiteRenderer.EssayIndex
        /// Diagnostics by the file they point at, those of the catalog about the scenarios left out.
        var diagnostics: [String: [Diagnostic]]
        /// The catalog's warnings about how scenarios use its models (they depend on every scenario).
        var catalogWarnings: [Diagnostic]
        /// Essays and scenarios by the path messages name their files with.
        var essayAt: [String: Int]
        var scenarioAt: [String: Int]
        /// The slug of the essay the report shows.
        var reported: String?
        /// `SiteRenderer.scenariosByModel()`, made again after a scenario changed the models it is
        /// billed for or its months.
        var scenariosByModel: [String: [String]]?
        /// The pages kept as the text around their scenario figures since the last whole build.
        var kept = KeptPages()
    }

    /// The pages kept as the text around their scenario figures (`KeptPages`), for tests.
    var keptPaths: Set<String> { last?.kept.paths ?? [] }

    public init(paths: Paths, options: BuildOptions) {
        self.paths = paths
        self.options = options
    }

    /// Brings the site up to date with its sources: the whole site the first time, then what
    /// changed since the last call.
    ///
    /// - Parameter hint: the only files that may have changed since the last call
    ///   (`content/…`, `templates/…`: the watcher's inotify events name them), whose stamps
    ///   alone are read again; nil to compare every file's stamp.
    public func update(changed hint: Set<String>? = nil) -> Outcome {
        var now: [String: FileStamp]
        if let hint, last != nil || hasFailed {
            now = stamps
            for key in hint { now[key] = FileStamp.stamp(key, paths: paths) }
        } else {
            now = FileStamp.stamps(of: paths)
        }
        let changed = Set(now.keys).union(stamps.keys).filter { now[$0] != stamps[$0] }.sorted()
        if last != nil || hasFailed, changed.isEmpty { return .unchanged }
        let before = stamps
        stamps = now
        if let last, !hasFailed,
            let outcome = updatePart(last, changed: changed, existed: { before[$0] != nil && now[$0] != nil })
        {
            return outcome
        }
        return rebuild(changed: changed)
    }

    // MARK: The whole site

    private func rebuild(changed: [String]) -> Outcome {
        let prepared: Generator.Prepared
        switch Generator.prepare(paths, options: options) {
        case .failure(.contentErrors(let diagnostics)):
            hasFailed = true
            return .failed(diagnostics: diagnostics, message: nil)
        case .failure(.output(let message, let diagnostics)):
            hasFailed = true
            return .failed(diagnostics: diagnostics, message: message)
        case .success(let value):
            prepared = value
        }
        let renderer = SiteRenderer(
            content: prepared.content, catalog: prepared.catalog, scenarios: prepared.scenarios,
            templates: prepared.templates, options: options)
        // The folder is the server's own: pages its partial renders changed are not conflicts.
        let writer = SiteWriter(output: paths.output, force: true)
        let diagnostics = prepared.diagnostics.sorted
        let rendered: (files: Int, essays: SiteRenderer.EssayIndex)
        do {
            try writer.begin()
            rendered = renderer.renderSite(into: writer)
            // The folder is private and made anew on each start: no fingerprint.
            _ = try writer.finish(fingerprint: nil, diagnostics: diagnostics)
        } catch {
            hasFailed = true
            return .failed(diagnostics: diagnostics, message: error.description)
        }
        files = Set(writer.writtenPaths)
        let catalogWarnings = Self.catalogWarnings(prepared.content)
        let others = Set(diagnostics).subtracting(catalogWarnings)
        last = State(
            prepared: prepared, renderer: renderer, essays: rendered.essays,
            diagnostics: Dictionary(grouping: others, by: \.location.file), catalogWarnings: catalogWarnings,
            essayAt: Dictionary(
                prepared.content.essays.indices.map { (prepared.content.essays[$0].source.path, $0) },
                uniquingKeysWith: { first, _ in first }),
            scenarioAt: Dictionary(
                prepared.content.scenarios.indices.map { (prepared.content.scenarios[$0].source.path, $0) },
                uniquingKeysWith: { first, _ in first }),
            reported: renderer.reportEssay(renderer.publishedEssays)?.slug)
        hasFailed = false
        return .built(Update(changed: changed, rendered: rendered.files, incremental: false, diagnostics: diagnostics))
    }

    /// What the lists of essays (the index, a folder's page, a term's page) show of an essay,
    /// and what places it among the others: when none of it changed, no list did.
    private static func listing(_ essay: Essay, _ summary: SiteRenderer.EssaySummary?) -> [String] {
        [
            summary?.title ?? essay.title, summary?.summary ?? essay.summary ?? "", essay.color.cssClass,
            "\(essay.isPinned) \(essay.isDraft) \(essay.isArchived) \(essay.weight.map(String.init) ?? "-")",
            essay.date?.text ?? "",
        ]
    }

    /// What the catalog section shows of a scenario: the models it is billed for (named, and
    /// their successors over its window) and its window with the retirements in it.
    private static func catalogShown(_ item: ComputedScenario) -> String {
        let scenario = item.scenario
        let models = (scenario.run?.routing.map(\.model) ?? []) + [scenario.build?.model ?? ""]
        return "\(scenario.start) \(scenario.months) \(models.sorted()) \(item.summary.figures.kind) "
            + String(describing: item.summary.figures.retirements)
    }

    /// What `Generator.prepare` warns about the catalog given the scenarios.
    private static func catalogWarnings(_ content: SiteContent) -> [Diagnostic] {
        guard let file = content.catalogFile else { return [] }
        var diagnostics = Diagnostics()
        CatalogWarnings.check(
            file, scenarios: content.scenarios, priceAgeDays: content.config.priceAgeDays, diagnostics: &diagnostics)
        return diagnostics.all
    }

    // MARK: Part of the site

    /// Renders what changes to essays and scenarios that were there before and still are
    /// affect; nil when the change needs the whole site built again.
    private func updatePart(_ last: State, changed: [String], existed: (String) -> Bool) -> Outcome? {
        guard !options.strict, !changed.isEmpty else { return nil }
        var state = last
        var content = state.prepared.content
        guard let catalog = content.catalog else { return nil }
        let contentPrefix = Paths.display(paths.content)
        let isPublished: (Essay) -> Bool = { [includeDrafts = options.includeDrafts] in
            $0.isPublished(includeDrafts: includeDrafts)
        }
        var selection = SiteRenderer.Selection()
        var scenariosChanged = false
        var essaysChanged = false
        // The positions of the saved scenarios among all: a compare page shows only its own.
        var positions: Set<Int> = []
        // Whether a saved scenario changed what the catalog page shows of it.
        var modelsChanged = false
        var errors = false
        for key in changed {
            guard key.hasPrefix("content/"), existed(key) else { return nil }
            let relative = String(key.dropFirst("content/".count))
            let display = contentPrefix.isEmpty ? relative : contentPrefix + "/" + relative
            var local = Diagnostics()
            // An essay or a scenario that was there before, read again; anything else: the whole site.
            let essayIndex = state.essayAt[display], scenarioIndex = state.scenarioAt[display]
            guard essayIndex != nil || scenarioIndex != nil,
                let source = SourceFile.read(
                    path: paths.content.standardizedFileURL.path + "/" + relative, displayPath: display,
                    diagnostics: &local)
            else { return nil }
            if let index = essayIndex {
                essaysChanged = true
                let old = content.essays[index]
                var essay = EssayLoader.load(source, slug: old.slug, diagnostics: &local)
                // As `ContentLoader` reads it: its path below the content folder, the title its
                // file name gives when it has none, its address (a `slug` key changes it: the
                // whole site).
                essay?.path = relative
                if essay?.hasOwnTitle == false { essay?.title = ContentLoader.defaultTitle(relative) }
                if let essay {
                    guard essay.slugKey == old.slugKey else { return nil }
                    // An essay that appears or goes, gets or loses a term (a tag page may appear
                    // or go) or has aliases (checked against every page and essay) changes the
                    // set of files: the whole site.
                    guard isPublished(essay) == isPublished(old), essay.terms == old.terms,
                        essay.aliases.isEmpty, old.aliases.isEmpty
                    else { return nil }
                    content.essays[index] = essay
                    let hidden = content.essays.filter { !isPublished($0) }
                    Generator.reportLinksToUnpublishedEssays(
                        hidden + (isPublished(essay) ? [essay] : []), includeDrafts: options.includeDrafts,
                        diagnostics: &local)
                    var links = Diagnostics()
                    EssayLinks.reportMissing(
                        in: content.essays, includeDrafts: options.includeDrafts, checking: { $0.slug == essay.slug },
                        diagnostics: &links)
                    local.append(contentsOf: links)
                    if isPublished(essay) { selection.essays.insert(essay.slug) }
                }
            } else if let index = scenarioIndex {
                let old = content.scenarios[index]
                let slug = old.scenario.slug
                if let file = ScenarioLoader.load(source, slug: slug, catalog: catalog, diagnostics: &local) {
                    content.scenarios[index] = file
                    let one = SiteContent(
                        config: content.config, catalogFile: content.catalogFile, scenarios: [file], essays: [])
                    let computed = Generator.computeProjections(one, diagnostics: &local)
                    guard let position = state.prepared.scenarios.firstIndex(where: { $0.scenario.slug == slug }),
                        computed.count == 1
                    else { return nil }
                    modelsChanged =
                        modelsChanged
                        || Self.catalogShown(state.prepared.scenarios[position]) != Self.catalogShown(computed[0])
                    state.prepared.scenarios[position] = computed[0]
                    positions.insert(position)
                    state.kept.forgetScenario(slug)
                    selection.scenarios.insert(slug)
                    scenariosChanged = true
                }
            }
            errors = errors || local.hasErrors
            state.diagnostics[display] = local.all
        }
        if scenariosChanged {
            state.catalogWarnings = Self.catalogWarnings(content)
        }
        // What `catalogShown` compares is all the map reads of a scenario.
        if modelsChanged { state.scenariosByModel = nil }
        let diagnostics = Array(Set(state.diagnostics.values.joined()).union(state.catalogWarnings)).sorted()
        if errors {
            hasFailed = true
            return .failed(diagnostics: diagnostics, message: nil)
        }
        state.prepared.content = content
        let renderer = SiteRenderer(
            content: content, catalog: catalog, scenarios: state.prepared.scenarios,
            templates: state.prepared.templates, options: options,
            sameScenarios: scenariosChanged ? nil : state.renderer, kept: state.kept,
            scenariosByModel: state.scenariosByModel,
            // A partial update keeps every address: essays that appear, go or move, and new
            // scenarios, build the whole site.
            sameAddresses: state.renderer)
        let published = renderer.publishedEssays
        let reportedAfter = renderer.reportEssay(published)?.slug
        // The index shows the scenarios of the first compare page (`firstScenarios`); the lists
        // of essays follow below, once the saved essays' titles and summaries are known.
        selection.index = !positions.isDisjoint(with: renderer.firstScenarios)
        selection.feeds = !selection.essays.isEmpty
        selection.report =
            scenariosChanged || last.reported != reportedAfter
            || reportedAfter.map(selection.essays.contains) == true
        // The catalog page names the scenarios and the essays using each model, and draws each
        // scenario's projection window with its retirements: a scenario changes it when one of
        // those does, an essay when the models it uses or its place in the list do.
        selection.models = modelsChanged
        if state.scenariosByModel == nil { state.scenariosByModel = renderer.scenariosByModel() }
        let byScenario = state.scenariosByModel ?? [:]
        func catalogUse(_ renderer: SiteRenderer, _ essay: Essay, _ index: SiteRenderer.EssayIndex) -> [String] {
            let uses = renderer.essaysByModel(
                [essay], essayLinks: [essay.slug: index.links[essay.slug] ?? []],
                named: [essay.slug: index.named[essay.slug] ?? []], scenarios: byScenario)
            return uses.keys.sorted() + [
                "\(essay.isPinned) \(essay.weight.map(String.init) ?? "-") \(essay.date?.text ?? "")"
            ]
        }
        let usesBefore =
            scenariosChanged
            ? [:]
            : Dictionary(
                last.prepared.content.essays.filter { selection.essays.contains($0.slug) }.map {
                    ($0.slug, catalogUse(last.renderer, $0, last.essays))
                }, uniquingKeysWith: { first, _ in first })
        if scenariosChanged {
            // Only figures changed for the pages that show them when no essay was saved with
            // the scenarios: those pages' kept text is filled with the new figures.
            selection.figuresOnly = !essaysChanged
            selection.essays.formUnion(state.essays.measuring)
            selection.comparePages = Set(positions.map(renderer.comparePage(showing:)))
            selection.summaryCSV = true
        }
        let writer = ServedFolder(root: paths.output.standardizedFileURL.path)
        let summariesBefore = state.essays.summaries
        let linksBefore = state.essays.links
        renderer.render(selection, essays: &state.essays, published: published, into: writer)
        // Then the pages that list the essays rendered (the index, their folder's page, their
        // terms' pages), when what a list shows of one of them, or where, changed.
        var lists = SiteRenderer.Selection()
        let summaries = state.essays.summaries
        for (old, essay) in zip(last.prepared.content.essays, content.essays)
        where selection.essays.contains(essay.slug)
            && Self.listing(old, summariesBefore[old.slug]) != Self.listing(essay, summaries[essay.slug])
        {
            lists.index = !selection.index
            let parent = EssayAddress.parent(of: essay.slug)
            if !parent.isEmpty {
                // The folder's own essay lists it, or else the folder's listing page does.
                lists.essays.insert(parent)
                lists.folders.insert(parent)
            }
            for term in old.terms + essay.terms where !EssayAddress.segment(term).isEmpty {
                lists.tags.insert(EssayAddress.segment(term))
            }
        }
        let after = state.essays
        // The scenarios an essay's page links to (its dependency tables list those with a run
        // side) say which models it uses.
        lists.models =
            !selection.models
            && (after.links != linksBefore
                || content.essays.contains { essay in
                    guard let before = usesBefore[essay.slug] else { return false }
                    return before != catalogUse(renderer, essay, after)
                })
        if lists != SiteRenderer.Selection() {
            renderer.render(lists, essays: &state.essays, published: published, into: writer)
        }
        if let failure = writer.failure {
            hasFailed = true
            return .failed(diagnostics: diagnostics, message: failure)
        }
        state.renderer = renderer
        state.reported = reportedAfter
        self.last = state
        return .built(
            Update(changed: changed, rendered: writer.written.count, incremental: true, diagnostics: diagnostics))
    }
}

/// What tells a changed file from an unchanged one without reading it: size, times and inode
/// (an editor that saves by renaming a new file over the old one changes the inode).
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: timespec
    var changed: timespec
    var inode: UInt64

    static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.size == b.size && a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec
            && a.modified.tv_nsec == b.modified.tv_nsec && a.changed.tv_sec == b.changed.tv_sec
            && a.changed.tv_nsec == b.changed.tv_nsec
    }

    /// Every file the build reads, `content/…` and `templates/…`, with its stamp.
    static func stamps(of paths: Paths) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for (name, folder) in [("content/", paths.content), ("templates/", paths.templates)] {
            let root = folder.standardizedFileURL.path + "/"
            for file in ContentLoader.listFiles(in: folder) {
                var info = stat()
                guard stat(root + file, &info) == 0 else { continue }
                stamps[name + file] = FileStamp(info)
            }
        }
        return stamps
    }
}

extension FileStamp {
    init(_ info: stat) {
        #if canImport(Darwin)
            let modified = info.st_mtimespec, changed = info.st_ctimespec
        #else
            let modified = info.st_mtim, changed = info.st_ctim
        #endif
        self.init(size: Int64(info.st_size), modified: modified, changed: changed, inode: UInt64(info.st_ino))
    }

    /// The stamp of one file by its name in `stamps(of:)`, or nil when that would not list it:
    /// gone, not a regular file, hidden or below a hidden folder, outside both folders.
    static func stamp(_ key: String, paths: Paths) -> FileStamp? {
        let folder: URL
        let relative: Substring
        if key.hasPrefix("content/") {
            (folder, relative) = (paths.content, key.dropFirst("content/".count))
        } else if key.hasPrefix("templates/") {
            (folder, relative) = (paths.templates, key.dropFirst("templates/".count))
        } else {
            return nil
        }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else { return nil }
        var info = stat()
        guard lstat(folder.standardizedFileURL.path + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        return FileStamp(info)
    }
}
