import Basics
import CostModel

/// Markup of other generators left in an essay: Hugo shortcodes (`{{< name >}}`,
/// `{{% name %}}`), Zola shortcodes (`{{ name(...) }}`, `{% name() %}`) and Liquid tags
/// (`{% include x %}`, Jekyll's). None is run: the text is rendered as Markdown reads it, and the
/// essay earns one warning that names the first, so that its author knows what to convert.
package enum ForeignMarkup {
    package struct Found: Equatable {
        package var kind: String
        package var text: String
        /// 1-based, in the text searched.
        package var line: Int
        package var column: Int
        package var count: Int
    }

    /// The first one outside fenced code blocks and code spans, and how many there are.
    package static func find(in text: String) -> Found? {
        let hasBrace =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "{")) }
            ?? text.utf8.contains(UInt8(ascii: "{"))
        guard hasBrace else { return nil }
        var first: Found?
        var count = 0
        var fence: Character?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(raw)
            var start = 0
            while start < min(line.count, 3), line[start] == " " { start += 1 }
            if start + 2 < line.count, line[start] == "`" || line[start] == "~", line[start + 1] == line[start],
                line[start + 2] == line[start]
            {
                if fence == nil {
                    fence = line[start]
                } else if fence == line[start] {
                    fence = nil
                }
                continue
            }
            guard fence == nil, raw.utf8.contains(UInt8(ascii: "{")) else { continue }
            var inCode = false
            var i = 0
            while i < line.count {
                if line[i] == "`" {
                    inCode.toggle()
                } else if !inCode, line[i] == "{", i + 1 < line.count, let (kind, end) = match(line, at: i) {
                    count += 1
                    if first == nil {
                        let shown = String(line[i..<min(end, i + 80)]) + (end > i + 80 ? "…" : "")
                        first = Found(kind: kind, text: shown, line: index + 1, column: i + 1, count: 0)
                    }
                    i = end
                    continue
                }
                i += 1
            }
        }
        guard var found = first else { return nil }
        found.count = count
        return found
    }

    /// What starts at `i`, and where it ends (after its closer, or the line's end).
    private static func match(_ line: [Character], at i: Int) -> (String, Int)? {
        func end(after closer: [Character], from start: Int) -> Int? {
            var j = start
            while j + closer.count <= line.count {
                if Array(line[j..<j + closer.count]) == closer { return j + closer.count }
                j += 1
            }
            return nil
        }
        let next = line[i + 1]
        if next == "{", i + 2 < line.count {
            let third = line[i + 2]
            if third == "<", let close = end(after: [">", "}", "}"], from: i + 3) { return ("Hugo shortcode", close) }
            if third == "%", let close = end(after: ["%", "}", "}"], from: i + 3) { return ("Hugo shortcode", close) }
            // Zola: `{{ name(args) }}`.
            var j = i + 2
            while j < line.count, line[j] == " " { j += 1 }
            let nameStart = j
            while j < line.count, line[j].isASCII, line[j].isLetter || line[j].isNumber || line[j] == "_" { j += 1 }
            if j > nameStart, j < line.count, line[j] == "(", let close = end(after: ["}", "}"], from: j) {
                return ("Zola shortcode", close)
            }
            return nil
        }
        if next == "%" {
            // `{% name … %}`: a Liquid tag (Jekyll) or a Zola shortcode with a body.
            var j = i + 2
            while j < line.count, line[j] == " " || line[j] == "-" { j += 1 }
            guard j < line.count, line[j].isASCII, line[j].isLetter, let close = end(after: ["%", "}"], from: j)
            else { return nil }
            return ("Liquid or Zola tag", close)
        }
        return nil
    }

    /// The warning, at the essay's line (`lineOffset`: lines of the file before `text`).
    package static func warn(
        _ text: String, lineOffset: Int, source: SourceText, diagnostics: inout Diagnostics
    ) {
        guard let found = find(in: text) else { return }
        let more = found.count > 1 ? " (\(found.count - 1) more in this file)" : ""
        diagnostics.warning(
            "\(found.kind) '\(found.text)' is shown as written: other generators' shortcodes and tags are not "
                + "run; convert it to Markdown or HTML\(more)",
            at: source.location(line: found.line + lineOffset, column: found.column), in: source)
    }
}
