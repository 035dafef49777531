/// The HTML pieces of a scenario page: inputs, headline figures, charts and the tables of MODEL.md.
struct ScenarioViews {
    let projection: Projection
    let scenario: Scenario
    let catalog: Catalog

    private var p: Projection { projection }

    /// "month 3 (2027-02)", or "never" for nil.
    func monthName(_ m: Int?) -> String {
        guard let m, m < p.months.count else { return "never" }
        return "month \(m) (\(p.months[m].label))"
    }

    func modelName(_ id: String) -> String {
        guard let model = catalog.models[id] else { return escapeHTML(id) }
        return "<code>\(escapeHTML(id))</code> <span class=\"muted\">(\(escapeHTML(model.provider)))</span>"
    }

    /// The inputs with their units, defaults applied.
    func inputs() -> String {
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
                ["Build: tokens per developer", Format.count(b.tokensPerDeveloper) + " a month, "
                    + Format.percent(b.outputShare) + " output"],
                ["Build: model", modelName(b.model)],
                ["Build: seat cost", Format.moneyPrecise(b.seatCost) + " per developer a month"],
                ["Build: months", b.months.map { "\($0) from month 0" } ?? "every month"],
            ]
            if let f = b.features { rows.append(["Build: features", "\(f)"]) }
        }
        if let r = s.run {
            rows += [
                ["Run: live from", monthName(r.fromMonth)],
                ["Run: requests per user", Format.number(r.requestsPerUser) + " a month, growing "
                    + Format.percent(r.usageGrowth) + " a month"],
                ["Run: tokens per request", Format.count(r.inputTokens) + " input ("
                    + Format.percent(r.cachedShare) + " cached), " + Format.count(r.outputTokens) + " output"],
                ["Run: peak factor", Format.multiplier(r.peakFactor) + " the average minute"],
                ["Run: routing", r.routing.map { "\(modelName($0.model)) \(Format.percent($0.share))" }
                    .joined(separator: "<br>")],
                ["Run: failover", r.failover ? "yes: other providers take a failed provider's traffic" : "no"],
            ]
        }
        for change in s.priceChanges {
            let target: String
            switch change.target {
            case .model(let id): target = modelName(id)
            case .provider(let name): target = "every " + escapeHTML(name) + " model"
            }
            rows.append(["Price change", "from \(monthName(change.month)): \(target) "
                + "× \(Format.number(change.factor))"])
        }
        if let o = s.ownModel {
            rows += [
                ["Own model: GPUs", "at least \(o.gpus) at \(Format.moneyPrecise(o.gpuHour)) per GPU-hour"],
                ["Own model: throughput", Format.count(o.tokensPerSecond) + " tokens per second per GPU at "
                    + Format.percent(o.utilization) + " utilization"],
                ["Own model: fixed cost", Format.money(o.fixedMonthly) + " a month"],
                ["Own model: availability", Format.percent(o.availability)],
            ]
        }
        return HTMLTable(caption: "Inputs", headers: ["Input", "Value"], rows: rows, className: "data inputs").html()
    }

    func kindDescription(_ kind: Scenario.Kind) -> String {
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
            ("Gross margin", Format.percent(last.grossMargin), "in \(last.label), target "
                + Format.percent(scenario.targetGrossMargin)),
            ("Token share of revenue", Format.percent(last.tokenShare), "in \(last.label)"),
        ]
        if scenario.run != nil {
            items.append(("Break-even price rise", Format.multiplier(p.breakEvenPriceMultiplier),
                          "token prices can rise this much before the gross margin is 0"))
            items.append(("Availability", Format.availability(p.availability),
                          Format.downtime(hours: p.downtimeHoursPerMonth) + " down a month"))
        }
        if let month = p.marginBelowTargetMonth {
            items.append(("Below target from", p.months[month].label, "the first month under the target margin"))
        }
        if let c = p.costPerFeature { items.append(("Cost per feature", Format.money(c), "build tokens per feature")) }
        return items
    }

    func headlineHTML() -> String {
        "<dl class=\"figures\">" + headline().map {
            "<div><dt>\(escapeHTML($0.label))</dt><dd>\(escapeHTML($0.value))</dd>"
                + "<dd class=\"note\">\(escapeHTML($0.note))</dd></div>"
        }.joined() + "</dl>"
    }

    // MARK: Charts

    func costChart(idPrefix: String = "") -> Chart {
        var series = [
            ChartSeries(name: "Revenue", values: p.months.map(\.revenue), style: "s1"),
            ChartSeries(name: "Run tokens", values: p.months.map(\.runCost), style: "s2"),
            ChartSeries(name: "Build tokens", values: p.months.map(\.buildCost), style: "s3"),
            ChartSeries(name: "Other costs", values: p.months.map(\.otherCost), style: "s4"),
        ]
        if scenario.ownModel != nil {
            series.append(ChartSeries(name: "Own model", values: p.months.map(\.ownCost), style: "s5", dashed: true))
        }
        return Chart(id: idPrefix + "chart-costs", title: "Revenue and costs by month",
                     description: "Monthly revenue against run token, build token and other costs of "
                        + "\(scenario.name), \(p.months.first?.label ?? "") to \(p.last?.label ?? "").",
                     xLabels: p.months.map(\.label), series: series, format: Format.money)
    }

    func marginChart(idPrefix: String = "") -> Chart {
        Chart(id: idPrefix + "chart-margin", title: "Gross margin against the target",
              description: "Gross margin by month of \(scenario.name), with the target of "
                + "\(Format.percent(scenario.targetGrossMargin)) as a dashed line.",
              xLabels: p.months.map(\.label),
              series: [ChartSeries(name: "Gross margin", values: p.months.map(\.grossMargin), style: "s1")]
                // Without a build side the margin after build is the gross margin: one line is enough.
                + (scenario.build == nil ? [] : [
                    ChartSeries(name: "Margin after build", values: p.months.map(\.marginAfterBuild), style: "s3")
                ])
                + [ChartSeries(name: "Target", values: p.months.map { _ in scenario.targetGrossMargin },
                               style: "target", dashed: true)],
              format: { Format.percent($0) })
    }

    func sensitivityChart(idPrefix: String = "") -> Chart {
        Chart(id: idPrefix + "chart-sensitivity", title: "Price sensitivity",
              description: "Gross margin of \(p.last?.label ?? "the last month") if every token price were "
                + "multiplied by 0.5 to 3.", kind: .bars,
              xLabels: p.priceSensitivity.map { Format.multiplier($0.multiplier) },
              series: [ChartSeries(name: "Gross margin", values: p.priceSensitivity.map(\.grossMargin), style: "s2")],
              format: { Format.percent($0) })
    }

    func charts() -> String {
        let costRows = p.months.map { m in
            [m.label, Format.money(m.revenue), Format.money(m.runCost), Format.money(m.buildCost),
             Format.money(m.otherCost)] + (scenario.ownModel != nil ? [m.ownCost.map(Format.money) ?? "—"] : [])
        }
        let costTable = HTMLTable(caption: nil,
                                  headers: ["Month", "Revenue", "Run tokens", "Build tokens", "Other"]
                                    + (scenario.ownModel != nil ? ["Own model"] : []),
                                  rows: costRows, numericColumns: Set(1...5))
        let marginTable = HTMLTable(caption: nil, headers: ["Month", "Gross margin", "After build", "Target"],
                                    rows: p.months.map { [$0.label, Format.percent($0.grossMargin),
                                                          Format.percent($0.marginAfterBuild),
                                                          Format.percent(scenario.targetGrossMargin)] },
                                    numericColumns: [1, 2, 3])
        return [costChart().figure(table: costTable), marginChart().figure(table: marginTable),
                sensitivityChart().figure(table: sensitivityTable(caption: nil))].joined()
    }

    // MARK: Tables

    func monthsTable() -> String {
        var headers = ["Month", "Users", "Requests", "Revenue", "Run tokens", "Build tokens", "Other"]
        if scenario.ownModel != nil { headers.append("Own model") }
        headers += ["Per request", "Gross margin", "After build", "Token share"]
        let rows = p.months.map { m -> [String] in
            var row = ["\(m.month) <span class=\"muted\">\(m.label)</span>", Format.count(m.users),
                       Format.count(m.requests), Format.money(m.revenue), Format.money(m.runCost),
                       Format.money(m.buildCost), Format.money(m.otherCost)]
            if scenario.ownModel != nil { row.append(m.ownCost.map(Format.money) ?? "—") }
            row += [Format.moneyPrecise(m.costPerRequest), Format.percent(m.grossMargin),
                    Format.percent(m.marginAfterBuild), Format.percent(m.tokenShare)]
            return row
        }
        return HTMLTable(caption: "Every month", headers: headers, rows: rows,
                         numericColumns: Set(1..<headers.count), id: "months").html()
    }

    func scalingTable() -> String {
        let rows = p.scaling.map {
            [Format.multiplier($0.usersMultiplier), Format.money($0.buildCost), Format.money($0.runCost),
             $0.tokenCostPerUser.map(Format.moneyPrecise) ?? "—", Format.percent($0.tokenShare)]
        }
        return HTMLTable(caption: "Scaling: \(p.last?.label ?? "") with more users",
                         headers: ["Users", "Build tokens", "Run tokens", "Token cost per user", "Token share"],
                         rows: rows, numericColumns: [0, 1, 2, 3, 4], id: "scaling").html()
    }

    func sensitivityTable(caption: String? = "Price sensitivity") -> HTMLTable {
        HTMLTable(caption: caption, headers: ["Token prices", "Gross margin"],
                  rows: p.priceSensitivity.map { [Format.multiplier($0.multiplier), Format.percent($0.grossMargin)] },
                  numericColumns: [0, 1])
    }

    func sensitivityHTML() -> String {
        var table = sensitivityTable()
        table.id = "sensitivity"
        return table.html() + "<p>Prices can rise <strong>\(Format.multiplier(p.breakEvenPriceMultiplier))</strong> "
            + "before the gross margin reaches 0, and <strong>\(Format.multiplier(p.targetPriceMultiplier))</strong> "
            + "before it falls to the target of \(Format.percent(scenario.targetGrossMargin)).</p>"
    }

    func rateLimitsTable() -> String {
        guard !p.rateLimits.isEmpty else { return "<p>No run traffic, so no rate limits apply.</p>" }
        let rows = p.rateLimits.map {
            [modelName($0.model), Format.count($0.peakRPM), Format.count($0.peakTPM),
             Format.multiplier($0.headroom), monthName($0.throttledFromMonth)]
        }
        return HTMLTable(caption: "Rate limits at the peak minute of \(p.last?.label ?? "")",
                         headers: ["Model", "Peak requests/min", "Peak tokens/min", "Headroom", "Throttled from"],
                         rows: rows, numericColumns: [1, 2, 3], id: "rate-limits").html()
    }

    func providersTable() -> String {
        guard !p.providers.isEmpty else { return "<p>No run traffic, so no provider dependency.</p>" }
        let rows = p.providers.map { [escapeHTML($0.provider), Format.percent($0.share), Format.availability($0.availability)] }
        let failover = scenario.run?.failover == true ? "with failover" : "without failover"
        return HTMLTable(caption: "Providers in \(p.last?.label ?? "")", headers: ["Provider", "Share", "Availability"],
                         rows: rows, numericColumns: [1, 2], id: "providers").html()
            + "<p>Availability \(failover): <strong>\(Format.availability(p.availability))</strong>, about "
            + "\(Format.downtime(hours: p.downtimeHoursPerMonth)) down a month. Provider "
            + "concentration: <strong>\(Format.number(p.providerConcentration ?? 0, decimals: 3))</strong> "
            + "(1 means a single provider).</p>"
    }

    func retirementsTable() -> String {
        guard !p.retirements.isEmpty else { return "<p>No model this scenario uses retires during the projection.</p>" }
        let rows = p.retirements.map {
            [modelName($0.model), $0.date.description, monthName($0.month),
             $0.successor.map(modelName) ?? "none: its prices are kept"]
        }
        return HTMLTable(caption: "Retirements inside the projection",
                         headers: ["Model", "Retires", "Billed as successor from", "Successor"],
                         rows: rows, id: "retirements").html()
    }

    func ownModelHTML() -> String {
        guard scenario.ownModel != nil else {
            return "<p>This scenario has no own-model alternative.</p>"
        }
        let rows = p.months.map { [$0.label, Format.money($0.runCost), $0.ownCost.map(Format.money) ?? "—"] }
        return "<p>Own model breaks even: <strong>\(monthName(p.ownBreakEvenMonth))</strong>.</p>"
            + HTMLTable(caption: "Provider tokens against an own model", headers: ["Month", "Provider tokens", "Own model"],
                        rows: rows, numericColumns: [1, 2], id: "own-model").html()
    }

    func strategiesTable() -> String {
        guard !p.strategies.isEmpty else { return "<p>A build-only company has no runtime dependency to manage.</p>" }
        let names = ["accept": "Accept the dependency", "diversify": "Diversify across providers",
                     "own_model": "Invest in an own model"]
        let rows = p.strategies.map {
            [escapeHTML(names[$0.strategy] ?? $0.strategy), Format.money($0.runCost), Format.percent($0.grossMargin),
             Format.availability($0.availability),
             $0.providerConcentration.map { Format.number($0, decimals: 3) } ?? "—",
             Format.multiplier($0.breakEvenPriceMultiplier)]
        }
        return HTMLTable(caption: "The three answers over the whole projection",
                         headers: ["Strategy", "Run-side cost", "Gross margin", "Availability", "Concentration",
                                   "Break-even price"],
                         rows: rows, numericColumns: [1, 2, 3, 4, 5], id: "strategies").html()
    }
}
