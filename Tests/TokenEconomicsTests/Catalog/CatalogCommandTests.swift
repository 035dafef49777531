import CatalogFixtures
import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// `token-economics catalog …` run as a program: exit statuses and what is written.
@Suite struct CatalogCommandTests {
    let program = CommandLineTests()

    func contentFolder(_ catalog: String) throws -> URL {
        let site = try makeTemporaryFolder()
        try write(["content/models.yaml": catalog], under: site)
        return site.appendingPathComponent("content")
    }

    func catalogText(_ content: URL) throws -> String {
        try String(contentsOf: content.appendingPathComponent("models.yaml"), encoding: .utf8)
    }

    @Test func checkExitsOneWhileAnythingDiffersAndZeroOnceWritten() throws {
        let content = try contentFolder(syncCatalog)
        defer { try? FileManager.default.removeItem(at: content.deletingLastPathComponent()) }
        let sync = [
            "catalog", "sync", "--content", content.path, "--from", priceMapExcerpt.path, "--as-of", "2026-11-30",
        ]

        let checked = try program.run(sync + ["--check"])
        #expect(checked.status == 1)
        #expect(try catalogText(content) == syncCatalog)
        #expect(checked.errors.contains("models.yaml:6:12: warning: input price of 'gpt-4o' is 2.75 here, 2.50"))
        #expect(
            checked.output.hasSuffix(
                "6 models compared with \(priceMapExcerpt.path) (14 entries): 9 values differ in 4 models, "
                    + "1 not in the map; nothing written (--write writes them).\n"))

        let plain = try program.run(sync)
        #expect(plain.status == 0)

        let written = try program.run(sync + ["--write"])
        #expect(written.status == 0)
        #expect(try catalogText(content) == syncedCatalog)

        let again = try program.run(sync + ["--check"])
        #expect(again.status == 0, "\(again.errors)")
    }

    @Test func aMalformedMapLeavesTheCatalogUntouched() throws {
        let content = try contentFolder(syncCatalog)
        defer { try? FileManager.default.removeItem(at: content.deletingLastPathComponent()) }
        let map = content.deletingLastPathComponent().appendingPathComponent("map.json")
        try Data("{\"gpt-4o\": {\"input_cost_per_token\": 2.5e-06,\n".utf8).write(to: map)
        let result = try program.run(["catalog", "sync", "--content", content.path, "--from", map.path, "--write"])
        #expect(result.status == 1)
        #expect(result.errors.contains("error: the price map is not valid JSON"))
        #expect(result.output == "Nothing was compared; models.yaml is untouched.\n")
        #expect(try catalogText(content) == syncCatalog)
    }

    @Test func anEntryWithoutPricesLeavesTheCatalogUntouched() throws {
        let catalog = syncCatalog.replacingOccurrences(
            of: "    litellm: gemini/gemini-2.5-pro", with: "    litellm: deepseek/search")
        let content = try contentFolder(catalog)
        defer { try? FileManager.default.removeItem(at: content.deletingLastPathComponent()) }
        let result = try program.run([
            "catalog", "sync", "--content", content.path, "--from", priceMapExcerpt.path, "--write",
        ])
        #expect(result.status == 1)
        #expect(result.errors.contains("has no input_cost_per_token (mode: search)"))
        #expect(result.output.hasSuffix("; models.yaml is untouched (errors).\n"))
        #expect(try catalogText(content) == catalog)
    }

    @Test func addThenList() throws {
        let content = try contentFolder(
            "as_of: 2026-07-29\nmodels:\n  a:\n    provider: OpenAI\n    input: 1\n    output: 2\n")
        defer { try? FileManager.default.removeItem(at: content.deletingLastPathComponent()) }
        let added = try program.run([
            "catalog", "add", "gpt-4o", "--content", content.path, "--from", priceMapExcerpt.path, "--as-of",
            "2026-11-30",
        ])
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.hasPrefix("Added 'gpt-4o' (gpt-4o) to "))
        let listed = try program.run(["catalog", "list", "--content", content.path, "--format", "json"])
        #expect(listed.status == 0)
        #expect(listed.output.contains("\"id\": \"gpt-4o\""))
        #expect(listed.output.contains("\"retires\": \"2027-01-14\""))
        let usage = try program.run(["catalog", "sync", "--content", content.path])
        #expect(usage.status == 2)
        let badDate = try program.run([
            "catalog", "sync", "--content", content.path, "--from", priceMapExcerpt.path, "--as-of", "30/11/2026",
        ])
        #expect(badDate.status == 2)
    }
}
