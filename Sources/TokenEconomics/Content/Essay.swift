import Foundation

/// An essay's accent colour, from its front matter.
public enum NoteColor: String, Sendable, CaseIterable {
    case DEFAULT, RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, DARK_BLUE, PURPLE, PINK, BROWN, GRAY

    /// The CSS class of the accent: `accent-dark-blue`.
    public var cssClass: String { Self.cssClasses[self] ?? "accent-default" }

    /// Made once: pages ask for them by the thousand.
    private static let cssClasses = Dictionary(
        uniqueKeysWithValues: allCases.map { color in
            (color, "accent-" + String(color.rawValue.lowercased().map { $0 == "_" ? "-" : $0 }))
        })
}

/// An ISO 8601 timestamp as written (`2026-02-13T07:40:48.656Z`), with its calendar date.
public struct Timestamp: Sendable, Equatable, Comparable {
    public var text: String
    public var day: Day

    /// Accepts `YYYY-MM-DD`, optionally followed by `THH:MM`, seconds, a fraction and a zone.
    public init?(_ text: String) {
        guard text.count >= 10, let day = Day(String(text.prefix(10))) else { return nil }
        let rest = Array(text.dropFirst(10))
        if !rest.isEmpty {
            guard Timestamp.isTime(rest) else { return nil }
        }
        self.text = text
        self.day = day
    }

    private static func isTime(_ s: [Character]) -> Bool {
        func digits(_ range: Range<Int>, max: Int) -> Bool {
            guard range.upperBound <= s.count, !range.isEmpty else { return false }
            var value = 0
            for character in s[range] {
                guard let ascii = character.asciiValue, ascii >= UInt8(ascii: "0"), ascii <= UInt8(ascii: "9") else {
                    return false
                }
                value = value * 10 + Int(ascii - UInt8(ascii: "0"))
            }
            return value <= max
        }
        guard s.count >= 6, s[0] == "T" || s[0] == " ", digits(1..<3, max: 23), s[3] == ":", digits(4..<6, max: 59)
        else { return false }
        var i = 6
        if i < s.count, s[i] == ":" {
            guard digits(i + 1..<i + 3, max: 60) else { return false }
            i += 3
            if i < s.count, s[i] == "." {
                i += 1
                let start = i
                while i < s.count, s[i].isASCII, s[i].isNumber { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == s.count { return true }
        if s[i] == "Z" { return i + 1 == s.count }
        guard s[i] == "+" || s[i] == "-", s.count == i + 6, digits(i + 1..<i + 3, max: 23), s[i + 3] == ":",
            digits(i + 4..<i + 6, max: 59)
        else { return false }
        return true
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.text < rhs.text }
}

/// An essay: `content/**/*.md` outside `scenarios/`.
public struct Essay: Sendable {
    public var slug: String
    public var source: SourceText
    public var title: String
    public var date: Timestamp?
    public var modified: Timestamp?
    public var isDraft = false
    public var isArchived = false
    public var isPinned = false
    public var isTrashed = false
    public var color: NoteColor = .DEFAULT
    public var summary: String?
    /// The two column headings of comparison tables, when the front matter sets them.
    public var compare: [String]?
    /// The Markdown after the front matter.
    public var body: String
}

/// Reads an essay's front matter and body.
enum EssayLoader {
    static let keys = [
        "title", "date", "modified", "draft", "archived", "pinned", "trashed", "color", "summary",
        "compare",
    ]

    static func load(_ source: SourceText, slug: String, diagnostics: inout Diagnostics) -> Essay? {
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        var essay = Essay(slug: slug, source: source, title: slug, body: source.text)
        guard let split = splitFrontMatter(source.text) else { return essay }
        guard let (yaml, body) = split else {
            // No second `---` line: the first is a thematic break, unless what follows it reads
            // as keys, when it is front matter that was never closed.
            guard startsWithKey(String(source.text.drop { $0 != "\n" })) else { return essay }
            local.error(
                "front matter opened with '---' on line 1 is never closed; close it with a '---' line "
                    + "(to start an essay with a rule, write '***' instead)",
                at: source.location(line: 1, column: 1), in: source)
            return nil
        }
        // A blank first line keeps the YAML's line numbers those of the file.
        let frontSource = SourceText(path: source.path, text: "\n" + yaml)
        essay.body = body
        if yaml.trimmingSpaces().isEmpty { return essay }  // `---` twice: an empty front matter
        var parsing = Diagnostics()
        let root = parseYAML(frontSource, diagnostics: &parsing)
        // Front matter is a mapping. Anything else between the two `---` lines (`Foo`, a list,
        // Markdown that is not YAML) means the first `---` is a thematic break: the whole file
        // is Markdown, and a warning says so. YAML that fails to parse but starts with a key is a
        // front matter with a mistake, reported as such.
        // (Only comments, such as a Markdown heading `# Title`, is not a mapping either.)
        let isMapping: Bool
        if case .mapping(let entries, _)? = root { isMapping = !entries.isEmpty } else { isMapping = false }
        guard isMapping || (root == nil && startsWithKey(yaml)) else {
            local.warning(
                "the lines between the '---' lines 1 and \(yaml.count { $0 == "\n" } + 3) are not front matter "
                    + "(a mapping of keys to values), so the whole file is read as Markdown and '---' is a rule; "
                    + "to start an essay with a rule, write '***' instead, or put an empty front matter "
                    + "('---' twice) first",
                at: source.location(line: 1, column: 1), in: source)
            essay.body = source.text
            return essay
        }
        local.append(contentsOf: parsing)
        guard let root else { return nil }
        guard let map = YAMLMapping(root, context: "the front matter", source: frontSource, diagnostics: &local)
        else { return nil }
        map.reportUnknownKeys(known: keys, diagnostics: &local)
        if let title = map.string("title", diagnostics: &local) { essay.title = title }
        essay.date = timestamp("date", map, &local)
        essay.modified = timestamp("modified", map, &local)
        essay.isDraft = map.bool("draft", diagnostics: &local) ?? false
        essay.isArchived = map.bool("archived", diagnostics: &local) ?? false
        essay.isPinned = map.bool("pinned", diagnostics: &local) ?? false
        essay.isTrashed = map.bool("trashed", diagnostics: &local) ?? false
        if let color = map.string("color", diagnostics: &local), let entry = map.entry("color") {
            if let value = NoteColor(rawValue: color.uppercased()) {
                essay.color = value
            } else {
                local.error(
                    "'color' must be one of \(NoteColor.allCases.map(\.rawValue).joined(separator: ", ")), "
                        + "found '\(color)'", at: frontSource.location(of: entry.value), in: frontSource)
            }
        }
        essay.summary = map.string("summary", diagnostics: &local)
        if let items = map.sequence("compare", diagnostics: &local), let entry = map.entry("compare") {
            let texts = items.compactMap { node -> String? in
                if case .scalar(let scalar) = node { return scalar.string }
                return nil
            }
            if texts.count == 2 && items.count == 2 {
                essay.compare = texts
            } else {
                local.error(
                    "'compare' must be a list of two column headings", at: frontSource.location(of: entry.value),
                    in: frontSource)
            }
        }
        return local.hasErrors ? nil : essay
    }

    /// True when the first line of `text` that is not blank or a `#` comment reads as a YAML
    /// key: a word (or quoted text) followed by a colon and a space or the end of the line.
    static func startsWithKey(_ text: String) -> Bool {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let first = line.first,
                first.isLetter || first.isNumber || first == "_" || first == "\"" || first == "'"
            else { return false }
            guard let colon = line.firstIndex(of: ":") else { return false }
            let after = line[line.index(after: colon)...]
            return after.isEmpty || after.first == " " || after.first == "\t" || after.first == "\r"
        }
        return false
    }

    /// The front matter and the body, when the text opens with a `---` line: nil without front
    /// matter, `.some(nil)` when it is never closed. Works on bytes: it runs for every essay.
    static func splitFrontMatter(_ text: String) -> (yaml: String, body: String)?? {
        let bytes = Array(text.utf8)
        func lineEnd(from start: Int) -> Int {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return end
        }
        func isFence(_ start: Int, _ end: Int) -> Bool {
            var last = end
            while last > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[last - 1]) {
                last -= 1
            }
            return last - start == 3 && bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "-")
                && bytes[start + 2] == UInt8(ascii: "-")
        }
        let firstEnd = lineEnd(from: 0)
        guard isFence(0, firstEnd) else { return nil }
        var start = firstEnd + 1
        while start <= bytes.count {
            let end = lineEnd(from: start)
            if isFence(start, end) {
                let yamlEnd = max(firstEnd + 1, start - 1)
                let yaml =
                    firstEnd + 1 <= yamlEnd ? String(decoding: bytes[(firstEnd + 1)..<yamlEnd], as: UTF8.self) : ""
                let body = end < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : ""
                return .some((yaml, body))
            }
            if end >= bytes.count { break }
            start = end + 1
        }
        return .some(nil)
    }

    private static func timestamp(_ key: String, _ map: YAMLMapping, _ diagnostics: inout Diagnostics) -> Timestamp? {
        guard let entry = map.entry(key) else { return nil }
        let text: String
        if case .scalar(let scalar) = entry.value { text = scalar.string } else { text = "" }
        guard let value = Timestamp(text) else {
            diagnostics.error(
                "'\(key)' must be an ISO 8601 date such as 2026-02-13 or 2026-02-13T07:40:48Z, "
                    + "found \(entry.value.valueDescription)",
                at: map.source.location(of: entry.value), in: map.source)
            return nil
        }
        return value
    }
}
