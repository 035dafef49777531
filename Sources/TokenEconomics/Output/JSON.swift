/// A JSON value whose objects keep their key order, so output is byte-stable.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.text() == rhs.text() }

    static func optional(_ value: Double?) -> JSON { value.map(JSON.number) ?? .null }
    static func optional(_ value: Int?) -> JSON { value.map { .number(Double($0)) } ?? .null }
    static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

    /// Pretty-printed with two-space indents and a final newline.
    func text() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        write(to: &out, depth: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes into bytes: appending to an array is much cheaper than to a String, value by value.
    private func write(to out: inout [UInt8], depth: Int) {
        func indent(_ depth: Int) {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): out.append(contentsOf: (value.isFinite ? formatPlain(value) : "null").utf8)
        case .string(let value): JSON.appendQuoted(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                indent(depth + 1)
                item.write(to: &out, depth: depth + 1)
                out.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
            }
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            guard !pairs.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in pairs.enumerated() {
                indent(depth + 1)
                JSON.appendQuoted(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, depth: depth + 1)
                out.append(contentsOf: (index == pairs.count - 1 ? "\n" : ",\n").utf8)
            }
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` quoted, escaping only when it has to.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        if needsNoEscapes(text) {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: quote(text).utf8)
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
