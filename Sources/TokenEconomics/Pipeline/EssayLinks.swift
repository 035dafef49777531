import Basics
import Content
import Formats

/// Links between essays written as relative `.md` paths (`[x](../pricing/index.md)`): the
/// renderer points them at the pages; here, a link to a file that is no essay is a warning at
/// its line.
enum EssayLinks {
    /// The destinations of inline links (`](dest)`, `](<dest>)`) and link reference definitions
    /// (`[label]: dest`) outside fenced code, with their 1-based line and column.
    static func destinations(in text: String) -> [(destination: String, line: Int, column: Int)] {
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
    static func mentionsMd<Text: StringProtocol>(_ text: Text) -> Bool {
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

    /// Warns at every relative `.md` link of an essay whose file is not an essay of the content
    /// folder, or is an essay in a folder that is not published (those at the top are
    /// `Generator.reportLinksToUnpublishedEssays`' to report).
    /// - Parameter checking: which essays' links to check (all by default); the others only
    ///   count as targets.
    static func reportMissing(
        in essays: [Essay], includeDrafts: Bool, checking: (Essay) -> Bool = { _ in true },
        diagnostics: inout Diagnostics
    ) {
        let paths = Set(essays.map(\.path))
        let hidden = Dictionary(
            essays.filter { ($0.isTrashed || ($0.isDraft && !includeDrafts)) && $0.slug.contains("/") }.map {
                ($0.path, $0)
            }, uniquingKeysWith: { first, _ in first })
        let found = parallelMap(essays.count) { index -> Diagnostics in
            var local = Diagnostics()
            let essay = essays[index]
            guard checking(essay), mentionsMd(essay.source.text) else { return local }
            for link in destinations(in: essay.source.text) {
                guard let (path, _) = EssayAddress.linkedPath(link.destination, from: essay.path) else { continue }
                if let target = hidden[path], !(essay.isTrashed || (essay.isDraft && !includeDrafts)) {
                    let what = target.isTrashed ? "the trashed essay" : "the draft"
                    let hint = target.isTrashed ? "" : " (build with --drafts to publish drafts)"
                    local.warning(
                        "links to \(what) '\(target.slug)', which is not published\(hint)",
                        at: essay.source.location(line: link.line, column: link.column), in: essay.source)
                    continue
                }
                guard !paths.contains(path) else { continue }
                local.warning(
                    "links to '\(link.destination)', which is not an essay: there is no '\(path)' in the "
                        + "content folder", at: essay.source.location(line: link.line, column: link.column),
                    in: essay.source)
            }
            return local
        }
        for local in found { diagnostics.append(contentsOf: local) }
    }
}
