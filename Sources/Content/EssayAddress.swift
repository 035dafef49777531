import Basics
import CostModel
import Foundation

/// Where an essay's page lives: its path below the content folder, each segment made URL-safe
/// (docs/content.md, "Folders and addresses").
///
/// - `guides/pricing.md` → `guides/pricing` (the page `essays/guides/pricing.html`);
/// - `index.md`, `_index.md` and `README.md` (any case) are their folder's own page:
///   `guides/pricing/index.md` → `guides/pricing`; at the top, `index`;
/// - a segment is lower-cased; spaces and underscores become `-`; letters and digits of any
///   script, `-` and `.` are kept; anything else is left out; repeated `-` become one, and `-`
///   or `.` at either end is dropped: `Front Matter.md` → `front-matter`, `Q&A_2025.md` → `qa-2025`.
package enum EssayAddress {
    /// File names (without `.md`, lower-cased) that stand for their folder.
    package static let folderPageNames: Set<String> = ["index", "_index", "readme"]

    /// The address of the essay at `relative` (a path ending in `.md`); nil when a segment
    /// has nothing left once made URL-safe.
    package static func address(of relative: String) -> String? {
        var segments = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard var last = segments.popLast() else { return nil }
        if last.hasSuffix(".md") { last.removeLast(3) }
        if !folderPageNames.contains(last.lowercased()) { segments.append(last) }
        if segments.isEmpty { return "index" }
        var mapped: [String] = []
        for segment in segments {
            let safe = self.segment(segment)
            guard !safe.isEmpty else { return nil }
            mapped.append(safe)
        }
        return mapped.joined(separator: "/")
    }

    /// True when `relative` is a folder's own page (`index.md`, `_index.md`, `README.md`).
    package static func isFolderPage(_ relative: String) -> Bool {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return folderPageNames.contains(String(name.dropLast(name.hasSuffix(".md") ? 3 : 0)).lowercased())
    }

    /// One segment made URL-safe.
    package static func segment(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "_" || scalar == "-" || scalar == "\t" {
                pendingDash = true
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "."
                || (scalar.value >= 0x80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil))
            {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            }
        }
        while out.hasSuffix(".") { out.removeLast() }
        while out.hasPrefix(".") { out.removeFirst() }
        return out
    }

    /// The folder an address is listed in: `guides/pricing` → `guides`; `pricing` → ``.
    package static func parent(of address: String) -> String {
        address.lastIndex(of: "/").map { String(address[..<$0]) } ?? ""
    }

    /// `../` as many times as `essays/<address>.html` is deep below the site's root.
    package static func root(of address: String) -> String {
        String(repeating: "../", count: 1 + address.count { $0 == "/" })
    }

    /// The content-relative path a link written in the essay at `from` points at, with `..` and
    /// `.` resolved; nil for anything else than a relative path to a `.md` file (a URL with a
    /// scheme, an absolute path, a path that leaves the content folder).
    package static func linkedPath(_ destination: String, from: String) -> (path: String, fragment: String)? {
        var target = destination
        var fragment = ""
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[hash...])
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        // Zola's internal link `@/path/to/page.md` starts at the content folder.
        let fromRoot = target.hasPrefix("@/")
        if fromRoot { target.removeFirst(2) }
        guard !target.isEmpty, !target.hasPrefix("/"), target.hasSuffix(".md") else { return nil }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") { return nil }  // a scheme
        let decoded = target.removingPercentEncoding ?? target
        var parts = fromRoot ? [] : from.split(separator: "/").map(String.init)
        if !fromRoot { parts.removeLast() }
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return (parts.joined(separator: "/"), fragment)
    }
}
