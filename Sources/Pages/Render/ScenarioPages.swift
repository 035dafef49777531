import Basics
import CostModel
import Formats
import Views

/// A scenario's page and the compare pages, with the tables and the chart across scenarios
/// that the index and the report show too.
extension SiteRenderer {
    /// - Parameter full: the scenario's full projection, when the caller has computed it.
    func scenarioPage(_ item: ComputedScenario, _ full: Projection? = nil) -> TextBuffer {
        let projection = full ?? item.fullProjection(catalog)
        let views = ScenarioViews(projection: projection, scenario: item.scenario, catalog: catalog)
        let slug = item.scenario.slug
        let context = ScenarioValues(
            name: item.scenario.name, summary: item.scenario.summary ?? "", kind: projection.kind.rawValue,
            kindDescription: views.kindDescription(projection.kind), asOf: catalog.asOf.description,
            warnings: projection.warnings.map(\.message), csv: "../data/\(slug).csv",
            json: "../data/\(slug).json", verdict: views.verdict(), headline: HTML(views.headlineHTML()),
            charts: HTML(views.charts()), inputs: HTML(views.inputs()), months: HTML(views.monthsTable()),
            scaling: HTML(views.scalingTable()), sensitivity: HTML(views.sensitivityHTML()),
            rateLimits: HTML(views.rateLimitsTable()), providers: HTML(views.providersTable()),
            retirements: HTML(views.retirementsTable()), ownModel: HTML(views.ownModelHTML()),
            decision: HTML(views.decisionHTML()))
        return templates.render(
            "scenario", context,
            layout: layout(
                title: item.scenario.name, description: item.scenario.summary ?? item.scenario.name, root: "../",
                bodyClass: "scenario-page"))
    }

    /// - Parameter figures: the page's table, verdicts and chart (`compareFigures`), when the
    ///   caller has them.
    func comparePage(page: Int = 1, figures: [HTML]? = nil) -> TextBuffer {
        let made = figures ?? compareFigures(page: page).map(HTML.init)
        let context = CompareValues(
            table: made[0], verdicts: made[1], chart: scenarios.isEmpty ? .empty : made[2],
            hasScenarios: !scenarios.isEmpty)
        return templates.render(
            "compare", context,
            layout: layout(
                title: "Compare scenarios", description: "Every scenario side by side.", root: "",
                bodyClass: "compare-page"))
    }

    /// What a compare page shows of the scenarios: its table, its verdicts and its chart.
    func compareFigures(page: Int) -> [TextBuffer] {
        let split = comparePages
        let shown = split.range(page)
        let pager = split.navigation(page)
        let chart = page == 1 ? marginComparisonFigure() : makeMarginComparisonFigure(shown)
        return [
            comparisonTable(Array(shown)) { "scenarios/\($0).html" } + pager,
            TextBuffer(pager) + verdictList(shown) { "scenarios/\($0).html" }, chart,
        ]
    }

    // MARK: Across scenarios

    /// The row of headline figures of each scenario, linked to its page.
    func summaryTable(root: String, link: ((String) -> String)? = nil, _ shown: Range<Int>? = nil) -> TextBuffer {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        return TextBuffer.make(capacity: 1024 + scenarios.count * 600) { out in
            HTMLTable(
                caption: "Every scenario: totals over its projection, ratios in its last month",
                headers: [
                    "Scenario", "Kind", "Revenue", "Run token cost", "Build token cost", "Gross margin",
                    "Token share", "Break-even price", "Availability",
                ],
                numericColumns: [2, 3, 4, 5, 6, 7, 8], className: "data summary", labelsCells: true
            )
            .write(into: &out, rows: scenarios.count) { row, index in
                let p = scenarios[index].summary.figures
                row.cell { out in
                    out.append("<a href=\"")
                    out.appendEscaped(link?(p.slug) ?? "\(root)scenarios/\(p.slug).html")
                    out.append("\">")
                    out.appendEscaped(p.name)
                    out.append("</a>")
                }
                row.text(p.kind.rawValue)
                row.money(p.totals.revenue)
                row.money(p.totals.runCost)
                row.money(p.totals.buildCost)
                row.percent(p.last?.grossMargin)
                row.percent(p.last?.tokenShare)
                row.multiplier(p.breakEvenPriceMultiplier)
                row.availability(p.availability)
            }
        }
    }

    func marginComparisonChart(idPrefix: String = "", _ shown: Range<Int>? = nil) -> Chart {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        return Chart(
            id: idPrefix + "chart-compare", title: "Gross margin and token share in the last month",
            description: "For each scenario, the gross margin and the share of revenue spent on tokens "
                + "in its last month.", kind: .bars,
            xLabels: scenarios.map(\.scenario.slug),
            series: [
                ChartSeries(
                    name: "Gross margin", values: scenarios.map { $0.summary.figures.last?.grossMargin }, style: "s1"),
                ChartSeries(
                    name: "Token share", values: scenarios.map { $0.summary.figures.last?.tokenShare }, style: "s2"),
            ],
            format: { Format.percent($0, into: &$1) })
    }

    /// The comparison chart with the figures it is drawn from.
    /// (Of the first compare page's scenarios: all of them in a site of one page.)
    func marginComparisonFigure() -> TextBuffer {
        made(comparisonFigure) { makeMarginComparisonFigure(firstScenarios) }
    }

    func makeMarginComparisonFigure(_ shown: Range<Int>) -> TextBuffer {
        let scenarios = Array(self.scenarios[shown])
        return TextBuffer.make(capacity: 16_384 + scenarios.count * 400) { out in
            let table = HTMLTable(
                caption: nil, headers: ["Scenario", "Gross margin", "Token share"],
                numericColumns: [1, 2])
            marginComparisonChart(shown).figure(table: table, rows: scenarios.count, into: &out) { row, index in
                row.text(scenarios[index].scenario.slug)
                row.percent(scenarios[index].summary.figures.last?.grossMargin)
                row.percent(scenarios[index].summary.figures.last?.tokenShare)
            }
        }
    }

    /// Every scenario's verdict, each after a link to its page.
    func verdictList(_ shown: Range<Int>? = nil, link: (String) -> String) -> TextBuffer {
        let scenarios = shown.map { Array(self.scenarios[$0]) } ?? self.scenarios
        let verdicts = scenarios.map(\.summary.verdict)
        return TextBuffer.make(capacity: 256 + scenarios.count * 400) { out in
            out.append("<ul class=\"verdicts\">")
            for (item, verdict) in zip(scenarios, verdicts) {
                out.append("<li><a href=\"")
                out.appendEscaped(link(item.scenario.slug))
                out.append("\">")
                out.appendEscaped(item.scenario.name)
                out.append("</a>: ")
                out.appendEscaped(verdict)
                out.append("</li>")
            }
            out.append("</ul>")
        }
    }

    /// Scenarios side by side: one column each.
    func comparisonTable(_ shown: [Int]? = nil, link: (String) -> String) -> TextBuffer {
        let scenarios = shown.map { $0.map { self.scenarios[$0] } } ?? self.scenarios
        let headers = ["Figure"] + scenarios.map(\.scenario.name)
        // One row per figure, one column per scenario. (Formatted figures hold nothing to escape.)
        // Cells read the projections in place, by index: a projection passed by value would be
        // copied, all its arrays retained, for each of the seventeen thousand cells.
        let projections = scenarios.map(\.summary.figures)
        let figures: [(label: String, cell: (Int, inout TextBuffer) -> Void)] = [
            ("Kind", { i, out in out.append(projections[i].kind.rawValue) }),
            ("Months", { i, out in out.append(integer: scenarios[i].summary.monthCount) }),
            ("Revenue", { i, out in Format.money(projections[i].totals.revenue, into: &out) }),
            ("Run token cost", { i, out in Format.money(projections[i].totals.runCost, into: &out) }),
            ("Build token cost", { i, out in Format.money(projections[i].totals.buildCost, into: &out) }),
            ("Gross margin, last month", { i, out in Format.percent(projections[i].last?.grossMargin, into: &out) }),
            (
                "Margin after build, last month",
                { i, out in Format.percent(projections[i].last?.marginAfterBuild, into: &out) }
            ),
            ("Token share, last month", { i, out in Format.percent(projections[i].last?.tokenShare, into: &out) }),
            (
                "Below target from",
                { i, out in
                    out.appendEscaped(
                        projections[i].marginBelowTargetMonth.map(scenarios[i].monthLabel) ?? "never")
                }
            ),
            (
                "Break-even price rise",
                { i, out in Format.multiplier(projections[i].breakEvenPriceMultiplier, into: &out) }
            ),
            (
                "Price rise to target",
                { i, out in
                    // No price reaches a target that other costs alone break: say so, not "−0.05×".
                    if projections[i].targetReachable == false {
                        out.append("unreachable")
                    } else {
                        Format.multiplier(projections[i].targetPriceMultiplier, into: &out)
                    }
                }
            ),
            ("Availability", { i, out in Format.availability(projections[i].availability, into: &out) }),
            (
                "Provider concentration",
                { i, out in
                    if let value = projections[i].providerConcentration {
                        Format.number(value, decimals: 3, into: &out)
                    } else {
                        out.append(Format.none)
                    }
                }
            ),
            ("Retirements", { i, out in out.append(integer: projections[i].retirements.count) }),
            (
                "Own model breaks even",
                { i, out in
                    out.appendEscaped(projections[i].ownBreakEvenMonth.map(scenarios[i].monthLabel) ?? "—")
                }
            ),
            ("Best worst case", { i, out in out.appendEscaped(projections[i].decision.maximin.column) }),
            (
                "Least regret",
                { i, out in out.appendEscaped(projections[i].decision.minimaxRegret.column) }
            ),
            ("Warnings", { i, out in out.append(integer: projections[i].warnings.count) }),
        ]
        return TextBuffer.make(capacity: 4096 + scenarios.count * (figures.count + 1) * 30) { out in
            HTMLTable(
                caption: "Scenarios side by side", headers: headers,
                numericColumns: Set(1...max(1, scenarios.count)), className: "data side-by-side"
            )
            .write(into: &out, rows: figures.count + 1) { row, index in
                guard index > 0 else {
                    row.text("Page")
                    for index in scenarios.indices {
                        row.cell { out in
                            out.append("<a href=\"")
                            out.appendEscaped(link(scenarios[index].scenario.slug))
                            out.append("\">page</a>")
                        }
                    }
                    return
                }
                let figure = figures[index - 1]
                row.text(figure.label)
                for index in projections.indices { row.cell { figure.cell(index, &$0) } }
            }
        }
    }
}
