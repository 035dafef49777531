import Basics
import CostModel

/// Pretty-printed JSON written as it goes, into a `TextBuffer`: two-space indents, keys in the
/// order they are written (so output is byte-stable), a final newline from `finish`; with
/// `oneLine`, the same without line breaks and indents.
///
///     var json = JSONWriter()
///     json.object { json in
///         json.field("slug", "quill")
///         json.field("months", json.array(months) { json, month in … })
///     }
package struct JSONWriter {
    package private(set) var out: TextBuffer
    private var depth = 0
    /// No member has been written yet in the object or array being written.
    private var empty = true
    private let oneLine: Bool

    package init(capacity: Int = 16_384, oneLine: Bool = false) {
        out = TextBuffer(capacity: capacity)
        self.oneLine = oneLine
    }

    /// The text with its final newline.
    package mutating func finish() -> TextBuffer {
        out.append("\n")
        return out
    }

    // MARK: Containers

    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: "{", close: "}", body)
    }

    package mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        container(open: "[", close: "]") { json in
            for item in items {
                json.member()
                element(&json, item)
            }
        }
    }

    private mutating func container(open: StaticString, close: StaticString, _ body: (inout JSONWriter) -> Void) {
        out.append(open)
        let outer = empty
        empty = true
        depth += 1
        body(&self)
        depth -= 1
        if !empty && !oneLine {
            out.append("\n")
            indent()
        }
        out.append(close)
        empty = outer
    }

    /// Starts the next member of the current container on its own line.
    private mutating func member() {
        if oneLine {
            if !empty { out.append(",") }
        } else {
            out.append(empty ? "\n" : ",\n")
            indent()
        }
        empty = false
    }

    private mutating func indent() {
        if depth <= 4 {
            out.append(Self.indents[depth])
        } else {
            for _ in 0..<depth { out.append("  ") }
        }
    }

    private static let indents: [StaticString] = ["", "  ", "    ", "      ", "        "]

    // MARK: Object members

    /// Writes `"key": ` for the value that follows, on its own line. Keys are the model's names,
    /// which need no escapes. The line break, indent, key and colon are put together on the
    /// stack and appended at once: a scenario's file has some five hundred of them. (Written
    /// with an index rather than a local function that captures it, which Swift would check
    /// for exclusive access at run time on every byte.)
    package mutating func key(_ key: StaticString) {
        let separator = !empty
        empty = false
        let lineBreak = !oneLine
        let spaces = oneLine ? 0 : 2 * depth
        let count = (separator ? 1 : 0) + (lineBreak ? 1 : 0) + spaces + 1 + key.utf8CodeUnitCount + 3
        // Unsafe: a key's line (separator, indent, quoted key, colon) is built in stack bytes sized exactly above and appended once (docs/performance.md, "Byte buffers").
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { line in
            var end = 0
            if separator {
                line[end] = UInt8(ascii: ",")
                end += 1
            }
            if lineBreak {
                line[end] = UInt8(ascii: "\n")
                end += 1
            }
            for _ in 0..<spaces {
                line[end] = UInt8(ascii: " ")
                end += 1
            }
            line[end] = UInt8(ascii: "\"")
            end += 1
            key.withUTF8Buffer { key in
                _ = UnsafeMutableBufferPointer(rebasing: line[end..<(end + key.count)]).initialize(from: key)
            }
            end += key.utf8CodeUnitCount
            line[end] = UInt8(ascii: "\"")
            line[end + 1] = UInt8(ascii: ":")
            line[end + 2] = UInt8(ascii: " ")
            out.append(bytes: UnsafeBufferPointer(rebasing: line[0..<(end + 3)]))
        }
    }

    package mutating func field(_ key: StaticString, _ value: String?) {
        self.key(key)
        string(value)
    }

    package mutating func field(_ key: StaticString, _ value: Double?) {
        self.key(key)
        number(value)
    }

    package mutating func field(_ key: StaticString, _ value: Bool?) {
        self.key(key)
        switch value {
        case true?: out.append("true")
        case false?: out.append("false")
        case nil: out.append("null")
        }
    }

    package mutating func field(_ key: StaticString, _ value: Int?) {
        self.key(key)
        number(value.map(Double.init))
    }

    package mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        out.append(value ? "true" : "false")
    }

    package mutating func field(_ key: StaticString, object body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    package mutating func field<Items: Sequence>(
        _ key: StaticString, array items: Items,
        _ element: (inout JSONWriter, Items.Element) -> Void
    ) {
        self.key(key)
        array(items, element)
    }

    // MARK: Values

    package mutating func string(_ value: String?) {
        guard let value else { return out.append("null") }
        Self.appendQuoted(value, to: &out)
    }

    /// A number as the shortest text that reads back as the same double; `null` for nil and for
    /// values JSON cannot hold (infinities, NaN).
    package mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { return out.append("null") }
        writePlain(value, to: &out)
    }

    // MARK: Text

    /// Appends `text` as a JSON string: quoted, with `"`, `\\`, control characters, `<` (so it is
    /// safe inside an HTML `<script>` or comment), U+2028 and U+2029 escaped.
    package static func appendQuoted(_ text: String, to out: inout TextBuffer) {
        out.append("\"")
        if needsNoEscapes(text) {
            out.append(text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case "<": out.append("\\u003c")
                case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                    out.append("\\u")
                    let hex = String(scalar.value, radix: 16)
                    for _ in hex.count..<4 { out.append("0") }
                    out.append(hex)
                default: out.append(String(scalar))
                }
            }
        }
        out.append("\"")
    }

    /// True when `appendQuoted` would only add the quotes: no control character, quote, backslash,
    /// `<`, or bytes that could start U+2028 or U+2029.
    package static func needsNoEscapes(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 < 0xE2 }
    }

    /// `text` as a JSON string, quotes included.
    package static func quote(_ text: String) -> String {
        TextBuffer.text(capacity: text.utf8.count + 2) { appendQuoted(text, to: &$0) }
    }
}

/// The diagnostics as a JSON array of `JSONWriter.diagnostic` objects (`check --format json`).
public func diagnosticsJSON(_ diagnostics: [Diagnostic]) -> String {
    var json = JSONWriter(capacity: 256)
    json.array(diagnostics) { json, diagnostic in json.diagnostic(diagnostic) }
    return json.out.text
}

extension JSONWriter {
    /// The one JSON form of a diagnostic (README, "The command line"; the output manifest keeps
    /// a build's warnings in it): `file`, `line`, `column`, `severity`, `message`, and `source`,
    /// the line it points into, when known.
    package mutating func diagnostic(_ diagnostic: Diagnostic) {
        object { json in
            json.field("file", diagnostic.location.file)
            json.field("line", diagnostic.location.line)
            json.field("column", diagnostic.location.column)
            json.field("severity", diagnostic.severity.rawValue)
            json.field("message", diagnostic.message)
            if let source = diagnostic.sourceLine { json.field("source", source) }
        }
    }
}
