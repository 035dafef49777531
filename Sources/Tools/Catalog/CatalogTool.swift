import Basics
import Content
import CostModel
import Foundation

/// The file work of `token-economics catalog …`: read `models.yaml` and the price map, run
/// the comparison, write the catalog back only when asked and only when nothing is in error.
public enum CatalogTool {
    /// What a command did, for the command line to print and exit on.
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        /// One line for standard output.
        public var summary: String
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        /// Values that differ from the map (sync).
        public var differences = 0
        /// The catalog could not be written (exit status 3).
        public var writeFailed = false
    }

    static func catalogPath(_ content: URL) -> (path: String, display: String) {
        let url = content.appendingPathComponent("models.yaml")
        return (url.path, Paths.display(url))
    }

    /// `models.yaml` as `sync` and `add` see it: its text, the name messages give it, and a way
    /// to write it back whole (an atomic replace).
    struct CatalogSource {
        var source: SourceText
        var display: String
        var path: String

        /// Nil once written, else why it could not be.
        func write(_ text: String) -> String? {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                return nil
            } catch {
                return error.localizedDescription
            }
        }
    }

    /// Reads `models.yaml` and the price map at `mapPath` and runs `command` on them; when either
    /// cannot be read, the outcome is the diagnostics that say why and the summary `untouched`.
    static func withSources(
        content: URL, mapPath: String, untouched: String, _ command: (CatalogSource, PriceMap) -> Outcome
    ) -> Outcome {
        var diagnostics = Diagnostics()
        let (path, display) = catalogPath(content)
        guard let source = SourceFile.read(path: path, displayPath: display, diagnostics: &diagnostics),
            let map = PriceMap.read(path: mapPath, displayPath: mapPath, diagnostics: &diagnostics)
        else { return Outcome(diagnostics: diagnostics.sorted, summary: untouched) }
        return command(CatalogSource(source: source, display: display, path: path), map)
    }

    /// `models.yaml` read as a catalog (nil on errors), with the diagnostics of reading it.
    public static func loadCatalog(content: URL) -> (Catalog?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let (path, display) = catalogPath(content)
        guard let source = SourceFile.read(path: path, displayPath: display, diagnostics: &diagnostics) else {
            return (nil, diagnostics.sorted)
        }
        let catalog = CatalogLoader.load(source, diagnostics: &diagnostics)
        return (catalog, diagnostics.sorted)
    }

    /// `catalog sync`: compares and, with `write`, rewrites the differing values in place.
    public static func sync(
        content: URL, mapPath: String, write: Bool, asOf: Day, citation: String = CatalogSync.defaultCitation
    ) -> Outcome {
        withSources(content: content, mapPath: mapPath, untouched: "Nothing was compared; models.yaml is untouched.") {
            catalog, map in
            let display = catalog.display
            let result = CatalogSync.sync(
                catalogText: catalog.source.text, catalogPath: display, map: map, asOf: asOf, citation: citation)
            var outcome = Outcome(diagnostics: result.diagnostics, summary: "", differences: result.differences)
            let models = result.matched.count + result.unmatched.count
            var summary =
                "\(models) model\(models == 1 ? "" : "s") compared with \(mapPath) (\(map.entries.count) entries): "
                + "\(result.differences) value\(result.differences == 1 ? "" : "s") differ"
                + (result.differences == 1 ? "s" : "")
                + " in \(result.changedModels.count) model\(result.changedModels.count == 1 ? "" : "s"), "
                + "\(result.unmatched.count) not in the map"
            if result.hasErrors {
                summary += "; models.yaml is untouched (errors)."
            } else if !write {
                summary += result.differences > 0 ? "; nothing written (--write writes them)." : "."
            } else if let text = result.rewritten {
                if let problem = catalog.write(text) {
                    outcome.writeFailed = true
                    summary += "; could not write \(display): \(problem)"
                } else {
                    summary += "; \(display) rewritten, as_of \(asOf)."
                }
            } else {
                summary += "; nothing to write."
            }
            outcome.summary = summary
            return outcome
        }
    }

    /// `catalog add`: appends the map's entry `key` to `models.yaml`.
    public static func add(
        content: URL, key: String, as name: String?, mapPath: String, asOf: Day,
        citation: String = CatalogSync.defaultCitation
    ) -> Outcome {
        let untouched = "Nothing was added; models.yaml is untouched."
        return withSources(content: content, mapPath: mapPath, untouched: untouched) { catalog, map in
            let result = CatalogAdd.add(
                key: key, as: name, catalogText: catalog.source.text, catalogPath: catalog.display, map: map,
                asOf: asOf, citation: citation)
            var outcome = Outcome(diagnostics: result.diagnostics, summary: untouched)
            guard let text = result.rewritten else { return outcome }
            if let problem = catalog.write(text) {
                outcome.writeFailed = true
                outcome.summary = "could not write \(catalog.display): \(problem)"
            } else {
                outcome.summary = "Added '\(result.id)' (\(key)) to \(catalog.display)."
            }
            return outcome
        }
    }
}
