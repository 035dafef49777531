import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// The workflow commands of the program itself: `diff`, `check --format github`, `init`, `new`.
@Suite struct WorkflowCommandTests {
    let cli = CommandLineTests()

    @Test func diffGatesOnTheMarginAndExitsWithOne() throws {
        let root = try DiffTests.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = root.appendingPathComponent("before").path, after = root.appendingPathComponent("after").path
        let markdown = try cli.run(["diff", before, "--content", after, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.output == DiffTests.expectedMarkdown)
        // Flat's margin falls by 0.01.
        let gated = try cli.run(["diff", before, "--content", after, "--fail-on-margin-drop", "0.005"])
        #expect(gated.status == 1)
        #expect(
            gated.errors
                == "error: flat: gross margin 98.0% → 97.0% (−1.0 pts), more than --fail-on-margin-drop 0.005\n")
        #expect(try cli.run(["diff", before, "--content", after, "--fail-on-margin-drop", "0.02"]).status == 0)
        let json = try cli.run(["diff", before, "--content", after, "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((parsed["scenarios"] as? [Any])?.count == 3)
    }

    @Test func diffUsageErrorsExitWithTwo() throws {
        let root = try DiffTests.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = root.appendingPathComponent("before").path
        #expect(try cli.run(["diff", before, "--fail-on-margin-drop", "-1"]).status == 2)
        #expect(try cli.run(["diff", before, "--format", "html"]).status == 2)
        let missing = try cli.run(["diff", root.appendingPathComponent("nowhere").path, "--content", before])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("nowhere: no such folder"))
    }

    @Test func diffOfBrokenContentExitsWithOne() throws {
        let root = try DiffTests.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(["after/scenarios/flat.yaml": "name: Flat\nmonths: x\n"], under: root)
        let result = try cli.run([
            "diff", root.appendingPathComponent("before").path, "--content", root.appendingPathComponent("after").path,
        ])
        #expect(result.status == 1)
        #expect(result.errors.contains("flat.yaml:2:9: error:"))
    }

    /// The program alone, from a folder with no templates/: init, build --strict, new, build
    /// again; a second init and a missing --templates folder are refused.
    @Test func initAndNewFromTheProgram() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let initialized = try cli.run(["init", site.path])
        #expect(initialized.status == 0)
        #expect(initialized.output.hasPrefix("Wrote 5 files into "))
        let built = try cli.run(["build", "--strict"], in: site)
        #expect(built.status == 0, "\(built.errors)")
        #expect(built.output.hasPrefix("Built "))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("output/index.html").path))
        #expect(try cli.run(["new", "scenario", "second"], in: site).status == 0)
        #expect(try cli.run(["new", "essay", "notes"], in: site).status == 0)
        let again = try cli.run(["build", "--strict", "--drafts"], in: site)
        #expect(again.status == 0, "\(again.errors)")
        #expect(
            FileManager.default.fileExists(atPath: site.appendingPathComponent("output/scenarios/second.html").path))
        #expect(try cli.run(["new", "scenario", "second"], in: site).status == 3)
        #expect(try cli.run(["new", "essay", "Not_A_Slug"], in: site).status == 2)
        #expect(try cli.run(["init", site.path]).status == 3)
        #expect(try cli.run(["build", "--templates", "nowhere"], in: site).status == 2)
    }

    @Test func checkPrintsGitHubAnnotations() throws {
        let site = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try write(["content/models.yaml": "as_of: 2027-01-01\nmodels: {}\n"], under: site)
        let result = try cli.run([
            "check", "--content", site.appendingPathComponent("content").path, "--templates", cli.templates,
            "--format", "github",
        ])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("::error file="))
        #expect(result.output.hasSuffix("models.yaml,line=2,col=9,title=token-economics::the catalog has no models\n"))
    }
}

extension CommandLineTests {
    /// Runs the program with `arguments` in `folder`.
    func run(_ arguments: [String], in folder: URL) throws -> Run {
        try runProgram(arguments, in: folder)
    }
}
