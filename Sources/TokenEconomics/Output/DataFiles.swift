import Foundation
/// The files of `output/data/`: one JSON and one CSV per scenario, and `scenarios.csv`.
enum DataFiles {
    static let monthColumns = ["month", "label", "users", "requests", "run_tokens", "revenue", "other_cost",
                               "run_cost", "build_cost", "own_cost", "cost_per_request", "gross_margin",
                               "margin_after_build", "token_share"]

    static func monthValues(_ m: MonthFigures) -> [JSON] {
        [.number(Double(m.month)), .string(m.label), .number(m.users), .number(m.requests), .number(m.runTokens),
         .number(m.revenue), .number(m.otherCost), .number(m.runCost), .number(m.buildCost), .optional(m.ownCost),
         .number(m.costPerRequest), .optional(m.grossMargin), .optional(m.marginAfterBuild), .optional(m.tokenShare)]
    }

    /// `<slug>.json` with exactly the keys of MODEL.md, in its order.
    static func json(_ p: Projection) -> String {
        let months = p.months.map { JSON.object(Array(zip(monthColumns, monthValues($0)))) }
        let object: JSON = .object([
            ("slug", .string(p.slug)),
            ("name", .string(p.name)),
            ("kind", .string(p.kind.rawValue)),
            ("months", .array(months)),
            ("totals", .object([
                ("revenue", .number(p.totals.revenue)),
                ("other_cost", .number(p.totals.otherCost)),
                ("run_cost", .number(p.totals.runCost)),
                ("build_cost", .number(p.totals.buildCost)),
                ("own_cost", .optional(p.totals.ownCost)),
            ])),
            ("cost_per_feature", .optional(p.costPerFeature)),
            ("margin_below_target_month", .optional(p.marginBelowTargetMonth)),
            ("scaling", .array(p.scaling.map {
                .object([("users_multiplier", .number($0.usersMultiplier)), ("build_cost", .number($0.buildCost)),
                         ("run_cost", .number($0.runCost)), ("token_cost_per_user", .optional($0.tokenCostPerUser)),
                         ("token_share", .optional($0.tokenShare))])
            })),
            ("price_sensitivity", .array(p.priceSensitivity.map {
                .object([("multiplier", .number($0.multiplier)), ("gross_margin", .optional($0.grossMargin))])
            })),
            ("break_even_price_multiplier", .optional(p.breakEvenPriceMultiplier)),
            ("target_price_multiplier", .optional(p.targetPriceMultiplier)),
            ("rate_limits", .array(p.rateLimits.map {
                .object([("model", .string($0.model)), ("peak_rpm", .number($0.peakRPM)),
                         ("peak_tpm", .number($0.peakTPM)), ("headroom", .optional($0.headroom)),
                         ("throttled_from_month", .optional($0.throttledFromMonth))])
            })),
            ("availability", .optional(p.availability)),
            ("downtime_hours_per_month", .optional(p.downtimeHoursPerMonth)),
            ("provider_concentration", .optional(p.providerConcentration)),
            ("providers", .array(p.providers.map {
                .object([("provider", .string($0.provider)), ("share", .number($0.share)),
                         ("availability", .number($0.availability))])
            })),
            ("retirements", .array(p.retirements.map {
                .object([("model", .string($0.model)), ("date", .string($0.date.description)),
                         ("month", .optional($0.month)), ("successor", .optional($0.successor))])
            })),
            ("own_break_even_month", .optional(p.ownBreakEvenMonth)),
            ("strategies", .array(p.strategies.map {
                .object([("strategy", .string($0.strategy)), ("run_cost", .number($0.runCost)),
                         ("gross_margin", .optional($0.grossMargin)), ("availability", .optional($0.availability)),
                         ("provider_concentration", .optional($0.providerConcentration)),
                         ("break_even_price_multiplier", .optional($0.breakEvenPriceMultiplier))])
            })),
            ("warnings", .array(p.warnings.map { .string($0.message) })),
        ])
        return object.text()
    }

    /// `<slug>.csv`: the months, header first; an undefined ratio is an empty field.
    static func csv(_ p: Projection) -> String {
        var rows = [monthColumns.map(csvField)]
        rows += p.months.map { monthValues($0).map(csvField) }
        return csvText(rows)
    }

    static let summaryColumns = ["slug", "name", "kind", "start", "months", "revenue", "run_cost", "build_cost",
                                 "own_cost", "other_cost", "gross_margin_last_month", "token_share_last_month",
                                 "margin_below_target_month", "break_even_price_multiplier",
                                 "target_price_multiplier", "availability", "provider_concentration",
                                 "own_break_even_month", "warnings"]

    /// `scenarios.csv`: one row of headline figures per scenario (totals over the projection,
    /// ratios in the last month).
    static func summaryCSV(_ projections: [(Projection, Scenario)]) -> String {
        var rows = [summaryColumns.map(csvField)]
        for (p, scenario) in projections {
            let last = p.last
            let values: [JSON] = [
                .string(p.slug), .string(p.name), .string(p.kind.rawValue), .string(scenario.start.description),
                .number(Double(p.months.count)), .number(p.totals.revenue), .number(p.totals.runCost),
                .number(p.totals.buildCost), .optional(p.totals.ownCost), .number(p.totals.otherCost),
                .optional(last?.grossMargin), .optional(last?.tokenShare), .optional(p.marginBelowTargetMonth),
                .optional(p.breakEvenPriceMultiplier), .optional(p.targetPriceMultiplier), .optional(p.availability),
                .optional(p.providerConcentration), .optional(p.ownBreakEvenMonth),
                .number(Double(p.warnings.count)),
            ]
            rows.append(values.map(csvField))
        }
        return csvText(rows)
    }

    private static func csvField(_ value: JSON) -> String {
        switch value {
        case .null: return ""
        case .number(let number): return formatPlain(number)
        case .string(let text): return csvField(text)
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object: return ""
        }
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`, `@`
    /// is prefixed with `'` so a spreadsheet does not run it as a formula.
    static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first),
           parseNumber(text) == nil {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func csvText(_ rows: [[String]]) -> String {
        rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
