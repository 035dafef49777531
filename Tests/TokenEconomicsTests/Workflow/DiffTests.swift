import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics
@testable import Tools

/// `token-economics diff` over hand-made content: a price rise, a scenario added and one
/// removed, a retirement in the catalog, and a change smaller than anything printed.
@Suite struct DiffTests {
    static let catalogBefore = """
        as_of: 2027-01-01
        models:
          m1: {provider: P, input: 1, output: 2}
          m2: {provider: Q, input: 1, output: 1}
          m3: {provider: Q, input: 5, output: 5}

        """
    /// m1's output price doubles; m2's input price moves by a thousandth of a cent (printed
    /// `$1.00` either way); m3 gets a retirement date and a successor.
    static let catalogAfter = """
        as_of: 2027-01-01
        models:
          m1: {provider: P, input: 1, output: 4}
          m2: {provider: Q, input: 1.00001, output: 1}
          m3: {provider: Q, input: 5, output: 5, retires: 2027-06-01, successor: m1}

        """
    static let flat = """
        name: Flat
        months: 2
        users: {start: 100}
        price_per_user: 10
        run:
          requests_per_user: 100
          input_tokens: 1000
          output_tokens: 500
          routing: {m1: 1}

        """
    static let steady = """
        name: Steady
        months: 1
        users: {start: 100}
        price_per_user: 10
        run:
          requests_per_user: 100
          input_tokens: 1000
          output_tokens: 500
          routing: {m2: 1}

        """
    static func builder(_ name: String) -> String {
        """
        name: "\(name)"
        months: 1
        users: {start: 10}
        price_per_user: 10
        build: {developers: 1, tokens_per_developer: 1000000, output_share: 0, model: m1}

        """
    }

    /// Writes the two content folders under a temporary folder: `before/` and `after/`.
    static func makeSites() throws -> URL {
        let root = try makeTemporaryFolder()
        try write(
            [
                "before/models.yaml": catalogBefore,
                "before/scenarios/flat.yaml": flat,
                "before/scenarios/steady.yaml": steady,
                "before/scenarios/gone.yaml": builder("Gone"),
                "after/models.yaml": catalogAfter,
                "after/scenarios/flat.yaml": flat,
                "after/scenarios/steady.yaml": steady,
                "after/scenarios/fresh.yaml": builder("Fresh <b>@team</b> | *x*"),
            ], under: root)
        return root
    }

    static func diff(_ root: URL, base: String = "before", head: String = "after") throws -> EconomicsDiff {
        let before = try EconomicsSnapshot.load(root.appendingPathComponent(base)).get()
        let after = try EconomicsSnapshot.load(root.appendingPathComponent(head)).get()
        return EconomicsDiff(base: before, head: after)
    }

    // Flat, by hand: 100 users paying $10 = $1,000 a month, two months = $2,000. 100 × 100 =
    // 10,000 requests a month; a request costs (1000 × $1 + 500 × $2) / 1e6 = $0.002 before
    // and (1000 × $1 + 500 × $4) / 1e6 = $0.003 after: $20 then $30 a month, $40 then $60 in
    // all. Gross margin (1000 − 20) / 1000 = 98.0% then 97.0%; token share 2.0% then 3.0%;
    // break-even multiplier 1000 / 20 = 50.0× then 1000 / 30 = 33.3× (a change of −16.67×).
    // Availability 99.9% (the catalog's default) both times; revenue and build cost ($0) equal.
    // Fresh (build only): 10 users × $10 = $100; build 1 developer × 1M input tokens × $1 / 1M
    // = $1; no run cost, so margin 100.0%, token share 1 / 100 = 1.0%, no break-even, no
    // availability; its only strategy is accept, so both verdicts are accept (docs/model.md:
    // a build-only scenario's decision is accept). Flat's decision is accept on both sides
    // (no other strategy), so no row. Steady: $15 of run cost either way, (1000 × 1.00001
    // + 500) / 1e6 × 10,000 = $15.0001; margin 98.5%, break-even 66.7×: unchanged as printed.
    static let expectedMarkdown = """
        <!-- token-economics-diff -->
        **Token economics:** 1 scenario changed, 1 added, 1 removed, 1 unchanged; 2 catalog models changed; \
        largest margin fall: flat 98.0% → 97.0% (−1.0 pts)

        <details>
        <summary>What changed</summary>

        **flat** (changed): Flat

        | Figure | Before | After | Change |
        | :-- | --: | --: | --: |
        | Run cost (total) | \\$40 | \\$60 | +\\$20 |
        | Gross margin (last month) | 98.0% | 97.0% | −1.0 pts |
        | Token share (last month) | 2.0% | 3.0% | +1.0 pts |
        | Break-even price rise | 50.0× | 33.3× | −16.67× |

        **fresh** (added): Fresh &lt;b&gt;@\u{2060}team&lt;/b&gt; \\| \\*x\\*

        | Figure | Value |
        | :-- | --: |
        | Revenue (total) | \\$100 |
        | Run cost (total) | \\$0 |
        | Build cost (total) | \\$1 |
        | Gross margin (last month) | 100.0% |
        | Token share (last month) | 1.0% |
        | Break-even price rise | — |
        | Availability | — |
        | First throttled month | never |
        | Retirements | none |
        | Decision | maximin: accept; minimax regret: accept |

        **gone** (removed): Gone

        **Catalog**

        | Model | Figure | Before | After | Change |
        | :-- | :-- | --: | --: | --: |
        | m1 | output price | \\$2.00 | \\$4.00 | +\\$2.00 |
        | m3 | retires | never | 2027-06-01 |  |
        | m3 | successor | none | m1 |  |

        </details>

        """

    @Test func markdownOfTwoContentFolders() throws {
        let root = try Self.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let diff = try Self.diff(root)
        #expect(diff.markdown == Self.expectedMarkdown)
        #expect(diff.unchanged == 1)
    }

    @Test func aBuildsOutputGivesTheSameDiffAsItsContent() throws {
        let root = try Self.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = root.appendingPathComponent("before")
        let output = root.appendingPathComponent("out")
        _ = try Generator.build(
            Paths(
                content: before, templates: repositoryRoot.appendingPathComponent("templates"), output: output)
        ).get()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("data/models.catalog.json").path))
        #expect(try Self.diff(root, base: "out").markdown == Self.expectedMarkdown)
    }

    @Test func noChangeIsOneLine() throws {
        let root = try Self.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let diff = try Self.diff(root, base: "after")
        #expect(diff.isEmpty)
        #expect(
            diff.markdown == """
                <!-- token-economics-diff -->
                **Token economics:** no change in 3 scenarios; catalog unchanged

                """)
        #expect(diff.text == "token-economics diff: no change in 3 scenarios; catalog unchanged\n")
    }

    @Test func textForATerminal() throws {
        let root = try Self.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try Self.diff(root).text
        #expect(
            text.hasPrefix(
                """
                token-economics diff: 1 scenario changed, 1 added, 1 removed, 1 unchanged; 2 catalog models changed; \
                largest margin fall: flat 98.0% → 97.0% (−1.0 pts)

                changed flat: Flat
                  Run cost (total)           $40 → $60  (+$20)
                  Gross margin (last month)  98.0% → 97.0%  (−1.0 pts)

                """))
        #expect(text.contains("\ncatalog:\n  changed m1\n    output price  $2.00 → $4.00  (+$2.00)\n"))
        #expect(text.contains("\nremoved gone: Gone\n"))
    }

    @Test func marginDropsOverAThreshold() throws {
        let root = try Self.makeSites()
        defer { try? FileManager.default.removeItem(at: root) }
        let diff = try Self.diff(root)
        // Flat's margin falls from 0.98 to 0.97: 0.01, more than 0.005 and less than 0.02.
        #expect(diff.marginDrops(over: 0.005).map(\.slug) == ["flat"])
        #expect(diff.marginDrops(over: 0.02).isEmpty)
        #expect(diff.marginFall(diff.marginDrops(over: 0.005)[0]) == "gross margin 98.0% → 97.0% (−1.0 pts)")
    }

    /// A data file that carries the decision (docs/model.md) is compared on it; one that does not is
    /// not reported as a change when the other side has it.
    @Test func theDecisionIsComparedWhenBothSidesHaveIt() throws {
        func data(_ decision: String?) -> String {
            let extra =
                decision.map { ", \"decision\": {\"maximin\": \"\($0)\", \"minimax_regret\": \"accept\"}" } ?? ""
            return """
                {"slug": "s", "name": "S", "months": [{"month": 0, "label": "2027-01", "gross_margin": 0.5}],
                 "totals": {"revenue": 10, "run_cost": 5, "build_cost": 0}\(extra)}
                """
        }
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "old/data/s.json": data(nil), "a/data/s.json": data("accept"),
                "b/data/s.json": data("diversify"),
            ], under: root)
        #expect(try Self.diff(root, base: "old", head: "a").isEmpty)
        let moved = try Self.diff(root, base: "a", head: "b")
        #expect(
            moved.scenarios.first?.figures
                == [
                    EconomicsDiff.FigureChange(
                        key: "decision", label: "Decision", before: "maximin: accept; minimax regret: accept",
                        after: "maximin: diversify; minimax regret: accept", change: "")
                ])
        // Neither side records a catalog: the summary says so.
        #expect(moved.summary.contains("catalog not compared"))
    }

    /// Months are named by label, counted from month 0's: the data file's months between the
    /// first and the last are not read.
    @Test func monthsAreNamedFromTheFirstLabel() throws {
        let json = """
            {"slug": "s", "name": "S",
             "months": [{"month": 0, "label": "2027-11", "gross_margin": 0.9, "token_share": 0.1},
                        {"month": 1, "label": "2027-12", "gross_margin": "not read"},
                        {"month": 2, "label": "2028-01", "gross_margin": 0.25, "token_share": 0.5}],
             "rate_limits": [{"throttled_from_month": 2}, {"throttled_from_month": null}],
             "retirements": [{"model": "a", "date": "2027-12-01", "month": 1, "successor": "b"},
                             {"model": "c", "date": "2030-01-01", "month": null, "successor": null}]}
            """
        let headline = try #require(ScenarioHeadline(data: Data(json.utf8)))
        // The last month's ratios: 25.0% and 50.0%; month 2 is 2027-11 + 2 = 2028-01, month 1 2027-12.
        #expect(headline.grossMargin == 0.25)
        let figures = Dictionary(uniqueKeysWithValues: headline.figures.map { ($0.key, $0.display) })
        #expect(figures["gross_margin"] == "25.0%")
        #expect(figures["token_share"] == "50.0%")
        #expect(figures["throttled_from"] == "2028-01")
        #expect(figures["retirements"] == "a → b in 2027-12; c (no successor) in 2030-01-01")
        #expect(figures["decision"] == nil)
    }

    @Test func aFolderThatIsNeitherIsRefused() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        guard case .failure(.notASite(let message)) = EconomicsSnapshot.load(root) else {
            Issue.record("an empty folder was read as a site")
            return
        }
        #expect(message.hasSuffix("neither a content folder (no models.yaml) nor a build's output (no data/)"))
        try write(["data/broken.json": "{"], under: root)
        guard case .failure(.errors(let errors)) = EconomicsSnapshot.load(root) else {
            Issue.record("a broken data file was read")
            return
        }
        #expect(errors.map(\.message) == ["not valid JSON"])
    }
}
