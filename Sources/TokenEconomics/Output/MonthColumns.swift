/// A figure every month of a projection has: its key in the data files (docs/model.md, "The
/// data files"), its heading and format in the scenario page's table of months, and where it
/// comes from. Each is written once here; the CSV, the JSON and the page take them from here.
struct MonthColumn: Sendable {
    enum Style: Sendable { case count, money, moneyPrecise, percent, number }

    let key: StaticString
    let heading: String
    let style: Style
    let value: @Sendable (MonthFigures) -> Double?

    static let users = MonthColumn(key: "users", heading: "Users", style: .count) { $0.users }
    static let requests = MonthColumn(key: "requests", heading: "Requests", style: .count) { $0.requests }
    static let runTokens = MonthColumn(key: "run_tokens", heading: "Run tokens", style: .count) { $0.runTokens }
    static let revenue = MonthColumn(key: "revenue", heading: "Revenue", style: .money) { $0.revenue }
    static let otherCost = MonthColumn(key: "other_cost", heading: "Other costs", style: .money) { $0.otherCost }
    static let runCost = MonthColumn(key: "run_cost", heading: "Run token cost", style: .money) { $0.runCost }
    static let buildCost = MonthColumn(key: "build_cost", heading: "Build token cost", style: .money) {
        $0.buildCost
    }
    static let ownCost = MonthColumn(key: "own_cost", heading: "Own model cost", style: .money) { $0.ownCost }
    static let costPerRequest = MonthColumn(key: "cost_per_request", heading: "Per request", style: .moneyPrecise) {
        $0.costPerRequest
    }
    static let grossMargin = MonthColumn(key: "gross_margin", heading: "Gross margin", style: .percent) {
        $0.grossMargin
    }
    static let marginAfterBuild = MonthColumn(key: "margin_after_build", heading: "After build", style: .percent) {
        $0.marginAfterBuild
    }
    static let tokenShare = MonthColumn(key: "token_share", heading: "Token share", style: .percent) { $0.tokenShare }
    static let downtimeHours = MonthColumn(key: "downtime_hours", heading: "Hours down", style: .number) {
        $0.downtimeHours
    }
    static let downtimeCost = MonthColumn(key: "downtime_cost", heading: "Downtime cost", style: .money) {
        $0.downtimeCost
    }
    static let profit = MonthColumn(key: "profit", heading: "Profit", style: .money) { $0.profit }

    /// The figures of a month in the data files, in their order after `month` and `label`.
    static let dataFiles: [MonthColumn] = [
        users, requests, runTokens, revenue, otherCost, runCost, buildCost, ownCost, costPerRequest,
        grossMargin, marginAfterBuild, tokenShare, downtimeHours, downtimeCost, profit,
    ]

    /// The scenario page's table of months, after the month itself; the own model's cost only
    /// for a scenario with one.
    static func page(ownModel: Bool) -> [MonthColumn] {
        [users, requests, revenue, runCost, buildCost, otherCost] + (ownModel ? [ownCost] : [])
            + [costPerRequest, grossMargin, marginAfterBuild, tokenShare]
    }
}
