import Foundation
import Testing

@testable import TokenEconomics

/// The model's warnings about a scenario (docs/model.md), each at the input it is about, as
/// `check` reports them, and what the pages say instead of a figure that makes no sense.
@Suite struct ModelWarningsTests {
    @Test func modelWarningsPointAtTheirInputs() throws {
        // Projection 2027-01 … 2027-12 (months 0 to 11). Other costs 15 of a price of 20 leave at
        // most (20 − 15) / 20 = 0.25 at zero token cost, under the 0.7 target.
        let site = try DiagnosticsTests().site([
            "models.yaml": DiagnosticsTests.catalog
                + "  gone: {provider: P, input: 1, output: 2, retires: 2026-06-01, successor: mini}\n",
            "scenarios/fine.yaml": """
            name: Fine
            start: 2027-01
            months: 12
            users: {start: 10}
            price_per_user: 20
            other_cost_per_user: 15
            run:
              requests_per_user: 1
              input_tokens: 1
              output_tokens: 1
              routing: {gone: 1}
            price_changes:
              - {month: 2028-03, model: mini, factor: 2}
            shocks:
              - name: Late outage
                outages:
                  - {provider: P, month: 2026-12, hours: 5}

            """,
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                // The catalog's warning, once per model, at its `retires`.
                "content/models.yaml:4:53: warning: 'gone' retired on 2026-06-01, before the projection of fine "
                    + "starts: they are billed at its successor 'mini' from month 0\n"
                    + "  gone: {provider: P, input: 1, output: 2, retires: 2026-06-01, successor: mini}\n"
                    + "                                                    ^",
                "content/scenarios/fine.yaml:6:1: warning: the target gross margin 0.7 cannot be reached: other costs "
                    + "alone leave a margin of 0.25 in the last month, even with free tokens\n"
                    + "other_cost_per_user: 15\n^",
                "content/scenarios/fine.yaml:13:5: warning: price change in month 14 (2028-03) is outside the "
                    + "projection (months 0 to 11, 2027-01 to 2027-12) and has no effect\n"
                    + "  - {month: 2028-03, model: mini, factor: 2}\n    ^",
                "content/scenarios/fine.yaml:17:9: warning: outages event in month -1 (2026-12) of shock 'Late "
                    + "outage' is outside the projection (months 0 to 11, 2027-01 to 2027-12) and has no effect\n"
                    + "      - {provider: P, month: 2026-12, hours: 5}\n        ^",
            ])
        // The pages say the target is unreachable instead of printing a negative multiplier:
        // (20 × 0.3 − 15) / run cost < 0.
        _ = try Generator.build(site.paths).get()
        let compare = try String(contentsOf: site.output.appendingPathComponent("compare.html"), encoding: .utf8)
        #expect(compare.contains("<th scope=\"row\">Price rise to target</th><td class=\"num\">unreachable</td>"))
        let page = try String(
            contentsOf: site.output.appendingPathComponent("scenarios/fine.html"), encoding: .utf8)
        #expect(
            page.contains(
                "The target of 70.0% cannot be reached at any token price: with free tokens the margin would be 25.0%.")
        )
    }
}
