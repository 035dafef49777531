import Content
import CostModel
import Formats

/// Byte edits of a YAML file at the places its reader gave: values replaced where they are
/// written and lines inserted between others. Every byte no edit covers is kept as it was,
/// so comments, order, quoting and layout stay; nothing is serialised again.
struct TextEdits {
    private let bytes: [UInt8]
    /// The byte offset where each line starts (line 1 at index 0).
    private let lineStarts: [Int]
    private var edits: [(start: Int, end: Int, text: String, order: Int)] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
    }

    var isEmpty: Bool { edits.isEmpty }

    /// The byte offset of a 1-based line and column (columns count Unicode scalars), or nil
    /// past the end.
    func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        var offset = lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0 {
            guard offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") else { return nil }
            offset += 1
            // Skip the continuation bytes of a multi-byte scalar.
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }

    /// The offset where line `line` starts; the end of the text past the last line.
    func startOfLine(_ line: Int) -> Int {
        line >= 1 && line <= lineStarts.count ? lineStarts[line - 1] : bytes.count
    }

    /// The text of line `line` without its newline.
    func lineText(_ line: Int) -> String {
        let start = startOfLine(line)
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    var lineCount: Int { lineStarts.count }

    /// The span of a scalar exactly as `scalar` says it is written: its text, plain or
    /// between quotes with nothing escaped and on one line. Nil when it is written otherwise
    /// (folded, escaped, over several lines): such a value is not rewritten.
    func span(of scalar: YAMLScalar) -> Range<Int>? {
        guard let start = offset(line: scalar.mark.line, column: scalar.mark.column) else { return nil }
        let written: [UInt8]
        switch scalar.style {
        case .plain: written = Array(scalar.string.utf8)
        case .doubleQuoted: written = Array(("\"" + scalar.string + "\"").utf8)
        case .singleQuoted: written = Array(("'" + scalar.string + "'").utf8)
        case .literal, .folded: return nil
        }
        guard !scalar.string.contains("\n"), !(scalar.style == .doubleQuoted && scalar.string.contains("\\")),
            !(scalar.style == .doubleQuoted && scalar.string.contains("\"")),
            !(scalar.style == .singleQuoted && scalar.string.contains("'")),
            start + written.count <= bytes.count, Array(bytes[start..<start + written.count]) == written
        else { return nil }
        return start..<start + written.count
    }

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append((range.lowerBound, range.upperBound, text, edits.count))
    }

    /// Inserts whole lines (`text` ends with a newline) at the start of line `line`, or at the
    /// end of the text past the last line.
    mutating func insertLines(_ text: String, beforeLine line: Int) {
        let offset = startOfLine(line)
        // A last line without a newline gets one before the new lines.
        let prefix = offset == bytes.count && bytes.last.map { $0 != UInt8(ascii: "\n") } == true ? "\n" : ""
        edits.append((offset, offset, prefix + text, edits.count))
    }

    /// The text with every edit made. Edits at the same place come out in the order made.
    func applied() -> String {
        var out = bytes
        let ordered = edits.sorted { ($0.start, $0.order) > ($1.start, $1.order) }
        for edit in ordered {
            out.replaceSubrange(edit.start..<edit.end, with: Array(edit.text.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The indentation (leading spaces) of line `line`, or nil for a blank line.
    func indentation(ofLine line: Int) -> Int? {
        var offset = startOfLine(line)
        var count = 0
        while offset < bytes.count, bytes[offset] == UInt8(ascii: " ") {
            offset += 1
            count += 1
        }
        if offset >= bytes.count || bytes[offset] == UInt8(ascii: "\n") || bytes[offset] == UInt8(ascii: "\r") {
            return nil
        }
        return count
    }

    /// The last line of a block mapping whose keys are indented by `indent` and whose last key
    /// is on `lastKeyLine`: the last non-blank line before the first line indented less
    /// (a comment indented less belongs to what follows).
    func lastLine(ofBlockFrom lastKeyLine: Int, indent: Int) -> Int {
        var last = lastKeyLine
        var line = lastKeyLine + 1
        while line <= lineCount {
            if let own = indentation(ofLine: line) {
                if own < indent { break }
                last = line
            }
            line += 1
        }
        return last
    }
}

/// A YAML scalar for `text` in the style of `like`: the same quotes, or double quotes when a
/// plain scalar could not hold it.
func yamlScalarText(_ text: String, like style: YAMLScalar.Style) -> String {
    switch style {
    case .singleQuoted:
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    case .plain where isSafePlain(text):
        return text
    default:
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}

/// Text that reads back as the same string when written as a plain scalar.
func isSafePlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, !text.hasSuffix(" ") else { return false }
    if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) { return false }
    // Flow indicators are refused too, so the text also reads back inside `{...}`.
    return !text.contains(": ") && !text.contains(" #")
        && !text.unicodeScalars.contains { "\n\t,[]{}".unicodeScalars.contains($0) }
}

/// `value` as a plain YAML number with at least the decimals of `old` ("1.10" -> "0.42"
/// stays "0.42", "10.00" -> "12" becomes "12.00").
func priceText(_ value: Double, like old: String?) -> String {
    var text = formatPlain(value)
    guard !text.contains("e"), let old, let dot = old.firstIndex(of: ".") else { return text }
    let wanted = old.distance(from: old.index(after: dot), to: old.endIndex)
    let have = text.firstIndex(of: ".").map { text.distance(from: text.index(after: $0), to: text.endIndex) } ?? 0
    if have < wanted {
        if have == 0 { text += "." }
        text += String(repeating: "0", count: wanted - have)
    }
    return text
}
