import Basics
import CostModel

extension Projection {
    /// True when every figure of the projection is a finite number. Inputs are kept within
    /// 1e-12 to 1e15 in size (`YAMLMapping.number`), so only compounding over the months
    /// (users' or usage growth) can overflow; a sum of every figure is infinite or NaN as soon as
    /// one of them is, which checks them all in one pass without naming each.
    var hasOnlyFiniteFigures: Bool {
        var sum = 0.0
        for month in months {
            sum += month.users + month.requests + month.runTokens + month.revenue + month.otherCost
            sum += month.runCost + month.buildCost + month.costPerRequest
            sum += (month.ownCost ?? 0) + (month.grossMargin ?? 0) + (month.marginAfterBuild ?? 0)
            sum += (month.tokenShare ?? 0) + month.downtimeHours + month.downtimeCost + month.profit
        }
        sum += totals.revenue + totals.otherCost + totals.runCost + totals.buildCost + (totals.ownCost ?? 0)
        sum += totals.downtimeCost
        for row in scaling {
            sum += row.usersMultiplier + row.buildCost + row.runCost + (row.tokenCostPerUser ?? 0)
            sum += row.tokenShare ?? 0
        }
        for row in priceSensitivity { sum += row.multiplier + (row.grossMargin ?? 0) }
        for row in rateLimits { sum += row.peakRPM + row.peakTPM + (row.headroom ?? 0) }
        for row in providers { sum += row.share + row.availability }
        for row in strategies {
            sum += row.migrationCost + row.worstCumulativeProfit + row.maxRegret
            for outcome in row.outcomes {
                sum += outcome.cumulativeProfit + outcome.runSideCost + (outcome.grossMargin ?? 0)
                sum += outcome.availability + outcome.downtimeHours
                for value in outcome.monthlyProfit { sum += value }
                for value in outcome.monthlyGrossMargin { sum += value ?? 0 }
                for value in outcome.monthlyDowntimeHours { sum += value }
            }
        }
        sum += bestPossibleMargin ?? 0
        sum += (costPerFeature ?? 0) + (breakEvenPriceMultiplier ?? 0) + (targetPriceMultiplier ?? 0)
        sum += (availability ?? 0) + (downtimeHoursPerMonth ?? 0) + (providerConcentration ?? 0)
        // Very large finite figures may sum past Double's range; that too is a projection no page
        // can show sensibly.
        return sum.isFinite
    }
}

extension ScenarioFile {
    /// Where an overflow most likely comes from: the growth of users, else of usage, else the
    /// top of the file. Read again from the source: this runs only for a failing scenario.
    var overflowLocation: (location: SourceLocation, key: String) {
        var ignored = Diagnostics()
        if let root = parseYAML(source, diagnostics: &ignored),
            let top = YAMLMapping(
                root, keys: ScenarioLoader.TopKey.self, context: "", source: source, diagnostics: &ignored)
        {
            if let users = top.mapping(.users, keys: ScenarioLoader.UsersKey.self, diagnostics: &ignored),
                let entry = users.entry(.growth)
            {
                return (source.location(of: entry.value), "users.growth")
            }
            if let run = top.mapping(.run, keys: ScenarioLoader.RunKey.self, diagnostics: &ignored),
                let entry = run.entry(.usageGrowth)
            {
                return (source.location(of: entry.value), "run.usage_growth")
            }
        }
        return (source.location(line: 1, column: 1), "")
    }
}
