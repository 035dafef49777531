import Basics
import Foundation

/// The file names of link destinations ending in `.html` or `.md` (after `(`, `/`, a quote
/// or `<`), as slugs with their line and column. One pass over the bytes.
package func linkedFiles(in text: String) -> [(slug: String, line: Int, column: Int)] {
    var text = text
    return text.withUTF8 { bytes in
        var found: [(String, Int, Int)] = []
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            } else if byte == UInt8(ascii: ".") {
                let suffix = matches(bytes, at: i, ".html") ? 5 : (matches(bytes, at: i, ".md") ? 3 : 0)
                if suffix > 0, i + suffix == bytes.count || isCloser(bytes[i + suffix]) {
                    var start = i
                    while start > lineStart, isSlugByte(bytes[start - 1]) { start -= 1 }
                    if start < i, start > lineStart, isOpener(bytes[start - 1]) {
                        let slug = String(decoding: bytes[start..<i], as: UTF8.self)
                        let before = String(decoding: bytes[lineStart..<start], as: UTF8.self)
                        found.append((slug, line, before.unicodeScalars.count + 1))
                    }
                }
            }
            i += 1
        }
        return found
    }
}

// Unsafe: the link scan reads the essay's UTF-8 bytes in place (withUTF8), without a copy per line; every index is checked against the count.
private func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
    guard index + word.utf8CodeUnitCount <= bytes.count else { return false }
    return word.withUTF8Buffer { word in
        for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
        return true
    }
}

private func isOpener(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "(") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"")
        || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<")
}

private func isCloser(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ")") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"")
        || byte == UInt8(ascii: "'") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "\n")
}

private func isSlugByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-")
}

/// What the build's checks read of an essay's text (links to other essays, the lines messages
/// quote), taken at its load (`EssayLoader.load`) so that the text can go before the checks
/// run (`Essay.releaseText()`; docs/performance.md, "What a build holds").
package struct TextMentions: Sendable {
    /// `linkedFiles(in:)` of the text: the files its links name.
    package var files: [(slug: String, line: Int, column: Int)] = []
    /// `linkDestinations(in:)` of the text, when it mentions `.md` at all.
    package var destinations: [(destination: String, line: Int, column: Int)] = []
    /// The text of the lines those are on, of the aliases' lines and, with aliases, of line 1
    /// (where a message about an alias without a place points), by number: the source lines
    /// the messages about them quote. (Empty for most essays: no allocation.)
    package var lines: [Int: String] = [:]

    package init() {}

    /// The mentions of `text`; `aliasLines`: the lines the front matter writes aliases on.
    package init(_ text: String, aliasLines: [Int]) {
        files = linkedFiles(in: text)
        destinations = Self.mentionsMd(text) ? Self.linkDestinations(in: text) : []
        let wanted = Set(files.map(\.line) + destinations.map(\.line) + aliasLines + (aliasLines.isEmpty ? [] : [1]))
        guard !wanted.isEmpty else { return }
        let source = SourceText(path: "", text: text)
        for number in wanted {
            if let line = source.line(number) { lines[number] = line }
        }
    }

    /// The destinations of inline links (`](dest)`, `](<dest>)`) and link reference definitions
    /// (`[label]: dest`) outside fenced code, with their 1-based line and column.
    package static func linkDestinations(in text: String) -> [(destination: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var fence: Character?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(raw)
            var start = 0
            while start < min(line.count, 3), line[start] == " " { start += 1 }
            if start + 2 < line.count, line[start] == "`" || line[start] == "~",
                line[start + 1] == line[start], line[start + 2] == line[start]
            {
                if fence == nil {
                    fence = line[start]
                } else if fence == line[start] {
                    fence = nil
                }
                continue
            }
            guard fence == nil, mentionsMd(raw) else { continue }
            func take(from position: Int) {
                var i = position
                var end: Character = " "
                if i < line.count, line[i] == "<" {
                    end = ">"
                    i += 1
                }
                let first = i
                while i < line.count, line[i] != end, end == ">" || (line[i] != ")" && line[i] != "\t") { i += 1 }
                if i > first { found.append((String(line[first..<i]), index + 1, first + 1)) }
            }
            // A reference definition: `[label]: destination` at the start of the line.
            if start < line.count, line[start] == "[",
                let close = line[start...].firstIndex(of: "]"), close + 1 < line.count, line[close + 1] == ":"
            {
                var i = close + 2
                while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
                take(from: i)
            }
            var i = 0
            while i + 1 < line.count {
                if line[i] == "]", line[i + 1] == "(" { take(from: i + 2) }
                i += 1
            }
        }
        return found
    }

    /// True when `text` holds `.md` anywhere: one pass over its bytes, as every essay's text is
    /// searched (Foundation's `contains` works on characters, not bytes).
    package static func mentionsMd<Text: StringProtocol>(_ text: Text) -> Bool {
        func scan<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in bytes {
                if byte == UInt8(ascii: "d"), previous == (UInt8(ascii: "."), UInt8(ascii: "m")) { return true }
                previous = (previous.1, byte)
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? scan(text.utf8)
    }

}
