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

    /// Today in UTC, the default date of `--as-of`.
    public static func today() -> Day? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    static func catalogPath(_ content: URL) -> (path: String, display: String) {
        let url = content.appendingPathComponent("models.yaml")
        return (url.path, Paths.display(url))
    }

    /// `models.yaml`'s text and the price map at `mapPath`, for `sync` and `add`; nil when either
    /// cannot be read (the diagnostics say why).
    static func readSources(
        content: URL, mapPath: String, diagnostics: inout Diagnostics
    ) -> (source: SourceText, path: String, display: String, map: PriceMap)? {
        let (path, display) = catalogPath(content)
        guard let source = SourceFile.read(path: path, displayPath: display, diagnostics: &diagnostics),
            let map = PriceMap.read(path: mapPath, displayPath: mapPath, diagnostics: &diagnostics)
        else { return nil }
        return (source, path, display, map)
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
        var diagnostics = Diagnostics()
        guard
            case let (source, path, display, map)? = readSources(
                content: content, mapPath: mapPath, diagnostics: &diagnostics)
        else {
            return Outcome(diagnostics: diagnostics.sorted, summary: "Nothing was compared; models.yaml is untouched.")
        }
        let result = CatalogSync.sync(
            catalogText: source.text, catalogPath: display, map: map, asOf: asOf, citation: citation)
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
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                summary += "; \(display) rewritten, as_of \(asOf)."
            } catch {
                outcome.writeFailed = true
                summary += "; could not write \(display): \(error.localizedDescription)"
            }
        } else {
            summary += "; nothing to write."
        }
        outcome.summary = summary
        return outcome
    }

    /// `catalog add`: appends the map's entry `key` to `models.yaml`.
    public static func add(
        content: URL, key: String, as name: String?, mapPath: String, asOf: Day,
        citation: String = CatalogSync.defaultCitation
    ) -> Outcome {
        var diagnostics = Diagnostics()
        guard
            case let (source, path, display, map)? = readSources(
                content: content, mapPath: mapPath, diagnostics: &diagnostics)
        else {
            return Outcome(diagnostics: diagnostics.sorted, summary: "Nothing was added; models.yaml is untouched.")
        }
        let result = CatalogAdd.add(
            key: key, as: name, catalogText: source.text, catalogPath: display, map: map, asOf: asOf,
            citation: citation)
        var outcome = Outcome(diagnostics: result.diagnostics, summary: "")
        guard let text = result.rewritten else {
            outcome.summary = "Nothing was added; models.yaml is untouched."
            return outcome
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            outcome.summary = "Added '\(result.id)' (\(key)) to \(display)."
        } catch {
            outcome.writeFailed = true
            outcome.summary = "could not write \(display): \(error.localizedDescription)"
        }
        return outcome
    }
}
