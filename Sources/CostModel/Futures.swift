/// One future of a scenario: the baseline (catalog retirements, top-level price changes) plus
/// the events of at most one shock. Events whose month is outside the projection never apply.
struct Future {
    let name: String
    let catalog: Catalog
    /// First day of each month of the projection.
    let days: [Day]
    let priceChanges: [PriceChange]
    /// The earliest retirement event of each model.
    let retirements: [String: RetirementEvent]
    /// The earliest ban of each provider.
    let bans: [String: Ban]
    let rateLimits: [RateLimitChange]
    let outages: [Outage]

    init(name: String, scenario: Scenario, catalog: Catalog, days: [Day], shock: Shock?) {
        let inside = 0..<days.count
        self.name = name
        self.catalog = catalog
        self.days = days
        priceChanges = (scenario.priceChanges + (shock?.priceChanges ?? [])).filter { inside.contains($0.month) }
        var retirements: [String: RetirementEvent] = [:]
        for event in shock?.retirements ?? [] where inside.contains(event.month) {
            if let earlier = retirements[event.model], earlier.month <= event.month { continue }
            retirements[event.model] = event
        }
        self.retirements = retirements
        var bans: [String: Ban] = [:]
        for ban in shock?.bans ?? [] where inside.contains(ban.month) {
            if let earlier = bans[ban.provider], earlier.month <= ban.month { continue }
            bans[ban.provider] = ban
        }
        self.bans = bans
        rateLimits = (shock?.rateLimits ?? []).filter { inside.contains($0.month) }
        outages = (shock?.outages ?? []).filter { inside.contains($0.month) }
    }

    /// `id` after retirements in month `m`: a shock's retirement of a model replaces the catalog's;
    /// successors are followed transitively, stopping at a model seen before.
    func retired(_ id: String, _ m: Int) -> String {
        var current = id
        var seen = [id]
        while true {
            let next: String?
            if let event = retirements[current] {
                next = event.month <= m ? (event.successor ?? catalog.models[current]?.successor) : nil
            } else if let model = catalog.models[current], let retires = model.retires, m < days.count,
                retires <= days[max(0, m)]
            {
                next = model.successor
            } else {
                next = nil
            }
            guard let next, catalog.models[next] != nil, !seen.contains(next) else { return current }
            current = next
            seen.append(next)
        }
    }

    /// The model billed for `id` in month `m`: retirements, then a ban of the provider (its
    /// `move_to` resolved through retirements again, never banned a second time).
    func resolve(_ id: String, _ m: Int) -> String {
        let model = retired(id, m)
        guard let provider = catalog.models[model]?.provider, let ban = bans[provider], ban.month <= m else {
            return model
        }
        return retired(ban.moveTo, m)
    }

    /// Whether a change targeted at `target` names the billed model `id` (by id or provider).
    func names(_ target: PriceChange.Target, _ id: String) -> Bool {
        switch target {
        case .model(let model): return model == id
        case .provider(let provider): return provider == catalog.models[id]?.provider
        }
    }

    /// The cumulative price factor of the billed model `id` in month `m`.
    func priceFactor(_ id: String, _ m: Int) -> Double {
        var factor = 1.0
        for change in priceChanges where change.month <= m && names(change.target, id) {
            factor *= change.factor
        }
        return factor
    }

    /// The cumulative rate-limit factor of the billed model `id` in month `m`.
    func limitFactor(_ id: String, _ m: Int) -> Double {
        var factor = 1.0
        for change in rateLimits where change.month <= m && names(change.target, id) {
            factor *= change.factor
        }
        return factor
    }

    /// Shares of `routing` by the model billed in month `m`, summed where routes meet; routes
    /// with a share of 0 carry no traffic. Sorted by model id.
    func shares(_ routing: [Route], _ m: Int) -> [(model: String, share: Double)] {
        var result: [(model: String, share: Double)] = []
        for route in routing where route.share > 0 {
            let id = resolve(route.model, m)
            if let index = result.firstIndex(where: { $0.model == id }) {
                result[index].share += route.share
            } else {
                result.append((id, route.share))
            }
        }
        return result.sorted { $0.model < $1.model }
    }

    /// Providers of resolved `shares`: share and share-weighted availability, by name.
    func providers(_ shares: [(model: String, share: Double)]) -> [ProviderRow] {
        var rows: [ProviderRow] = []
        var weighted: [Double] = []
        for (id, share) in shares {
            guard let model = catalog.models[id] else { continue }
            if let index = rows.firstIndex(where: { $0.provider == model.provider }) {
                rows[index].share += share
                weighted[index] += share * model.availability
            } else {
                rows.append(ProviderRow(provider: model.provider, share: share, availability: 0))
                weighted.append(share * model.availability)
            }
        }
        for index in rows.indices { rows[index].availability = weighted[index] / rows[index].share }
        return rows.sorted { $0.provider < $1.provider }
    }

    /// Outage hours in month `m` for the providers of `providers`: none with failover on and
    /// another provider sharing the traffic, else the provider's share of the hours.
    func outageHours(_ providers: [ProviderRow], failover: Bool, _ m: Int) -> Double {
        var hours = 0.0
        for outage in outages where outage.month == m {
            guard let row = providers.first(where: { $0.provider == outage.provider }) else { continue }
            let others = providers.contains { $0.provider != outage.provider && $0.share > 0 }
            if failover && others { continue }
            hours += row.share * outage.hours
        }
        return hours
    }
}

/// One strategy as the model runs it: before `switchMonth` exactly as accept.
struct StrategyPlan {
    enum After {
        case accept
        case routing([Route], failover: Bool)
        case ownModel(OwnModel)
    }

    let name: Strategy
    let switchMonth: Int?
    let migrationCost: Double
    let after: After
}

/// What one strategy does in one future, month by month.
struct StrategyRun {
    var profit: [Double]
    var runSideCost: [Double]
    var grossMargin: [Double?]
    var availability: [Double]
    var downtimeHours: [Double]
    var throttledFromMonth: Int?
}

extension Calculator {
    var plans: [StrategyPlan] {
        var plans = [StrategyPlan(name: .accept, switchMonth: nil, migrationCost: 0, after: .accept)]
        guard let run = scenario.run else { return plans }
        if let diversify = scenario.diversify {
            plans.append(
                StrategyPlan(
                    name: .diversify, switchMonth: diversify.fromMonth ?? run.fromMonth,
                    migrationCost: diversify.migrationCost,
                    after: .routing(diversify.routing, failover: diversify.failover)))
        }
        if let own = scenario.ownModel {
            plans.append(
                StrategyPlan(
                    name: .ownModel, switchMonth: own.fromMonth ?? run.fromMonth,
                    migrationCost: own.migrationCost, after: .ownModel(own)))
        }
        return plans
    }

    /// The headroom of the billed model `id` carrying `share` of the traffic in month `m` of `future`.
    func headroom(
        model id: String, share: Double, _ m: Int, in future: Future
    ) -> (rpm: Double, tpm: Double, headroom: Double?) {
        guard let run = scenario.run else { return (0, 0, nil) }
        let peakRPM = requests(m) * share / ModelConstants.minutesPerMonth * run.peakFactor
        let peakTPM = peakRPM * (run.inputTokens + run.outputTokens)
        guard peakRPM > 0, let model = catalog.models[id] else { return (peakRPM, peakTPM, nil) }
        let factor = future.rateLimits.isEmpty ? 1 : future.limitFactor(id, m)
        // The smaller of the two limits' headrooms, of those the model has (no array: this runs
        // for every model in every month).
        let byRequests = model.rpm.map { $0 * factor / peakRPM }
        let byTokens = peakTPM > 0 ? model.tpm.map { $0 * factor / peakTPM } : nil
        switch (byRequests, byTokens) {
        case let (r?, t?): return (peakRPM, peakTPM, min(r, t))
        case let (r, t): return (peakRPM, peakTPM, r ?? t)
        }
    }

    /// `plan` in `future`, every month. `months` holds the figures that depend on neither.
    func run(_ plan: StrategyPlan, in future: Future, months: [MonthFigures]) -> StrategyRun {
        var result = StrategyRun(
            profit: [], runSideCost: [], grossMargin: [], availability: [], downtimeHours: [],
            throttledFromMonth: nil)
        let runFrom = scenario.run?.fromMonth ?? 0
        for figures in months {
            let m = figures.month
            let switched = plan.switchMonth.map { m >= $0 } ?? false
            var routing = scenario.run?.routing ?? []
            var failover = scenario.run?.failover ?? false
            var own: OwnModel?
            if switched {
                switch plan.after {
                case .accept: break
                case .routing(let routes, let fails):
                    routing = routes
                    failover = fails
                case .ownModel(let model): own = model
                }
            }
            let buildCost = buildCost(m, in: future)
            var runSide: Double
            var availability = 1.0
            var downtime = 0.0
            if own != nil {
                runSide = ownCost(m, runTokens: figures.runTokens) ?? 0
                availability = scenario.ownModel?.availability ?? 1
                downtime = (1 - availability) * ModelConstants.hoursPerMonth
            } else {
                runSide = figures.requests * costPerRequest(routing, m, in: future)
                if scenario.run != nil && m >= runFrom {
                    let shares = future.shares(routing, m)
                    let providers = future.providers(shares)
                    if !providers.isEmpty {
                        availability = Self.availability(providers, failover: failover)
                    }
                    let outage = future.outageHours(providers, failover: failover, m)
                    downtime = min(
                        ModelConstants.hoursPerMonth, (1 - availability) * ModelConstants.hoursPerMonth + outage)
                    if result.throttledFromMonth == nil,
                        shares.contains(where: {
                            headroom(model: $0.model, share: $0.share, m, in: future).headroom.map { $0 < 1 } ?? false
                        })
                    {
                        result.throttledFromMonth = m
                    }
                }
            }
            let migration = plan.switchMonth == m ? plan.migrationCost : 0
            let downtimeCost = downtime * scenario.downtimeCostPerHour
            result.profit.append(
                figures.revenue - runSide - figures.otherCost - buildCost - downtimeCost - migration)
            result.runSideCost.append(runSide)
            result.grossMargin.append(ratio(figures.revenue - runSide - figures.otherCost, figures.revenue))
            result.availability.append(availability)
            result.downtimeHours.append(downtime)
        }
        return result
    }

    /// Every strategy in every future, with the decision over them.
    func decide(months: [MonthFigures]) -> (futures: [String], strategies: [StrategyResult], decision: Decision) {
        let futures =
            [baseline]
            + scenario.shocks.map { Future(name: $0.name, scenario: scenario, catalog: catalog, days: days, shock: $0) }
        let plans = plans
        let runs = plans.map { plan in futures.map { run(plan, in: $0, months: months) } }
        let target = scenario.targetGrossMargin
        var results: [StrategyResult] = []
        for (index, plan) in plans.enumerated() {
            var outcomes: [Outcome] = []
            for (f, future) in futures.enumerated() {
                let run = runs[index][f]
                var payback: Int?
                if let w = plan.switchMonth {
                    var advantage = 0.0, acceptTotal = 0.0
                    for m in 0..<count {
                        advantage += run.profit[m] - runs[0][f].profit[m]
                        acceptTotal += runs[0][f].profit[m]
                        if m >= w && advantage > 1e-9 * max(1, abs(acceptTotal)) {
                            payback = m
                            break
                        }
                    }
                }
                outcomes.append(
                    Outcome(
                        future: future.name,
                        cumulativeProfit: run.profit.reduce(0, +),
                        runSideCost: run.runSideCost.reduce(0, +),
                        grossMargin: run.grossMargin[lastMonth],
                        availability: run.availability[lastMonth],
                        downtimeHours: run.downtimeHours.reduce(0, +),
                        marginBelowTargetMonth: run.grossMargin.firstIndex { ($0 ?? .infinity) < target },
                        throttledFromMonth: run.throttledFromMonth,
                        paybackMonth: payback,
                        monthlyProfit: run.profit,
                        monthlyGrossMargin: run.grossMargin,
                        monthlyDowntimeHours: run.downtimeHours))
            }
            results.append(
                StrategyResult(
                    strategy: plan.name, fromMonth: plan.switchMonth, migrationCost: plan.migrationCost,
                    outcomes: outcomes,
                    worstCumulativeProfit: outcomes.map(\.cumulativeProfit).min() ?? 0,
                    maxRegret: 0))
        }
        for f in futures.indices {
            let best = results.map { $0.outcomes[f].cumulativeProfit }.max() ?? 0
            for index in results.indices {
                let regret = best - results[index].outcomes[f].cumulativeProfit
                results[index].maxRegret = f == 0 ? regret : max(results[index].maxRegret, regret)
            }
        }
        let decision = Decision(
            maximin: Self.first(results, best: results.map(\.worstCumulativeProfit).max() ?? 0) {
                $0.worstCumulativeProfit
            },
            minimaxRegret: Self.first(results, best: results.map(\.maxRegret).min() ?? 0) { $0.maxRegret })
        return (futures.map(\.name), results, decision)
    }

    /// The first strategy (in the order of `Strategy`) whose value is within
    /// `1e-9 × max(1, |a|, |b|)` of the best.
    static func first(_ results: [StrategyResult], best: Double, _ value: (StrategyResult) -> Double) -> Strategy {
        results.first { abs(value($0) - best) <= 1e-9 * max(1, abs(value($0)), abs(best)) }?.strategy ?? .accept
    }
}
