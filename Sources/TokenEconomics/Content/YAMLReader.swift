import Foundation
import Yams

/// A YAML mapping being read into typed values. Each read reports a wrong type or an
/// out-of-range value where the value is; `finish` reports the keys nobody asked for.
struct YAMLMapping {
    struct Entry: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: YAMLNode
    }

    let entries: [Entry]
    let location: SourceLocation
    /// How messages name this mapping: "users", "model 'gpt-4o'", "the scenario".
    let context: String
    let source: SourceText

    /// Reads `node` as a mapping, or reports what it is instead.
    init?(_ node: YAMLNode, context: String, source: SourceText, diagnostics: inout Diagnostics) {
        let location = source.location(of: node)
        guard case .mapping(let pairs, _) = node else {
            diagnostics.error(
                "\(context) must be a mapping of keys to values, found \(node.kindDescription)",
                at: location, in: source)
            return nil
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (key, value) in pairs {
            let keyLocation = source.location(of: key)
            guard case .scalar(let scalar) = key else {
                diagnostics.error("keys in \(context) must be plain names", at: keyLocation, in: source)
                continue
            }
            if !seen.insert(scalar.string).inserted {
                diagnostics.error("duplicate key '\(scalar.string)' in \(context)", at: keyLocation, in: source)
                continue
            }
            entries.append(Entry(key: scalar.string, keyLocation: keyLocation, value: value))
        }
        self.entries = entries
        self.location = location
        self.context = context
        self.source = source
    }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    /// Reports every key not in `known`, with the closest known key as a suggestion.
    func reportUnknownKeys(known: [String], diagnostics: inout Diagnostics) {
        for entry in entries where !known.contains(entry.key) {
            var message = "unknown key '\(entry.key)' in \(context)"
            if let near = suggestion(for: entry.key, in: known) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; expected one of: \(known.joined(separator: ", "))"
            }
            diagnostics.error(message, at: entry.keyLocation, in: source)
        }
    }

    func missing(_ key: String, diagnostics: inout Diagnostics) {
        diagnostics.error("missing required key '\(key)' in \(context)", at: location, in: source)
    }

    /// A number, checked against `range`; nil (with an error) when wrong, nil silently when absent.
    func number(
        _ key: String, required: Bool = false, range: NumberRange = .any,
        diagnostics: inout Diagnostics
    ) -> Double? {
        guard let entry = entry(key) else {
            if required { missing(key, diagnostics: &diagnostics) }
            return nil
        }
        guard case .scalar(let scalar) = entry.value, scalar.style == .plain,
            let value = parseNumber(scalar.string)
        else {
            diagnostics.error(
                "'\(key)' in \(context) must be a number, found \(entry.value.valueDescription)",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        if let problem = range.problem(with: value) {
            // A fraction written as a percentage: 70 for 0.7.
            let hint =
                range.upper == 1 && value >= 2 && value <= 100 && value == value.rounded()
                ? "; did you mean \(formatPlain(value / 100))?" : ""
            diagnostics.error(
                "'\(key)' in \(context) must be \(problem), found \(scalarText(entry.value))\(hint)",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        if value != 0, !(Self.smallestMagnitude...Self.largestMagnitude).contains(abs(value)) {
            diagnostics.error(
                "'\(key)' in \(context) is out of the range figures can be computed with "
                    + "(0, or from 1e-12 to 1e15 in size), found \(scalarText(entry.value))",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        return value
    }

    /// The sizes a non-zero number may have: far beyond any real price, count or share, and far
    /// enough from Double's limits that the model's products and quotients stay finite.
    static let smallestMagnitude = 1e-12
    static let largestMagnitude = 1e15

    /// A whole number, checked against `range`.
    func integer(
        _ key: String, required: Bool = false, range: NumberRange = .any,
        diagnostics: inout Diagnostics
    ) -> Int? {
        guard let value = number(key, required: required, range: range, diagnostics: &diagnostics) else {
            return nil
        }
        guard value == value.rounded(), abs(value) < 1e15 else {
            diagnostics.error(
                "'\(key)' in \(context) must be a whole number, found \(scalarText(entry(key)?.value))",
                at: source.location(of: entry(key)?.value), in: source)
            return nil
        }
        return Int(value)
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let entry = entry(key) else {
            if required { missing(key, diagnostics: &diagnostics) }
            return nil
        }
        guard case .scalar(let scalar) = entry.value, !(scalar.style == .plain && scalar.string.isEmpty) else {
            diagnostics.error(
                "'\(key)' in \(context) must be text, found \(entry.value.valueDescription)",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        if let (offset, scalar) = firstControlCharacter(in: scalar.string) {
            diagnostics.error(
                "'\(key)' in \(context) holds the control character \(visibleScalar(scalar)) "
                    + "(character \(offset + 1)); texts may hold no control characters but tab and line breaks",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        return scalar.string
    }

    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let entry = entry(key) else { return nil }
        if case .scalar(let scalar) = entry.value, scalar.style == .plain {
            switch scalar.string {
            case "true", "True", "TRUE", "yes", "Yes", "on": return true
            case "false", "False", "FALSE", "no", "No", "off": return false
            default: break
            }
        }
        diagnostics.error(
            "'\(key)' in \(context) must be true or false, found \(entry.value.valueDescription)",
            at: source.location(of: entry.value), in: source)
        return nil
    }

    /// A calendar date written `YYYY-MM-DD`.
    func date(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Day? {
        guard let text = string(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let day = Day(text) else {
            diagnostics.error(
                "'\(key)' in \(context) must be a date written YYYY-MM-DD, found '\(text)'",
                at: source.location(of: entry(key)?.value), in: source)
            return nil
        }
        return day
    }

    /// A month written `YYYY-MM`.
    func month(_ key: String, diagnostics: inout Diagnostics) -> Month? {
        guard let text = string(key, diagnostics: &diagnostics) else { return nil }
        guard let month = Month(text) else {
            diagnostics.error(
                "'\(key)' in \(context) must be a month written YYYY-MM, found '\(text)'",
                at: source.location(of: entry(key)?.value), in: source)
            return nil
        }
        return month
    }

    /// A month written as an index (`12`) or as a `YYYY-MM` label inside or outside the projection,
    /// read as the index it names counted from `start` (a label before `start` is negative).
    func monthIndex(
        _ key: String, start: Month, required: Bool = false, diagnostics: inout Diagnostics
    ) -> Int? {
        guard let entry = entry(key) else {
            if required { missing(key, diagnostics: &diagnostics) }
            return nil
        }
        if case .scalar(let scalar) = entry.value, scalar.style == .plain {
            if let label = Month(scalar.string) {
                return (label.year - start.year) * 12 + (label.month - start.month)
            }
            if let value = parseNumber(scalar.string), value == value.rounded(), value >= 0, value < 1e6 {
                return Int(value)
            }
        }
        diagnostics.error(
            "'\(key)' in \(context) must be a month index from 0 or a month written YYYY-MM, found "
                + scalarText(entry.value),
            at: source.location(of: entry.value), in: source)
        return nil
    }

    /// A nested mapping, or nil (with an error when present but not a mapping).
    func mapping(
        _ key: String, context nested: String? = nil, required: Bool = false,
        diagnostics: inout Diagnostics
    ) -> YAMLMapping? {
        guard let entry = entry(key) else {
            if required { missing(key, diagnostics: &diagnostics) }
            return nil
        }
        return YAMLMapping(entry.value, context: nested ?? "'\(key)'", source: source, diagnostics: &diagnostics)
    }

    /// A sequence's items, or nil (with an error when present but not a sequence).
    func sequence(_ key: String, diagnostics: inout Diagnostics) -> [YAMLNode]? {
        guard let entry = entry(key) else { return nil }
        guard case .sequence(let items, _) = entry.value else {
            diagnostics.error(
                "'\(key)' in \(context) must be a list, found \(entry.value.valueDescription)",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        return items
    }

    private func scalarText(_ node: YAMLNode?) -> String {
        if case .scalar(let scalar)? = node { return scalar.string }
        return node?.valueDescription ?? "nothing"
    }
}

/// The allowed values of a number, and how to say so.
struct NumberRange: Sendable {
    var lower: Double?
    var lowerInclusive = true
    var upper: Double?
    var upperInclusive = true

    static let any = NumberRange()
    static let nonNegative = NumberRange(lower: 0)
    static let positive = NumberRange(lower: 0, lowerInclusive: false)
    static let fraction = NumberRange(lower: 0, upper: 1)
    static let growth = NumberRange(lower: -1, lowerInclusive: false)

    static func atLeast(_ value: Double) -> NumberRange { NumberRange(lower: value) }
    static func between(_ low: Double, _ high: Double) -> NumberRange { NumberRange(lower: low, upper: high) }

    /// Why `value` is outside the range ("at least 0"), or nil inside it.
    func problem(with value: Double) -> String? {
        let tooLow = lower.map { lowerInclusive ? value < $0 : value <= $0 } ?? false
        let tooHigh = upper.map { upperInclusive ? value > $0 : value >= $0 } ?? false
        guard tooLow || tooHigh else { return nil }
        switch (lower, upper) {
        case let (low?, high?):
            let left = lowerInclusive ? "from \(formatPlain(low))" : "above \(formatPlain(low))"
            let right = upperInclusive ? "to \(formatPlain(high))" : "and below \(formatPlain(high))"
            return "\(left) \(right)"
        case let (low?, nil):
            return lowerInclusive ? "at least \(formatPlain(low))" : "greater than \(formatPlain(low))"
        case let (nil, high?):
            return upperInclusive ? "at most \(formatPlain(high))" : "less than \(formatPlain(high))"
        case (nil, nil):
            return nil
        }
    }
}

/// Reads a plain YAML number: decimal with optional sign, fraction, exponent and `_` separators.
/// `.inf`, `.nan`, hexadecimal and the like are refused, so every value is finite.
func parseNumber(_ text: String) -> Double? {
    // One pass over the bytes: scenarios hold thousands of numbers.
    var digits = false, separators = false
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
        case UInt8(ascii: "_"): separators = true
        default: return nil
        }
    }
    guard digits, let value = Double(separators ? text.filter { $0 != "_" } : text), value.isFinite else { return nil }
    return value
}

extension SourceText {
    func location(of node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }
}

/// Parses one YAML document with errors as diagnostics. Anchors and aliases are refused
/// (an alias bomb can expand to gigabytes); duplicate keys are reported by `YAMLMapping`.
///
/// Documents that keep to the block subset `BlockYAML` reads are read by it; every other one,
/// and every one with an error, by Yams, which says what is wrong.
func parseYAML(_ source: SourceText, diagnostics: inout Diagnostics) -> YAMLNode? {
    if let node = BlockYAML.parse(source.text) { return node }
    return parseWithYams(source, diagnostics: &diagnostics)
}

/// `parseYAML` through Yams alone.
func parseWithYams(_ source: SourceText, diagnostics: inout Diagnostics) -> YAMLNode? {
    do {
        // The parser owns the anchors; node.anchor is a weak reference, so keep it alive
        // while the tree is searched.
        // The basic resolver gives every scalar the string tag: values are typed by YAMLMapping,
        // and Yams' regular expressions for implicit types would cost a fifth of a large build.
        let parser = try Parser(yaml: source.text, resolver: .basic, encoding: .utf8)
        let node = try parser.singleRoot()
        let found = withExtendedLifetime(parser) { node.flatMap(firstAnchor(in:)) }
        if let (name, mark) = found {
            diagnostics.error(
                "YAML anchors and aliases are not allowed ('&\(name)')",
                at: source.location(line: mark.line, column: mark.column), in: source)
            return nil
        }
        return node.map(YAMLNode.init) ?? .mapping([], YAMLMark(line: 1, column: 1))
    } catch let error as YamlError {
        if case let .duplicatedKeysInMapping(duplicates, context) = error, let key = duplicates.first {
            let (line, column) = repeatedKey(key, after: (context.mark.line, context.mark.column), in: source)
            diagnostics.error(
                "duplicate key '\(key)'", at: source.location(line: line, column: column), in: source)
            return nil
        }
        let (message, line, column) = describe(error)
        diagnostics.error("YAML syntax: \(message)", at: source.location(line: line, column: column), in: source)
    } catch {
        diagnostics.error("YAML syntax: \(error)", at: source.location(line: 1, column: 1), in: source)
    }
    return nil
}

/// The first anchored node in document order. An alias needs an anchor before it, so
/// stopping at the first anchor never walks an alias's expansion.
private func firstAnchor(in node: Node) -> (String, (line: Int, column: Int))? {
    func at(_ mark: Mark?) -> (line: Int, column: Int) { (mark?.line ?? 1, mark?.column ?? 1) }
    switch node {
    case .scalar(let scalar):
        return scalar.anchor.map { ($0.rawValue, at(scalar.mark)) }
    case .mapping(let mapping):
        if let anchor = mapping.anchor { return (anchor.rawValue, at(mapping.mark)) }
        for (key, value) in mapping {
            if let found = firstAnchor(in: key) ?? firstAnchor(in: value) { return found }
        }
        return nil
    case .sequence(let sequence):
        if let anchor = sequence.anchor { return (anchor.rawValue, at(sequence.mark)) }
        for item in sequence {
            if let found = firstAnchor(in: item) { return found }
        }
        return nil
    case .alias(let alias):
        return (alias.anchor.rawValue, at(alias.mark))
    }
}

/// Where `key` appears again after its first place (Yams gives the first): the next line that
/// has it at the same column (a block mapping), else its next place on the same line (a flow one).
private func repeatedKey(_ key: String, after first: (line: Int, column: Int), in source: SourceText) -> (Int, Int) {
    let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line <= lines.count else { return first }
    func isKey(_ line: Substring.UnicodeScalarView, at column: Int) -> Bool {
        let scalars = Array(line)
        let name = Array(key.unicodeScalars)
        guard column >= 1, column - 1 + name.count <= scalars.count,
            Array(scalars[(column - 1)..<(column - 1 + name.count)]) == name
        else { return false }
        let rest = scalars[(column - 1 + name.count)...].drop { $0 == " " }
        return rest.first == ":"
    }
    let firstLine = lines[first.line - 1].unicodeScalars
    for column in stride(from: first.column + 1, through: firstLine.count, by: 1)
    where isKey(firstLine, at: column) && (column == 1 || [" ", "{", ","].contains(Array(firstLine)[column - 2])) {
        return (first.line, column)
    }
    for number in first.line..<lines.count where isKey(lines[number].unicodeScalars, at: first.column) {
        let before = lines[number].unicodeScalars.prefix(first.column - 1)
        if before.allSatisfy({ $0 == " " || $0 == "-" }) { return (number + 1, first.column) }
    }
    return first
}

private func describe(_ error: YamlError) -> (String, Int, Int) {
    switch error {
    case let .scanner(context?, problem, _, _) where problem.contains("end of stream"):
        // An unclosed quote or bracket runs to the end of the file; where it opens is the place to fix.
        return ("\(problem) \(context.text) that starts here", context.mark.line, context.mark.column)
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
        let .composer(context, problem, mark, _):
        let detail = context.map { "\(problem) \($0.text)" } ?? problem
        return (detail, mark.line, mark.column)
    case let .reader(problem, _, _, _):
        return (problem, 1, 1)
    default:
        return ("\(error)", 1, 1)
    }
}
