import Basics
import Content
import CostModel
import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics
@testable import Views

/// What a build keeps of its scenarios to the end (docs/performance.md, "What a build holds"):
/// each computed scenario once, shared by every list the pages make of them, with a summary of
/// only what the shared pages read.
@Suite struct ComputedScenariosTests {
    static let models =
        "as_of: 2027-01-01\nmodels:\n  m: {provider: P, input: 1, output: 2, rpm: 100}\n  mini: {provider: Q, input: 1, output: 1}\n"

    /// A scenario with a run side on `m`: 10 users × 100 requests a month at `price` a user.
    static func run(_ name: String, price: Int) -> String {
        "name: \(name)\nstart: 2027-01\nmonths: 3\nusers: {start: 10}\nprice_per_user: \(price)\nrun:\n"
            + "  requests_per_user: 100\n  input_tokens: 1000\n  output_tokens: 500\n  routing:\n    m: 1\n"
    }

    static func load(_ files: [String: String]) throws -> (SiteContent, [ComputedScenario], Diagnostics) {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(files, under: root)
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(from: root, displayPrefix: "content", diagnostics: &diagnostics)
        let computed = Generator.computeProjections(content, diagnostics: &diagnostics)
        return (content, computed, diagnostics)
    }

    @Test func theComputedScenariosAreHeldOnceInSlugOrderWithoutTheOverflowingOne() throws {
        let (_, computed, diagnostics) = try Self.load([
            "models.yaml": Self.models,
            // Listed as `c`, `a`, `b` would not be: the files come in path order, the computed
            // scenarios in slug order.
            "scenarios/c.yaml": Self.run("C", price: 3),
            "scenarios/a.yaml": Self.run("A", price: 1),
            // 1,000 users growing 501-fold a month overflow (SafetyTests): taken out, an error.
            "scenarios/b.yaml": "name: B\nmonths: 120\nusers: {start: 1000, growth: 500}\nprice_per_user: 5\n"
                + "build: {developers: 1, tokens_per_developer: 1000, model: mini}\n",
            "scenarios/d.yaml": Self.run("D", price: 4),
        ])
        #expect(computed.map(\.scenario.slug) == ["a", "c", "d"])
        #expect(diagnostics.all.filter { $0.severity == .error }.map(\.location.file) == ["content/scenarios/b.yaml"])
        // Every list the pages make of them shares the one computed scenario, not a copy.
        let tables = EssayTables(scenarios: computed, link: { $0 })
        #expect(zip(tables.withRun, computed).allSatisfy { $0 === $1 })
        #expect(tables.withRun.count == 3)
    }

    /// The summary keeps no table rows (scaling, price sensitivity, rate limits, providers) and
    /// one strategy, but the figures the shared pages read of them, the same as the full
    /// projection's.
    @Test func theSummaryKeepsTheFewFiguresTheSharedPagesReadOfItsTables() throws {
        let (content, computed, _) = try Self.load([
            "models.yaml": Self.models, "scenarios/a.yaml": Self.run("A", price: 3),
        ])
        let item = try #require(computed.first)
        let catalog = try #require(content.catalog)
        let summary = item.summary
        #expect(summary.figures.scaling.isEmpty && summary.figures.priceSensitivity.isEmpty)
        #expect(summary.figures.rateLimits.isEmpty && summary.figures.providers.isEmpty)
        #expect(summary.figures.strategies.count == 1)
        #expect(summary.figures.strategies[0].outcomes.allSatisfy { $0.monthlyDowntimeHours.isEmpty })

        // Each month: 10 users × 100 requests × (1000 × 1 + 500 × 2) / 1e6 = 2 of run tokens,
        // revenue 10 × 3 = 30. Token cost a user: 2 / 10 = 0.2 at 1×, (1000 × 2) / (1000 × 10) =
        // 0.2 at 1000×. Gross margin (30 − k × 2) / 30: 28/30 at k = 1, 26/30 at k = 2, so
        // doubled prices lose 2/30 of it.
        #expect(isClose(summary.tokenCostPerUser.single, 0.2))
        #expect(isClose(summary.tokenCostPerUser.thousandfold, 0.2))
        #expect(isClose(summary.marginLostIfPricesDouble, 2.0 / 30.0))
        // One provider (P) on the run side; `m` allows 100 requests a minute, far above the
        // 1,000 requests a month, and throttles no month.
        #expect(summary.providerCount == 1)
        #expect((summary.rateLimitHeadroom ?? 0) > 1)
        #expect(summary.throttledFromMonth == nil)

        // As the full projection, computed again, has them.
        let full = item.fullProjection(catalog)
        #expect(summary.tokenCostPerUser.single == full.scaling[0].tokenCostPerUser)
        #expect(summary.tokenCostPerUser.thousandfold == full.scaling[3].tokenCostPerUser)
        #expect(summary.rateLimitHeadroom == full.rateLimits.compactMap(\.headroom).min())
        #expect(summary.providerCount == full.providers.count)
        #expect(summary.figures.strategies[0].strategy == full.strategies[0].strategy)
        #expect(summary.figures.decision == full.decision)
    }
}
