/// Reads the YAML that content files are made of, without Yams, or says it cannot.
///
/// Scenarios, catalogs and front matter are block mappings of plain names to plain or quoted
/// one-line values, nested mappings and lists of mappings, with the odd one-line flow mapping
/// (`- {month: 6, factor: 1.3}`) and folded summary. Reading those through Yams costs a tree
/// of its own, a duplicate-key check that hashes every key, and libyaml's events: for a site
/// of a thousand scenarios, the largest part of loading it. This reader takes that subset and
/// gives the same tree, texts, styles, lines and columns as `parseWithYams`; anything outside
/// it (flow lists, other flow mappings, block scalars with indicators or blank lines,
/// multi-line or escaped strings, anchors, tags, empty values, document markers, tabs,
/// duplicate keys, anything YAML would call an error) returns nil, and Yams reads the
/// document. The tests and the fuzz target hold the two readers to the same result on every
/// document this one accepts.
enum BlockYAML {
    /// The document's value, or nil when it is not in the subset.
    static func parse(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard reader.scanLines(), !reader.lines.isEmpty else { return nil }
            let indent = reader.lines[0].indent
            guard let node = reader.block(indent: indent), reader.current == reader.lines.count else { return nil }
            return node
        }
    }

    /// A line with content: not blank, not only a comment.
    struct Line {
        var number: Int
        var start: Int
        var end: Int
        /// Leading spaces.
        var indent: Int
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var lines: [Line] = []
        var current = 0
        /// Mappings and lists open around the current line; deeper documents are left to Yams,
        /// so that no document can run the reader out of stack.
        var depth = 0
        static let maximumDepth = 64

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Splits the text into lines with content; false for bytes the subset leaves to Yams:
        /// tabs, carriage returns, other control characters, the characters YAML takes as line
        /// breaks or refuses (U+0080–U+009F, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF), and
        /// directives or document markers.
        mutating func scanLines() -> Bool {
            lines.reserveCapacity(48)
            var start = 0, number = 1, i = 0
            let count = bytes.count
            while i <= count {
                guard i == count || bytes[i] == UInt8(ascii: "\n") else {
                    let byte = bytes[i]
                    if byte < 0x20 || byte == 0x7F { return false }
                    if byte >= 0xC2, !Self.isPlainUnicode(bytes, at: i) { return false }
                    i += 1
                    continue
                }
                var indent = start
                while indent < i, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
                if indent < i, bytes[indent] != UInt8(ascii: "#") {
                    if indent == start, i - start >= 3, Self.isMarker(bytes, at: start) { return false }
                    if bytes[start] == UInt8(ascii: "%") { return false }
                    lines.append(Line(number: number, start: start, end: i, indent: indent - start))
                }
                number += 1
                i += 1
                start = i
            }
            return true
        }

        private static func isMarker(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
            (bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: "-") && bytes[i + 2] == UInt8(ascii: "-"))
                || (bytes[i] == UInt8(ascii: ".") && bytes[i + 1] == UInt8(ascii: ".")
                    && bytes[i + 2] == UInt8(ascii: "."))
        }

        private static func isPlainUnicode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            switch bytes[i] {
            case 0xC2: return next >= 0xA0  // not U+0080–U+009F
            case 0xE2: return !(next == 0x80 && (third == 0xA8 || third == 0xA9))  // U+2028, U+2029
            case 0xEF: return !(next == 0xBB && third == 0xBF) && !(next == 0xBF && third >= 0xBE)
            default: return true
            }
        }

        /// The block starting at the current line, which is indented by `indent`.
        mutating func block(indent: Int) -> YAMLNode? {
            guard current < lines.count else { return nil }
            let line = lines[current]
            guard line.indent == indent else { return nil }
            if isEntry(line.start + indent, line.end) { return sequence(indent: indent) }
            return mapping(indent: indent, firstKeyAt: line.start + indent)
        }

        /// `- ` (or a `-` ending the line) at `i`.
        private func isEntry(_ i: Int, _ end: Int) -> Bool {
            bytes[i] == UInt8(ascii: "-") && (i + 1 == end || bytes[i + 1] == UInt8(ascii: " "))
        }

        /// A block mapping whose keys are indented by `indent`; the first key starts at byte
        /// `firstKeyAt` of the current line (after a `- ` when the mapping is a list item).
        mutating func mapping(indent: Int, firstKeyAt: Int) -> YAMLNode? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { return nil }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys: [String] = []
            let first = lines[current]
            let mark = YAMLMark(line: first.number, column: firstKeyAt - first.start + 1)
            var keyAt = firstKeyAt
            while true {
                let line = lines[current]
                guard let (key, colon) = self.key(at: keyAt, end: line.end) else { return nil }
                guard !keys.contains(key) else { return nil }  // Yams reports duplicates
                keys.append(key)
                let keyNode = YAMLNode.scalar(
                    YAMLScalar(
                        string: key, style: .plain,
                        mark: YAMLMark(line: line.number, column: keyAt - line.start + 1)))
                var i = colon + 1
                while i < line.end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                let value: YAMLNode
                if i == line.end || bytes[i] == UInt8(ascii: "#") {
                    // The value is the block on the next lines: indented further, or a list at
                    // the key's own indentation.
                    current += 1
                    guard current < lines.count else { return nil }  // an empty value
                    let next = lines[current]
                    if next.indent > indent {
                        guard let nested = block(indent: next.indent) else { return nil }
                        value = nested
                    } else if next.indent == indent, isEntry(next.start + indent, next.end) {
                        guard let list = sequence(indent: indent) else { return nil }
                        value = list
                    } else {
                        return nil  // an empty value
                    }
                } else if bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "|") {
                    guard let scalar = blockScalar(at: i, indent: indent) else { return nil }
                    value = .scalar(scalar)
                } else if bytes[i] == UInt8(ascii: "{") {
                    guard let flow = flowMapping(at: i, line: line) else { return nil }
                    value = flow
                    guard nextLine(within: indent) else { return nil }
                } else {
                    guard let scalar = scalar(at: i, line: line) else { return nil }
                    value = .scalar(scalar)
                    guard nextLine(within: indent) else { return nil }
                }
                pairs.append((keyNode, value))
                guard current < lines.count else { break }
                let next = lines[current]
                if next.indent < indent { break }
                // Another key of this mapping; a list here would be an error.
                guard next.indent == indent, !isEntry(next.start + indent, next.end) else { return nil }
                keyAt = next.start + indent
            }
            return .mapping(pairs, mark)
        }

        /// A block list whose `-` are indented by `indent`.
        mutating func sequence(indent: Int) -> YAMLNode? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { return nil }
            var items: [YAMLNode] = []
            let first = lines[current]
            let mark = YAMLMark(line: first.number, column: indent + 1)
            while current < lines.count {
                let line = lines[current]
                guard line.indent == indent, isEntry(line.start + indent, line.end) else { break }
                var i = line.start + indent + 1
                while i < line.end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                guard i < line.end, bytes[i] != UInt8(ascii: "#") else { return nil }  // an empty item
                if isEntry(i, line.end) { return nil }  // a list in a list
                if bytes[i] == UInt8(ascii: "{") {
                    guard let flow = flowMapping(at: i, line: line) else { return nil }
                    items.append(flow)
                    guard nextLine(within: indent) else { return nil }
                } else if key(at: i, end: line.end) != nil {
                    guard let item = mapping(indent: i - line.start, firstKeyAt: i) else { return nil }
                    items.append(item)
                } else {
                    guard let scalar = scalar(at: i, line: line) else { return nil }
                    items.append(.scalar(scalar))
                    guard nextLine(within: indent) else { return nil }
                }
                guard current < lines.count else { break }
                let next = lines[current]
                if next.indent < indent { break }
                guard next.indent == indent else { return nil }
            }
            return .sequence(items, mark)
        }

        /// A block scalar (`>`, `>-`, `|` or `|-`) starting at byte `start` of the current line,
        /// the value of a key indented by `indent`, in its simplest form: every line of it
        /// indented alike, none blank, none ending in a space. Leaves `current` at the line after.
        private mutating func blockScalar(at start: Int, indent: Int) -> YAMLScalar? {
            let line = lines[current]
            let folded = bytes[start] == UInt8(ascii: ">")
            var i = start + 1
            let strip = i < line.end && bytes[i] == UInt8(ascii: "-")
            if strip { i += 1 }
            guard restIsComment(from: i, to: line.end) else { return nil }
            var text: [UInt8] = []
            var previous = line.number
            current += 1
            let contentIndent = current < lines.count ? lines[current].indent : 0
            guard contentIndent > indent else { return nil }  // empty
            while current < lines.count, lines[current].indent > indent {
                let next = lines[current]
                // Blank and comment-like lines are not in `lines`: inside a block scalar they
                // would be text, so any gap is left to Yams, as are lines indented further.
                guard next.number == previous + 1, next.indent == contentIndent,
                    bytes[next.end - 1] != UInt8(ascii: " ")
                else { return nil }
                if !text.isEmpty { text.append(folded ? UInt8(ascii: " ") : UInt8(ascii: "\n")) }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(next.start + contentIndent)..<next.end]))
                previous = next.number
                current += 1
            }
            // What follows must come right after (a gap could be trailing blank lines, which
            // chomping treats apart), or the text must end there, with at most its line break.
            if current < lines.count {
                guard lines[current].number == previous + 1 else { return nil }
            } else {
                guard lastLineEnds(at: previous) else { return nil }
            }
            // Clipping keeps the last line break, when there is one.
            if !strip, lines[current - 1].end < bytes.count { text.append(UInt8(ascii: "\n")) }
            return YAMLScalar(
                string: String(decoding: text, as: UTF8.self), style: folded ? .folded : .literal,
                mark: YAMLMark(line: line.number, column: start - line.start + 1))
        }

        /// True when line `number` is the text's last, with or without a final line break.
        private func lastLineEnds(at number: Int) -> Bool {
            guard let last = lines.last, last.number == number else { return false }
            return last.end == bytes.count || last.end + 1 == bytes.count
        }

        /// A one-line flow mapping of plain keys to plain values, `{month: 6, factor: 1.3}`,
        /// starting at byte `start` of `line` and followed by nothing but spaces and a comment.
        /// Values keep to letters, digits, spaces and `.`, `-`, `+`, `_`, `/`: YAML gives other
        /// characters meanings of their own inside braces.
        private func flowMapping(at start: Int, line: Line) -> YAMLNode? {
            let end = line.end
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys: [String] = []
            var i = start + 1
            func skipSpaces() { while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 } }
            skipSpaces()
            while true {
                guard let (key, colon) = self.key(at: i, end: end), !keys.contains(key) else { return nil }
                keys.append(key)
                let keyNode = YAMLNode.scalar(
                    YAMLScalar(
                        string: key, style: .plain, mark: YAMLMark(line: line.number, column: i - line.start + 1)))
                i = colon + 1
                skipSpaces()
                let valueStart = i
                var last = i
                while i < end, Self.isFlowValueByte(bytes[i]) {
                    if bytes[i] != UInt8(ascii: " ") { last = i + 1 }
                    i += 1
                }
                // `-` starts a plain value only before a non-space (`-5`).
                guard last > valueStart, i < end,
                    bytes[valueStart] != UInt8(ascii: "-")
                        || (valueStart + 1 < last && bytes[valueStart + 1] != UInt8(ascii: " "))
                else { return nil }
                let value = YAMLScalar(
                    string: String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<last]), as: UTF8.self),
                    style: .plain, mark: YAMLMark(line: line.number, column: valueStart - line.start + 1))
                pairs.append((keyNode, .scalar(value)))
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpaces()
                    continue
                }
                guard bytes[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
            guard restIsComment(from: i, to: end) else { return nil }
            return .mapping(pairs, YAMLMark(line: line.number, column: start - line.start + 1))
        }

        private static func isFlowValueByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "+"), UInt8(ascii: "_"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }

        /// Moves past a line that ended with its value; false when the next is indented further
        /// than `indent`, which would continue a plain scalar over lines (or be an error).
        private mutating func nextLine(within indent: Int) -> Bool {
            current += 1
            return current == lines.count || lines[current].indent <= indent
        }

        /// True when nothing but spaces follows byte `start` up to `end`, or spaces and then a
        /// comment (` # …`): what may follow a value on its line.
        private func restIsComment(from start: Int, to end: Int) -> Bool {
            var i = start
            while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            return i == end || (i > start && bytes[i] == UInt8(ascii: "#"))
        }

        /// A plain key (letters, digits, `_`, `-`, `.`, `/`, not starting with `-` or `.`) and the
        /// offset of the `:` after it, which must end the line or be followed by a space.
        private func key(at start: Int, end: Int) -> (String, Int)? {
            var i = start
            while i < end, Self.isKeyByte(bytes[i]) { i += 1 }
            guard i > start, i < end, bytes[i] == UInt8(ascii: ":"),
                i + 1 == end || bytes[i + 1] == UInt8(ascii: " "),
                bytes[start] != UInt8(ascii: "-"), bytes[start] != UInt8(ascii: ".")
            else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), i)
        }

        private static func isKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }

        /// A one-line scalar starting at `start`: plain, `"double-quoted"` without escapes, or
        /// `'single-quoted'`, followed by nothing but spaces and a comment.
        private func scalar(at start: Int, line: Line) -> YAMLScalar? {
            let mark = YAMLMark(line: line.number, column: start - line.start + 1)
            let end = line.end
            let first = bytes[start]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                var text: [UInt8] = []
                var i = start + 1
                while true {
                    guard i < end else { return nil }  // continued on the next line
                    let byte = bytes[i]
                    if byte == first {
                        if first == UInt8(ascii: "'"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "'") {
                            text.append(byte)
                            i += 2
                            continue
                        }
                        break
                    }
                    if byte == UInt8(ascii: "\\"), first == UInt8(ascii: "\"") { return nil }  // an escape
                    text.append(byte)
                    i += 1
                }
                i += 1
                guard restIsComment(from: i, to: end) else { return nil }
                return YAMLScalar(
                    string: String(decoding: text, as: UTF8.self),
                    style: first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted, mark: mark)
            }
            // A plain scalar may not start with an indicator; `-` may before a non-space (`-5`),
            // and so may `?` and `:`, which are left to Yams.
            switch first {
            case UInt8(ascii: "-") where start + 1 < end && bytes[start + 1] != UInt8(ascii: " "):
                break  // `-5`
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"),
                UInt8(ascii: "@"), UInt8(ascii: "`"):
                return nil
            default:
                break
            }
            // It ends at a comment (` #`) or the end of the line; `: ` or a final `:` inside it
            // would start a mapping, which YAML does not allow here.
            var i = start
            var last = start  // one past the last non-space
            while i < end {
                let byte = bytes[i]
                if byte == UInt8(ascii: " ") {
                    if i + 1 < end, bytes[i + 1] == UInt8(ascii: "#") { break }
                } else {
                    if byte == UInt8(ascii: ":"), i + 1 == end || bytes[i + 1] == UInt8(ascii: " ") { return nil }
                    last = i + 1
                }
                i += 1
            }
            return YAMLScalar(
                string: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self),
                style: .plain, mark: mark)
        }
    }
}
