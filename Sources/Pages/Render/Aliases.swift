import Basics
import Content
import Formats

/// `aliases`: an essay's old addresses, each a small page that sends the reader to the essay
/// (docs/content.md). Checked before the build: an alias may not take a page the site makes.
package enum Aliases {
    /// The file an alias makes below the output folder: `/old/path/` and `/old/path` →
    /// `old/path/index.html`; `old.html` → `old.html`. Nil when it is not a plain relative path
    /// of safe characters.
    static func file(_ alias: String) -> String? {
        var path = alias
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        while path.hasPrefix("/") { path.removeFirst() }
        let allowed = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_./~".unicodeScalars
                    .contains($0)
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard allowed, !segments.contains(where: { $0 == ".." || $0 == "." }),
            !segments.dropLast().contains(where: \.isEmpty), !path.contains("//")
        else { return nil }
        if path.isEmpty || path.hasSuffix("/") { return path + "index.html" }
        if let last = segments.last, last.hasSuffix(".html") || last.hasSuffix(".htm") { return path }
        return path + "/index.html"
    }

    /// Reports aliases that are not plain paths (an error) and drops, with a warning, those that
    /// take a page the site makes or that an earlier essay already has: as Hugo does, the site
    /// still builds. Essays are taken in path order, so the first file in path order keeps a
    /// shared alias (docs/content.md). The dropped aliases are removed from `essays`.
    package static func check(_ essays: inout [Essay], reserved: Set<String>, diagnostics: inout Diagnostics) {
        var taken: [String: String] = [:]
        for index in essays.indices.sorted(by: { essays[$0].path < essays[$1].path }) {
            let essay = essays[index]
            var kept: [String] = []
            for alias in essay.aliases {
                let location = essay.aliasLocations[alias] ?? essay.source.location(line: 1, column: 1)
                // (Messages quote the line as the load kept it: the text may be gone.)
                guard let file = file(alias) else {
                    diagnostics.append(
                        essay.diagnostic(
                            .error, "alias '\(alias)' must be a path of letters, digits and '-_./~' with no '..'",
                            at: location))
                    continue
                }
                if reserved.contains(file) || file.hasPrefix("assets/") || file.hasPrefix("data/")
                    || file.hasPrefix("tags/") || Pagination.isListPage(file)
                {
                    diagnostics.append(
                        essay.diagnostic(
                            .warning,
                            "alias '\(alias)' is skipped: it would replace the page \(file) that the site makes",
                            at: location))
                } else if let other = taken[file], other != essay.path {
                    diagnostics.append(
                        essay.diagnostic(
                            .warning,
                            "alias '\(alias)' is skipped: it is also an alias of \(other), which keeps it "
                                + "(the first file in path order)", at: location))
                } else {
                    taken[file] = essay.path
                    kept.append(alias)
                }
            }
            if kept != essay.aliases { essays[index].aliases = kept }
        }
    }

    /// The redirect page: a canonical link and a refresh to `target` (relative to the alias's
    /// folder), and a link for readers whose browser does not follow.
    static func page(to target: String, title: String, language: String) -> String {
        let url = escapeHTML(target)
        return """
            <!DOCTYPE html>
            <html lang="\(escapeHTML(language))">
            <head>
            <meta charset="utf-8">
            <title>\(escapeHTML(title))</title>
            <link rel="canonical" href="\(url)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(url)">
            </head>
            <body>
            <p>This page has moved to <a href="\(url)">\(escapeHTML(title))</a>.</p>
            </body>
            </html>

            """
    }
}
