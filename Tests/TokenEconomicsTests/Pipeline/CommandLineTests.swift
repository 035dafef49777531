import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// The `token-economics` program itself: its exit statuses and what it prints.
@Suite struct CommandLineTests {
    /// The program SwiftPM builds beside the test bundle.
    static var program: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("token-economics")
    }

    typealias Run = ProgramRun

    func run(_ arguments: [String]) throws -> Run {
        try runProgram(arguments)
    }

    let content = fixturesRoot.appendingPathComponent("site/content").path
    let templates = repositoryRoot.appendingPathComponent("templates").path

    @Test func theProgramIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.program.path), "no program at \(Self.program.path)")
    }

    @Test func buildSucceedsWithOneSummaryLine() throws {
        let output = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(["build", "--content", content, "--templates", templates, "--output", output.path])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Built 9 pages, 2 scenarios, 0 warnings in ") == true)
    }

    @Test func contentErrorsExitWithOneAndWriteNothing() throws {
        let site = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try write(["content/models.yaml": "as_of: 2027-01-01\nmodels: {}\n"], under: site)
        let output = site.appendingPathComponent("out")
        let result = try run([
            "build", "--content", site.appendingPathComponent("content").path,
            "--templates", templates, "--output", output.path,
        ])
        #expect(result.status == 1)
        #expect(result.errors.contains("models.yaml:2:9: error: the catalog has no models"))
        #expect(result.errors.contains("Nothing was written: 1 error."))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func wrongUsageExitsWithTwo() throws {
        #expect(try run(["build", "--no-such-option"]).status == 2)
        #expect(try run(["build", "--base-url", "example.org"]).status == 2)
        #expect(try run(["check", "--format", "xml"]).status == 2)
    }

    @Test func anOutputThatCannotBeWrittenExitsWithThree() throws {
        let result = try run(["build", "--content", content, "--templates", templates, "--output", "/dev/null/site"])
        #expect(result.status == 3)
        #expect(result.errors.contains("error: cannot write /dev/null/site"))
    }

    @Test func checkPrintsJSONForCI() throws {
        let result = try run(["check", "--content", content, "--templates", templates, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.output == "[]\n")
    }
}
