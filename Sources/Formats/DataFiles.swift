import Basics
import CostModel
import Foundation
/// The files of `output/data/`: one JSON and one CSV per scenario, and `scenarios.csv`.
package enum DataFiles {
    /// The keys of a month in `<slug>.json` and the header of `<slug>.csv`.
    package static let monthColumns = ["month", "label"] + MonthColumn.dataFiles.map { "\($0.key)" }

    /// One field of a CSV record.
    package enum Value {
        case number(Double?)
        case text(String?)
    }

    /// `<slug>.json` with exactly the keys docs/model.md lists, in its order.
    package static func json(_ p: Projection) -> TextBuffer {
        var json = JSONWriter(capacity: 4096 + p.months.count * 520)
        json.object { json in
            json.field("slug", p.slug)
            json.field("name", p.name)
            json.field("kind", p.kind.rawValue)
            json.field("months", array: p.months) { json, m in
                json.object { json in
                    json.field("month", m.month)
                    json.field("label", m.label)
                    for column in MonthColumn.dataFiles { json.field(column.key, column.value(m)) }
                }
            }
            json.field("totals") { json in
                json.field("revenue", p.totals.revenue)
                json.field("other_cost", p.totals.otherCost)
                json.field("run_cost", p.totals.runCost)
                json.field("build_cost", p.totals.buildCost)
                json.field("own_cost", p.totals.ownCost)
                json.field("downtime_cost", p.totals.downtimeCost)
            }
            json.field("cost_per_feature", p.costPerFeature)
            json.field("margin_below_target_month", p.marginBelowTargetMonth)
            json.field("best_possible_margin", p.bestPossibleMargin)
            json.field("target_reachable", p.targetReachable)
            json.field("scaling", array: p.scaling) { json, row in
                json.object { json in
                    json.field("users_multiplier", row.usersMultiplier)
                    json.field("build_cost", row.buildCost)
                    json.field("run_cost", row.runCost)
                    json.field("token_cost_per_user", row.tokenCostPerUser)
                    json.field("token_share", row.tokenShare)
                    json.field("headroom", row.headroom)
                    json.field("own_cost_per_user", row.ownCostPerUser)
                }
            }
            json.field("price_sensitivity", array: p.priceSensitivity) { json, row in
                json.object { json in
                    json.field("multiplier", row.multiplier)
                    json.field("gross_margin", row.grossMargin)
                }
            }
            json.field("break_even_price_multiplier", p.breakEvenPriceMultiplier)
            json.field("target_price_multiplier", p.targetPriceMultiplier)
            json.field("rate_limits", array: p.rateLimits) { json, limit in
                json.object { json in
                    json.field("model", limit.model)
                    json.field("peak_rpm", limit.peakRPM)
                    json.field("peak_tpm", limit.peakTPM)
                    json.field("headroom", limit.headroom)
                    json.field("throttled_from_month", limit.throttledFromMonth)
                }
            }
            json.field("availability", p.availability)
            json.field("downtime_hours_per_month", p.downtimeHoursPerMonth)
            json.field("provider_concentration", p.providerConcentration)
            json.field("providers", array: p.providers) { json, provider in
                json.object { json in
                    json.field("provider", provider.provider)
                    json.field("share", provider.share)
                    json.field("availability", provider.availability)
                }
            }
            json.field("retirements", array: p.retirements) { json, retirement in
                json.object { json in
                    json.field("model", retirement.model)
                    json.field("date", retirement.date.description)
                    json.field("month", retirement.month)
                    json.field("successor", retirement.successor)
                }
            }
            json.field("own_break_even_month", p.ownBreakEvenMonth)
            json.field("futures", array: p.futures) { json, name in json.string(name) }
            json.field("strategies", array: p.strategies) { json, strategy in
                json.object { json in
                    json.field("strategy", strategy.strategy.rawValue)
                    json.field("from_month", strategy.fromMonth)
                    json.field("migration_cost", strategy.migrationCost)
                    json.field("outcomes", array: strategy.outcomes) { json, outcome in
                        json.object { json in
                            json.field("future", outcome.future)
                            json.field("cumulative_profit", outcome.cumulativeProfit)
                            json.field("run_side_cost", outcome.runSideCost)
                            json.field("gross_margin", outcome.grossMargin)
                            json.field("availability", outcome.availability)
                            json.field("downtime_hours", outcome.downtimeHours)
                            json.field("margin_below_target_month", outcome.marginBelowTargetMonth)
                            json.field("throttled_from_month", outcome.throttledFromMonth)
                            json.field("payback_month", outcome.paybackMonth)
                        }
                    }
                    json.field("worst_cumulative_profit", strategy.worstCumulativeProfit)
                    json.field("max_regret", strategy.maxRegret)
                }
            }
            json.field("decision") { json in
                json.field("maximin", p.decision.maximin.rawValue)
                json.field("minimax_regret", p.decision.minimaxRegret.rawValue)
            }
            json.field("warnings", array: p.warnings) { json, warning in json.string(warning.message) }
        }
        return json.finish()
    }

    /// `<slug>.csv`: the months, header first; an undefined ratio is an empty field.
    package static func csv(_ p: Projection) -> TextBuffer {
        var out = TextBuffer(capacity: 256 + p.months.count * 200)
        csvRow(monthColumns.map(Value.text), into: &out)
        for m in p.months {
            out.append(integer: m.month)
            out.append(",")
            csvField(m.label, into: &out)
            for column in MonthColumn.dataFiles {
                out.append(",")
                csvNumber(column.value(m), into: &out)
            }
            out.append("\r\n")
        }
        return out
    }

    package static let summaryColumns = [
        "slug", "name", "kind", "start", "months", "revenue", "run_cost", "build_cost",
        "own_cost", "other_cost", "gross_margin_last_month", "token_share_last_month",
        "margin_below_target_month", "break_even_price_multiplier",
        "target_price_multiplier", "availability", "provider_concentration",
        "own_break_even_month", "warnings", "maximin", "minimax_regret",
    ]

    /// `scenarios.csv`: one row of headline figures per scenario (totals over the projection,
    /// ratios in the last month).
    package static func summaryCSV(_ projections: some Collection<(Projection, Scenario)>) -> TextBuffer {
        var out = TextBuffer(capacity: 512 + projections.count * 256)
        summaryCSVHeader(into: &out)
        for (p, scenario) in projections { summaryCSVRow(p, scenario, into: &out) }
        return out
    }

    /// The first record of `summaryCSV`: the columns' names.
    package static func summaryCSVHeader(into out: inout TextBuffer) {
        csvRow(summaryColumns.map(Value.text), into: &out)
    }

    /// The record of one scenario in `summaryCSV`.
    package static func summaryCSVRow(_ p: Projection, _ scenario: Scenario, into out: inout TextBuffer) {
        let last = p.last
        csvRow(
            [
                .text(p.slug), .text(p.name), .text(p.kind.rawValue), .text(scenario.start.description),
                .number(Double(max(1, scenario.months))), .number(p.totals.revenue), .number(p.totals.runCost),
                .number(p.totals.buildCost), .number(p.totals.ownCost), .number(p.totals.otherCost),
                .number(last?.grossMargin), .number(last?.tokenShare),
                .number(p.marginBelowTargetMonth.map(Double.init)),
                .number(p.breakEvenPriceMultiplier), .number(p.targetPriceMultiplier), .number(p.availability),
                .number(p.providerConcentration), .number(p.ownBreakEvenMonth.map(Double.init)),
                .number(Double(p.warnings.count)), .text(p.decision.maximin.rawValue),
                .text(p.decision.minimaxRegret.rawValue),
            ], into: &out)
    }

    /// One CSV record ending in CRLF; an undefined number is an empty field.
    private static func csvRow(_ values: [Value], into out: inout TextBuffer) {
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(",") }
            switch value {
            case .number(let number): csvNumber(number, into: &out)
            case .text(let text?): csvField(text, into: &out)
            case .text(nil): break
            }
        }
        out.append("\r\n")
    }

    /// A number as `formatPlain` writes it; nothing for nil.
    private static func csvNumber(_ value: Double?, into out: inout TextBuffer) {
        // A figure that is not finite never reaches a file (`Projection.hasOnlyFiniteFigures`);
        // were one to, the cell stays empty rather than say `inf`.
        guard let value, value.isFinite else { return }
        writePlain(value, to: &out)
    }

    /// One CSV field, RFC 4180: quoted when it holds a comma, quote or line break; a leading `=`,
    /// `+`, `-`, `@` is prefixed with `'` (unless the field is a number) so a spreadsheet does not
    /// run it as a formula. Text that needs neither goes in as it is.
    private static func csvField(_ text: String, into out: inout TextBuffer) {
        let formula = text.utf8.first.map { "=+-@".utf8.contains($0) } == true && parseNumber(text) == nil
        guard text.utf8.contains(where: needsQuotes) else {
            if formula { out.append("'") }
            return out.append(text)
        }
        out.append(formula ? "\"'" : "\"")
        out.append(text.replacingOccurrences(of: "\"", with: "\"\""))
        out.append("\"")
    }

    /// A comma, a quote or a line break: a field that holds one is quoted.
    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    /// `text` as one CSV field (`csvField(_:into:)`).
    package static func csvField(_ text: String) -> String {
        TextBuffer.text { csvField(text, into: &$0) }
    }
}
