import Basics
import Content
import CostModel
import Foundation
import Testing
import TestSupport

@testable import Pages

/// The files a renderer hands over, by path, in memory.
final class MemorySink: SiteSink {
    let files = Locked([String: Data]())
    func put(_ path: String, _ text: TextBuffer) { put(path, Data(text.bytes)) }
    func put(_ path: String, _ data: Data) { files.withLock { $0[path] = data } }
    /// The file at `path` as text; empty when none was rendered.
    func text(_ path: String) -> String { String(decoding: files.withLock { $0[path] } ?? Data(), as: UTF8.self) }
}

/// A renderer of the content folder at `folder`, with the repository's templates: the content
/// loaded, every scenario projected and kept as its summary (by address), as the pipeline hands
/// them to the pages. The pipeline's own checks (strict mode, links, aliases) are its tests'.
func makeRenderer(content folder: URL, options: BuildOptions = BuildOptions()) throws -> SiteRenderer {
    var diagnostics = Diagnostics()
    let content = ContentLoader.load(from: folder, displayPrefix: "content", diagnostics: &diagnostics)
    let templates = Templates.load(
        from: repositoryRoot.appendingPathComponent("templates"), displayPrefix: "templates",
        diagnostics: &diagnostics)
    try #require(!diagnostics.hasErrors, "\(diagnostics.sorted.map(\.description))")
    let catalog = try #require(content.catalog)
    let scenarios = content.scenarios.sorted { $0.scenario.slug < $1.scenario.slug }.map { file in
        ComputedScenario(
            scenario: file.scenario,
            summary: ScenarioSummary(
                Projection(scenario: file.scenario, catalog: catalog), scenario: file.scenario, catalog: catalog))
    }
    return SiteRenderer(
        content: content, catalog: catalog, scenarios: scenarios, templates: try #require(templates),
        options: options)
}

/// The whole site of a content folder holding `files` (path → text), rendered in memory.
func renderSite(_ files: [String: String], options: BuildOptions = BuildOptions()) throws -> MemorySink {
    let root = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write(files, under: root)
    let sink = MemorySink()
    _ = try makeRenderer(content: root, options: options).render(into: sink)
    return sink
}
