import Basics
import CostModel
import Formats

/// The HTML pieces of a scenario page: inputs, headline figures, charts and the tables of docs/model.md.
package struct ScenarioViews {
    let projection: Projection
    let scenario: Scenario
    let catalog: Catalog

    package init(projection: Projection, scenario: Scenario, catalog: Catalog) {
        self.projection = projection
        self.scenario = scenario
        self.catalog = catalog
    }

    private var p: Projection { projection }

    /// "month 3 (2027-02)", or "never" for nil.
    func monthName(_ m: Int?) -> String {
        guard let m, m >= 0, m < p.months.count else {
            return m.map { "month \($0), outside the projection" } ?? "never"
        }
        return "month \(m) (\(p.months[m].label))"
    }

    func modelName(_ id: String) -> String {
        guard let model = catalog.models[id] else { return escapeHTML(id) }
        return "<code>\(escapeHTML(id))</code> <span class=\"muted\">(\(escapeHTML(model.provider)))</span>"
    }

    /// The inputs with their units, defaults applied.
    package func inputs() -> TextBuffer {
        let s = scenario
        var rows: [[String]] = [
            ["Kind", escapeHTML(kindDescription(s.kind))],
            ["Projection", "\(s.months) months from \(s.start) to \(s.start.adding(s.months - 1))"],
            ["Users in month 0", Format.count(s.usersStart)],
            ["User growth", Format.percent(s.usersGrowth) + " a month"],
            ["Price per user", Format.moneyPrecise(s.pricePerUser) + " a month"],
            ["Other cost per user", Format.moneyPrecise(s.otherCostPerUser) + " a month"],
            ["Target gross margin", Format.percent(s.targetGrossMargin)],
        ]
        if let b = s.build {
            rows += [
                ["Build: developers", Format.number(b.developers)],
                [
                    "Build: tokens per developer",
                    Format.count(b.tokensPerDeveloper) + " a month, "
                        + Format.percent(b.outputShare) + " output",
                ],
                ["Build: model", modelName(b.model)],
                ["Build: seat cost", Format.moneyPrecise(b.seatCost) + " per developer a month"],
                ["Build: months", b.months.map { "\($0) from month 0" } ?? "every month"],
            ]
            if let f = b.features { rows.append(["Build: features", "\(f)"]) }
        }
        if let r = s.run {
            rows += [
                ["Run: live from", monthName(r.fromMonth)],
                [
                    "Run: requests per user",
                    Format.number(r.requestsPerUser) + " a month, growing "
                        + Format.percent(r.usageGrowth) + " a month",
                ],
                [
                    "Run: tokens per request",
                    Format.count(r.inputTokens) + " input ("
                        + Format.percent(r.cachedShare) + " cached), " + Format.count(r.outputTokens) + " output",
                ],
                ["Run: peak factor", Format.multiplier(r.peakFactor) + " the average minute"],
                ["Run: routing", routingCell(r.routing)],
                ["Run: failover", r.failover ? "yes: other providers take a failed provider's traffic" : "no"],
            ]
        }
        rows.append([
            "Downtime cost", Format.moneyPrecise(s.downtimeCostPerHour) + " per hour of outage",
        ])
        if let d = s.diversify {
            rows += [
                ["Diversify: routing", routingCell(d.routing)],
                [
                    "Diversify: switch",
                    "from \(monthName(d.fromMonth ?? s.run?.fromMonth ?? 0)), failover "
                        + (d.failover ? "on" : "off") + ", migration " + Format.money(d.migrationCost),
                ],
            ]
        }
        for change in s.priceChanges {
            let target: String
            switch change.target {
            case .model(let id): target = modelName(id)
            case .provider(let name): target = "every " + escapeHTML(name) + " model"
            }
            rows.append([
                "Price change",
                "from \(monthName(change.month)): \(target) "
                    + "× \(Format.number(change.factor))",
            ])
        }
        if let o = s.ownModel {
            rows += [
                ["Own model: GPUs", "at least \(o.gpus) at \(Format.moneyPrecise(o.gpuHour)) per GPU-hour"],
                [
                    "Own model: throughput",
                    Format.count(o.tokensPerSecond) + " tokens per second per GPU at "
                        + Format.percent(o.utilization) + " utilization",
                ],
                ["Own model: fixed cost", Format.money(o.fixedMonthly) + " a month"],
                ["Own model: availability", Format.percent(o.availability)],
                [
                    "Own model: switch",
                    "from \(monthName(o.fromMonth ?? s.run?.fromMonth ?? 0)), migration "
                        + Format.money(o.migrationCost),
                ],
            ]
        }
        for shock in s.shocks {
            rows.append(["Shock: " + escapeHTML(shock.name), shockDescription(shock)])
        }
        return HTMLTable(caption: "Inputs", headers: ["Input", "Value"], className: "data inputs").write(rows: rows)
    }

    /// Routes with their shares, and the model really billed in month 0 when that is another
    /// (a model retired before the projection starts).
    func routingCell(_ routes: [Route]) -> String {
        routes.map { route in
            var cell = "\(modelName(route.model)) \(Format.percent(route.share))"
            let billed = catalog.effectiveModel(route.model, on: scenario.start.firstDay)
            if billed != route.model { cell += ", billed as <code>\(escapeHTML(billed))</code>" }
            return cell
        }.joined(separator: "<br>")
    }

    /// The events of a shock in words, as HTML.
    func shockDescription(_ shock: Shock) -> String {
        func target(_ target: PriceChange.Target) -> String {
            switch target {
            case .model(let id): return modelName(id)
            case .provider(let name): return "every " + escapeHTML(name) + " model"
            }
        }
        var parts: [String] = []
        for change in shock.priceChanges {
            parts.append(
                "prices of \(target(change.target)) × \(Format.number(change.factor)) from \(monthName(change.month))")
        }
        for retirement in shock.retirements {
            let successor = retirement.successor ?? catalog.models[retirement.model]?.successor
            parts.append(
                "\(modelName(retirement.model)) retired in \(monthName(retirement.month))"
                    + (successor.map { ", replaced by " + modelName($0) } ?? ""))
        }
        for outage in shock.outages {
            parts.append(
                "\(escapeHTML(outage.provider)) down \(Format.number(outage.hours)) hours in \(monthName(outage.month))"
            )
        }
        for limit in shock.rateLimits {
            parts.append(
                "rate limits of \(target(limit.target)) × \(Format.number(limit.factor)) from \(monthName(limit.month))"
            )
        }
        for ban in shock.bans {
            parts.append(
                "\(escapeHTML(ban.provider)) no longer usable from \(monthName(ban.month)), traffic moved to "
                    + modelName(ban.moveTo))
        }
        return parts.joined(separator: "<br>")
    }

    package func kindDescription(_ kind: Scenario.Kind) -> String {
        switch kind {
        case .build: return "build: tokens spent to build the product only"
        case .run: return "run: tokens spent on every user interaction"
        case .pivot: return "pivot: builds first, then adds AI features that run on tokens"
        case .hybrid: return "hybrid: builds and runs on tokens from the start"
        }
    }

    /// The few figures that answer "what do tokens do to our margins?".
    func headline() -> [(label: String, value: String, note: String)] {
        guard let last = p.last else { return [] }
        var items: [(String, String, String)] = [
            ("Revenue", Format.money(p.totals.revenue), "over \(p.months.count) months"),
            ("Run token cost", Format.money(p.totals.runCost), "over \(p.months.count) months"),
            ("Build token cost", Format.money(p.totals.buildCost), "over \(p.months.count) months"),
            (
                "Gross margin", Format.percent(last.grossMargin),
                "in \(last.label), target "
                    + Format.percent(scenario.targetGrossMargin)
            ),
            ("Token share of revenue", Format.percent(last.tokenShare), "in \(last.label)"),
        ]
        if scenario.run != nil {
            items.append(
                (
                    "Break-even price rise", Format.multiplier(p.breakEvenPriceMultiplier),
                    "token prices can rise this much before the gross margin is 0"
                ))
            items.append(
                (
                    "Availability", Format.availability(p.availability),
                    Format.downtime(hours: p.downtimeHoursPerMonth) + " down a month"
                ))
        }
        if let month = p.marginBelowTargetMonth {
            items.append(("Below target from", p.months[month].label, "the first month under the target margin"))
        }
        if let c = p.costPerFeature { items.append(("Cost per feature", Format.money(c), "build tokens per feature")) }
        return items
    }

    package func headlineHTML() -> TextBuffer {
        TextBuffer.make(capacity: 1024) { out in
            out.append("<dl class=\"figures\">")
            for item in headline() {
                out.append("<div><dt>")
                out.appendEscaped(item.label)
                out.append("</dt><dd>")
                out.appendEscaped(item.value)
                out.append("</dd><dd class=\"note\">")
                out.appendEscaped(item.note)
                out.append("</dd></div>")
            }
            out.append("</dl>")
        }
    }

    // MARK: Charts

    func costChart(idPrefix: String = "") -> Chart {
        var series = [
            ChartSeries(name: "Revenue", values: p.months.map(\.revenue), style: "s1"),
            ChartSeries(name: "Run token cost", values: p.months.map(\.runCost), style: "s2"),
            ChartSeries(name: "Build token cost", values: p.months.map(\.buildCost), style: "s3"),
            ChartSeries(name: "Other costs", values: p.months.map(\.otherCost), style: "s4"),
        ]
        if scenario.ownModel != nil {
            series.append(ChartSeries(name: "Own model", values: p.months.map(\.ownCost), style: "s5", dashed: true))
        }
        return Chart(
            id: idPrefix + "chart-costs", title: "Revenue and costs by month",
            description: "Monthly revenue against run token, build token and other costs of "
                + "\(scenario.name), \(p.months.first?.label ?? "") to \(p.last?.label ?? "").",
            xLabels: p.months.map(\.label), series: series, format: { Format.moneyAxis($0, into: &$1) })
    }

    package func marginChart(idPrefix: String = "") -> Chart {
        Chart(
            id: idPrefix + "chart-margin", title: "Gross margin against the target",
            description: "Gross margin by month of \(scenario.name), with the target of "
                + "\(Format.percent(scenario.targetGrossMargin)) as a dashed line.",
            xLabels: p.months.map(\.label),
            series: [ChartSeries(name: "Gross margin", values: p.months.map(\.grossMargin), style: "s1")]
                // Without a build side the margin after build is the gross margin: one line is enough.
                + (scenario.build == nil
                    ? []
                    : [
                        ChartSeries(name: "Margin after build", values: p.months.map(\.marginAfterBuild), style: "s3")
                    ])
                + [
                    ChartSeries(
                        name: "Target", values: p.months.map { _ in scenario.targetGrossMargin },
                        style: "target", dashed: true)
                ],
            format: { Format.percent($0, into: &$1) })
    }

    func sensitivityChart(idPrefix: String = "") -> Chart {
        Chart(
            id: idPrefix + "chart-sensitivity", title: "Price sensitivity",
            description: "Gross margin of \(p.last?.label ?? "the last month") if every token price were "
                + "multiplied by 0.5 to 3.", kind: .bars,
            xLabels: p.priceSensitivity.map { Format.multiplier($0.multiplier) },
            series: [ChartSeries(name: "Gross margin", values: p.priceSensitivity.map(\.grossMargin), style: "s2")],
            format: { Format.percent($0, into: &$1) })
    }

    /// The three charts, each with the table it is drawn from.
    package func charts() -> TextBuffer {
        let own = scenario.ownModel != nil
        let months = p.months
        return TextBuffer.make(capacity: 16_384 + months.count * 700) { out in
            let costTable = HTMLTable(
                caption: nil,
                headers: ["Month", "Revenue", "Run token cost", "Build token cost", "Other costs"]
                    + (own ? ["Own model cost"] : []),
                numericColumns: Set(1...5))
            costChart().figure(table: costTable, rows: months.count, into: &out) { row, index in
                let m = months[index]
                row.text(m.label)
                row.money(m.revenue)
                row.money(m.runCost)
                row.money(m.buildCost)
                row.money(m.otherCost)
                if own { row.money(m.ownCost) }
            }
            let marginTable = HTMLTable(
                caption: nil, headers: ["Month", "Gross margin", "After build", "Target"],
                numericColumns: [1, 2, 3])
            marginChart().figure(table: marginTable, rows: months.count, into: &out) { row, index in
                let m = months[index]
                row.text(m.label)
                row.percent(m.grossMargin)
                row.percent(m.marginAfterBuild)
                row.percent(scenario.targetGrossMargin)
            }
            sensitivityChart().figure(
                table: sensitivityTable(caption: nil), rows: p.priceSensitivity.count,
                into: &out, sensitivityRow)
        }
    }

    // MARK: Tables

    package func monthsTable() -> TextBuffer {
        let columns = MonthColumn.page(ownModel: scenario.ownModel != nil)
        let headers = ["Month"] + columns.map(\.heading)
        let months = p.months
        return TextBuffer.make(capacity: 1024 + months.count * 420) { out in
            HTMLTable(caption: "Every month", headers: headers, numericColumns: Set(1..<headers.count), id: "months")
                .write(into: &out, rows: months.count) { row, index in
                    let m = months[index]
                    row.cell { out in
                        out.append(integer: m.month)
                        out.append(" <span class=\"muted\">")
                        out.appendEscaped(m.label)
                        out.append("</span>")
                    }
                    for column in columns {
                        let value = column.value(m)
                        switch column.style {
                        case .count: row.count(value)
                        case .money: row.money(value)
                        case .moneyPrecise: row.moneyPrecise(value)
                        case .percent: row.percent(value)
                        case .number: row.number(value, decimals: 4)
                        }
                    }
                }
        }
    }

    package func scalingTable() -> TextBuffer {
        let scaling = p.scaling
        return TextBuffer.make(capacity: 1024) { out in
            HTMLTable(
                caption: "Scaling: \(p.last?.label ?? "") with more users",
                headers: [
                    "Users", "Build token cost", "Run token cost", "Token cost per user", "Token share",
                    "Rate-limit headroom",
                ] + (scenario.ownModel != nil ? ["Own model cost per user"] : []),
                numericColumns: Set(0...(scenario.ownModel != nil ? 6 : 5)), id: "scaling"
            )
            .write(into: &out, rows: scaling.count) { row, index in
                let s = scaling[index]
                row.multiplier(s.usersMultiplier)
                row.money(s.buildCost)
                row.money(s.runCost)
                row.moneyPrecise(s.tokenCostPerUser)
                row.percent(s.tokenShare)
                row.multiplier(s.headroom)
                if scenario.ownModel != nil { row.moneyPrecise(s.ownCostPerUser) }
            }
        }
    }

    func sensitivityTable(caption: String? = "Price sensitivity") -> HTMLTable {
        HTMLTable(caption: caption, headers: ["Token prices", "Gross margin"], numericColumns: [0, 1])
    }

    private func sensitivityRow(_ row: inout TableRow, _ index: Int) {
        row.multiplier(p.priceSensitivity[index].multiplier)
        row.percent(p.priceSensitivity[index].grossMargin)
    }

    package func sensitivityHTML() -> TextBuffer {
        var table = sensitivityTable()
        table.id = "sensitivity"
        return TextBuffer.make(capacity: 1024) { out in
            table.write(into: &out, rows: p.priceSensitivity.count, sensitivityRow)
            out.append("<p>Prices can rise <strong>")
            Format.multiplier(p.breakEvenPriceMultiplier, into: &out)
            out.append("</strong> before the gross margin reaches 0")
            if p.targetReachable == false {
                out.append(". The target of ")
                Format.percent(scenario.targetGrossMargin, into: &out)
                out.append(" cannot be reached at any token price: with free tokens the margin would be ")
                Format.percent(p.bestPossibleMargin, into: &out)
                out.append(".</p>")
            } else {
                out.append(", and <strong>")
                Format.multiplier(p.targetPriceMultiplier, into: &out)
                out.append("</strong> before it falls to the target of ")
                Format.percent(scenario.targetGrossMargin, into: &out)
                out.append(".</p>")
            }
        }
    }

    package func rateLimitsTable() -> TextBuffer {
        guard !p.rateLimits.isEmpty else { return TextBuffer("<p>No run traffic, so no rate limits apply.</p>") }
        let limits = p.rateLimits
        return TextBuffer.make(capacity: 1024) { out in
            HTMLTable(
                caption: "Rate limits at the peak minute of \(p.last?.label ?? "")",
                headers: ["Model", "Peak requests/min", "Peak tokens/min", "Headroom", "Throttled from"],
                numericColumns: [1, 2, 3], id: "rate-limits"
            )
            .write(into: &out, rows: limits.count) { row, index in
                let limit = limits[index]
                row.html(modelName(limit.model))
                row.count(limit.peakRPM)
                row.count(limit.peakTPM)
                row.multiplier(limit.headroom)
                row.text(monthName(limit.throttledFromMonth))
            }
        }
    }

    package func providersTable() -> TextBuffer {
        guard !p.providers.isEmpty else { return TextBuffer("<p>No run traffic, so no provider dependency.</p>") }
        let providers = p.providers
        return TextBuffer.make(capacity: 1024) { out in
            HTMLTable(
                caption: "Providers in \(p.last?.label ?? "")", headers: ["Provider", "Share", "Availability"],
                numericColumns: [1, 2], id: "providers"
            )
            .write(into: &out, rows: providers.count) { row, index in
                row.text(providers[index].provider)
                row.percent(providers[index].share)
                row.availability(providers[index].availability)
            }
            out.append("<p>Availability ")
            out.append(scenario.run?.failover == true ? "with failover" : "without failover")
            out.append(": <strong>")
            Format.availability(p.availability, into: &out)
            out.append("</strong>, about ")
            Format.downtime(hours: p.downtimeHoursPerMonth, into: &out)
            out.append(" down a month. Provider concentration: <strong>")
            Format.number(p.providerConcentration ?? 0, decimals: 3, into: &out)
            out.append("</strong> (1 means a single provider).</p>")
            out.append(
                "<p class=\"muted\">Availability is the catalog's figure for each model. With failover, the model "
                    + "assumes providers fail independently and that the surviving provider can carry all the traffic; "
                    + "neither is guaranteed, so read it as an upper bound.</p>")
        }
    }

    package func retirementsTable() -> TextBuffer {
        guard !p.retirements.isEmpty else {
            let early = retiredBeforeStart()
            guard !early.isEmpty else {
                return TextBuffer("<p>No model this scenario uses retires during the projection.</p>")
            }
            return TextBuffer(
                "<p>No model this scenario uses retires during the projection, but "
                    + early.map { "\(modelName($0.0)) retired before it starts and is billed as \(modelName($0.1))" }
                    .joined(separator: "; ") + ".</p>")
        }
        let retirements = p.retirements
        return TextBuffer.make(capacity: 1024) { out in
            HTMLTable(
                caption: "Retirements inside the projection",
                headers: ["Model", "Retires", "Billed as successor from", "Successor"], id: "retirements"
            )
            .write(into: &out, rows: retirements.count) { row, index in
                let retirement = retirements[index]
                row.html(modelName(retirement.model))
                row.text(retirement.date.description)
                row.text(monthName(retirement.month))
                row.html(retirement.successor.map(modelName) ?? "none: its prices are kept")
            }
        }
    }

    /// Models of the routing or build retired before month 0, with the model billed instead.
    func retiredBeforeStart() -> [(String, String)] {
        var named = Set(scenario.run?.routing.map(\.model) ?? [])
        if let build = scenario.build { named.insert(build.model) }
        return named.sorted().compactMap { id in
            guard let retires = catalog.models[id]?.retires, retires < scenario.start.firstDay else { return nil }
            let billed = catalog.effectiveModel(id, on: scenario.start.firstDay)
            return billed == id ? nil : (id, billed)
        }
    }

    package func ownModelHTML() -> TextBuffer {
        guard scenario.ownModel != nil else {
            return TextBuffer("<p>This scenario has no own-model alternative.</p>")
        }
        let months = p.months
        return TextBuffer.make(capacity: 1024 + months.count * 120) { out in
            out.append("<p>Own model breaks even: <strong>")
            out.appendEscaped(monthName(p.ownBreakEvenMonth))
            out.append("</strong>.</p>")
            HTMLTable(
                caption: "Provider tokens against an own model", headers: ["Month", "Provider tokens", "Own model"],
                numericColumns: [1, 2], id: "own-model"
            )
            .write(into: &out, rows: months.count) { row, index in
                row.text(months[index].label)
                row.money(months[index].runCost)
                row.money(months[index].ownCost)
            }
        }
    }

    /// Futures × strategies: cumulative profit, the best of each future marked; then each
    /// strategy's worst case and largest regret.
    func strategiesTable() -> TextBuffer {
        let strategies = p.strategies
        let futures = p.futures
        return TextBuffer.make(capacity: 1024 + strategies.count * futures.count * 80) { out in
            HTMLTable(
                caption: "Cumulative profit over \(p.months.count) months, by future and strategy",
                headers: ["Future"] + strategies.map { $0.strategy.column },
                numericColumns: Set(1...strategies.count), id: "strategies"
            )
            .write(into: &out, rows: futures.count + 2) { row, index in
                if index < futures.count {
                    row.text(futures[index] == "baseline" ? "Baseline" : futures[index])
                    let best = strategies.map { $0.outcomes[index].cumulativeProfit }.max() ?? 0
                    for strategy in strategies {
                        let value = strategy.outcomes[index].cumulativeProfit
                        let top = strategies.count > 1 && value == best
                        row.cell { out in
                            if top { out.append("<strong class=\"best\">") }
                            Format.moneyWhole(value, into: &out)
                            if top { out.append(" <span class=\"best-mark\">best</span></strong>") }
                        }
                    }
                } else if index == futures.count {
                    row.text("Worst case")
                    for strategy in strategies { row.money(strategy.worstCumulativeProfit) }
                } else {
                    row.text("Largest regret")
                    for strategy in strategies { row.money(strategy.maxRegret) }
                }
            }
        }
    }
}
