import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// Whole pages of the fixture site against the files in `Tests/TokenEconomicsTests/Expected/`.
///
/// After an intended change to templates or rendering, refresh them with `make expected`
/// (which runs this suite with `UPDATE_EXPECTED=1`), then read the diff before committing.
@Suite struct ExpectedPagesTests {
    static let pages = [
        "index.html", "essays/essay.html", "scenarios/runner.html", "scenarios/builder.html",
        "compare.html", "models.html", "report.html", "404.html", "data/runner.json", "data/runner.csv",
        "data/scenarios.csv",
    ]
    static let expected = repositoryRoot.appendingPathComponent("Tests/TokenEconomicsTests/Expected")

    @Test(arguments: pages) func pageMatchesItsExpectedFile(_ page: String) throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let paths = Paths(
            content: fixturesRoot.appendingPathComponent("site/content"),
            templates: repositoryRoot.appendingPathComponent("templates"), output: output)
        _ = try Generator.build(paths).get()
        let actual = try Data(contentsOf: output.appendingPathComponent(page))
        let file = Self.expected.appendingPathComponent(page)
        if ProcessInfo.processInfo.environment["UPDATE_EXPECTED"] == "1" {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file)
            return
        }
        let wanted = try Data(contentsOf: file)
        #expect(
            actual == wanted,
            "\(page) differs from Tests/TokenEconomicsTests/Expected/\(page); run `make expected` if the change is intended"
        )
    }
}
