import Basics
import CostModel
import LibYAML

/// Parses one YAML document with errors as diagnostics: the one door to libyaml, as
/// `Markdown/CommonMark.swift` is to libcmark. libyaml's events are read straight into the
/// tree the loaders read (`YAMLNode`), every scalar as text: `YAMLMapping` types the values, so
/// that a wrong one is reported where it is.
///
/// A document is refused, with its first problem, when libyaml finds a syntax error, when a
/// mapping repeats a key, when it nests deeper than `maximumDepth`, and when it has an anchor
/// or an alias (an alias bomb can expand to gigabytes). An empty document is an empty mapping.
package func parseYAML(_ source: SourceText, diagnostics: inout Diagnostics) -> YAMLNode? {
    // libyaml reads no text as an empty stream; it wants an address for it all the same.
    guard !source.text.isEmpty else { return .mapping([], YAMLMark(line: 1, column: 1)) }
    var text = source.text
    let result = text.withUTF8 { bytes in
        // libyaml's parser points at itself once given its input: it must stay at one address.
        // Unsafe: libyaml's C API works on a parser struct it owns by pointer; it is deleted and freed on every path (defer).
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return Result<YAMLNode, YAMLProblem>.failure(YAMLProblem("YAML syntax: Memory error"))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        var reader = YAMLEventReader(parser: parser)
        return Result { () throws(YAMLProblem) in try reader.document() }
    }
    switch result {
    case .success(let node):
        return node
    case .failure(let problem):
        diagnostics.error(
            problem.message, at: source.location(line: problem.mark.line, column: problem.mark.column), in: source)
        return nil
    }
}

/// Why a document was refused, and where.
package struct YAMLProblem: Error {
    package var message: String
    package var mark = YAMLMark(line: 1, column: 1)

    package init(_ message: String, at mark: YAMLMark = YAMLMark(line: 1, column: 1)) {
        self.message = message
        self.mark = mark
    }
}

/// Reads libyaml's events for one document into a `YAMLNode`.
private struct YAMLEventReader {
    /// Mappings and lists nested deeper than this are refused: no document can run the reader,
    /// or anything that walks its tree, out of stack.
    static let maximumDepth = 200

    let parser: UnsafeMutablePointer<yaml_parser_t>
    var depth = 0
    var anchors: Set<String> = []
    /// The first anchor or alias, reported once the document has read without other problems.
    var firstAnchor: (name: String, mark: YAMLMark)?

    init(parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
    }

    /// The stream's only document; an empty mapping when there is none.
    mutating func document() throws(YAMLProblem) -> YAMLNode {
        var event = try next()  // the stream's start
        yaml_event_delete(&event)
        event = try next()
        guard event.type != YAML_STREAM_END_EVENT else {
            yaml_event_delete(&event)
            return .mapping([], YAMLMark(line: 1, column: 1))
        }
        yaml_event_delete(&event)  // the document's start
        event = try next()
        let root = try node(&event)
        event = try next()  // the document's end
        yaml_event_delete(&event)
        event = try next()
        defer { yaml_event_delete(&event) }
        if event.type != YAML_STREAM_END_EVENT {
            throw YAMLProblem(
                "YAML syntax: expected a single document in the stream, but found another document",
                at: mark(event.start_mark))
        }
        if let (name, mark) = firstAnchor {
            throw YAMLProblem("YAML anchors and aliases are not allowed ('&\(name)')", at: mark)
        }
        return root
    }

    /// The next event; the caller deletes it.
    private mutating func next() throws(YAMLProblem) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxProblem() }
        return event
    }

    /// The node that `event` starts, with everything in it; deletes `event`.
    private mutating func node(_ event: inout yaml_event_t) throws(YAMLProblem) -> YAMLNode {
        defer { yaml_event_delete(&event) }
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            noteAnchor(scalar.anchor, at: start)
            // Unsafe: a scalar's text is libyaml's pointer and length, copied into a String before the event is deleted.
            let string = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(YAMLScalar(string: string, style: Self.style(scalar.style), mark: start))
        case YAML_SEQUENCE_START_EVENT:
            noteAnchor(event.data.sequence_start.anchor, at: start)
            try enter(at: start)
            defer { depth -= 1 }
            var items: [YAMLNode] = []
            while true {
                var item = try next()
                if item.type == YAML_SEQUENCE_END_EVENT {
                    yaml_event_delete(&item)
                    break
                }
                items.append(try node(&item))
            }
            return .sequence(items, start)
        case YAML_MAPPING_START_EVENT:
            noteAnchor(event.data.mapping_start.anchor, at: start)
            try enter(at: start)
            defer { depth -= 1 }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            while true {
                var key = try next()
                if key.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&key)
                    break
                }
                let keyNode = try node(&key)
                var value = try next()
                pairs.append((keyNode, try node(&value)))
            }
            try Self.checkKeys(pairs)
            return .mapping(pairs, start)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard anchors.contains(name) else { throw YAMLProblem("YAML syntax: found undefined alias", at: start) }
            if firstAnchor == nil { firstAnchor = (name, start) }
            return .scalar(YAMLScalar(string: "", style: .plain, mark: start))
        default:
            throw YAMLProblem("YAML syntax: unexpected event", at: start)
        }
    }

    private mutating func enter(at mark: YAMLMark) throws(YAMLProblem) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw YAMLProblem(
                "YAML syntax: mappings and lists nested more than \(Self.maximumDepth) deep", at: mark)
        }
    }

    private mutating func noteAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: YAMLMark) {
        guard let anchor else { return }
        let name = String(cString: anchor)
        anchors.insert(name)
        if firstAnchor == nil { firstAnchor = (name, mark) }
    }

    /// A repeated key refuses the document: of the repeated keys, the one that sorts first, at its
    /// second place.
    private static func checkKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws(YAMLProblem) {
        var seen: Set<String> = []
        var repeated: (key: String, mark: YAMLMark)?
        for (key, _) in pairs {
            guard case .scalar(let scalar) = key, !seen.insert(scalar.string).inserted else { continue }
            if repeated.map({ scalar.string < $0.key }) ?? true { repeated = (scalar.string, scalar.mark) }
        }
        if let repeated { throw YAMLProblem("duplicate key '\(repeated.key)'", at: repeated.mark) }
    }

    private func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// libyaml's error as a message, problem then context ("did not find expected ',' or ']'
    /// while parsing a flow sequence"). An unclosed quote or bracket runs to the end of the text,
    /// so it is reported where it opens.
    private func syntaxProblem() -> YAMLProblem {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = state.context.map { String(cString: $0) }
        switch state.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            if state.error == YAML_SCANNER_ERROR, let context, problem.contains("end of stream") {
                return YAMLProblem(
                    "YAML syntax: \(problem) \(context) that starts here", at: mark(state.context_mark))
            }
            let detail = context.map { "\(problem) \($0)" } ?? problem
            return YAMLProblem("YAML syntax: \(detail)", at: mark(state.problem_mark))
        case YAML_MEMORY_ERROR:
            return YAMLProblem("YAML syntax: Memory error")
        default:
            return YAMLProblem("YAML syntax: \(problem)")
        }
    }
}
