import CostModelFixtures
import Foundation
import Testing

@testable import Basics
@testable import CostModel
@testable import Formats

@Suite struct DataFilesTests {
    @Test func numbersAreTheShortestTextThatReadsBack() {
        #expect(formatPlain(1) == "1")
        #expect(formatPlain(0.1) == "0.1")
        #expect(formatPlain(0.1 + 0.2) == "0.30000000000000004")
        #expect(formatPlain(1e-05) == "1e-05")
        #expect(formatPlain(2.5e20) == "2.5e+20")
        #expect(formatPlain(-0.0) == "0")
        #expect(formatPlain(-12.75) == "-12.75")
        for value in [1.0 / 3, 7.247295, 123_456_789.123, Double.leastNonzeroMagnitude] {
            #expect(Double(formatPlain(value)) == value)
        }
    }

    @Test func dataFilesWriteNumbersAsFormatPlainDoes() {
        // Whole numbers below 2^53 as integers, fractions as their shortest text, whole numbers
        // past 2^53 with an exponent (2^53 + 2 = 9,007,199,254,740,994), which reads back the same.
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-7, "-7"), (0.1, "0.1"), (1e-05, "1e-05"),
            (123_456_789.123, "123456789.123"), (9_007_199_254_740_991, "9007199254740991"),
            (9_007_199_254_740_994, "9.007199254740994e+15"), (2.5e20, "2.5e+20"),
            (-4.5e15, "-4500000000000000"), (4_503_599_627_370_495.5, "4503599627370495.5"),
        ]
        for (value, text) in cases {
            var out = TextBuffer()
            writePlain(value, to: &out)
            #expect(out.text == text, "\(value)")
            #expect(formatPlain(value) == text, "\(value)")
        }
    }

    @Test func zeroRevenueIsWrittenAsNull() {
        // Price 0: revenue 0, so the gross margin and the month it falls below target are
        // undefined (ProjectionTests.zeroRevenueGivesNulls), and the JSON says null, not 0 or NaN.
        let catalog = Catalog(
            asOf: day("2027-01-01"), models: [CatalogModel(id: "m", provider: "P", input: 1, output: 2)])
        let scenario = Scenario(
            slug: "free", name: "Free", start: month("2027-01"), months: 2, usersStart: 10, pricePerUser: 0,
            run: RunSide(
                requestsPerUser: 10, inputTokens: 100, outputTokens: 50, routing: [Route(model: "m", share: 1)]))
        let json = DataFiles.json(Projection(scenario: scenario, catalog: catalog)).text
        #expect(json.contains("\"gross_margin\": null"))
        #expect(json.contains("\"margin_below_target_month\": null"))
    }

    @Test func jsonHasExactlyTheKeysOfTheModel() throws {
        let catalog = Catalog(
            asOf: day("2027-01-01"), models: [CatalogModel(id: "m", provider: "P", input: 1, output: 2)])
        let scenario = Scenario(
            slug: "s", name: "S", start: month("2027-01"), months: 2, usersStart: 1, pricePerUser: 1,
            run: RunSide(
                requestsPerUser: 1, inputTokens: 1, outputTokens: 1,
                routing: [Route(model: "m", share: 1)]))
        let text = DataFiles.json(Projection(scenario: scenario, catalog: catalog)).text
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let keys = [
            "slug", "name", "kind", "months", "totals", "cost_per_feature", "margin_below_target_month",
            "best_possible_margin", "target_reachable",
            "scaling", "price_sensitivity", "break_even_price_multiplier", "target_price_multiplier",
            "rate_limits", "availability", "downtime_hours_per_month", "provider_concentration", "providers",
            "retirements", "own_break_even_month", "futures", "strategies", "decision", "warnings",
        ]
        #expect(Set(object.keys) == Set(keys))
        // In the order docs/model.md lists.
        #expect(keyOrder(text, keys, indent: 2) == keys)
        let months = try #require(object["months"] as? [[String: Any]])
        #expect(Set(months[0].keys) == Set(DataFiles.monthColumns))
        #expect(
            DataFiles.monthColumns == [
                "month", "label", "users", "requests", "run_tokens", "revenue", "other_cost", "run_cost",
                "build_cost", "own_cost", "cost_per_request", "gross_margin", "margin_after_build", "token_share",
                "downtime_hours", "downtime_cost", "profit",
            ])
        // A month's keys come in the order of the CSV's columns.
        let monthKeys = DataFiles.monthColumns.compactMap { text.range(of: "\n      \"\($0)\":")?.lowerBound }
        #expect(monthKeys.count == DataFiles.monthColumns.count && monthKeys == monthKeys.sorted())
        #expect(months[0]["own_cost"] is NSNull)
        let totals = try #require(object["totals"] as? [String: Any])
        let totalKeys = ["revenue", "other_cost", "run_cost", "build_cost", "own_cost", "downtime_cost"]
        #expect(Set(totals.keys) == Set(totalKeys))
        let scaling = try #require(object["scaling"] as? [[String: Any]])
        let scalingKeys = [
            "users_multiplier", "build_cost", "run_cost", "token_cost_per_user", "token_share", "headroom",
            "own_cost_per_user",
        ]
        #expect(Set(scaling[0].keys) == Set(scalingKeys))
        #expect(object["target_reachable"] as? Bool == true)
        #expect(object["futures"] as? [String] == ["baseline"])
        let strategies = try #require(object["strategies"] as? [[String: Any]])
        let strategyKeys = [
            "strategy", "from_month", "migration_cost", "outcomes", "worst_cumulative_profit", "max_regret",
        ]
        #expect(Set(strategies[0].keys) == Set(strategyKeys))
        #expect(strategies[0]["from_month"] is NSNull)
        #expect(keyOrder(text, strategyKeys, indent: 6) == strategyKeys)
        let outcomes = try #require(strategies[0]["outcomes"] as? [[String: Any]])
        let outcomeKeys = [
            "future", "cumulative_profit", "run_side_cost", "gross_margin", "availability", "downtime_hours",
            "margin_below_target_month", "throttled_from_month", "payback_month",
        ]
        #expect(Set(outcomes[0].keys) == Set(outcomeKeys))
        #expect(keyOrder(text, outcomeKeys, indent: 10) == outcomeKeys)
        let decision = try #require(object["decision"] as? [String: String])
        #expect(decision == ["maximin": "accept", "minimax_regret": "accept"])
        #expect(keyOrder(text, ["maximin", "minimax_regret"], indent: 4) == ["maximin", "minimax_regret"])
    }

    /// `keys` sorted by where each first appears at `indent` spaces in `text` (missing ones dropped).
    private func keyOrder(_ text: String, _ keys: [String], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let found = keys.compactMap { key in text.range(of: "\n\(pad)\"\(key)\":").map { (key, $0.lowerBound) } }
        return found.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// `data/models.catalog.json` writes the keys of `models.yaml` (docs/content.md) and each
    /// model's `id`, in that order, and every key it writes is one `diff` reads back by name.
    @Test func theCatalogFileWritesTheKeysOfModelsYAML() throws {
        let catalog = Catalog(
            asOf: day("2027-01-01"), source: "p.example",
            models: [
                CatalogModel(
                    id: "m", provider: "P", input: 1, cachedInput: 0.5, output: 2, availability: 0.99, rpm: 10,
                    tpm: 20, retires: day("2027-06-01"), successor: "n", asOf: day("2026-12-01"), source: "s")
            ])
        let text = DataFiles.catalogJSON(catalog).text
        #expect(keyOrder(text, ["as_of", "source", "models"], indent: 2) == ["as_of", "source", "models"])
        let modelKeys = [
            "id", "provider", "input", "cached_input", "output", "availability", "rpm", "tpm", "retires", "successor",
            "as_of", "source",
        ]
        #expect(keyOrder(text, modelKeys, indent: 6) == modelKeys)
        for key in modelKeys + ["models", "age_days"] {
            #expect(CatalogDataKey(stringValue: key)?.stringValue == key, "\(key)")
        }
        #expect(CatalogDataKey(stringValue: "litellm") == nil)
    }

    @Test func csvFieldsAreQuotedAndSafe() {
        #expect(DataFiles.csvField("plain") == "plain")
        #expect(DataFiles.csvField("a, b") == "\"a, b\"")
        #expect(DataFiles.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DataFiles.csvField("=SUM(A1)") == "'=SUM(A1)")
        #expect(DataFiles.csvField("-12") == "-12")
        // "\r\n" is one Character in Swift; the check is on bytes, so it is quoted too.
        #expect(DataFiles.csvField("a\r\nb") == "\"a\r\nb\"")
    }

    @Test func jsonStringsAreEscaped() {
        #expect(JSONWriter.quote("a\"b\\c\n</script>\u{1}") == "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"")
    }
}
