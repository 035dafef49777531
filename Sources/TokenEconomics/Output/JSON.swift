/// Pretty-printed JSON written as it goes, into a `TextBuffer`: two-space indents, keys in the
/// order they are written (so output is byte-stable), a final newline from `finish`.
///
///     var json = JSONWriter()
///     json.object { json in
///         json.field("slug", "quill")
///         json.field("months", json.array(months) { json, month in … })
///     }
struct JSONWriter {
    private(set) var out: TextBuffer
    private var depth = 0
    /// No member has been written yet in the object or array being written.
    private var empty = true

    init(capacity: Int = 16_384) {
        out = TextBuffer(capacity: capacity)
    }

    /// The text with its final newline.
    mutating func finish() -> TextBuffer {
        out.append("\n")
        return out
    }

    // MARK: Containers

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: "{", close: "}", body)
    }

    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
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
        if !empty {
            out.append("\n")
            indent()
        }
        out.append(close)
        empty = outer
    }

    /// Starts the next member of the current container on its own line.
    private mutating func member() {
        out.append(empty ? "\n" : ",\n")
        empty = false
        indent()
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
    mutating func key(_ key: StaticString) {
        let separator = !empty
        empty = false
        let spaces = 2 * depth
        let count = (separator ? 1 : 0) + 1 + spaces + 1 + key.utf8CodeUnitCount + 3
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { line in
            var end = 0
            if separator {
                line[end] = UInt8(ascii: ",")
                end += 1
            }
            line[end] = UInt8(ascii: "\n")
            end += 1
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

    mutating func field(_ key: StaticString, _ value: String?) {
        self.key(key)
        string(value)
    }

    mutating func field(_ key: StaticString, _ value: Double?) {
        self.key(key)
        number(value)
    }

    mutating func field(_ key: StaticString, _ value: Bool?) {
        self.key(key)
        switch value {
        case true?: out.append("true")
        case false?: out.append("false")
        case nil: out.append("null")
        }
    }

    mutating func field(_ key: StaticString, _ value: Int?) {
        self.key(key)
        number(value.map(Double.init))
    }

    mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        out.append(value ? "true" : "false")
    }

    mutating func field(_ key: StaticString, object body: (inout JSONWriter) -> Void) {
        self.key(key)
        object(body)
    }

    mutating func field<Items: Sequence>(
        _ key: StaticString, array items: Items,
        _ element: (inout JSONWriter, Items.Element) -> Void
    ) {
        self.key(key)
        array(items, element)
    }

    // MARK: Values

    mutating func string(_ value: String?) {
        guard let value else { return out.append("null") }
        Self.appendQuoted(value, to: &out)
    }

    /// A number as the shortest text that reads back as the same double; `null` for nil and for
    /// values JSON cannot hold (infinities, NaN).
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { return out.append("null") }
        Self.appendPlain(value, to: &out)
    }

    // MARK: Text

    /// `formatPlain` without the intermediate string for whole numbers.
    static func appendPlain(_ value: Double, to out: inout TextBuffer) {
        if abs(value) < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            out.append(integer: Int(value))  // -0.0 and 0.0 both give "0"
        } else {
            // Below 2^53 a fraction: the shortest text that reads back never ends in ".0", so
            // `formatPlain`'s checks can be skipped. Above it, whole numbers and the rest.
            if abs(value) < 9_007_199_254_740_992 {
                out.append(shortest: value)
            } else {
                out.append(formatPlain(value))
            }
        }
    }

    /// Appends `text` quoted, escaping only when it has to.
    static func appendQuoted(_ text: String, to out: inout TextBuffer) {
        if needsNoEscapes(text) {
            out.append("\"")
            out.append(text)
            out.append("\"")
        } else {
            out.append(quote(text))
        }
    }

    /// True when `quote` would only add the quotes: no control character, quote, backslash,
    /// `<`, or bytes that could start U+2028 or U+2029.
    static func needsNoEscapes(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 < 0xE2 }
    }

    static func quote(_ text: String) -> String {
        if needsNoEscapes(text) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe inside an HTML <script> or comment
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
