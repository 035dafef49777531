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
        var edits = TextEdits(catalogText)
        var differences = 0
        var changed: [String] = []
        var matched: [(id: String, key: String)] = []
        var unmatched: [String] = []
        let mapName = (map.path as NSString).lastPathComponent
        for place in file.models {
            guard let model = file.catalog.models[place.id] else { continue }
            guard
                let (entry, _) = PriceMapMatch.find(
                    id: model.id, provider: model.provider, litellmKey: place.litellm, in: map)
            else {
                if let key = place.litellm {
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
                continue
            }
            guard let mapInput = entry.input, let mapOutput = entry.output else {
                let at = map.location(ofKey: entry.key)
                diagnostics.error(
                    "the price map's entry '\(entry.key)' (\(at)) for model '\(model.id)' has no "
                        + "\(entry.input == nil ? "input_cost_per_token" : "output_cost_per_token")"
                        + (entry.mode.map { " (mode: \($0))" } ?? "")
                        + "; match another entry with 'litellm: <key>'",
                    at: place.litellm == nil ? place.keyLocation : place.location(of: .litellm, in: source),
                    in: source)
                continue
            }
            matched.append((model.id, entry.key))
            var count = 0
            let said = "in the price map ('\(entry.key)')"

            func compare(
                _ key: CatalogLoader.ModelKey, label: String, old: Double?, new: Double,
                insertAfter: CatalogLoader.ModelKey?
            ) {
                if let old, abs(old - new) <= 1e-9 * max(1, abs(new)) { return }
                count += 1
                let newText: String
                if let field = place.field(key), case .scalar(let scalar) = field.value {
                    newText = priceText(new, like: scalar.string)
                    diagnostics.warning(
                        "\(label) of '\(model.id)' is \(scalar.string) here, \(newText) \(said)",
                        at: source.location(of: field.value), in: source)
                    if let span = edits.span(of: scalar) {
                        edits.replace(span, with: newText)
                    } else {
                        cannotRewrite(key, model: model.id, at: source.location(of: field.value))
                    }
                } else {
                    newText = priceText(new, like: nil)
                    diagnostics.warning(
                        "'\(model.id)' has no \(key.name) here (so cached input is billed at the input price); \(newText) \(said)",
                        at: place.keyLocation, in: source)
                    insert(key, newText, after: insertAfter, into: place)
                }
            }

            func cannotRewrite(_ key: CatalogLoader.ModelKey, model: String, at location: SourceLocation) {
                diagnostics.error(
                    "cannot rewrite '\(key.name)' of model '\(model)' in place: it is not written as one plain or "
                        + "quoted value on its line; change it by hand", at: location, in: source)
            }

            func insert(
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

            compare(.input, label: "input price", old: model.input, new: mapInput, insertAfter: nil)
            if let mapCached = entry.cachedInput {
                let written = place.field(.cachedInput) == nil ? nil : model.cachedInput
                compare(.cachedInput, label: "cached input price", old: written, new: mapCached, insertAfter: .input)
            }
            compare(.output, label: "output price", old: model.output, new: mapOutput, insertAfter: nil)

            if let bad = entry.badDeprecation {
                diagnostics.warning(
                    "the price map's deprecation_date '\(bad)' for '\(model.id)' ('\(entry.key)') is not a date "
                        + "written YYYY-MM-DD; left out", at: place.keyLocation, in: source)
            }
            if let date = entry.deprecation, date != model.retires {
                count += 1
                if let field = place.field(.retires), case .scalar(let scalar) = field.value {
                    diagnostics.warning(
                        "'\(model.id)' retires on \(scalar.string) here, on \(date) \(said)",
                        at: source.location(of: field.value), in: source)
                    if let span = edits.span(of: scalar) {
                        edits.replace(span, with: yamlScalarText(date.description, like: scalar.style))
                    } else {
                        cannotRewrite(.retires, model: model.id, at: source.location(of: field.value))
                    }
                } else {
                    diagnostics.warning(
                        "'\(model.id)' has no retirement date here; it retires on \(date) \(said)",
                        at: place.keyLocation, in: source)
                    insert(.retires, date.description, after: nil, into: place)
                }
                if model.successor == nil {
                    diagnostics.warning(
                        "'\(model.id)' retires on \(date) without a successor: add 'successor: <id>', the "
                            + "model its traffic moves to, or scenarios keep its prices after that day",
                        at: place.location(of: .retires, in: source), in: source)
                }
            }
            guard count > 0 else { continue }
            differences += count
            changed.append(model.id)

            // The changed model was checked today (or --as-of), against the map.
            if let field = place.field(.asOf), case .scalar(let scalar) = field.value {
                if let span = edits.span(of: scalar) {
                    edits.replace(span, with: yamlScalarText(asOf.description, like: scalar.style))
                } else {
                    cannotRewrite(.asOf, model: model.id, at: source.location(of: field.value))
                }
            } else {
                insert(.asOf, asOf.description, after: nil, into: place)
            }
            let cited = "\(citation) '\(entry.key)'"
            if let field = place.field(.source), case .scalar(let scalar) = field.value {
                let notes = sourceNotes(scalar.string)
                if let span = edits.span(of: scalar) {
                    edits.replace(span, with: yamlScalarText(cited + notes, like: scalar.style))
                } else {
                    cannotRewrite(.source, model: model.id, at: source.location(of: field.value))
                }
            } else {
                insert(.source, yamlScalarText(cited, like: .doubleQuoted), after: nil, into: place)
            }
        }
        let sorted = diagnostics.sorted
        let failed = sorted.contains { $0.severity == .error }
        return CatalogSyncResult(
            diagnostics: sorted, differences: differences, changedModels: changed, matched: matched,
            unmatched: unmatched, rewritten: failed || edits.isEmpty ? nil : edits.applied())
    }
}
