import Foundation

extension Paths {
    /// Why these folders cannot be built with, or nil: the output folder must be named, must not
    /// be `/`, and must neither be nor hold nor lie inside the content or templates folder (the
    /// build would read what it writes, or replace its own sources).
    public static func outputProblem(output: String, content: String, templates: String) -> String? {
        guard !output.isEmpty else { return "--output must name a folder" }
        let resolvedOutput = resolve(output)
        guard resolvedOutput != "/" else { return "--output must not be the root folder /" }
        for (option, folder) in [("--content", content), ("--templates", templates)] {
            let source = resolve(folder)
            if source == resolvedOutput { return "--output must not be the \(option) folder (\(folder))" }
            if source.hasPrefix(resolvedOutput + "/") || resolvedOutput == "/" {
                return "--output must not hold the \(option) folder (\(folder))"
            }
            if resolvedOutput.hasPrefix(source + "/") {
                return "--output must not lie inside the \(option) folder (\(folder))"
            }
        }
        return nil
    }

    /// `path` made absolute with every symbolic link resolved, as far as it exists; the rest of
    /// it (folders not made yet) appended as written.
    static func resolve(_ path: String) -> String {
        var absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var missing: [String] = []
        while absolute != "/" {
            if let found = realPath(absolute) {
                return ([found == "/" ? "" : found] + missing.reversed()).joined(separator: "/")
            }
            missing.append((absolute as NSString).lastPathComponent)
            absolute = (absolute as NSString).deletingLastPathComponent
        }
        return "/" + missing.reversed().joined(separator: "/")
    }
}

extension BuildOptions {
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
