import Basics
import CostModel
import Foundation
import Markdown

/// An essay's accent colour, from its front matter's `color` (the raw value, in any case).
public enum NoteColor: String, Sendable, CaseIterable {
    case `default` = "DEFAULT", red = "RED", orange = "ORANGE", yellow = "YELLOW", green = "GREEN", teal = "TEAL"
    case blue = "BLUE", darkBlue = "DARK_BLUE", purple = "PURPLE", pink = "PINK", brown = "BROWN", gray = "GRAY"

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

    /// The timestamp as RFC 3339 wants it (feeds): time and offset as written, a date alone at
    /// midnight UTC, a time without zone as UTC, seconds added when left out.
    /// `2025-03-14T09:30+01:00` → `2025-03-14T09:30:00+01:00`.
    public var rfc3339: String {
        let characters = Array(text)
        guard characters.count > 10 else { return text + "T00:00:00Z" }
        var out = String(characters[0..<10]) + "T" + String(characters[11..<16])
        var i = 16
        if i < characters.count, characters[i] == ":" {
            var end = i + 3
            if end < characters.count, characters[end] == "." {
                end += 1
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            }
            out += String(characters[i..<end])
            i = end
        } else {
            out += ":00"
        }
        return out + (i < characters.count ? String(characters[i...]) : "Z")
    }
}

/// An essay: `content/**/*.md` outside `scenarios/`.
public struct Essay: Sendable {
    /// The essay's address (`EssayAddress`): `guides/pricing` for `content/guides/pricing/index.md`.
    public var slug: String
    public var source: SourceText
    /// The title from the front matter, else the file's name as written (`Front Matter`).
    public var title: String
    /// True when the front matter sets `title`.
    public var hasOwnTitle = false
    /// The file's path below the content folder: `guides/pricing/index.md`.
    public var path = ""
    public var date: Timestamp?
    public var modified: Timestamp?
    public var isDraft = false
    public var isArchived = false
    public var isPinned = false
    public var isTrashed = false
    public var color: NoteColor = .default
    public var summary: String?
    /// The two column headings of comparison tables, when the front matter sets them.
    public var compare: [String]?
    /// `tags`, `categories` and `keywords` together, in that order, each once.
    public var terms: [String] = []
    /// `author` or `authors`.
    public var authors: [String] = []
    /// `slug`: the last segment of the address, made URL-safe.
    public var slugKey: String?
    /// `aliases`: old addresses that redirect to the page.
    public var aliases: [String] = []
    /// Where each alias is written in the front matter, for the messages about it.
    public var aliasLocations: [String: SourceLocation] = [:]
    /// `weight`: lists put lower weights first, essays without one after those with one.
    public var weight: Int?
    /// The front matter's other keys, for templates (`params.name`).
    public var params: [String: FrontMatterValue] = [:]
    /// The Markdown after the front matter: a view of `source.text`, not a second copy of it
    /// (ten thousand essays held their text twice).
    var bodyText: Substring
    /// The Markdown after the front matter.
    public var body: String {
        get { String(bodyText) }
        set { bodyText = Substring(newValue) }
    }
    /// What the checks read of the text (`TextMentions`), kept when the text goes.
    package var mentions = TextMentions()
    /// The file the loader read the essay from (`ContentLoader.load` sets it): what reading its
    /// text again needs (`ContentLoader.readText(of:)`).
    package var origin: TextOrigin?
    /// The length in UTF-8 bytes of the body the essay had when its text was let go
    /// (`releaseText()`); nil while it holds its text.
    package private(set) var releasedBodyLength: Int?

    /// True when the essay holds its Markdown; false once `releaseText()` let it go.
    package var hasText: Bool { releasedBodyLength == nil }

    /// Lets the essay's text go, keeping its front matter's values and what reading the text
    /// again needs (docs/performance.md, "What a build holds"). Only for an essay a loader read
    /// (`origin` set); any other keeps its text.
    package mutating func releaseText() {
        guard origin != nil, hasText else { return }
        releasedBodyLength = bodyText.utf8.count
        // Both: the body is a view of the text and would keep it.
        bodyText = ""
        source.text = ""
    }

    /// Takes `text`, the bytes of the essay's file read again and checked against `origin`'s
    /// digest, as the essay's text: the body is its end, as long as the body let go.
    mutating func restoreText(_ text: String) -> Bool {
        guard let length = releasedBodyLength, length <= text.utf8.count else { return false }
        source.text = text
        bodyText = text[text.utf8.index(text.endIndex, offsetBy: -length)...]
        releasedBodyLength = nil
        return true
    }
}

extension Essay {
    /// A warning at `line`, `column` of the essay, quoting the line as `mentions` holds it.
    package func warning(_ message: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(
            .warning, message, at: source.location(line: line, column: column), sourceLine: mentions.lines[line])
    }

    /// An error or warning at `location` in the essay, quoting its line as `mentions` holds it
    /// (the lines of links and aliases, and line 1 when there are aliases).
    package func diagnostic(
        _ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        Diagnostic(severity, message, at: location, sourceLine: mentions.lines[location.line])
    }
}

/// Where an essay's text was read from: the content folder (its real path, as the loader
/// listed it) and the digest (`FNV1a`) of the file's bytes as the load read them.
package struct TextOrigin: Sendable, Equatable {
    package var root: String
    package var digest: UInt64
}

/// A front matter value kept for templates: text, a list or a mapping.
public indirect enum FrontMatterValue: Sendable, Equatable {
    case text(String)
    case list([FrontMatterValue])
    case mapping([String: FrontMatterValue])

    package init(_ node: YAMLNode) {
        switch node {
        case .scalar(let scalar): self = .text(scalar.string)
        case .sequence(let items, _): self = .list(items.map(FrontMatterValue.init))
        case .mapping(let pairs, _):
            var values: [String: FrontMatterValue] = [:]
            for (key, value) in pairs {
                if case .scalar(let scalar) = key, values[scalar.string] == nil {
                    values[scalar.string] = FrontMatterValue(value)
                }
            }
            self = .mapping(values)
        }
    }

    /// As Mustache takes it: strings, lists and mappings.
    package var templateValue: Any {
        switch self {
        case .text(let text): return text
        case .list(let items): return items.map(\.templateValue)
        case .mapping(let values): return values.mapValues(\.templateValue)
        }
    }
}

/// Reads an essay's front matter and body.
package enum EssayLoader {
    /// The keys the build reads; docs/content.md says what each does. Every other key is kept as
    /// a parameter for templates.
    package enum Key: String, CaseIterable, YAMLKey {
        case title, date, modified, draft, archived, pinned, trashed, color, summary, compare, description
        case tags, categories, keywords, author, authors, slug, aliases, weight, lastmod, updated, taxonomies
    }

    package static func load(_ source: SourceText, slug: String, diagnostics: inout Diagnostics) -> Essay? {
        guard var essay = read(source, slug: slug, diagnostics: &diagnostics) else { return nil }
        warnAboutForeignMarkup(essay, &diagnostics)
        essay.mentions = TextMentions(source.text, aliasLines: essay.aliasLocations.values.map(\.line))
        return essay
    }

    private static func read(_ source: SourceText, slug: String, diagnostics: inout Diagnostics) -> Essay? {
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        var essay = Essay(slug: slug, source: source, title: slug, bodyText: source.text[...])
        // Blank lines before the first fence are skipped, as Hugo and Zola skip them (71 of Zola's
        // documentation files start with one). After blank lines, only a closed front matter
        // that reads as keys counts; anything else stays Markdown, as it was, without a word.
        let (blankLines, blankBytes) = leadingBlankLines(source.text)
        let text =
            blankLines == 0 ? source.text : String(decoding: source.text.utf8.dropFirst(blankBytes), as: UTF8.self)
        let firstLine = blankLines + 1
        // YAML between `---` lines, TOML between `+++` lines (Hugo, Zola).
        let isTOML = text.hasPrefix("+++")
        let fence = isTOML ? "+++" : "---"
        func startsWithKey(_ text: String) -> Bool {
            isTOML ? TOMLFrontMatter.startsWithKey(text) : EssayLoader.startsWithKey(text)
        }
        let split = splitFrontMatter(text, fence: isTOML ? UInt8(ascii: "+") : UInt8(ascii: "-"))
        if case .none = split { return essay }
        guard case .closed(let yaml, let body) = split else {
            // No second fence line: the first is a thematic break (or text: `+++`), unless what
            // follows it reads as keys, when it is front matter that was never closed.
            guard blankLines == 0, startsWithKey(String(text.drop { $0 != "\n" })) else { return essay }
            local.error(
                "front matter opened with '\(fence)' on line 1 is never closed; close it with a '\(fence)' line "
                    + "(to start an essay with a rule, write '***' instead)",
                at: source.location(line: 1, column: 1), in: source)
            return nil
        }
        if blankLines > 0 && yaml.trimmingSpaces().isEmpty { return essay }
        // Blank lines first keep the YAML's line numbers those of the file.
        let frontSource = SourceText(path: source.path, text: String(repeating: "\n", count: firstLine) + yaml)
        // The body is the end of the text: a view of it.
        essay.bodyText =
            source.text.utf8.count >= body.utf8.count
            ? source.text[source.text.utf8.index(source.text.endIndex, offsetBy: -body.utf8.count)...] : body[...]
        if yaml.trimmingSpaces().isEmpty { return essay }  // `---` twice: an empty front matter
        var parsing = Diagnostics()
        let root =
            isTOML
            ? TOMLFrontMatter.parse(frontSource, diagnostics: &parsing) : parseYAML(frontSource, diagnostics: &parsing)
        // Front matter is a mapping. Anything else between the two `---` lines (`Foo`, a list,
        // Markdown that is not YAML) means the first `---` is a thematic break: the whole file
        // is Markdown, and a warning says so. YAML that fails to parse but starts with a key is a
        // front matter with a mistake, reported as such.
        // (Only comments, such as a Markdown heading `# Title`, is not a mapping either.)
        let isMapping: Bool
        if case .mapping(let entries, _)? = root { isMapping = !entries.isEmpty } else { isMapping = false }
        guard isMapping || (root == nil && startsWithKey(yaml)) else {
            essay.bodyText = source.text[...]
            if blankLines > 0 { return essay }
            local.warning(
                "the lines between the '\(fence)' lines 1 and \(yaml.count { $0 == "\n" } + 3) are not front "
                    + "matter (a mapping of keys to values), so the whole file is read as Markdown and '\(fence)' "
                    + "is \(isTOML ? "text" : "a rule"); to start an essay with a rule, write '***' instead, or put "
                    + "an empty front matter ('---' twice) first",
                at: source.location(line: 1, column: 1), in: source)
            return essay
        }
        local.append(contentsOf: parsing)
        guard let root else { return nil }
        guard
            let map = YAMLMapping(
                root, keys: Key.self, context: "the front matter", source: frontSource, diagnostics: &local)
        else { return nil }
        readParams(map, into: &essay, diagnostics: &local)
        if let title = map.string(.title, diagnostics: &local) {
            essay.title = title
            essay.hasOwnTitle = true
        }
        essay.date = timestamp(.date, map, &local)
        // `lastmod` (Hugo) and `updated` (Zola) are other names of `modified`.
        essay.modified =
            timestamp(.modified, map, &local) ?? timestamp(.lastmod, map, &local)
            ?? timestamp(.updated, map, &local)
        essay.isDraft = map.bool(.draft, diagnostics: &local) ?? false
        essay.isArchived = map.bool(.archived, diagnostics: &local) ?? false
        essay.isPinned = map.bool(.pinned, diagnostics: &local) ?? false
        essay.isTrashed = map.bool(.trashed, diagnostics: &local) ?? false
        if let color = map.string(.color, diagnostics: &local), let entry = map.entry(.color) {
            if let value = NoteColor(rawValue: color.uppercased()) {
                essay.color = value
            } else {
                local.error(
                    "'color' must be one of \(NoteColor.allCases.map(\.rawValue).joined(separator: ", ")), "
                        + "found '\(color)'", at: frontSource.location(of: entry.value), in: frontSource)
            }
        }
        // `description` (Hugo, Zola, Jekyll) is the summary when there is no `summary`.
        let description = map.string(.description, diagnostics: &local)
        essay.summary = map.string(.summary, diagnostics: &local) ?? description
        var seenTerms: Set<String> = []
        for key in [Key.tags, .categories, .keywords] {
            for term in texts(key, map, &local) where seenTerms.insert(term.lowercased()).inserted {
                essay.terms.append(term)
            }
        }
        // Zola's `[taxonomies]`: every list in it is terms too.
        if let taxonomies = map.mapping(.taxonomies, keys: String.self, diagnostics: &local) {
            for entry in taxonomies.entries {
                for term in texts(entry.key, taxonomies, &local) where seenTerms.insert(term.lowercased()).inserted {
                    essay.terms.append(term)
                }
            }
        }
        essay.authors = texts(.author, map, &local) + texts(.authors, map, &local)
        essay.aliases = texts(.aliases, map, &local)
        if let entry = map.entry(.aliases) {
            let nodes: [YAMLNode]
            if case .sequence(let items, _) = entry.value { nodes = items } else { nodes = [entry.value] }
            for node in nodes {
                if case .scalar(let scalar) = node {
                    essay.aliasLocations[scalar.string] = frontSource.location(of: node)
                }
            }
        }
        if let slug = map.string(.slug, diagnostics: &local), let entry = map.entry(.slug) {
            let safe = EssayAddress.segment(slug)
            if safe.isEmpty {
                local.error(
                    "'slug' must have a letter or digit to make an address from, found '\(slug)'",
                    at: frontSource.location(of: entry.value), in: frontSource)
            } else {
                essay.slugKey = safe
            }
        }
        essay.weight = map.integer(.weight, diagnostics: &local)
        if let items = map.sequence(.compare, diagnostics: &local), let entry = map.entry(.compare) {
            let texts = items.compactMap { node -> String? in
                if case .scalar(let scalar) = node { return scalar.string }
                return nil
            }
            if let bad = texts.lazy.compactMap(firstControlCharacter(in:)).first {
                local.error(
                    "'compare' holds the control character \(visibleScalar(bad.scalar)); texts may hold no control "
                        + "characters but tab and line breaks", at: frontSource.location(of: entry.value),
                    in: frontSource)
            } else if texts.count == 2 && items.count == 2 {
                essay.compare = texts
            } else {
                local.error(
                    "'compare' must be a list of two column headings", at: frontSource.location(of: entry.value),
                    in: frontSource)
            }
        }
        return local.hasErrors ? nil : essay
    }

    /// One warning for the first shortcode or tag of another generator in the body.
    private static func warnAboutForeignMarkup(_ essay: Essay, _ diagnostics: inout Diagnostics) {
        let skipped = essay.source.text.utf8.count - essay.bodyText.utf8.count
        let lineOffset = essay.source.text.utf8.prefix(skipped).count { $0 == UInt8(ascii: "\n") }
        ForeignMarkup.warn(essay.body, lineOffset: lineOffset, source: essay.source, diagnostics: &diagnostics)
    }

    /// Keeps every key the build does not read as a parameter. They are silent, as other
    /// generators' keys should be, unless one edit away from a key the build reads: a warning.
    package static func readParams(_ map: YAMLMapping<Key>, into essay: inout Essay, diagnostics: inout Diagnostics) {
        let known = Key.allCases.map(\.rawValue)
        for entry in map.entries where !known.contains(entry.key) {
            essay.params[entry.key] = FrontMatterValue(entry.value)
            if let near = known.first(where: { editDistance(entry.key, $0) == 1 }) {
                diagnostics.warning(
                    "unknown key '\(entry.key)' in the front matter, kept as a parameter; did you mean '\(near)'?",
                    at: entry.keyLocation, in: map.source)
            }
        }
    }

    /// A list of texts, or one text as a list of one.
    private static func texts<K>(_ key: K, _ map: YAMLMapping<K>, _ diagnostics: inout Diagnostics) -> [String] {
        guard let entry = map.entry(key) else { return [] }
        switch entry.value {
        case .scalar(let scalar):
            return scalar.string.isEmpty && scalar.style == .plain ? [] : [scalar.string]
        case .sequence(let items, _):
            var texts: [String] = []
            for item in items {
                guard case .scalar(let scalar) = item else {
                    diagnostics.error(
                        "'\(key.name)' must be a list of texts, found \(item.kindDescription) in it",
                        at: map.source.location(of: item), in: map.source)
                    continue
                }
                if !scalar.string.isEmpty { texts.append(scalar.string) }
            }
            return texts
        case .mapping:
            diagnostics.error(
                "'\(key.name)' must be a text or a list of texts, found a mapping",
                at: map.source.location(of: entry.value), in: map.source)
            return []
        }
    }

    /// True when the first line of `text` that is not blank or a `#` comment reads as a YAML
    /// key: a word (or quoted text) followed by a colon and a space or the end of the line.
    package static func startsWithKey(_ text: String) -> Bool {
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

    /// What `splitFrontMatter` finds at the top of a text.
    package enum FrontMatterSplit {
        /// The text does not open with a fence line.
        case none
        /// It opens with one that no other closes.
        case unclosed
        /// The front matter between the fence lines, and the body after them.
        case closed(yaml: String, body: String)

        /// The front matter, when it is closed.
        package var yaml: String? {
            if case .closed(let yaml, _) = self { yaml } else { nil }
        }
    }

    /// The front matter and the body, when the text opens with a `fence` line (`---`, `+++`).
    /// Works on bytes: it runs for every essay.
    /// How many lines of `text` before its first other line hold only spaces, tabs or a
    /// carriage return, and their length in bytes (with their line ends).
    static func leadingBlankLines(_ text: String) -> (lines: Int, bytes: Int) {
        var lines = 0, bytes = 0, current = 0
        for byte in text.utf8 {
            current += 1
            if byte == UInt8(ascii: "\n") {
                lines += 1
                bytes = current
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                break
            }
        }
        return (lines, bytes)
    }

    package static func splitFrontMatter(_ text: String, fence: UInt8 = UInt8(ascii: "-")) -> FrontMatterSplit {
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
            return last - start == 3 && bytes[start] == fence && bytes[start + 1] == fence && bytes[start + 2] == fence
        }
        let firstEnd = lineEnd(from: 0)
        guard isFence(0, firstEnd) else { return .none }
        var start = firstEnd + 1
        while start <= bytes.count {
            let end = lineEnd(from: start)
            if isFence(start, end) {
                let yamlEnd = max(firstEnd + 1, start - 1)
                let yaml =
                    firstEnd + 1 <= yamlEnd ? String(decoding: bytes[(firstEnd + 1)..<yamlEnd], as: UTF8.self) : ""
                let body = end < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : ""
                return .closed(yaml: yaml, body: body)
            }
            if end >= bytes.count { break }
            start = end + 1
        }
        return .unclosed
    }

    private static func timestamp<K>(_ key: K, _ map: YAMLMapping<K>, _ diagnostics: inout Diagnostics) -> Timestamp? {
        guard let entry = map.entry(key) else { return nil }
        let text: String
        if case .scalar(let scalar) = entry.value { text = scalar.string } else { text = "" }
        guard let value = Timestamp(text) else {
            diagnostics.error(
                "'\(key.name)' must be an ISO 8601 date such as 2026-02-13 or 2026-02-13T07:40:48Z, "
                    + "found \(entry.value.valueDescription)",
                at: map.source.location(of: entry.value), in: map.source)
            return nil
        }
        return value
    }
}

extension Essay {
    /// Whether the build publishes the essay: not trashed, and not a draft unless `build --drafts`.
    public func isPublished(includeDrafts: Bool) -> Bool {
        !isTrashed && (includeDrafts || !isDraft)
    }
}
