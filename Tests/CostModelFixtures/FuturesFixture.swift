import CostModel

/// The catalog and scenarios of `Tests/CostModelTests/FuturesTests.swift`, where their figures are
/// worked out by hand; the views of "What to do" are tested on them.
///
/// The catalog (USD per 1M tokens, input / output):
/// - x1 (X): 1 / 2, availability 0.99, 100 requests a minute
/// - x2 (X): 2 / 4, availability 0.99
/// - y1 (Y): 1.5 / 3, availability 0.98
/// - z1 (Z): 3 / 6, availability 0.999, retires 2027-04-01 → z2
/// - z2 (Z): 4 / 8, availability 0.999
///
/// The scenario: four months from 2027-01, 1,000 users paying 10 (revenue 10,000 a month),
/// 1,000 requests per user (1,000,000 a month) of 1,000 input and 500 output tokens, an hour
/// down costs 10. A request costs (1,000 × input + 500 × output) / 1e6: x1 0.002 (2,000 a month),
/// x2 0.004 (4,000), y1 0.003 (3,000), z1 0.006 (6,000), z2 0.008 (8,000).
/// On x1 without failover: (1 − 0.99) × 730 = 7.3 hours down a month, 73 of cost, so accept's
/// baseline profit is 10,000 − 2,000 − 73 = 7,927 a month, 31,708 over the four months.
package struct FuturesFixture {
    package init() {}

    package static let catalog = Catalog(
        asOf: day("2027-01-01"),
        models: [
            CatalogModel(id: "x1", provider: "X", input: 1, output: 2, availability: 0.99, rpm: 100),
            CatalogModel(id: "x2", provider: "X", input: 2, output: 4, availability: 0.99),
            CatalogModel(id: "y1", provider: "Y", input: 1.5, output: 3, availability: 0.98),
            CatalogModel(
                id: "z1", provider: "Z", input: 3, output: 6, retires: day("2027-04-01"), successor: "z2"),
            CatalogModel(id: "z2", provider: "Z", input: 4, output: 8),
        ])

    package func scenario(
        model: String = "x1", shocks: [Shock] = [], diversify: Diversify? = nil, own: OwnModel? = nil,
        target: Double = 0.7
    ) -> Scenario {
        Scenario(
            slug: "f", name: "F", start: month("2027-01"), months: 4, usersStart: 1000, pricePerUser: 10,
            targetGrossMargin: target,
            run: RunSide(
                requestsPerUser: 1000, inputTokens: 1000, outputTokens: 500,
                routing: [Route(model: model, share: 1)]),
            ownModel: own, downtimeCostPerHour: 10, diversify: diversify, shocks: shocks)
    }
}

/// A day of a test, written as text ("2027-01-01").
package func day(_ text: String) -> Day {
    guard let value = Day(text) else { preconditionFailure("bad test date \(text)") }
    return value
}

/// A month of a test, written as text ("2027-01").
package func month(_ text: String) -> Month {
    guard let value = Month(text) else { preconditionFailure("bad test month \(text)") }
    return value
}
