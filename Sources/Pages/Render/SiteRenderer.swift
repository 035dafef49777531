import Basics
import Content
import CostModel
import Formats
import Foundation
import Markdown
import Views

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

/// Turns content and projections into the files of the site, by relative path.
package struct SiteRenderer: Sendable {
    /// The content without its scenarios' files (the scenarios are `scenarios`). A build's
    /// essays come without their Markdown (`Essay.releaseText()`): each page reads its essay's
    /// again (`withText`) and lets it go once made. (`serve`'s keep theirs: it renders them
    /// again as they are saved.)
    let content: SiteContent
    /// Why essays' texts could not be read again at their pages (`withText`).
    let unread = Locked([Diagnostic]())
    let catalog: Catalog
    let scenarios: [ComputedScenario]
    let templates: Templates
    let options: BuildOptions
    /// Dependency tables already built: every essay naming the same dependencies shows the same table.
    let tableCache: EssayTables.Cache
    /// The margin comparison figure, shown by the index and the compare page alike.
    let comparisonFigure: Locked<TextBuffer?>
    /// The index's table of every scenario, made once for the renderers of the same scenarios.
    let indexTable: Locked<TextBuffer?>
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
    package init(
        content: SiteContent, catalog: Catalog, scenarios: [ComputedScenario], templates: Templates,
        options: BuildOptions, sameScenarios: SiteRenderer? = nil, kept: KeptPages? = nil,
        scenariosByModel: [String: [String]]? = nil, sameAddresses: SiteRenderer? = nil
    ) {
        var listed = content
        listed.scenarios = []
        self.content = listed
        self.kept = kept
        self.knownScenariosByModel = scenariosByModel
        self.catalog = catalog
        self.scenarios = scenarios
        self.templates = templates
        self.options = options
        self.tableCache = sameScenarios?.tableCache ?? EssayTables.Cache()
        self.comparisonFigure = sameScenarios?.comparisonFigure ?? Locked(nil)
        self.indexTable = sameScenarios?.indexTable ?? Locked(nil)
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

    /// Why essays' texts could not be read again at their pages (their files changed or went
    /// since the load): errors, after which the files rendered must not be published.
    package var unreadTexts: [Diagnostic] { unread.withLock { $0 } }

    /// `essay` with its Markdown: as it is when it holds it, else read again from its file and
    /// checked against the digest of the bytes the load read (`ContentLoader.readText(of:)`).
    /// Nil when the file changed since, the reason in `unreadTexts`.
    func withText(_ essay: Essay) -> Essay? {
        guard !essay.hasText else { return essay }
        var diagnostics = Diagnostics()
        guard let read = ContentLoader.readText(of: essay, diagnostics: &diagnostics) else {
            unread.withLock { $0.append(contentsOf: diagnostics.all) }
            return nil
        }
        return read
    }

    var config: SiteConfig { content.config }
    var baseURL: String? { options.baseURL ?? config.baseURL }

    /// Essays to publish, pinned first, then by `weight`, then newest first, then by address. (The index lists the
    /// archived ones apart.)
    package var publishedEssays: [Essay] {
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

    /// What `cache` holds, made by `make` the first time.
    func made(_ cache: Locked<TextBuffer?>, _ make: () -> TextBuffer) -> TextBuffer {
        if let made = cache.withLock({ $0 }) { return made }
        let made = make()
        cache.withLock { $0 = made }
        return made
    }
}
