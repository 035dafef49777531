import CostModel

/// A figure every month of a projection has: its key in the data files (docs/model.md, "The
/// data files"), its heading and format in the scenario page's table of months, and where it
/// comes from. Each is written once here; the CSV, the JSON and the page take them from here.
package struct MonthColumn: Sendable {
    package enum Style: Sendable { case count, money, moneyPrecise, percent, number }

    package let key: StaticString
    package let heading: String
    package let style: Style
    package let value: @Sendable (MonthFigures) -> Double?

    package static let users = MonthColumn(key: "users", heading: "Users", style: .count) { $0.users }
    package static let requests = MonthColumn(key: "requests", heading: "Requests", style: .count) { $0.requests }
    package static let runTokens = MonthColumn(key: "run_tokens", heading: "Run tokens", style: .count) { $0.runTokens }
    package static let revenue = MonthColumn(key: "revenue", heading: "Revenue", style: .money) { $0.revenue }
    package static let otherCost = MonthColumn(key: "other_cost", heading: "Other costs", style: .money) {
        $0.otherCost
    }
    package static let runCost = MonthColumn(key: "run_cost", heading: "Run token cost", style: .money) { $0.runCost }
    package static let buildCost = MonthColumn(key: "build_cost", heading: "Build token cost", style: .money) {
        $0.buildCost
    }
    package static let ownCost = MonthColumn(key: "own_cost", heading: "Own model cost", style: .money) { $0.ownCost }
    package static let costPerRequest = MonthColumn(
        key: "cost_per_request", heading: "Per request", style: .moneyPrecise
    ) {
        $0.costPerRequest
    }
    package static let grossMargin = MonthColumn(key: "gross_margin", heading: "Gross margin", style: .percent) {
        $0.grossMargin
    }
    package static let marginAfterBuild = MonthColumn(
        key: "margin_after_build", heading: "After build", style: .percent
    ) {
        $0.marginAfterBuild
    }
    package static let tokenShare = MonthColumn(key: "token_share", heading: "Token share", style: .percent) {
        $0.tokenShare
    }
    package static let downtimeHours = MonthColumn(key: "downtime_hours", heading: "Hours down", style: .number) {
        $0.downtimeHours
    }
    package static let downtimeCost = MonthColumn(key: "downtime_cost", heading: "Downtime cost", style: .money) {
        $0.downtimeCost
    }
    package static let profit = MonthColumn(key: "profit", heading: "Profit", style: .money) { $0.profit }

    /// The figures of a month in the data files, in their order after `month` and `label`.
    package static let dataFiles: [MonthColumn] = [
        users, requests, runTokens, revenue, otherCost, runCost, buildCost, ownCost, costPerRequest,
        grossMargin, marginAfterBuild, tokenShare, downtimeHours, downtimeCost, profit,
    ]

    /// The scenario page's table of months, after the month itself; the own model's cost only
    /// for a scenario with one.
    package static func page(ownModel: Bool) -> [MonthColumn] {
        [users, requests, revenue, runCost, buildCost, otherCost] + (ownModel ? [ownCost] : [])
            + [costPerRequest, grossMargin, marginAfterBuild, tokenShare]
    }
}
