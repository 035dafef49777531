import Basics
import CostModel
import Foundation

/// A key of a YAML mapping: a loader asks for values by key, and the unknown-key check lists
/// the keys the mapping may hold from the same type.
package protocol YAMLKey: Sendable {
    /// The key as written in the file.
    var name: String { get }
    /// Every key the mapping may hold, in the order messages list them; nil when any key is fine
    /// (the models of a routing, a taxonomy's names).
    static var known: [Self]? { get }
}

/// A file's schema is one enum per mapping, each case a key as written (`case pricePerUser =
/// "price_per_user"`): the loader reads values by case, and the cases are the known keys.
extension YAMLKey where Self: RawRepresentable<String>, Self: CaseIterable {
    package var name: String { rawValue }
    package static var known: [Self]? { Array(allCases) }
}

/// The key of a mapping whose keys are names of the content's own.
extension String: YAMLKey {
    package var name: String { self }
    package static var known: [String]? { nil }
}

/// One key of a YAML mapping as written: its name, where it is, and its value.
package struct YAMLEntry: Sendable {
    package var key: String
    package var keyLocation: SourceLocation
    package var value: YAMLNode
}

/// A YAML mapping being read into typed values by the keys `Key` names. Each read reports a
/// wrong type or an out-of-range value where the value is; `reportUnknownKeys` reports the
/// keys that are not among `Key`'s. The reads themselves are `YAMLFields`', by the key's name:
/// this type only names the keys, so the compiler makes one copy of each read, not one per
/// schema (docs/performance.md, "A cold `make site`").
package struct YAMLMapping<Key: YAMLKey> {
    package typealias Entry = YAMLEntry

    private let fields: YAMLFields

    package var entries: [Entry] { fields.entries }
    package var location: SourceLocation { fields.location }
    /// How messages name this mapping: "users", "model 'gpt-4o'", "the scenario".
    package var context: String { fields.context }
    package var source: SourceText { fields.source }

    /// Reads `node` as a mapping with the keys of `keys`, or reports what it is instead.
    package init?(
        _ node: YAMLNode, keys: Key.Type = Key.self, context: String, source: SourceText,
        diagnostics: inout Diagnostics
    ) {
        guard let fields = YAMLFields(node, context: context, source: source, diagnostics: &diagnostics) else {
            return nil
        }
        self.fields = fields
    }

    package func entry(_ key: Key) -> Entry? { fields.entry(key.name) }

    /// Reports every key that is not one of `Key`'s, with the closest as a suggestion.
    package func reportUnknownKeys(diagnostics: inout Diagnostics) {
        guard let known = Key.known else { return }
        fields.reportUnknownKeys(known: known.map(\.name), diagnostics: &diagnostics)
    }

    package func missing(_ key: String, diagnostics: inout Diagnostics) {
        fields.missing(key, diagnostics: &diagnostics)
    }

    /// A number, checked against `range`; nil (with an error) when wrong, nil silently when absent.
    package func number(
        _ key: Key, required: Bool = false, range: NumberRange = .any,
        diagnostics: inout Diagnostics
    ) -> Double? {
        fields.number(key.name, required: required, range: range, diagnostics: &diagnostics)
    }

    /// A whole number, checked against `range`.
    package func integer(
        _ key: Key, required: Bool = false, range: NumberRange = .any,
        diagnostics: inout Diagnostics
    ) -> Int? {
        fields.integer(key.name, required: required, range: range, diagnostics: &diagnostics)
    }

    package func string(_ key: Key, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        fields.string(key.name, required: required, diagnostics: &diagnostics)
    }

    package func bool(_ key: Key, diagnostics: inout Diagnostics) -> Bool? {
        fields.bool(key.name, diagnostics: &diagnostics)
    }

    /// A calendar date written `YYYY-MM-DD`.
    package func date(_ key: Key, required: Bool = false, diagnostics: inout Diagnostics) -> Day? {
        fields.date(key.name, required: required, diagnostics: &diagnostics)
    }

    /// A month written `YYYY-MM`.
    package func month(_ key: Key, diagnostics: inout Diagnostics) -> Month? {
        fields.month(key.name, diagnostics: &diagnostics)
    }

    /// A month written as an index (`12`) or as a `YYYY-MM` label inside or outside the projection,
    /// read as the index it names counted from `start` (a label before `start` is negative).
    package func monthIndex(
        _ key: Key, start: Month, required: Bool = false, diagnostics: inout Diagnostics
    ) -> Int? {
        fields.monthIndex(key.name, start: start, required: required, diagnostics: &diagnostics)
    }

    /// A nested mapping, or nil (with an error when present but not a mapping).
    package func mapping<Nested: YAMLKey>(
        _ key: Key, keys: Nested.Type, context nested: String? = nil, required: Bool = false,
        diagnostics: inout Diagnostics
    ) -> YAMLMapping<Nested>? {
        guard let entry = entry(key) else {
            if required { missing(key.name, diagnostics: &diagnostics) }
            return nil
        }
        return YAMLMapping<Nested>(
            entry.value, context: nested ?? "'\(key.name)'", source: source, diagnostics: &diagnostics)
    }

    /// A sequence's items, or nil (with an error when present but not a sequence).
    package func sequence(_ key: Key, diagnostics: inout Diagnostics) -> [YAMLNode]? {
        fields.sequence(key.name, diagnostics: &diagnostics)
    }
}

/// A YAML mapping's entries, read by key name: the reads of every `YAMLMapping`, whatever its keys.
struct YAMLFields: Sendable {
    let entries: [YAMLEntry]
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
        var entries: [YAMLEntry] = []
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
            entries.append(YAMLEntry(key: scalar.string, keyLocation: keyLocation, value: value))
        }
        self.entries = entries
        self.location = location
        self.context = context
        self.source = source
    }

    func entry(_ name: String) -> YAMLEntry? {
        entries.first { $0.key == name }
    }

    /// Reports every key that is not in `known`, with the closest as a suggestion.
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
        if value != 0, !(NumberRange.smallestMagnitude...NumberRange.largestMagnitude).contains(abs(value)) {
            diagnostics.error(
                "'\(key)' in \(context) is out of the range figures can be computed with "
                    + "(0, or from 1e-12 to 1e15 in size), found \(scalarText(entry.value))",
                at: source.location(of: entry.value), in: source)
            return nil
        }
        return value
    }

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
        text(key, required: required, as: "a date written YYYY-MM-DD", Day.init, diagnostics: &diagnostics)
    }

    /// A month written `YYYY-MM`.
    func month(_ key: String, diagnostics: inout Diagnostics) -> Month? {
        text(key, as: "a month written YYYY-MM", Month.init, diagnostics: &diagnostics)
    }

    /// A text read by `parse`, or an error saying what it must be (`a month written YYYY-MM`).
    private func text<Value>(
        _ key: String, required: Bool = false, as what: String, _ parse: (String) -> Value?,
        diagnostics: inout Diagnostics
    ) -> Value? {
        guard let text = string(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let value = parse(text) else {
            diagnostics.error(
                "'\(key)' in \(context) must be \(what), found '\(text)'",
                at: source.location(of: entry(key)?.value), in: source)
            return nil
        }
        return value
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
package struct NumberRange: Sendable {
    package var lower: Double?
    package var lowerInclusive = true
    package var upper: Double?
    package var upperInclusive = true

    /// The sizes a non-zero number may have: far beyond any real price, count or share, and far
    /// enough from Double's limits that the model's products and quotients stay finite.
    package static let smallestMagnitude = 1e-12
    package static let largestMagnitude = 1e15

    package static let any = NumberRange()
    package static let nonNegative = NumberRange(lower: 0)
    package static let positive = NumberRange(lower: 0, lowerInclusive: false)
    package static let fraction = NumberRange(lower: 0, upper: 1)
    package static let growth = NumberRange(lower: -1, lowerInclusive: false)

    package static func atLeast(_ value: Double) -> NumberRange { NumberRange(lower: value) }
    package static func between(_ low: Double, _ high: Double) -> NumberRange { NumberRange(lower: low, upper: high) }

    /// Why `value` is outside the range ("at least 0"), or nil inside it.
    package func problem(with value: Double) -> String? {
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

extension SourceText {
    package func location(of node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }
}
