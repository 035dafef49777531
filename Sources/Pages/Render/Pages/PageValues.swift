/// The values of every page template (docs/content.md, "What each page template receives").
/// An optional value that is nil is absent to the template, as a missing key would be.

/// The layout's values, around every page.
struct LayoutValues: TemplateValues {
    var pageTitle: String
    var description: String
    /// The way back to the site's root: `""`, `"../"`, or the base URL on the 404 page.
    var root: String
    var bodyClass: String
    var language: String
    var site: SiteValues
    /// The page template's output.
    var content = HTML.empty
    var nav: Bool
    var standalone: Bool
    /// Set when the page links to the stylesheet; nil when it carries it (`inlineStyle`).
    var stylesheet: Bool?
    /// The stylesheet itself, for the pages that must stand alone.
    var inlineStyle: String?
    var feed: Bool

    static let fields: [TemplateField<Self>] = [
        .init("pageTitle") { $0.pageTitle }, .init("description") { $0.description }, .init("root") { $0.root },
        .init("bodyClass") { $0.bodyClass }, .init("language") { $0.language },
        .init("site", of: SiteValues.self) { $0.site }, .init("content") { $0.content }, .init("nav") { $0.nav },
        .init("standalone") { $0.standalone }, .init("stylesheet") { $0.stylesheet },
        .init("inlineStyle") { $0.inlineStyle }, .init("feed") { $0.feed },
    ]
}

/// `site.yaml`'s values and the catalog's date, as `site.title` and so on.
struct SiteValues: TemplateValues {
    var title: String
    var summary: String?
    var author: String?
    var asOf: String
    var priceSource: String?

    static let fields: [TemplateField<Self>] = [
        .init("title") { $0.title }, .init("summary") { $0.summary }, .init("author") { $0.author },
        .init("asOf") { $0.asOf }, .init("priceSource") { $0.priceSource },
    ]
}

/// A date as `<time datetime="{{datetime}}">{{display}}</time>` shows it.
struct DateValues: TemplateValues {
    var datetime: String
    var display: String

    static let fields: [TemplateField<Self>] = [
        .init("datetime") { $0.datetime }, .init("display") { $0.display },
    ]
}

/// One entry of an essay list (`partials/essay-item.mustache`): an essay, or a folder without
/// a page of its own.
struct EssayItemValues: TemplateValues {
    var title: String
    var url: String
    var summary: String
    var accent: String
    var pinned: Bool
    var draft: Bool
    var date: DateValues?

    static let fields: [TemplateField<Self>] = [
        .init("title") { $0.title }, .init("url") { $0.url }, .init("summary") { $0.summary },
        .init("accent") { $0.accent }, .init("pinned") { $0.pinned }, .init("draft") { $0.draft },
        .init("date", of: DateValues.self) { $0.date },
    ]
}

/// A folder on the index: its heading and its list.
struct FolderGroupValues: TemplateValues {
    var title: String
    var url: String
    var essays: [EssayItemValues]

    static let fields: [TemplateField<Self>] = [
        .init("title") { $0.title }, .init("url") { $0.url },
        .init("essays", of: EssayItemValues.self) { $0.essays },
    ]
}

/// A scenario's data files.
struct DownloadValues: TemplateValues {
    var name: String
    var csv: String
    var json: String

    static let fields: [TemplateField<Self>] = [
        .init("name") { $0.name }, .init("csv") { $0.csv }, .init("json") { $0.json },
    ]
}

/// `index.mustache`.
struct IndexValues: TemplateValues {
    var site: SiteValues
    var essays: [EssayItemValues]
    var archive: [EssayItemValues]
    var folders: [FolderGroupValues]
    var noEssays: Bool
    var hasArchive: Bool
    var scenarioTable: HTML
    var headlineChart: HTML
    var hasScenarios: Bool
    var downloads: [DownloadValues]
    /// The links between the index's pages (`Pagination`): empty for one page.
    var pager = HTML.empty

    static let fields: [TemplateField<Self>] = [
        .init("site", of: SiteValues.self) { $0.site }, .init("essays", of: EssayItemValues.self) { $0.essays },
        .init("archive", of: EssayItemValues.self) { $0.archive },
        .init("folders", of: FolderGroupValues.self) { $0.folders }, .init("noEssays") { $0.noEssays },
        .init("hasArchive") { $0.hasArchive }, .init("scenarioTable") { $0.scenarioTable },
        .init("headlineChart") { $0.headlineChart }, .init("hasScenarios") { $0.hasScenarios },
        .init("downloads", of: DownloadValues.self) { $0.downloads }, .init("pager") { $0.pager },
    ]
}

/// A `##` or `###` heading for a template's own table of contents.
struct TocEntryValues: TemplateValues {
    var id: String
    var text: String
    /// `"2"` or `"3"`.
    var level: String

    static let fields: [TemplateField<Self>] = [
        .init("id") { $0.id }, .init("text") { $0.text }, .init("level") { $0.level },
    ]
}

/// A link to a term's page.
struct TermLinkValues: TemplateValues {
    var name: String
    var url: String

    static let fields: [TemplateField<Self>] = [.init("name") { $0.name }, .init("url") { $0.url }]
}

/// `essay.mustache`: an essay, a folder's page or a term's page.
struct EssayValues: TemplateValues {
    var title: String
    var accent: String
    var body = HTML.empty
    var tableOfContents = HTML.empty
    var toc: [TocEntryValues] = []
    var hasToc = false
    var date: DateValues?
    var modified: DateValues?
    var draft = false
    var archived = false
    var pages: [EssayItemValues] = []
    var hasPages: Bool { !pages.isEmpty }
    var terms: [TermLinkValues] = []
    var hasTerms = false
    var authors: [String] = []
    var hasAuthors: Bool { !authors.isEmpty }
    var byline = ""
    /// The front matter's other keys, as the author wrote them: texts, lists and mappings.
    var params: [String: Any] = [:]

    static let fields: [TemplateField<Self>] = [
        .init("title") { $0.title }, .init("accent") { $0.accent }, .init("body") { $0.body },
        .init("tableOfContents") { $0.tableOfContents }, .init("toc", of: TocEntryValues.self) { $0.toc },
        .init("hasToc") { $0.hasToc }, .init("date", of: DateValues.self) { $0.date },
        .init("modified", of: DateValues.self) { $0.modified }, .init("draft") { $0.draft },
        .init("archived") { $0.archived }, .init("pages", of: EssayItemValues.self) { $0.pages },
        .init("hasPages") { $0.hasPages }, .init("terms", of: TermLinkValues.self) { $0.terms },
        .init("hasTerms") { $0.hasTerms }, .init("authors", isFree: true) { $0.authors }, .init("byline") { $0.byline },
        .init("hasAuthors") { $0.hasAuthors }, .init("params", isFree: true) { $0.params },
    ]
}

/// `scenario.mustache`.
struct ScenarioValues: TemplateValues {
    var name: String
    var summary: String
    var kind: String
    var kindDescription: String
    var asOf: String
    var warnings: [String]
    var hasWarnings: Bool { !warnings.isEmpty }
    var csv: String
    var json: String
    var verdict: String
    var headline: HTML
    var charts: HTML
    var inputs: HTML
    var months: HTML
    var scaling: HTML
    var sensitivity: HTML
    var rateLimits: HTML
    var providers: HTML
    var retirements: HTML
    var ownModel: HTML
    var decision: HTML

    static let fields: [TemplateField<Self>] = [
        .init("name") { $0.name }, .init("summary") { $0.summary }, .init("kind") { $0.kind },
        .init("kindDescription") { $0.kindDescription }, .init("asOf") { $0.asOf },
        .init("warnings", isFree: true) { $0.warnings }, .init("hasWarnings") { $0.hasWarnings },
        .init("csv") { $0.csv },
        .init("json") { $0.json }, .init("verdict") { $0.verdict }, .init("headline") { $0.headline },
        .init("charts") { $0.charts }, .init("inputs") { $0.inputs }, .init("months") { $0.months },
        .init("scaling") { $0.scaling }, .init("sensitivity") { $0.sensitivity },
        .init("rateLimits") { $0.rateLimits }, .init("providers") { $0.providers },
        .init("retirements") { $0.retirements }, .init("ownModel") { $0.ownModel },
        .init("decision") { $0.decision },
    ]
}

/// `compare.mustache`.
struct CompareValues: TemplateValues {
    var table: HTML
    var verdicts: HTML
    var chart: HTML
    var hasScenarios: Bool

    static let fields: [TemplateField<Self>] = [
        .init("table") { $0.table }, .init("verdicts") { $0.verdicts }, .init("chart") { $0.chart },
        .init("hasScenarios") { $0.hasScenarios },
    ]
}

/// `models.mustache`.
struct ModelsValues: TemplateValues {
    var asOf: String
    /// The catalog's tables and timeline.
    var catalog: HTML

    static let fields: [TemplateField<Self>] = [.init("asOf") { $0.asOf }, .init("catalog") { $0.catalog }]
}

/// The essay of the one-file report.
struct ReportEssayValues: TemplateValues {
    var title: String
    var body: HTML
    var date: DateValues?

    static let fields: [TemplateField<Self>] = [
        .init("title") { $0.title }, .init("body") { $0.body }, .init("date", of: DateValues.self) { $0.date },
    ]
}

/// A scenario's section of the one-file report.
struct ReportScenarioValues: TemplateValues {
    var id: String
    var name: String
    var summary: String
    var kind: String
    var verdict: String
    var headline: HTML
    var chart: HTML

    static let fields: [TemplateField<Self>] = [
        .init("id") { $0.id }, .init("name") { $0.name }, .init("summary") { $0.summary },
        .init("kind") { $0.kind }, .init("verdict") { $0.verdict }, .init("headline") { $0.headline },
        .init("chart") { $0.chart },
    ]
}

/// `report.mustache`.
struct ReportValues: TemplateValues {
    var site: SiteValues
    var asOf: String
    var essay: ReportEssayValues?
    var scenarios: [ReportScenarioValues]
    var summaryTable: HTML
    var comparison: HTML
    var catalog: HTML

    static let fields: [TemplateField<Self>] = [
        .init("site", of: SiteValues.self) { $0.site }, .init("asOf") { $0.asOf },
        .init("essay", of: ReportEssayValues.self) { $0.essay },
        .init("scenarios", of: ReportScenarioValues.self) { $0.scenarios },
        .init("summaryTable") { $0.summaryTable }, .init("comparison") { $0.comparison },
        .init("catalog") { $0.catalog },
    ]
}

/// `404.mustache`.
struct NotFoundValues: TemplateValues {
    /// The site's first page.
    var home: String

    static let fields: [TemplateField<Self>] = [.init("home") { $0.home }]
}
