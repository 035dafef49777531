import Basics
import Content
import CostModel
import Formats
import Foundation

/// What `catalog sync` found: every difference as a diagnostic at the old value, and the
/// catalog's text with them written in, when there was something to write and no error.
public struct CatalogSyncResult: Sendable {
    public var diagnostics: [Diagnostic]
    /// The values that differ from the map (prices and retirement dates).
    public var differences: Int
    /// The models with at least one difference, in file order.
    public var changedModels: [String]
    /// Each matched model's map key, in file order.
    public var matched: [(id: String, key: String)]
    /// The models the map does not know, in file order.
    public var unmatched: [String]
    /// The rewritten `models.yaml`; nil when nothing differs or anything is in error.
    public var rewritten: String?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Compares `models.yaml` with a price map in LiteLLM's format and rewrites the values that
/// differ in place (docs/catalog.md).
public enum CatalogSync {
    /// What a sync writes into a changed model's `source`: `"<citation> '<key>'"`, followed by
    /// the notes of the old source (`sourceNotes`).
    public static let defaultCitation = "LiteLLM price map"

    /// The notes of a source written `"<where the price is from>; <notes>"`: everything from
    /// the first `"; "` outside parentheses, or "" without one.
    static func sourceNotes(_ source: String) -> String {
        var depth = 0
        var previous: Character?
        for index in source.indices {
            let character = source[index]
            switch character {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case " " where previous == ";" && depth == 0:
                return String(source[source.index(before: index)...])
            default: break
            }
            previous = character
        }
        return ""
    }

    public static func sync(
        catalogText: String, catalogPath: String, map: PriceMap, asOf: Day,
        citation: String = defaultCitation
    ) -> CatalogSyncResult {
        var diagnostics = Diagnostics()
        let source = SourceText(path: catalogPath, text: catalogText)
        guard let file = CatalogLoader.loadFile(source, diagnostics: &diagnostics) else {
            return CatalogSyncResult(
                diagnostics: diagnostics.sorted, differences: 0, changedModels: [], matched: [], unmatched: [],
                rewritten: nil)
        }
        var run = Run(
            source: source, map: map, asOf: asOf, citation: citation, diagnostics: diagnostics,
            edits: TextEdits(catalogText))
        for place in file.models {
            guard let model = file.catalog.models[place.id] else { continue }
            run.sync(model, at: place)
        }
        let sorted = run.diagnostics.sorted
        let failed = sorted.contains { $0.severity == .error }
        return CatalogSyncResult(
            diagnostics: sorted, differences: run.differences, changedModels: run.changed, matched: run.matched,
            unmatched: run.unmatched, rewritten: failed || run.edits.isEmpty ? nil : run.edits.applied())
    }

    /// One `sync` of a catalog: each model in turn is matched with its map entry, its prices and
    /// retirement date compared, the differences said and written in, and a changed model
    /// marked as checked against the map.
    private struct Run {
        let source: SourceText
        let map: PriceMap
        let asOf: Day
        let citation: String
        var diagnostics: Diagnostics
        var edits: TextEdits
        var differences = 0
        var changed: [String] = []
        var matched: [(id: String, key: String)] = []
        var unmatched: [String] = []

        mutating func sync(_ model: CatalogModel, at place: CatalogFile.ModelPlaces) {
            guard let (entry, input, output) = priced(model, at: place) else { return }
            matched.append((model.id, entry.key))
            var count = comparePrices(model, at: place, with: entry, input: input, output: output)
            count += compareRetirement(model, at: place, with: entry)
            guard count > 0 else { return }
            differences += count
            changed.append(model.id)
            markChecked(model, at: place, against: entry)
        }

        /// The model's entry in the map with its input and output prices; nil, said why, when
        /// the map has no entry for it or one without either price.
        mutating func priced(
            _ model: CatalogModel, at place: CatalogFile.ModelPlaces
        ) -> (entry: PriceMapEntry, input: Double, output: Double)? {
            guard
                let (entry, _) = PriceMapMatch.find(
                    id: model.id, provider: model.provider, litellmKey: place.litellm, in: map)
            else {
                if let key = place.litellm {
                    let mapName = (map.path as NSString).lastPathComponent
                    diagnostics.error(
                        "'litellm: \(key)' of model '\(model.id)' is not a key of the price map \(mapName)",
                        at: place.location(of: .litellm, in: source), in: source)
                } else {
                    let tried = PriceMapMatch.candidates(id: model.id, provider: model.provider)
                    diagnostics.warning(
                        "model '\(model.id)' is not in the price map (tried \(tried.joined(separator: ", ")) "
                            + "and dated releases of them); add 'litellm: <key>' to match it, or keep its "
                            + "prices up to date by hand", at: place.keyLocation, in: source)
                    unmatched.append(model.id)
                }
                return nil
            }
            guard let input = entry.input, let output = entry.output else {
                let at = map.location(ofKey: entry.key)
                diagnostics.error(
                    "the price map's entry '\(entry.key)' (\(at)) for model '\(model.id)' has no "
                        + "\(entry.input == nil ? "input_cost_per_token" : "output_cost_per_token")"
                        + (entry.mode.map { " (mode: \($0))" } ?? "")
                        + "; match another entry with 'litellm: <key>'",
                    at: place.litellm == nil ? place.keyLocation : place.location(of: .litellm, in: source),
                    in: source)
                return nil
            }
            return (entry, input, output)
        }

        /// The input, cached input (when the map has one) and output prices; how many differ.
        mutating func comparePrices(
            _ model: CatalogModel, at place: CatalogFile.ModelPlaces, with entry: PriceMapEntry, input: Double,
            output: Double
        ) -> Int {
            var count = 0
            count += compare(.input, "input price", of: model, at: place, old: model.input, new: input, entry: entry)
            if let cached = entry.cachedInput {
                let written = place.field(.cachedInput) == nil ? nil : model.cachedInput
                count += compare(
                    .cachedInput, "cached input price", of: model, at: place, old: written, new: cached, entry: entry,
                    insertAfter: .input)
            }
            count += compare(
                .output, "output price", of: model, at: place, old: model.output, new: output, entry: entry)
            return count
        }

        /// One price: 1 when it differs from the map's (said, and rewritten or added), else 0.
        mutating func compare(
            _ key: CatalogLoader.ModelKey, _ label: String, of model: CatalogModel, at place: CatalogFile.ModelPlaces,
            old: Double?, new: Double, entry: PriceMapEntry, insertAfter: CatalogLoader.ModelKey? = nil
        ) -> Int {
            if let old, abs(old - new) <= 1e-9 * max(1, abs(new)) { return 0 }
            if let field = place.field(key), case .scalar(let scalar) = field.value {
                let newText = priceText(new, like: scalar.string)
                diagnostics.warning(
                    "\(label) of '\(model.id)' is \(scalar.string) here, \(newText) \(Self.said(entry))",
                    at: source.location(of: field.value), in: source)
                rewrite(scalar, of: field, key, model: model.id, with: newText)
            } else {
                let newText = priceText(new, like: nil)
                diagnostics.warning(
                    "'\(model.id)' has no \(key.name) here (so cached input is billed at the input price); "
                        + "\(newText) \(Self.said(entry))", at: place.keyLocation, in: source)
                insert(key, newText, after: insertAfter, into: place)
            }
            return 1
        }

        /// The map's deprecation date against `retires`: 1 when they differ (said, and
        /// rewritten or added), else 0. A map's date that is not one is said and left out.
        mutating func compareRetirement(
            _ model: CatalogModel, at place: CatalogFile.ModelPlaces, with entry: PriceMapEntry
        ) -> Int {
            if let bad = entry.badDeprecation {
                diagnostics.warning(
                    "the price map's deprecation_date '\(bad)' for '\(model.id)' ('\(entry.key)') is not a date "
                        + "written YYYY-MM-DD; left out", at: place.keyLocation, in: source)
            }
            guard let date = entry.deprecation, date != model.retires else { return 0 }
            if let field = place.field(.retires), case .scalar(let scalar) = field.value {
                diagnostics.warning(
                    "'\(model.id)' retires on \(scalar.string) here, on \(date) \(Self.said(entry))",
                    at: source.location(of: field.value), in: source)
                rewrite(
                    scalar, of: field, .retires, model: model.id,
                    with: yamlScalarText(date.description, like: scalar.style))
            } else {
                diagnostics.warning(
                    "'\(model.id)' has no retirement date here; it retires on \(date) \(Self.said(entry))",
                    at: place.keyLocation, in: source)
                insert(.retires, date.description, after: nil, into: place)
            }
            if model.successor == nil {
                diagnostics.warning(
                    "'\(model.id)' retires on \(date) without a successor: add 'successor: <id>', the "
                        + "model its traffic moves to, or scenarios keep its prices after that day",
                    at: place.location(of: .retires, in: source), in: source)
            }
            return 1
        }

        /// A changed model was checked today (or `--as-of`), against the map: its `as_of` and
        /// `source` say so, the source keeping its notes (`sourceNotes`).
        mutating func markChecked(
            _ model: CatalogModel, at place: CatalogFile.ModelPlaces, against entry: PriceMapEntry
        ) {
            if let field = place.field(.asOf), case .scalar(let scalar) = field.value {
                rewrite(
                    scalar, of: field, .asOf, model: model.id,
                    with: yamlScalarText(asOf.description, like: scalar.style))
            } else {
                insert(.asOf, asOf.description, after: nil, into: place)
            }
            let cited = "\(citation) '\(entry.key)'"
            if let field = place.field(.source), case .scalar(let scalar) = field.value {
                let notes = sourceNotes(scalar.string)
                rewrite(
                    scalar, of: field, .source, model: model.id, with: yamlScalarText(cited + notes, like: scalar.style)
                )
            } else {
                insert(.source, yamlScalarText(cited, like: .doubleQuoted), after: nil, into: place)
            }
        }

        /// How a message names the map's value.
        static func said(_ entry: PriceMapEntry) -> String { "in the price map ('\(entry.key)')" }

        /// Writes `text` in place of `scalar`, the value of `field`; an error when it is not
        /// written as one plain or quoted value on its line.
        mutating func rewrite(
            _ scalar: YAMLScalar, of field: YAMLEntry, _ key: CatalogLoader.ModelKey, model: String, with text: String
        ) {
            if let span = edits.span(of: scalar) {
                edits.replace(span, with: text)
            } else {
                diagnostics.error(
                    "cannot rewrite '\(key.name)' of model '\(model)' in place: it is not written as one plain or "
                        + "quoted value on its line; change it by hand", at: source.location(of: field.value),
                    in: source)
            }
        }

        /// Adds `key: value` to the model's block mapping: after the value of `after`, else
        /// before `as_of` (unless it is `as_of` or `source`), else at the end of the block. An
        /// error for a model written as a flow mapping.
        mutating func insert(
            _ key: CatalogLoader.ModelKey, _ value: String, after: CatalogLoader.ModelKey?,
            into place: CatalogFile.ModelPlaces
        ) {
            guard let first = place.fields.first,
                source.line(place.location.line).map({ line in
                    line.unicodeScalars.dropFirst(place.location.column - 1).first != "{"
                }) == true
            else {
                diagnostics.error(
                    "cannot add '\(key.name): \(value)' to model '\(place.id)': it is written as a flow "
                        + "mapping ({...}); add it by hand", at: place.keyLocation, in: source)
                return
            }
            let indent = first.keyLocation.column - 1
            let line: Int
            if let after, let field = place.field(after) {
                line = source.location(of: field.value).line + 1
            } else if let asOf = place.field(.asOf), key != .asOf, key != .source {
                line = asOf.keyLocation.line
            } else {
                let lastKey = place.fields.map(\.keyLocation.line).max() ?? first.keyLocation.line
                line = edits.lastLine(ofBlockFrom: lastKey, indent: indent) + 1
            }
            edits.insertLines(String(repeating: " ", count: indent) + "\(key.name): \(value)\n", beforeLine: line)
        }
    }
}
