import Basics
import Content
import Formats
import Views

/// `report.html`: the report essay and every scenario in one file that stands alone. (At scale,
/// which scenarios get a section, and the verdict table: the end of this file, over
/// `ExposureSummary` in the `Views` target.)
extension SiteRenderer {
    /// The id of a scenario's section in the report.
    static func reportSectionID(_ slug: String) -> String { "scenario-\(slug)" }
    /// The id of a scenario's chart in the report; the chart's title and description add
    /// `-title` and `-desc` (`Chart.write`).
    static func reportChartID(_ slug: String) -> String { "\(slug)-chart-margin" }

    /// The essay the report shows: `site.yaml`'s `report_essay`, else the first published one
    /// not archived, else the first.
    package func reportEssay(_ essays: [Essay]) -> Essay? {
        config.reportEssay.flatMap { slug in essays.first { $0.slug == slug } }
            ?? essays.first { !$0.isArchived } ?? essays.first
    }

    /// The report's essay (`reportEssay`, with its text) as the report shows it: its links to
    /// scenarios lead to their sections.
    func reportEssayValues(_ essay: Essay) -> ReportEssayValues {
        let rendered = renderEssay(essay, root: "", scenarioLink: reportScenarioLink(reportSections))
        return ReportEssayValues(
            title: essayTitle(essay, rendered), body: HTML(rendered.htmlBytes), date: dateContext(essay.date))
    }

    /// A link from the report: a scenario with a section (`shown`) to it, one without (at scale)
    /// to its own page.
    func reportScenarioLink(_ shown: [Int]) -> (String) -> String {
        let sectioned = Set(shown.map { scenarios[$0].scenario.slug })
        return { slug in sectioned.contains(slug) ? "#" + Self.reportSectionID(slug) : "scenarios/\(slug).html" }
    }

    /// - Parameter essay: the report's essay (`reportEssay(essays)`) as `reportEssayValues`
    ///   makes it, made where its text is at hand.
    func reportPage(
        _ essays: [Essay], _ essay: ReportEssayValues?, essayLinks: [String: Set<String>] = [:],
        named: [String: Set<String>] = [:]
    ) -> TextBuffer {
        let chosen = reportEssay(essays)
        // With more than a handful of scenarios, sections for the most exposed only, and every
        // verdict in one table (docs/content.md, "The report at scale").
        let shown = reportSections
        let scenarios = shown.map { self.scenarios[$0] }
        let scenarioLink = reportScenarioLink(shown)
        let sections = parallelMap(scenarios.count) { index -> ReportScenarioValues in
            let item = scenarios[index]
            // A section shows its scenario alone: `serve` keeps it until the scenario changes.
            if let section = kept?.section(item.scenario.slug) { return section }
            let projection = item.fullProjection(catalog)
            let views = ScenarioViews(projection: projection, scenario: item.scenario, catalog: catalog)
            let section = ReportScenarioValues(
                id: Self.reportSectionID(item.scenario.slug), name: item.scenario.name,
                summary: item.scenario.summary ?? "", kind: projection.kind.rawValue, verdict: item.summary.verdict,
                headline: HTML(views.headlineHTML()),
                chart: HTML(
                    TextBuffer.make(capacity: 8192) {
                        views.marginChart(idPrefix: "\(item.scenario.slug)-").write(into: &$0)
                    }))
            kept?.keep(item.scenario.slug, section: section)
            return section
        }
        let context = ReportValues(
            site: siteContext, asOf: catalog.asOf.description, essay: essay, scenarios: sections,
            summaryTable: HTML(
                shown.count == self.scenarios.count
                    ? summaryTable(root: "", link: { "#" + Self.reportSectionID($0) }) : verdictTable(shown)),
            comparison: HTML(comparisonTable(shown) { "#" + Self.reportSectionID($0) }),
            catalog: HTML(
                catalogSection(
                    essays: chosen.map { [$0] } ?? [], essayLinks: essayLinks, named: named, idPrefix: "report-",
                    scenarioLink: scenarioLink, essayLink: { _ in "#main" }, compareLink: "#te-report-scenarios")))
        return templates.render(
            "report", context,
            layout: layout(
                title: "Report", description: "The essay and every scenario in one file.", root: "",
                bodyClass: "report-page", inlineStyle: true, nav: false))
    }
}

extension SiteRenderer {
    /// The scenarios the report gives a section of their own, as positions: every one up to
    /// `ExposureSummary.fullTableLimit`; above, that many most exposed to a rise of token prices
    /// (lowest break-even price rise first).
    var reportSections: [Int] {
        guard scenarios.count > ExposureSummary.fullTableLimit else { return Array(scenarios.indices) }
        return ExposureSummary.ranking(scenarios, .pricingChanges, keeping: ExposureSummary.fullTableLimit)
            .mostExposed
    }

    /// Every scenario's verdict in one table, with its headline figures: the report's list of
    /// scenarios when it has a section for only some (`sections`), whose names link to theirs.
    func verdictTable(_ sections: [Int]) -> TextBuffer {
        let withSection = Set(sections)
        return TextBuffer.make(capacity: 1024 + scenarios.count * 400) { out in
            out.append("<p>Sections below for the \(sections.count) scenarios most exposed to a rise of token prices ")
            out.append("(lowest break-even price rise first), of \(scenarios.count); every verdict in this table.</p>")
            HTMLTable(
                caption:
                    "Every scenario: its verdict, its gross margin in its last month and its break-even price rise",
                headers: ["Scenario", "Kind", "Gross margin", "Break-even price", "Verdict"],
                numericColumns: [2, 3], className: "data summary verdicts", labelsCells: true
            )
            .write(into: &out, rows: scenarios.count) { row, index in
                let item = scenarios[index]
                let p = item.summary.figures
                row.cell { out in
                    guard withSection.contains(index) else { return out.appendEscaped(p.name) }
                    out.append("<a href=\"#")
                    out.append(Self.reportSectionID(p.slug))
                    out.append("\">")
                    out.appendEscaped(p.name)
                    out.append("</a>")
                }
                row.text(p.kind.rawValue)
                row.percent(p.last?.grossMargin)
                row.multiplier(p.breakEvenPriceMultiplier)
                row.text(item.summary.verdict)
            }
        }
    }
}
