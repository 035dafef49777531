import Basics
import Content
import CostModel
import Formats
import Foundation

/// `catalog add`: a model of the price map appended to `models.yaml`, every other byte kept.
public enum CatalogAdd {
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// The id the model was added as.
        public var id: String
        /// The new `models.yaml`; nil on any error.
        public var rewritten: String?
    }

    /// The catalog's name for LiteLLM's `litellm_provider`, or the catalog's own spelling of
    /// it when a model already uses one.
    static func providerName(_ litellmProvider: String?, known: [String]) -> String {
        let raw = litellmProvider ?? "unknown"
        let name: String
        switch raw {
        case "openai", "text-completion-openai": name = "OpenAI"
        case "anthropic": name = "Anthropic"
        case "gemini", "vertex_ai-language-models": name = "Google"
        case "deepseek": name = "DeepSeek"
        case "mistral": name = "Mistral"
        case "xai": name = "xAI"
        default: name = raw
        }
        return known.first { $0.lowercased() == name.lowercased() } ?? name
    }

    /// The catalog id for a map key: its last `/` part, lower case, `.` and `_` as `-`.
    public static func catalogID(forKey key: String) -> String {
        let last = key.split(separator: "/").last.map(String.init) ?? key
        return String(last.lowercased().map { $0 == "." || $0 == "_" || $0 == ":" ? "-" : $0 })
    }

    public static func add(
        key: String, as name: String?, catalogText: String, catalogPath: String, map: PriceMap, asOf: Day,
        citation: String = CatalogSync.defaultCitation
    ) -> Result {
        var diagnostics = Diagnostics()
        let source = SourceText(path: catalogPath, text: catalogText)
        let id = name ?? catalogID(forKey: key)
        func fail(_ message: String, at location: SourceLocation? = nil) -> Result {
            diagnostics.error(message, at: location ?? source.location(line: 1, column: 1))
            return Result(diagnostics: diagnostics.sorted, id: id, rewritten: nil)
        }
        guard let file = CatalogLoader.loadFile(source, diagnostics: &diagnostics) else {
            return Result(diagnostics: diagnostics.sorted, id: id, rewritten: nil)
        }
        guard let entry = map.entries[key] else {
            var message = "the price map has no entry '\(key)'"
            if let near = suggestion(for: key, in: map.entries.keys.sorted()) { message += "; did you mean '\(near)'?" }
            return fail(message, at: SourceLocation(file: map.path, line: 1, column: 1))
        }
        guard let input = entry.input, let output = entry.output else {
            return fail(
                "the price map's entry '\(key)' has no input and output prices per token"
                    + (entry.mode.map { " (mode: \($0))" } ?? ""), at: map.location(ofKey: key))
        }
        guard isValidSlug(id) else {
            return fail("'\(id)' cannot be a model id: use only a-z, 0-9 and '-' (give one with --as)")
        }
        if let existing = file.places(of: id) {
            return fail("model '\(id)' is already in the catalog", at: existing.keyLocation)
        }
        guard let last = file.models.last, let firstField = last.fields.first,
            source.line(last.location.line).map({ $0.unicodeScalars.dropFirst(last.location.column - 1).first != "{" })
                == true
        else {
            return fail("cannot append to 'models': its last model is not a block mapping", at: file.modelsLocation)
        }
        let provider = providerName(entry.provider, known: file.catalog.providers)
        let keyIndent = String(repeating: " ", count: last.keyLocation.column - 1)
        let fieldIndent = String(repeating: " ", count: firstField.keyLocation.column - 1)
        var lines = ["\(keyIndent)\(id):"]
        func field(_ key: CatalogLoader.ModelKey, _ value: String) {
            lines.append("\(fieldIndent)\(key.name): \(value)")
        }
        field(.provider, yamlScalarText(provider, like: .plain))
        if PriceMapMatch.find(id: id, provider: provider, litellmKey: nil, in: map)?.entry.key != key {
            field(.litellm, yamlScalarText(key, like: .plain))
        }
        field(.input, priceText(input, like: nil))
        if let cached = entry.cachedInput { field(.cachedInput, priceText(cached, like: nil)) }
        field(.output, priceText(output, like: nil))
        if let date = entry.deprecation { field(.retires, date.description) }
        field(.asOf, asOf.description)
        field(.source, yamlScalarText("\(citation) '\(key)'", like: .doubleQuoted))
        var edits = TextEdits(catalogText)
        let lastKey = last.fields.map(\.keyLocation.line).max() ?? last.keyLocation.line
        let end = edits.lastLine(ofBlockFrom: lastKey, indent: firstField.keyLocation.column - 1)
        edits.insertLines(lines.joined(separator: "\n") + "\n", beforeLine: end + 1)
        let text = edits.applied()
        if let date = entry.deprecation {
            let added = SourceText(path: catalogPath, text: text)
            let line = end + 1
            diagnostics.warning(
                "'\(id)' retires on \(date) in the price map: add 'successor: <id>', the model its traffic "
                    + "moves to", at: added.location(line: line, column: keyIndent.count + 1), in: added)
        }
        // The result must read back as a catalog with the new model: anything else is a bug here.
        var check = Diagnostics()
        guard let reread = CatalogLoader.load(SourceText(path: catalogPath, text: text), diagnostics: &check),
            reread.models[id] != nil
        else {
            return fail("adding '\(id)' would not give a valid catalog; models.yaml was not changed")
        }
        return Result(diagnostics: diagnostics.sorted, id: id, rewritten: text)
    }
}
