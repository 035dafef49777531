import Basics
import Foundation
import Testing
import TestSupport

@testable import Pages

@Suite struct CatalogPageTests {
    /// One scenario of three months from 2027-01 routing `old`, which retires on 2027-03-01
    /// and is billed as `new` from then; an essay links to the scenario.
    func build() throws -> (models: String, report: String) {
        let site = try renderSite(
            [
                "models.yaml": """
                as_of: 2027-01-01
                models:
                  old: {provider: P, input: 1, cached_input: 0.075, output: 2, retires: 2027-03-01, successor: new, as_of: 2026-12-01, source: "p.example; why new"}
                  new: {provider: P, input: 2, output: 4, rpm: 1000, tpm: 2000000}
                  spare: {provider: Q, input: 1, output: 1, retires: 2027-04-01}
                """,
                "scenarios/plan.yaml": "name: Plan\nstart: 2027-01\nmonths: 3\nusers: {start: 10}\n"
                    + "price_per_user: 5\nrun:\n  requests_per_user: 1\n  input_tokens: 1\n  output_tokens: 1\n"
                    + "  routing:\n    old: 1\n",
                "essay.md": "# Essay\n\nSee [the plan](scenarios/plan.html); `spare` is kept aside.\n",
            ])
        return (site.text("models.html"), site.text("report.html"))
    }

    @Test func everyModelWithItsPricesRetirementAndUsers() throws {
        let (models, report) = try build()
        let page = withoutDataLabels(models)
        // old: checked 2026-12-01, 31 days before the catalog's 2027-01-01.
        let oldRow: String =
            "<tr><th scope=\"row\"><span id=\"model-old\">old</span></th><td>P</td><td class=\"num\">1</td>"
            + "<td class=\"num\">0.075</td><td class=\"num\">2</td><td class=\"num\">99.9%</td>"
            + "<td class=\"num\">not set</td><td class=\"num\">not set</td>"
            + "<td><time datetime=\"2027-03-01\">2027-03-01</time> → <a href=\"#model-new\">new</a></td>"
            + "<td><time datetime=\"2026-12-01\">2026-12-01</time></td><td class=\"num\">31 days</td></tr>"
        #expect(page.contains(oldRow), "\(page)")
        #expect(page.contains("<td class=\"num\">1,000</td><td class=\"num\">2,000,000</td><td>not announced</td>"))
        #expect(page.contains("→ <a href=\"#model-new\">new</a>"))
        #expect(page.contains("2027-04-01</time> (no successor)"))
        // `new` is billed from 2027-03 on: the plan uses it too. The essay links to the plan
        // (old, new) and names `spare`.
        #expect(
            page.contains(
                "<tr><th scope=\"row\">new</th><td><a href=\"scenarios/plan.html\">plan</a>, essay "
                    + "<a href=\"essays/essay.html\">essay</a></td><td></td></tr>"))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">spare</th><td>essay <a href=\"essays/essay.html\">essay</a></td><td></td></tr>"))
        #expect(page.contains("<td>p.example; why new</td>"))
        #expect(models.contains("<a href=\"models.html\">Models</a>"))
        // The report has the same section, with ids of its own.
        #expect(report.contains("<span id=\"report-model-old\">old</span>"))
        #expect(report.contains("<figure class=\"chart-figure\" id=\"report-retirements\">"))
    }

    @Test func timelineOfRetirementsAgainstTheWindow() throws {
        let (models, _) = try build()
        // Days from 2027-01-01 (the first month) to 2027-05-01 (the month after the last date,
        // 2027-04-01): 31 + 28 + 31 + 30 = 120. The plot runs from x 200 to 640 - 16 = 624, 424
        // wide. The window 2027-01-01 … 2027-04-01 is 90 days: 424 × 90 / 120 = 318 wide.
        // spare's retirement on 2027-04-01: 200 + 318 = 518. Rows are 30 high from y 40:
        // the catalog's row centred at 55, the plan's at 85 (its bar from 79, 12 high); the
        // height is 40 + 2 × 30 + 40 = 140.
        #expect(models.contains("<svg class=\"chart\" viewBox=\"0 0 640 140\" role=\"img\""))
        #expect(
            models.contains(
                "<circle class=\"dot s4\" cx=\"518\" cy=\"55\" r=\"5\"><title>spare on 2027-04-01 (no successor)"
                    + "</title></circle>"))
        #expect(models.contains("<rect class=\"bar s1\" x=\"200\" y=\"79\" width=\"318\" height=\"12\""))
        #expect(models.contains("<line class=\"line target dashed\" x1=\"200\" x2=\"200\""))
        #expect(
            models.contains(
                "<desc id=\"retirements-desc\">The catalog&#39;s 2 announced retirements (top row) and the scenario&#39;s "
                    + "projection window (bars), with a dot for each of the 1 retirement of a model a scenario uses "
                    + "inside its window. The dashed line is the day prices were checked, 2027-01-01.</desc>"))
        // Its table: the catalog's row and the plan's.
        #expect(
            withoutDataLabels(models).contains(
                "<tr><th scope=\"row\">plan</th><td>2027-01 to 2027-03</td><td>old on 2027-03-01 (then new)</td></tr>"))
    }

    @Test func wordsAModelIdCanBe() {
        #expect(
            SiteRenderer.words(
                in: "Route to GPT-4o, not `o3-mini`; gpt-4.1 é o3. xgpt-4o o3-minis",
                among: Set(["gpt-4o", "o3-mini", "gpt-4", "o3", "claude"].map { Array($0.utf8) }))
                // The runs are route, to, gpt-4o, not, o3-mini, gpt-4, 1, é ends o3, xgpt-4o and
                // o3-minis (longer than any id); of them gpt-4o, o3-mini, gpt-4 and o3 are ids.
                == ["gpt-4o", "o3-mini", "gpt-4", "o3"])
        #expect(SiteRenderer.words(in: "gpt-4o", among: []).isEmpty)
    }

    @Test func scenarioLinksOfARenderedPage() {
        let html = TextBuffer(
            "<a href=\"../scenarios/quill.html\">Quill</a> <a href=\"scenarios/a-2.html#x\">"
                + "scenarios/ scenarios/Bad.html scenarios/cut.htm</a>")
        #expect(SiteRenderer.linkedScenarios(in: html) == ["quill", "a-2"])
    }
}
