/// Site-wide settings: `content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title = "Token economics"
    public var summary: String?
    public var baseURL: String?
    public var language = "en"
    public var author: String?
    /// Pass raw HTML in essays through; off by default.
    public var allowsRawHTML = false
    /// The essay that opens the one-file report (default: the first pinned, else the newest).
    public var reportEssay: String?
    /// A model's prices checked more than this many days before the catalog's `as_of` warn.
    public var priceAgeDays = 180

    public init() {}

    static let keys = [
        "title", "summary", "base_url", "language", "author", "unsafe_html", "report_essay", "price_age_days",
    ]

    static func load(_ source: SourceText, diagnostics: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig()
        guard let root = parseYAML(source, diagnostics: &diagnostics),
            let map = YAMLMapping(root, context: "site.yaml", source: source, diagnostics: &diagnostics)
        else { return config }
        map.reportUnknownKeys(known: keys, diagnostics: &diagnostics)
        if let title = map.string("title", diagnostics: &diagnostics) { config.title = title }
        config.summary = map.string("summary", diagnostics: &diagnostics)
        if let url = map.string("base_url", diagnostics: &diagnostics), let entry = map.entry("base_url") {
            if let problem = BuildOptions.baseURLProblem(url) {
                diagnostics.error(
                    "'base_url' \(problem), found '\(url)'", at: source.location(of: entry.value), in: source)
            } else {
                config.baseURL = BuildOptions.normalizedBaseURL(url)
            }
        }
        if let language = map.string("language", diagnostics: &diagnostics) { config.language = language }
        config.author = map.string("author", diagnostics: &diagnostics)
        config.allowsRawHTML = map.bool("unsafe_html", diagnostics: &diagnostics) ?? false
        config.reportEssay = map.string("report_essay", diagnostics: &diagnostics)
        if let days = map.integer("price_age_days", range: .nonNegative, diagnostics: &diagnostics) {
            config.priceAgeDays = days
        }
        return config
    }
}
