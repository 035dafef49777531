import Basics
import CostModel
import Formats

/// The answer to "what should I do?": the verdict, the decision table and its two charts.
extension ScenarioViews {
    private var p: Projection { projection }

    /// Whole dollars, so a reader can check a verdict against the decision table.
    static func whole(_ value: Double) -> String { TextBuffer.text { Format.moneyWhole(value, into: &$0) } }

    /// "the baseline" or the shock's name in quotes.
    func futureName(_ name: String) -> String { name == "baseline" ? "the baseline" : "“\(name)”" }

    /// Names joined as "a", "a and b", "a, b and c".
    func list(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// One to three plain sentences drawn from the decision (text, not HTML).
    package func verdict() -> String {
        let strategies = p.strategies
        let n = p.months.count
        guard let chosen = strategies.first(where: { $0.strategy == p.decision.maximin }) ?? strategies.first else {
            return ""
        }
        let worst = chosen.outcomes.min { $0.cumulativeProfit < $1.cumulativeProfit } ?? chosen.outcomes[0]
        let base = chosen.outcomes[0].cumulativeProfit
        guard strategies.count > 1 else {
            let opening =
                scenario.run == nil
                ? "A build-only company has no runtime dependency to manage, so accepting it is the only answer"
                : "Accepting the dependency is the only strategy this scenario models"
            guard p.futures.count > 1 else {
                return opening
                    + ": it makes \(ScenarioViews.whole(base)) over \(n) months. Add "
                    + (scenario.run == nil ? "shocks" : "shocks and strategies") + " to test it."
            }
            return opening + ": it makes \(ScenarioViews.whole(base)) over \(n) months in the baseline and "
                + "\(ScenarioViews.whole(worst.cumulativeProfit)) if \(futureName(worst.future)) happens, "
                + "\(ScenarioViews.whole(base.rounded() - worst.cumulativeProfit.rounded())) less."
        }
        let verb = chosen.strategy.verb
        let others = strategies.filter { $0.strategy != chosen.strategy }
        let runnerUp = others.reduce(others[0]) { $1.worstCumulativeProfit > $0.worstCumulativeProfit ? $1 : $0 }
        let runnerName = runnerUp.strategy.noun
        let lead = chosen.worstCumulativeProfit - runnerUp.worstCumulativeProfit
        // The difference of the figures as shown, so that it checks against the table.
        let shownLead = chosen.worstCumulativeProfit.rounded() - runnerUp.worstCumulativeProfit.rounded()
        let untouched = chosen.outcomes.allSatisfy { $0.cumulativeProfit == base }
        var text =
            "\(verb) keeps the best worst case: at least \(ScenarioViews.whole(chosen.worstCumulativeProfit)) of profit over "
            + "\(n) months in every future modelled ("
            + (untouched ? "no shock modelled touches it" : "its worst is \(futureName(worst.future))") + "), "
        text +=
            lead <= 1e-9 * max(1, abs(chosen.worstCumulativeProfit))
            ? "tied with \(runnerName)."
            : "\(ScenarioViews.whole(shownLead)) more than \(runnerName) at its worst."
        let accept = strategies[0]
        if chosen.strategy != .accept, let w = chosen.fromMonth {
            if let payback = chosen.outcomes[0].paybackMonth, payback == w {
                text += " The switch in \(monthName(w)) pays for itself in that same month of the baseline."
            } else if let payback = chosen.outcomes[0].paybackMonth {
                text += " The switch in \(monthName(w)) pays back in \(monthName(payback)) of the baseline."
            } else {
                let helped = p.futures.indices.filter {
                    chosen.outcomes[$0].cumulativeProfit > accept.outcomes[$0].cumulativeProfit
                }.map { futureName(p.futures[$0]) }
                text += " In the baseline the switch in \(monthName(w)) never pays back"
                text += helped.isEmpty ? "." : ": it is insurance against \(list(helped))."
            }
        } else {
            let better = p.futures.indices.filter {
                runnerUp.outcomes[$0].cumulativeProfit > accept.outcomes[$0].cumulativeProfit
            }.map { futureName(p.futures[$0]) }
            let name = runnerName.prefix(1).uppercased() + runnerName.dropFirst()
            text +=
                better.isEmpty
                ? " \(name) costs more than it saves in each of them."
                : " \(name) does better only if \(list(better)) happens, and not enough to beat accepting's worst case."
        }
        if p.decision.minimaxRegret != chosen.strategy,
            let regret = strategies.first(where: { $0.strategy == p.decision.minimaxRegret })
        {
            text +=
                " Judged by regret instead, \(regret.strategy.noun) is the safer "
                + "choice: it never trails the best strategy by more than \(ScenarioViews.whole(regret.maxRegret))."
        }
        return text
    }

    /// The decision table, the payback table, notes, and the two charts.
    package func decisionHTML() -> TextBuffer {
        TextBuffer.make(capacity: 8192 + p.months.count * 400) { out in
            out.append(strategiesTable())
            out.append(
                "<p class=\"muted\">Cumulative profit is revenue less token, own-model, other, build and downtime "
                    + "costs and any migration, over the whole projection. The best strategy in each future is marked "
                    + "<strong>best</strong>. Worst case: a strategy's smallest profit over the futures; largest "
                    + "regret: the most it trails the best strategy in any one future.</p>")
            paybackTable(into: &out)
            throttlingNote(into: &out)
            cumulativeProfitFigure(into: &out)
            shockMarginFigure(into: &out)
        }
    }

    /// When each switch pays back, in each future.
    func paybackTable(into out: inout TextBuffer) {
        let switching = p.strategies.filter { $0.fromMonth != nil }
        guard !switching.isEmpty else { return }
        out.append("<p>")
        out.appendEscaped(
            switching.map { strategy in
                "\(strategy.strategy.verb) switches in "
                    + "\(monthName(strategy.fromMonth)) at a one-time cost of \(Self.whole(strategy.migrationCost))"
            }.joined(separator: "; ") + ". It pays back in the first month its profit so far exceeds accepting's:")
        out.append("</p>")
        let futures = p.futures
        HTMLTable(
            caption: "When each switch pays back",
            headers: ["Future"] + switching.map { $0.strategy.column }, id: "payback"
        )
        .write(into: &out, rows: futures.count) { row, index in
            row.text(futures[index] == "baseline" ? "Baseline" : futures[index])
            for strategy in switching { row.text(monthName(strategy.outcomes[index].paybackMonth)) }
        }
    }

    /// Throttled months, which the model does not cost.
    func throttlingNote(into out: inout TextBuffer) {
        guard scenario.run != nil else { return }
        var throttled: [String] = []
        for strategy in p.strategies {
            for outcome in strategy.outcomes {
                guard let month = outcome.throttledFromMonth else { continue }
                throttled.append(
                    "\(strategy.strategy.noun) in \(futureName(outcome.future)) "
                        + "from \(monthName(month))")
            }
        }
        out.append("<p class=\"muted\">")
        if !throttled.isEmpty {
            out.append("Throttled at the peak minute: ")
            out.appendEscaped(list(throttled))
            out.append(". ")
        }
        out.append(
            "Rate limits have no price in this model: a throttled month is shown, never costed, so a rate-limit "
                + "shock does not move the decision.</p>")
    }

    static let styles = ["s1", "s2", "s3", "s4", "s5"]

    func cumulativeProfitChart(idPrefix: String = "") -> Chart {
        let series = p.strategies.enumerated().map { index, strategy in
            var total = 0.0
            let running = strategy.outcomes[0].monthlyProfit.map { value -> Double? in
                total += value
                return total
            }
            return ChartSeries(
                name: strategy.strategy.verb, values: running,
                style: Self.styles[index % Self.styles.count], dashed: index > 0)
        }
        return Chart(
            id: idPrefix + "chart-cumulative", title: "Cumulative profit by strategy, baseline",
            description: "Profit added up month by month for each strategy of \(scenario.name) in the baseline "
                + "future, \(p.months.first?.label ?? "") to \(p.last?.label ?? "").",
            xLabels: p.months.map(\.label), series: series, format: { Format.moneyAxis($0, into: &$1) })
    }

    func cumulativeProfitFigure(into out: inout TextBuffer) {
        let chart = cumulativeProfitChart()
        let months = p.months
        let strategies = p.strategies
        var totals = [Double](repeating: 0, count: strategies.count)
        let table = HTMLTable(
            caption: nil, headers: ["Month"] + chart.series.map(\.name),
            numericColumns: Set(1...strategies.count))
        chart.figure(table: table, rows: months.count, into: &out) { row, index in
            row.text(months[index].label)
            for (s, strategy) in strategies.enumerated() {
                totals[s] += strategy.outcomes[0].monthlyProfit[index]
                row.money(totals[s])
            }
        }
    }

    /// Accept's gross margin in the baseline and in each shock, with the target.
    func shockMarginChart(idPrefix: String = "") -> Chart {
        let accept = p.strategies[0]
        var series = accept.outcomes.enumerated().map { index, outcome in
            ChartSeries(
                name: index == 0 ? "Baseline" : outcome.future, values: outcome.monthlyGrossMargin,
                style: Self.styles[index % Self.styles.count], dashed: index >= Self.styles.count)
        }
        series.append(
            ChartSeries(
                name: "Target", values: p.months.map { _ in scenario.targetGrossMargin }, style: "target",
                dashed: true))
        return Chart(
            id: idPrefix + "chart-shocks", title: "Gross margin, baseline against each shock",
            description: "Gross margin by month of \(scenario.name) when accepting the dependency, in the baseline "
                + "and in each shock, with the target of \(Format.percent(scenario.targetGrossMargin)).",
            xLabels: p.months.map(\.label), series: series, format: { Format.percent($0, into: &$1) })
    }

    func shockMarginFigure(into out: inout TextBuffer) {
        guard p.futures.count > 1 else { return }
        let chart = shockMarginChart()
        let months = p.months
        let outcomes = p.strategies[0].outcomes
        let table = HTMLTable(
            caption: nil, headers: ["Month"] + outcomes.map { $0.future == "baseline" ? "Baseline" : $0.future },
            numericColumns: Set(1...outcomes.count))
        chart.figure(table: table, rows: months.count, into: &out) { row, index in
            row.text(months[index].label)
            for outcome in outcomes { row.percent(outcome.monthlyGrossMargin[index]) }
        }
    }
}
