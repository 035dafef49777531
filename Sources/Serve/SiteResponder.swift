import Formats
import Foundation

/// Answers a GET or HEAD for a file of the served site, without a network: the server's
/// rules in one place (paths, content types, conditional requests, the 404 page, the reload
/// script and the error overlay added to HTML).
///
/// Only files the last good build wrote are served, found by their exact relative path: a
/// request cannot name anything else, whatever its dots, escapes or links. Those files are
/// opened without following a link and must be regular files.
struct SiteResponder: Sendable {
    /// A response: status, headers in order, body (empty for HEAD and 304).
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// What the server shows at the moment.
    struct Site: Sendable {
        /// The folder the site is kept in.
        var root: String
        /// The files of the last good build; nil before the first one succeeded.
        var files: Set<String>?
        /// The diagnostics shown over every page while the sources have errors (HTML-escaped
        /// by the overlay), nil when the last update succeeded.
        var errors: String?
        /// Changes with each update, so that a page shown with or without the overlay is not
        /// taken for the same representation.
        var generation: Int
    }

    /// The path the page script listens on for reload events.
    static let reloadPath = "/__reload"

    /// Added before `</body>` of every HTML response: reloads the page when the site changes.
    static let reloadScript = """
        <script>/* token-economics serve */(function () {
          var source = new EventSource("\(reloadPath)");
          source.onmessage = function (event) { if (event.data === "reload") location.reload(); };
        })();</script>
        """

    let site: Site

    /// The reply to `method` on `target` (the request line's path and query, as sent).
    func reply(method: String, target: String, headers: [String: String]) -> Reply {
        guard method == "GET" || method == "HEAD" else {
            return finish(plain(405, "Only GET and HEAD are served.\n", extra: [("Allow", "GET, HEAD")]), method)
        }
        guard let path = Self.sitePath(target: target) else {
            return finish(plain(400, "Bad request path.\n"), method)
        }
        guard let files = site.files else {
            // No good build yet: every page is the list of errors.
            var page = Data(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Errors</title></head><body></body></html>"
                    .utf8)
            page = inject(into: page)
            return finish(
                Reply(status: 503, headers: [("Content-Type", "text/html; charset=utf-8")], body: page), method)
        }
        guard files.contains(path), let file = open(path) else {
            guard files.contains("404.html"), let page = open("404.html") else {
                return finish(plain(404, "Not found.\n"), method)
            }
            return finish(
                Reply(
                    status: 404, headers: [("Content-Type", Self.contentType(of: "404.html"))],
                    body: inject(into: page.data)), method)
        }
        let isHTML = path.hasSuffix(".html")
        var tag =
            "\"\(String(file.inode, radix: 16))-\(String(file.modifiedNanoseconds, radix: 16))-\(String(file.data.count, radix: 16))"
        if isHTML { tag += "-\(site.errors == nil ? "ok" : "e\(site.generation)")" }
        tag += "\""
        let lastModified = HTTPDate.format(seconds: file.modifiedNanoseconds / 1_000_000_000)
        let body = isHTML ? inject(into: file.data) : file.data
        var reply = Reply(
            status: 200,
            headers: [
                ("Content-Type", Self.contentType(of: path)), ("ETag", tag), ("Last-Modified", lastModified),
            ], body: body)
        if Self.isNotModified(headers: headers, tag: tag, modifiedSeconds: file.modifiedNanoseconds / 1_000_000_000) {
            reply.status = 304
            reply.headers.removeFirst()  // a 304 carries no Content-Type
        }
        return finish(reply, method)
    }

    /// Common headers; the body left out for HEAD and 304 (its length still said).
    private func finish(_ reply: Reply, _ method: String) -> Reply {
        var reply = reply
        reply.headers.append(("Content-Length", String(reply.body.count)))
        reply.headers.append(("Cache-Control", "no-cache"))
        reply.headers.append(("X-Content-Type-Options", "nosniff"))
        if method == "HEAD" || reply.status == 304 { reply.body = Data() }
        return reply
    }

    private func plain(_ status: Int, _ text: String, extra: [(String, String)] = []) -> Reply {
        Reply(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + extra, body: Data(text.utf8))
    }

    /// The reload script, and the overlay while there are errors, before the last `</body>`.
    func inject(into page: Data) -> Data {
        var snippet = Self.reloadScript
        if let errors = site.errors { snippet = Self.overlay(errors) + snippet }
        var page = page
        let at = page.range(of: Data("</body>".utf8), options: .backwards)?.lowerBound ?? page.endIndex
        page.insert(contentsOf: Data(snippet.utf8), at: at)
        return page
    }

    /// A layer over the page with the diagnostics, as the terminal shows them.
    static func overlay(_ diagnostics: String) -> String {
        """
        <div id="token-economics-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;\
        overflow:auto;margin:0;padding:1rem;background:rgba(0,0,0,.6);text-align:left">\
        <div style="max-width:60rem;margin:1rem auto;padding:1.25rem 1.5rem;border-radius:6px;\
        background:#18181b;color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
        box-shadow:0 8px 32px rgba(0,0,0,.5)">\
        <p style="margin:0 0 1rem;font-weight:bold;color:#fca5a5">The content has errors. Behind this is the \
        last good version of the page; it reloads when the errors are fixed.</p>\
        <pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:inherit">\(escapeHTML(diagnostics))</pre>\
        </div></div>
        """
    }

    // MARK: Host

    /// Whether a server listening on `bound` answers a request whose `Host` header is `host`.
    ///
    /// A page of another site can make a browser send requests to a loopback server under a
    /// name of its own that resolves to 127.0.0.1 (DNS rebinding) and read the answers. A server
    /// on a loopback address answers only requests that name it as such: `localhost`,
    /// `127.0.0.1`, `[::1]` or the address it listens on, with any port (no header at all is an
    /// HTTP/1.0 client, not a browser, and is answered). On any other address the server is
    /// reachable by its own names, which it cannot know, and every host is answered.
    static func allowsHost(_ host: String?, bound: String) -> Bool {
        guard isLoopback(bound) else { return true }
        guard let host else { return true }
        var name = host.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = { (text: Substring) in text.allSatisfy { ("0"..."9").contains($0) } }
        // The port: after the last `:` outside an IPv6 literal's brackets.
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && digits(rest.dropFirst())) else {
                return false
            }
            name = String(name[...close])
        } else if let colon = name.lastIndex(of: ":") {
            guard digits(name[name.index(after: colon)...]) else { return false }
            name = String(name[..<colon])
        }
        if name.hasSuffix(".") { name.removeLast() }  // `localhost.` is `localhost`
        let boundName = bound.contains(":") ? "[\(bound.lowercased())]" : bound.lowercased()
        return ["localhost", "127.0.0.1", "[::1]", boundName].contains(name)
    }

    /// `localhost`, `::1` and 127.0.0.0/8.
    static func isLoopback(_ address: String) -> Bool {
        let address = address.lowercased()
        if address == "localhost" || address == "::1" || address == "0:0:0:0:0:0:0:1" { return true }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The answer to a request whose `Host` is not allowed (`allowsHost`).
    func misdirected(method: String) -> Reply {
        finish(
            plain(
                403,
                "This server answers only requests to localhost, 127.0.0.1 or [::1]: the Host header names another "
                    + "site (a DNS rebinding attempt?).\n"), method)
    }

    // MARK: Paths

    /// The site-relative path a request target names, or nil when it is not a plain path: not
    /// starting with `/`, an empty, `.` or `..` segment, an escape that is not UTF-8 or that
    /// makes a `/`, `\` or NUL, or a segment starting with a dot. `/` and a trailing `/` name
    /// `index.html`. The query is ignored.
    static func sitePath(target: String) -> String? {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (number, part) in parts.enumerated() {
            if part.isEmpty {
                guard number == parts.count - 1 else { return nil }
                segments.append("index.html")
                continue
            }
            guard let decoded = String(part).removingPercentEncoding, !decoded.isEmpty, !decoded.hasPrefix("."),
                !decoded.contains("/"), !decoded.contains("\\"), !decoded.unicodeScalars.contains("\0")
            else { return nil }
            segments.append(decoded)
        }
        return segments.joined(separator: "/")
    }

    /// A file of the site read whole, never through a link.
    struct File {
        var data: Data
        var inode: UInt64
        var modifiedNanoseconds: Int64
    }

    func open(_ path: String) -> File? {
        let descriptor = Foundation.open(site.root + "/" + path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        // Unsafe: read(2) fills the response body directly, its size known from stat.
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = read(descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard complete else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return File(
            data: data, inode: UInt64(info.st_ino),
            modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec))
    }

    // MARK: Headers

    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "xml": return name == "feed.xml" ? "application/atom+xml" : "application/xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// RFC 9110 §13.1.2–3: If-None-Match (weak comparison, `*`) decides when present, else
    /// If-Modified-Since against the file's time in whole seconds.
    static func isNotModified(headers: [String: String], tag: String, modifiedSeconds: Int64) -> Bool {
        let value = { (name: String) in headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value }
        if let match = value("If-None-Match") {
            let opaque = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
            return match.split(separator: ",").contains { candidate in
                let candidate = candidate.trimmingCharacters(in: .whitespaces)
                return candidate == "*" || opaque(Substring(candidate)) == opaque(Substring(tag))
            }
        }
        if let since = value("If-Modified-Since").flatMap(HTTPDate.parse) { return modifiedSeconds <= since }
        return false
    }
}

/// HTTP dates (IMF-fixdate, RFC 9110 §5.6.7), through the C library's UTC calendar rather
/// than a locale-dependent formatter.
enum HTTPDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for seconds since 1970.
    static func format(seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// Seconds since 1970 of an IMF-fixdate, nil for anything else.
    static func parse(_ text: String) -> Int64? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[5] == "GMT", let day = Int32(fields[1]),
            let month = months.firstIndex(of: String(fields[2])), let year = Int32(fields[3])
        else { return nil }
        let clock = fields[4].split(separator: ":").compactMap { Int32($0) }
        guard clock.count == 3, (1...31).contains(day), (0..<24).contains(clock[0]), (0..<60).contains(clock[1]),
            (0..<61).contains(clock[2]), year >= 1970
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = Int32(month)
        parts.tm_mday = day
        parts.tm_hour = clock[0]
        parts.tm_min = clock[1]
        parts.tm_sec = clock[2]
        return Int64(timegm(&parts))
    }
}
