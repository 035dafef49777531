import Basics
import CostModel
import Foundation

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

    /// The keys of site.yaml.
    package enum Key: String, CaseIterable, YAMLKey {
        case title, summary, baseURL = "base_url", language, author, unsafeHTML = "unsafe_html"
        case reportEssay = "report_essay", priceAgeDays = "price_age_days"
    }

    package static func load(_ source: SourceText, diagnostics: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig()
        guard let root = parseYAML(source, diagnostics: &diagnostics),
            let map = YAMLMapping(root, keys: Key.self, context: "site.yaml", source: source, diagnostics: &diagnostics)
        else { return config }
        map.reportUnknownKeys(diagnostics: &diagnostics)
        if let title = map.string(.title, diagnostics: &diagnostics) { config.title = title }
        config.summary = map.string(.summary, diagnostics: &diagnostics)
        if let url = map.string(.baseURL, diagnostics: &diagnostics), let entry = map.entry(.baseURL) {
            if let problem = Self.baseURLProblem(url) {
                diagnostics.error(
                    "'base_url' \(problem), found '\(url)'", at: source.location(of: entry.value), in: source)
            } else {
                config.baseURL = Self.normalizedBaseURL(url)
            }
        }
        if let language = map.string(.language, diagnostics: &diagnostics) { config.language = language }
        config.author = map.string(.author, diagnostics: &diagnostics)
        config.allowsRawHTML = map.bool(.unsafeHTML, diagnostics: &diagnostics) ?? false
        config.reportEssay = map.string(.reportEssay, diagnostics: &diagnostics)
        if let days = map.integer(.priceAgeDays, range: .nonNegative, diagnostics: &diagnostics) {
            config.priceAgeDays = days
        }
        return config
    }
}

extension SiteConfig {
    /// Why `url` cannot be the site's base URL, or nil: it must be an absolute http(s) URL with a
    /// host, made of printable characters a feed and a sitemap can hold as they are.
    public static func baseURLProblem(_ url: String) -> String? {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            return "must start with https:// or http://"
        }
        let unsafe = "\"<>\\^`{|}".unicodeScalars
        if let bad = url.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F || unsafe.contains($0) }) {
            let shown =
                bad.value <= 0x20 || bad.value == 0x7F
                ? "\\u{\(String(bad.value, radix: 16, uppercase: true))}" : "'\(bad)'"
            return "must not hold \(shown)"
        }
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return "is not a URL with a host"
        }
        return nil
    }

    /// `url` ending in `/`, as pages join it to their paths.
    public static func normalizedBaseURL(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }
}
