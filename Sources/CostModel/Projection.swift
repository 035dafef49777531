#if canImport(Glibc)
    import Glibc  // pow
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hours and minutes in a month, as the model counts them.
public enum ModelConstants {
    public static let hoursPerMonth = 730.0
    public static let minutesPerMonth = 43_800.0
    public static let tokensPerPriceUnit = 1_000_000.0
    public static let scalingMultipliers: [Double] = [1, 10, 100, 1000]
    public static let priceMultipliers: [Double] = [0.5, 0.75, 1, 1.25, 1.5, 2, 3]
}

/// The figures of one month of a projection. Ratios are nil where their denominator is 0.
public struct MonthFigures: Sendable, Equatable {
    public var month: Int
    public var label: String
    public var users: Double
    public var requests: Double
    public var runTokens: Double
    public var revenue: Double
    public var otherCost: Double
    public var runCost: Double
    public var buildCost: Double
    public var ownCost: Double?
    public var costPerRequest: Double
    public var grossMargin: Double?
    public var marginAfterBuild: Double?
    public var tokenShare: Double?
    /// Accept in the baseline: hours down this month, what they cost, and the month's profit.
    public var downtimeHours: Double = 0
    public var downtimeCost: Double = 0
    public var profit: Double = 0
}

public struct Totals: Sendable, Equatable {
    public var revenue: Double
    public var otherCost: Double
    public var runCost: Double
    public var buildCost: Double
    public var ownCost: Double?
    public var downtimeCost: Double = 0
}

public struct ScalingRow: Sendable, Equatable {
    public var usersMultiplier: Double
    public var buildCost: Double
    public var runCost: Double
    public var tokenCostPerUser: Double?
    public var tokenShare: Double?
    /// The smallest rate-limit headroom in month `M`, divided by the multiplier.
    public var headroom: Double? = nil
    /// Own-model cost per user at this scale (nil without own_model).
    public var ownCostPerUser: Double? = nil
}

public struct SensitivityRow: Sendable, Equatable {
    public var multiplier: Double
    public var grossMargin: Double?
}

public struct RateLimitRow: Sendable, Equatable {
    public var model: String
    public var peakRPM: Double
    public var peakTPM: Double
    public var headroom: Double?
    public var throttledFromMonth: Int?
}

public struct ProviderRow: Sendable, Equatable {
    public var provider: String
    public var share: Double
    public var availability: Double
}

public struct RetirementRow: Sendable, Equatable {
    public var model: String
    public var date: Day
    public var month: Int?
    public var successor: String?
}

/// One strategy in one future.
public struct Outcome: Sendable, Equatable {
    public var future: String
    public var cumulativeProfit: Double
    public var runSideCost: Double
    public var grossMargin: Double?
    public var availability: Double
    public var downtimeHours: Double
    public var marginBelowTargetMonth: Int?
    public var throttledFromMonth: Int?
    public var paybackMonth: Int?
    /// Month by month, for the charts (not in the data file).
    public var monthlyProfit: [Double]
    public var monthlyGrossMargin: [Double?]
    public var monthlyDowntimeHours: [Double] = []
}

/// The strategies a scenario is run with (docs/model.md, "Futures, strategies and the
/// decision"), in the order ties are broken; the raw value is the data files' name.
public enum Strategy: String, Sendable, CaseIterable {
    case accept, diversify, ownModel = "own_model"
}

/// One strategy in every future.
public struct StrategyResult: Sendable, Equatable {
    public var strategy: Strategy
    /// The switch month; nil for accept.
    public var fromMonth: Int?
    public var migrationCost: Double
    /// In the order of the futures.
    public var outcomes: [Outcome]
    public var worstCumulativeProfit: Double
    public var maxRegret: Double
}

/// The strategy that keeps the best worst case, and the one with the smallest largest regret.
public struct Decision: Sendable, Equatable {
    public var maximin: Strategy
    public var minimaxRegret: Strategy
}

/// A warning about a scenario, with the input it is about so a loader can point at it.
public struct ModelWarning: Sendable, Equatable {
    public enum Subject: Sendable, Equatable, Hashable {
        case model(String)
        case priceChange(Int)
        /// An event of shock `shock`: its kind and index in that list.
        case shockEvent(shock: Int, kind: Shock.Kind, index: Int)
        case targetGrossMargin
    }

    public var message: String
    public var subject: Subject
}

/// Everything the cost model (docs/model.md) computes for one scenario.
public struct Projection: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var kind: Scenario.Kind
    public var months: [MonthFigures]
    public var totals: Totals
    public var costPerFeature: Double?
    public var marginBelowTargetMonth: Int?
    public var scaling: [ScalingRow]
    public var priceSensitivity: [SensitivityRow]
    public var breakEvenPriceMultiplier: Double?
    public var targetPriceMultiplier: Double?
    public var rateLimits: [RateLimitRow]
    public var availability: Double?
    public var downtimeHoursPerMonth: Double?
    public var providerConcentration: Double?
    public var providers: [ProviderRow]
    public var retirements: [RetirementRow]
    public var ownBreakEvenMonth: Int?
    /// `(revenue(M) − other_cost(M)) / revenue(M)`: the gross margin at zero token cost.
    public var bestPossibleMargin: Double?
    public var targetReachable: Bool?
    /// "baseline", then the shocks' names.
    public var futures: [String]
    /// accept, then diversify and own_model when the scenario has them.
    public var strategies: [StrategyResult]
    public var decision: Decision
    public var warnings: [ModelWarning]

    /// The reference month of the tables: the last one.
    public var last: MonthFigures? { months.last }
}

/// `numerator / denominator`, or nil when the denominator is 0.
func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    denominator == 0 ? nil : numerator / denominator
}

extension Projection {
    /// Projects `scenario` with the prices of `catalog`. Expects references already checked;
    /// an unknown model id is billed at zero rather than trapping.
    public init(scenario: Scenario, catalog: Catalog) {
        let calculator = Calculator(scenario: scenario, catalog: catalog)
        self = calculator.projection()
    }
}

/// The formulas of docs/model.md, one method each.
struct Calculator {
    let scenario: Scenario
    let catalog: Catalog
    let count: Int
    let lastMonth: Int
    /// First day of each month, and one past the end.
    let days: [Day]
    /// The scenario as written: catalog retirements and the top-level price changes.
    let baseline: Future

    init(scenario: Scenario, catalog: Catalog) {
        self.scenario = scenario
        self.catalog = catalog
        self.count = max(1, scenario.months)
        self.lastMonth = count - 1
        let days = (0..<count).map { scenario.start.adding($0).firstDay }
        self.days = days
        self.baseline = Future(name: "baseline", scenario: scenario, catalog: catalog, days: days, shock: nil)
    }

    func day(_ m: Int) -> Day { m >= 0 && m < count ? days[m] : scenario.start.adding(m).firstDay }

    func effective(_ id: String, _ m: Int) -> String { baseline.resolve(id, m) }

    /// Input, cached input and output price of the model billed for `id` in month `m`, per token.
    func prices(_ id: String, _ m: Int, in future: Future) -> (input: Double, cached: Double, output: Double) {
        let billed = future.resolve(id, m)
        guard let model = catalog.models[billed] else { return (0, 0, 0) }
        let factor = future.priceFactor(billed, m)
        let unit = ModelConstants.tokensPerPriceUnit
        return (model.input * factor / unit, model.cachedInput * factor / unit, model.output * factor / unit)
    }

    func users(_ m: Int) -> Double {
        scenario.usersStart * pow(1 + scenario.usersGrowth, Double(m))
    }

    func requests(_ m: Int) -> Double {
        guard let run = scenario.run, m >= run.fromMonth else { return 0 }
        return users(m) * run.requestsPerUser * pow(1 + run.usageGrowth, Double(m - run.fromMonth))
    }

    func costPerRequest(_ m: Int) -> Double {
        costPerRequest(scenario.run?.routing ?? [], m, in: baseline)
    }

    /// The cost of one request routed by `routing` in month `m` of `future`.
    func costPerRequest(_ routing: [Route], _ m: Int, in future: Future) -> Double {
        guard let run = scenario.run else { return 0 }
        var total = 0.0
        for route in routing {
            let price = prices(route.model, m, in: future)
            let inputCost = run.inputTokens * ((1 - run.cachedShare) * price.input + run.cachedShare * price.cached)
            total += route.share * (inputCost + run.outputTokens * price.output)
        }
        return total
    }

    func runTokens(_ m: Int) -> Double {
        guard let run = scenario.run else { return 0 }
        return requests(m) * (run.inputTokens + run.outputTokens)
    }

    func buildCost(_ m: Int) -> Double { buildCost(m, in: baseline) }

    func buildCost(_ m: Int, in future: Future) -> Double {
        guard let build = scenario.build, m < (build.months ?? count) else { return 0 }
        let price = prices(build.model, m, in: future)
        let tokenCost =
            build.tokensPerDeveloper
            * ((1 - build.outputShare) * price.input + build.outputShare * price.output)
        return build.developers * (tokenCost + build.seatCost)
    }

    var capacityPerGPU: Double? {
        guard let own = scenario.ownModel else { return nil }
        return own.tokensPerSecond * 3600 * ModelConstants.hoursPerMonth * own.utilization
    }

    func ownCost(_ m: Int, runTokens: Double) -> Double? {
        guard let own = scenario.ownModel, let capacity = capacityPerGPU else { return nil }
        guard m >= (scenario.run?.fromMonth ?? 0) else { return 0 }
        let needed = capacity > 0 ? (runTokens / capacity).rounded(.up) : 0
        let gpus = max(Double(own.gpus), needed)
        return gpus * own.gpuHour * ModelConstants.hoursPerMonth + own.fixedMonthly
    }

    func monthFigures(_ m: Int) -> MonthFigures {
        let users = users(m)
        let revenue = users * scenario.pricePerUser
        let otherCost = users * scenario.otherCostPerUser
        let requests = requests(m)
        let costPerRequest = costPerRequest(m)
        let runCost = requests * costPerRequest
        let runTokens = runTokens(m)
        let buildCost = buildCost(m)
        return MonthFigures(
            month: m,
            label: scenario.start.adding(m).description,
            users: users,
            requests: requests,
            runTokens: runTokens,
            revenue: revenue,
            otherCost: otherCost,
            runCost: runCost,
            buildCost: buildCost,
            ownCost: ownCost(m, runTokens: runTokens),
            costPerRequest: costPerRequest,
            grossMargin: ratio(revenue - runCost - otherCost, revenue),
            marginAfterBuild: ratio(revenue - runCost - otherCost - buildCost, revenue),
            tokenShare: ratio(runCost + buildCost, revenue)
        )
    }

    /// Shares of the routing by the model billed in month `m`, summed where two routes meet.
    func effectiveShares(_ m: Int) -> [String: Double] {
        var shares: [String: Double] = [:]
        for route in scenario.run?.routing ?? [] where route.share > 0 {
            shares[effective(route.model, m), default: 0] += route.share
        }
        return shares
    }

    func headroom(model id: String, share: Double, _ m: Int) -> (rpm: Double, tpm: Double, headroom: Double?) {
        headroom(model: id, share: share, m, in: baseline)
    }

    func rateLimits() -> [RateLimitRow] {
        let monthlyShares = (0..<count).map(effectiveShares)
        return monthlyShares[lastMonth].keys.sorted().map { id in
            let share = monthlyShares[lastMonth][id] ?? 0
            let figures = headroom(model: id, share: share, lastMonth)
            let throttled = (0..<count).first { m in
                guard let share = monthlyShares[m][id] else { return false }
                return headroom(model: id, share: share, m).headroom.map { $0 < 1 } ?? false
            }
            return RateLimitRow(
                model: id, peakRPM: figures.rpm, peakTPM: figures.tpm,
                headroom: figures.headroom, throttledFromMonth: throttled)
        }
    }

    func providers() -> [ProviderRow] {
        var share: [String: Double] = [:]
        var weighted: [String: Double] = [:]
        let shares = effectiveShares(lastMonth)
        for id in shares.keys.sorted() {
            let modelShare = shares[id] ?? 0
            guard let model = catalog.models[id] else { continue }
            share[model.provider, default: 0] += modelShare
            weighted[model.provider, default: 0] += modelShare * model.availability
        }
        return share.keys.sorted().map { provider in
            let s = share[provider] ?? 0
            return ProviderRow(provider: provider, share: s, availability: (weighted[provider] ?? 0) / s)
        }
    }

    static func availability(_ providers: [ProviderRow], failover: Bool) -> Double {
        if failover {
            return 1 - providers.reduce(1.0) { $0 * (1 - $1.availability) }
        }
        return providers.reduce(0.0) { $0 + $1.share * $1.availability }
    }

    func retirements() -> [RetirementRow] {
        var named = Set(scenario.run?.routing.map(\.model) ?? [])
        if let build = scenario.build { named.insert(build.model) }
        let first = day(0), end = day(count)
        return named.sorted().compactMap { id in
            guard let model = catalog.models[id], let date = model.retires, first <= date, date < end else {
                return nil
            }
            let month = (0..<count).first { day($0) >= date }
            return RetirementRow(model: id, date: date, month: month, successor: model.successor)
        }
    }

    func warnings() -> [ModelWarning] {
        var warnings: [ModelWarning] = []
        for (index, change) in scenario.priceChanges.enumerated() where !(0..<count).contains(change.month) {
            warnings.append(
                ModelWarning(
                    message:
                        "price change in month \(change.month) (\(scenario.start.adding(change.month))) is outside the projection \(range) "
                        + "and has no effect",
                    subject: .priceChange(index)))
        }
        for (shockIndex, shock) in scenario.shocks.enumerated() {
            for event in shock.eventMonths where !(0..<count).contains(event.month) {
                let what = event.kind.rawValue.replacingUnderscores
                warnings.append(
                    ModelWarning(
                        message:
                            "\(what) event in month \(event.month) (\(scenario.start.adding(event.month))) of shock '\(shock.name)' is outside the "
                            + "projection \(range) and has no effect",
                        subject: .shockEvent(shock: shockIndex, kind: event.kind, index: event.index)))
            }
        }
        return warnings
    }

    /// The projection's months, for messages: "(months 0 to 23, 2027-01 to 2028-12)".
    var range: String {
        "(months 0 to \(lastMonth), \(scenario.start) to \(scenario.start.adding(lastMonth)))"
    }

    /// The warning when no token price can reach the target: other costs alone are too high.
    func unreachableTarget(best: Double?) -> ModelWarning? {
        guard let best, best < scenario.targetGrossMargin else { return nil }
        return ModelWarning(
            message: "the target gross margin \(formatPlain(scenario.targetGrossMargin)) cannot be reached: "
                + "other costs alone leave a margin of \(formatPlain(best)) in the last month, even with free tokens",
            subject: .targetGrossMargin)
    }

    func projection() -> Projection {
        var months = (0..<count).map(monthFigures)
        let (futures, strategies, decision) = decide(months: months)
        // The months array is accept in the baseline.
        if let accept = strategies.first?.outcomes.first {
            let downtime = accept.monthlyDowntimeHours
            for m in months.indices {
                months[m].downtimeHours = downtime[m]
                months[m].downtimeCost = downtime[m] * scenario.downtimeCostPerHour
                months[m].profit = accept.monthlyProfit[m]
            }
        }
        let M = months[lastMonth]
        let totals = Totals(
            revenue: months.reduce(0) { $0 + $1.revenue },
            otherCost: months.reduce(0) { $0 + $1.otherCost },
            runCost: months.reduce(0) { $0 + $1.runCost },
            buildCost: months.reduce(0) { $0 + $1.buildCost },
            ownCost: scenario.ownModel == nil ? nil : months.reduce(0) { $0 + ($1.ownCost ?? 0) },
            downtimeCost: months.reduce(0) { $0 + $1.downtimeCost }
        )
        let costPerFeature = scenario.build?.features.flatMap { ratio(totals.buildCost, Double($0)) }
        let belowTarget = months.first { ($0.grossMargin ?? .infinity) < scenario.targetGrossMargin }?.month

        let rateLimits = scenario.run != nil ? rateLimits() : []
        let minimumHeadroom = rateLimits.compactMap(\.headroom).min()
        let scaling = ModelConstants.scalingMultipliers.map { k in
            ScalingRow(
                usersMultiplier: k,
                buildCost: M.buildCost,
                runCost: k * M.runCost,
                tokenCostPerUser: ratio(M.buildCost + k * M.runCost, k * M.users),
                tokenShare: ratio(M.buildCost + k * M.runCost, k * M.revenue),
                headroom: minimumHeadroom.map { $0 / k },
                ownCostPerUser: ownCostPerUser(k, M)
            )
        }
        let sensitivity = ModelConstants.priceMultipliers.map { k in
            SensitivityRow(multiplier: k, grossMargin: ratio(M.revenue - k * M.runCost - M.otherCost, M.revenue))
        }
        let breakEven = ratio(M.revenue - M.otherCost, M.runCost)
        let targetMultiplier = ratio(M.revenue * (1 - scenario.targetGrossMargin) - M.otherCost, M.runCost)

        let hasRun = scenario.run != nil
        let providers = hasRun ? providers() : []
        let failover = scenario.run?.failover ?? false
        let availability = hasRun && !providers.isEmpty ? Self.availability(providers, failover: failover) : nil
        let concentration = hasRun && !providers.isEmpty ? providers.reduce(0.0) { $0 + $1.share * $1.share } : nil
        let retirements = retirements()

        var ownBreakEven: Int?
        if scenario.ownModel != nil {
            let from = scenario.run?.fromMonth ?? 0
            ownBreakEven = months.first { $0.month >= from && ($0.ownCost ?? .infinity) < $0.runCost }?.month
        }

        let best = ratio(M.revenue - M.otherCost, M.revenue)
        var warnings = warnings()
        if let unreachable = unreachableTarget(best: best) { warnings.append(unreachable) }

        return Projection(
            slug: scenario.slug,
            name: scenario.name,
            kind: scenario.kind,
            months: months,
            totals: totals,
            costPerFeature: costPerFeature,
            marginBelowTargetMonth: belowTarget,
            scaling: scaling,
            priceSensitivity: sensitivity,
            breakEvenPriceMultiplier: breakEven,
            targetPriceMultiplier: targetMultiplier,
            rateLimits: rateLimits,
            availability: availability,
            downtimeHoursPerMonth: availability.map { (1 - $0) * ModelConstants.hoursPerMonth },
            providerConcentration: concentration,
            providers: providers,
            retirements: retirements,
            ownBreakEvenMonth: ownBreakEven,
            bestPossibleMargin: best,
            targetReachable: best.map { $0 >= scenario.targetGrossMargin },
            futures: futures,
            strategies: strategies,
            decision: decision,
            warnings: warnings
        )
    }
}

extension Calculator {
    /// `own_cost_k / (k × users(M))`, with the GPUs `k` times the run tokens of month `M` need.
    func ownCostPerUser(_ k: Double, _ M: MonthFigures) -> Double? {
        guard let own = scenario.ownModel, let capacity = capacityPerGPU else { return nil }
        let needed = capacity > 0 ? (k * M.runTokens / capacity).rounded(.up) : 0
        let cost = max(Double(own.gpus), needed) * own.gpuHour * ModelConstants.hoursPerMonth + own.fixedMonthly
        return ratio(cost, k * M.users)
    }
}

extension String {
    /// `rate_limits` as `rate limits`, for messages.
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
