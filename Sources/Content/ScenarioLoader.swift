import Basics
import CostModel
import Foundation

/// A scenario read from its file, with where its inputs are, to point warnings at them.
public struct ScenarioFile: Sendable {
    public var scenario: Scenario
    public var source: SourceText
    package var locations: [ModelWarning.Subject: SourceLocation]

    /// Where a warning of the model about this scenario belongs.
    package func location(of subject: ModelWarning.Subject) -> SourceLocation {
        locations[subject] ?? source.location(line: 1, column: 1)
    }
}

/// Reads `scenarios/<slug>.yaml`, checking every range and every reference to the catalog.
package enum ScenarioLoader {
    /// The keys of a scenario.
    package enum TopKey: String, CaseIterable, YAMLKey {
        case name, summary, start, months, users, pricePerUser = "price_per_user"
        case otherCostPerUser = "other_cost_per_user", targetGrossMargin = "target_gross_margin"
        case build, run, priceChanges = "price_changes", ownModel = "own_model"
        case downtimeCostPerHour = "downtime_cost_per_hour", strategies, shocks
    }

    /// The keys of `users`.
    package enum UsersKey: String, CaseIterable, YAMLKey {
        case start, growth
    }

    /// The keys of `build`.
    package enum BuildKey: String, CaseIterable, YAMLKey {
        case developers, tokensPerDeveloper = "tokens_per_developer", outputShare = "output_share"
        case model, seatCost = "seat_cost", months, features
    }

    /// The keys of `run`.
    package enum RunKey: String, CaseIterable, YAMLKey {
        case fromMonth = "from_month", requestsPerUser = "requests_per_user"
        case inputTokens = "input_tokens", outputTokens = "output_tokens"
        case cachedShare = "cached_share", usageGrowth = "usage_growth"
        case peakFactor = "peak_factor", routing, failover
    }

    /// The keys of a price change, or of a rate-limit change of a shock.
    package enum ChangeKey: String, CaseIterable, ShockEventKey {
        case month, model, provider, factor
    }

    /// The keys of `own_model`.
    package enum OwnModelKey: String, CaseIterable, YAMLKey {
        case gpuHour = "gpu_hour", gpus, tokensPerSecond = "tokens_per_second", utilization
        case fixedMonthly = "fixed_monthly", availability, fromMonth = "from_month"
        case migrationCost = "migration_cost"
    }

    /// The keys of `strategies`.
    package enum StrategyKey: String, CaseIterable, YAMLKey {
        case diversify
    }

    /// The keys of `strategies.diversify`.
    package enum DiversifyKey: String, CaseIterable, YAMLKey {
        case routing, failover, fromMonth = "from_month", migrationCost = "migration_cost"
    }

    /// The key enum of a kind of event of a shock (and of a price change of the scenario): each
    /// holds a `month`, and `shockEvent` reads every kind's mapping and month the same way.
    package protocol ShockEventKey: YAMLKey, RawRepresentable<String>, CaseIterable {
        static var month: Self { get }
    }

    /// The keys of a shock: its name and one list per kind of event, named as `Shock.Kind` is.
    package enum ShockKey: YAMLKey {
        case name
        case events(Shock.Kind)

        package var name: String {
            switch self {
            case .name: "name"
            case .events(let kind): kind.rawValue
            }
        }

        package static var known: [ShockKey]? { [.name] + Shock.Kind.allCases.map(ShockKey.events) }
    }

    /// The keys of a retirement event.
    package enum RetirementKey: String, CaseIterable, ShockEventKey {
        case model, month, successor
    }

    /// The keys of an outage event.
    package enum OutageKey: String, CaseIterable, ShockEventKey {
        case provider, month, hours
    }

    /// The keys of a ban event.
    package enum BanKey: String, CaseIterable, ShockEventKey {
        case provider, month, moveTo = "move_to"
    }

    /// Monthly growth above this is taken for a percentage and warned about.
    package static let plausibleGrowth = 0.5
    /// How far routing shares may sum from 1.
    package static let shareTolerance = 1e-9

    /// Reads one scenario. Without a catalog (it failed to load), references are not checked.
    package static func load(
        _ source: SourceText, slug: String, catalog: Catalog?,
        diagnostics: inout Diagnostics
    ) -> ScenarioFile? {
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        guard let root = parseYAML(source, diagnostics: &local),
            let top = YAMLMapping(root, keys: TopKey.self, context: "the scenario", source: source, diagnostics: &local)
        else { return nil }
        var locations: [ModelWarning.Subject: SourceLocation] = [:]
        top.reportUnknownKeys(diagnostics: &local)

        let name = top.string(.name, required: true, diagnostics: &local)
        let summary = top.string(.summary, diagnostics: &local)
        let start = top.month(.start, diagnostics: &local)
        let months = top.integer(.months, range: .between(1, 120), diagnostics: &local) ?? 24
        let startMonth = start ?? catalog?.asOf.calendarMonth ?? Month(year: 2026, month: 1)
        let calendar = ProjectionMonths(start: startMonth, count: months)
        let pricePerUser = top.number(.pricePerUser, required: true, range: .nonNegative, diagnostics: &local)
        let otherCost = top.number(.otherCostPerUser, range: .nonNegative, diagnostics: &local)
        let target = top.number(.targetGrossMargin, range: .between(0, 1), diagnostics: &local)

        var usersStart: Double?, usersGrowth: Double?
        if let users = top.mapping(.users, keys: UsersKey.self, context: "users", required: true, diagnostics: &local) {
            users.reportUnknownKeys(diagnostics: &local)
            usersStart = users.number(.start, required: true, range: .positive, diagnostics: &local)
            usersGrowth = users.number(.growth, range: .growth, diagnostics: &local)
            if let usersGrowth {
                warnGrowth(
                    usersGrowth, key: .growth, in: users, what: "users grow", months: months, diagnostics: &local)
            }
        }
        let downtimeCost = top.number(.downtimeCostPerHour, range: .nonNegative, diagnostics: &local)

        let known = catalog.map { KnownModels(catalog: $0) }
        var build: BuildSide?
        if let map = top.mapping(.build, keys: BuildKey.self, context: "build", diagnostics: &local) {
            build = loadBuild(map, known: known, locations: &locations, diagnostics: &local)
        }
        var run: RunSide?
        if let map = top.mapping(.run, keys: RunKey.self, context: "run", diagnostics: &local) {
            run = loadRun(map, calendar: calendar, known: known, locations: &locations, diagnostics: &local)
        }
        var own: OwnModel?
        if let map = top.mapping(.ownModel, keys: OwnModelKey.self, context: "own_model", diagnostics: &local) {
            own = loadOwnModel(map, calendar: calendar, run: run, diagnostics: &local)
            if top.entry(.run) == nil {
                local.error(
                    "own_model needs a run section: it is the alternative for the run traffic",
                    at: top.entry(.ownModel)?.keyLocation ?? top.location, in: source)
            }
        }
        if top.entry(.build) == nil && top.entry(.run) == nil {
            local.error("a scenario needs a build section, a run section or both", at: top.location, in: source)
        }
        var changes: [PriceChange] = []
        if let items = top.sequence(.priceChanges, diagnostics: &local) {
            for (index, item) in items.enumerated() {
                locations[.priceChange(index)] = source.location(of: item)
                let reading = ShockEventReading(
                    item: item, context: "price change \(index + 1)", calendar: calendar, source: source, known: known)
                if let change = loadPriceChange(reading, diagnostics: &local) {
                    changes.append(change)
                }
            }
        }
        var diversify: Diversify?
        if let map = top.mapping(.strategies, keys: StrategyKey.self, context: "strategies", diagnostics: &local) {
            map.reportUnknownKeys(diagnostics: &local)
            if let inner = map.mapping(
                .diversify, keys: DiversifyKey.self, context: "strategies.diversify", diagnostics: &local)
            {
                diversify = loadDiversify(
                    inner, calendar: calendar, run: run, known: known, locations: &locations, diagnostics: &local)
            }
            if top.entry(.run) == nil {
                local.error(
                    "strategies need a run section: they are alternatives for the run traffic",
                    at: top.entry(.strategies)?.keyLocation ?? top.location, in: source)
            }
        }
        var shocks: [Shock] = []
        if let items = top.sequence(.shocks, diagnostics: &local) {
            var names: Set<String> = []
            for (index, item) in items.enumerated() {
                if let shock = loadShock(
                    item, index: index, calendar: calendar, source: source, known: known, catalog: catalog,
                    locations: &locations, diagnostics: &local)
                {
                    if !names.insert(shock.name).inserted {
                        local.error(
                            "shock \(index + 1) has the name '\(shock.name)' of an earlier shock; names must be unique",
                            at: source.location(of: item), in: source)
                    }
                    shocks.append(shock)
                }
            }
        }
        locations[.targetGrossMargin] =
            top.entry(.targetGrossMargin).map { source.location(of: $0.value) }
            ?? top.entry(.otherCostPerUser)?.keyLocation ?? top.location

        guard !local.hasErrors, let name, let pricePerUser, let usersStart else { return nil }
        let scenario = Scenario(
            slug: slug, name: name, summary: summary,
            start: startMonth,
            months: months, usersStart: usersStart, usersGrowth: usersGrowth ?? 0,
            pricePerUser: pricePerUser, otherCostPerUser: otherCost ?? 0, targetGrossMargin: target ?? 0.7,
            build: build, run: run, priceChanges: changes, ownModel: own, downtimeCostPerHour: downtimeCost ?? 0,
            diversify: diversify, shocks: shocks)
        return ScenarioFile(scenario: scenario, source: source, locations: locations)
    }

    private static func loadBuild(
        _ map: YAMLMapping<BuildKey>, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> BuildSide? {
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let developers = map.number(.developers, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let tokens = map.number(
            .tokensPerDeveloper, required: true, range: .nonNegative,
            diagnostics: &diagnostics)
        let outputShare = map.number(.outputShare, range: .fraction, diagnostics: &diagnostics)
        let model = map.string(.model, required: true, diagnostics: &diagnostics)
        if let model, let entry = map.entry(.model) {
            let location = map.source.location(of: entry.value)
            locations[.model(model)] = locations[.model(model)] ?? location
            known?.check(model, at: location, in: map.source, diagnostics: &diagnostics)
        }
        let seat = map.number(.seatCost, range: .nonNegative, diagnostics: &diagnostics)
        let months = map.integer(.months, range: .nonNegative, diagnostics: &diagnostics)
        let features = map.integer(.features, range: .nonNegative, diagnostics: &diagnostics)
        guard let developers, let tokens, let model else { return nil }
        return BuildSide(
            developers: developers, tokensPerDeveloper: tokens, outputShare: outputShare ?? 0.2,
            model: model, seatCost: seat ?? 0, months: months, features: features)
    }

    private static func loadRun(
        _ map: YAMLMapping<RunKey>, calendar: ProjectionMonths, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> RunSide? {
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let from = switchMonth(map, .fromMonth, calendar: calendar, diagnostics: &diagnostics)
        let requests = map.number(.requestsPerUser, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let input = map.number(.inputTokens, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let output = map.number(.outputTokens, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let cached = map.number(.cachedShare, range: .fraction, diagnostics: &diagnostics)
        let usageGrowth = map.number(.usageGrowth, range: .growth, diagnostics: &diagnostics)
        if let usageGrowth {
            warnGrowth(
                usageGrowth, key: .usageGrowth, in: map, what: "requests per user grow", months: calendar.count,
                diagnostics: &diagnostics)
        }
        let peak = map.number(.peakFactor, range: .atLeast(1), diagnostics: &diagnostics)
        let failover = map.bool(.failover, diagnostics: &diagnostics)
        let routes = loadRouting(
            map, .routing, context: "routing", known: known, locations: &locations, diagnostics: &diagnostics)
        guard let requests, let input, let output else { return nil }
        return RunSide(
            fromMonth: from ?? 0, requestsPerUser: requests, inputTokens: input, outputTokens: output,
            cachedShare: cached ?? 0, usageGrowth: usageGrowth ?? 0, peakFactor: peak ?? 3,
            routing: routes, failover: failover ?? false)
    }

    /// `routing` of `map`: shares per catalog model, summing to 1.
    private static func loadRouting<Key>(
        _ map: YAMLMapping<Key>, _ key: Key, context: String, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> [Route] {
        var routes: [Route] = []
        guard
            let routing = map.mapping(
                key, keys: String.self, context: context, required: true, diagnostics: &diagnostics)
        else {
            return routes
        }
        for entry in routing.entries {
            locations[.model(entry.key)] = locations[.model(entry.key)] ?? entry.keyLocation
            known?.check(entry.key, at: entry.keyLocation, in: map.source, diagnostics: &diagnostics)
            if let share = routing.number(entry.key, required: true, range: .fraction, diagnostics: &diagnostics) {
                routes.append(Route(model: entry.key, share: share))
            }
        }
        let total = routes.reduce(0) { $0 + $1.share }
        if routing.entries.isEmpty {
            diagnostics.error("\(context) must name at least one model", at: routing.location, in: map.source)
        } else if routes.count == routing.entries.count, abs(total - 1) > shareTolerance {
            diagnostics.error(
                "\(context) shares must sum to 1, found \(formatPlain(total))",
                at: map.entry(key)?.keyLocation ?? routing.location, in: map.source)
        }
        return routes
    }

    /// `from_month` of `map`, an index or a label, inside the projection.
    private static func switchMonth<Key>(
        _ map: YAMLMapping<Key>, _ key: Key, calendar: ProjectionMonths, notBefore run: RunSide? = nil,
        diagnostics: inout Diagnostics
    ) -> Int? {
        guard let from = map.monthIndex(key, start: calendar.start, diagnostics: &diagnostics),
            let entry = map.entry(key)
        else { return nil }
        let location = map.source.location(of: entry.value)
        guard (0..<calendar.count).contains(from) else {
            diagnostics.error(
                "'from_month' in \(map.context) must be inside the projection \(calendar.range), found "
                    + calendar.name(from), at: location, in: map.source)
            return nil
        }
        if let run, from < run.fromMonth {
            diagnostics.error(
                "'from_month' in \(map.context) must not be before run.from_month (\(calendar.name(run.fromMonth))), "
                    + "found \(calendar.name(from))", at: location, in: map.source)
            return nil
        }
        return from
    }

    /// Warns about a monthly growth that reads like a percentage.
    private static func warnGrowth<Key>(
        _ growth: Double, key: Key, in map: YAMLMapping<Key>, what: String, months: Int,
        diagnostics: inout Diagnostics
    ) {
        guard growth > plausibleGrowth, let entry = map.entry(key) else { return }
        var message =
            "'\(key.name)' in \(map.context) is \(formatPlain(growth)) a month: \(what) "
            + "\(compactMultiple(pow(1 + growth, Double(months - 1))))x over the projection"
        message += growth >= 1 ? "; for \(formatPlain(growth))% write \(formatPlain(growth / 100))" : "; is that meant?"
        diagnostics.warning(message, at: map.source.location(of: entry.value), in: map.source)
    }

    /// A large multiple with two significant digits: `3.7e36`, `240`.
    package static func compactMultiple(_ value: Double) -> String {
        guard value.isFinite else { return "more than 1e308" }
        if value < 1000 { return formatPlain((value * 10).rounded() / 10) }
        var exponent = Int(log10(value).rounded(.down))
        var mantissa = (value / pow(10, Double(exponent)) * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return "\(formatPlain(mantissa))e\(exponent)"
    }

    private static func loadOwnModel(
        _ map: YAMLMapping<OwnModelKey>, calendar: ProjectionMonths, run: RunSide?, diagnostics: inout Diagnostics
    ) -> OwnModel? {
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let gpuHour = map.number(.gpuHour, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let gpus = map.integer(.gpus, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let speed = map.number(.tokensPerSecond, required: true, range: .positive, diagnostics: &diagnostics)
        let utilization = map.number(
            .utilization, required: true,
            range: NumberRange(lower: 0, lowerInclusive: false, upper: 1),
            diagnostics: &diagnostics)
        let fixed = map.number(.fixedMonthly, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let availability = map.number(.availability, range: .fraction, diagnostics: &diagnostics)
        let from = switchMonth(map, .fromMonth, calendar: calendar, notBefore: run, diagnostics: &diagnostics)
        let migration = map.number(.migrationCost, range: .nonNegative, diagnostics: &diagnostics)
        guard let gpuHour, let gpus, let speed, let utilization, let fixed else { return nil }
        return OwnModel(
            gpuHour: gpuHour, gpus: gpus, tokensPerSecond: speed, utilization: utilization,
            fixedMonthly: fixed, availability: availability ?? 0.995, fromMonth: from, migrationCost: migration ?? 0)
    }

    private static func loadDiversify(
        _ map: YAMLMapping<DiversifyKey>, calendar: ProjectionMonths, run: RunSide?, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> Diversify? {
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let routes = loadRouting(
            map, .routing, context: "strategies.diversify.routing", known: known, locations: &locations,
            diagnostics: &diagnostics)
        let failover = map.bool(.failover, diagnostics: &diagnostics)
        let from = switchMonth(map, .fromMonth, calendar: calendar, notBefore: run, diagnostics: &diagnostics)
        let migration = map.number(.migrationCost, range: .nonNegative, diagnostics: &diagnostics)
        guard !routes.isEmpty else { return nil }
        return Diversify(
            routing: routes, failover: failover ?? true, fromMonth: from, migrationCost: migration ?? 0)
    }

    /// One shock: a unique name and at least one event. Every kind of event is read the same
    /// way: its list under the key `Shock.Kind` names, each item a mapping of its key enum
    /// (`shockEvent`), its location recorded for the model's warnings.
    private static func loadShock(
        _ node: YAMLNode, index: Int, calendar: ProjectionMonths, source: SourceText, known: KnownModels?,
        catalog: Catalog?, locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> Shock? {
        guard
            let map = YAMLMapping(
                node, keys: ShockKey.self, context: "shock \(index + 1)", source: source, diagnostics: &diagnostics)
        else { return nil }
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let name = map.string(.name, required: true, diagnostics: &diagnostics)
        if let name, name.count > 80 || name.trimmingCharacters(in: .whitespaces).isEmpty,
            let entry = map.entry(.name)
        {
            diagnostics.error(
                "'name' in shock \(index + 1) must be 1 to 80 characters, found \(name.count)",
                at: source.location(of: entry.value), in: source)
        }
        let label = "shock '\(name ?? String(index + 1))'"
        var shock = Shock(name: name ?? "")
        var events = 0
        for kind in Shock.Kind.allCases {
            guard let items = map.sequence(.events(kind), diagnostics: &diagnostics) else { continue }
            for (position, item) in items.enumerated() {
                events += 1
                locations[.shockEvent(shock: index, kind: kind, index: position)] = source.location(of: item)
                let context =
                    "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")) event \(position + 1) of \(label)"
                let reading = ShockEventReading(
                    item: item, context: context, calendar: calendar, source: source, known: known, catalog: catalog)
                switch kind {
                case .priceChanges:
                    if let change = loadPriceChange(reading, diagnostics: &diagnostics) {
                        shock.priceChanges.append(change)
                    }
                case .retirements:
                    if let retirement = loadRetirement(reading, diagnostics: &diagnostics) {
                        shock.retirements.append(retirement)
                    }
                case .outages:
                    if let outage = loadOutage(reading, diagnostics: &diagnostics) { shock.outages.append(outage) }
                case .rateLimits:
                    if let change = loadPriceChange(reading, diagnostics: &diagnostics) {
                        shock.rateLimits.append(
                            RateLimitChange(month: change.month, target: change.target, factor: change.factor))
                    }
                case .bans:
                    if let ban = loadBan(reading, diagnostics: &diagnostics) { shock.bans.append(ban) }
                }
            }
        }
        if events == 0 {
            let kinds = Shock.Kind.allCases.map(\.rawValue)
            diagnostics.error(
                "\(label) needs at least one event: \(kinds.dropLast().joined(separator: ", ")) or \(kinds.last ?? "")",
                at: map.location, in: source)
        }
        guard let name else { return nil }
        shock.name = name
        return shock
    }

    /// What reading one event of a shock (or a price change of the scenario) needs.
    private struct ShockEventReading {
        var item: YAMLNode
        /// How messages name the event: "outages event 2 of shock 'Outage'".
        var context: String
        var calendar: ProjectionMonths
        var source: SourceText
        var known: KnownModels?
        var catalog: Catalog?
    }

    /// The one path every event takes first: the item as a mapping of `Key`'s keys, its unknown
    /// keys reported, and its required `month` read inside the projection's calendar.
    private static func shockEvent<Key: ShockEventKey>(
        _ reading: ShockEventReading, keys: Key.Type, diagnostics: inout Diagnostics
    ) -> (map: YAMLMapping<Key>, month: Int?)? {
        guard
            let map = YAMLMapping(
                reading.item, keys: Key.self, context: reading.context, source: reading.source,
                diagnostics: &diagnostics)
        else { return nil }
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let month = map.monthIndex(.month, start: reading.calendar.start, required: true, diagnostics: &diagnostics)
        return (map, month)
    }

    /// A retirement: a catalog model, its month, and a successor unless the catalog names one.
    private static func loadRetirement(
        _ reading: ShockEventReading, diagnostics: inout Diagnostics
    ) -> RetirementEvent? {
        guard let (event, month) = shockEvent(reading, keys: RetirementKey.self, diagnostics: &diagnostics)
        else { return nil }
        let model = referencedModel(event, .model, required: true, known: reading.known, diagnostics: &diagnostics)
        let successor = referencedModel(event, .successor, known: reading.known, diagnostics: &diagnostics)
        if let model, let successor, model == successor, let entry = event.entry(.successor) {
            diagnostics.error(
                "the successor in \(reading.context) must be another model than '\(model)'",
                at: reading.source.location(of: entry.value), in: reading.source)
            return nil
        }
        if let model, successor == nil, event.entry(.successor) == nil, let catalog = reading.catalog,
            catalog.models[model] != nil, catalog.models[model]?.successor == nil
        {
            diagnostics.error(
                "\(reading.context) needs a 'successor': the catalog names none for '\(model)'", at: event.location,
                in: reading.source)
            return nil
        }
        guard let model, let month else { return nil }
        return RetirementEvent(model: model, month: month, successor: successor)
    }

    /// An outage: a provider down for some hours of a month.
    private static func loadOutage(_ reading: ShockEventReading, diagnostics: inout Diagnostics) -> Outage? {
        guard let (event, month) = shockEvent(reading, keys: OutageKey.self, diagnostics: &diagnostics)
        else { return nil }
        let provider = referencedProvider(event, .provider, known: reading.known, diagnostics: &diagnostics)
        let hours = event.number(.hours, required: true, range: .between(0, 730), diagnostics: &diagnostics)
        guard let provider, let month, let hours else { return nil }
        return Outage(provider: provider, month: month, hours: hours)
    }

    /// A ban: a provider's traffic moved to a model of another provider from a month.
    private static func loadBan(_ reading: ShockEventReading, diagnostics: inout Diagnostics) -> Ban? {
        guard let (event, month) = shockEvent(reading, keys: BanKey.self, diagnostics: &diagnostics)
        else { return nil }
        let provider = referencedProvider(event, .provider, known: reading.known, diagnostics: &diagnostics)
        let moveTo = referencedModel(event, .moveTo, required: true, known: reading.known, diagnostics: &diagnostics)
        if let provider, let moveTo, reading.catalog?.models[moveTo]?.provider == provider,
            let entry = event.entry(.moveTo)
        {
            diagnostics.error(
                "'move_to' in \(reading.context) must be a model of another provider than the banned '\(provider)'",
                at: reading.source.location(of: entry.value), in: reading.source)
            return nil
        }
        guard let provider, let month, let moveTo else { return nil }
        return Ban(provider: provider, month: month, moveTo: moveTo)
    }

    /// A model id at `key`, checked against the catalog.
    private static func referencedModel<Key>(
        _ map: YAMLMapping<Key>, _ key: Key, required: Bool = false, known: KnownModels?,
        diagnostics: inout Diagnostics
    ) -> String? {
        guard let id = map.string(key, required: required, diagnostics: &diagnostics), let entry = map.entry(key)
        else { return nil }
        var local = Diagnostics()
        known?.check(id, at: map.source.location(of: entry.value), in: map.source, diagnostics: &local)
        let fine = !local.hasErrors
        diagnostics.append(contentsOf: local)
        return fine ? id : nil
    }

    /// The provider named at `provider`, checked against the catalog.
    private static func referencedProvider<Key>(
        _ map: YAMLMapping<Key>, _ key: Key, known: KnownModels?, diagnostics: inout Diagnostics
    ) -> String? {
        guard let name = map.string(key, required: true, diagnostics: &diagnostics),
            let entry = map.entry(key)
        else { return nil }
        known?.checkProvider(name, at: map.source.location(of: entry.value), in: map.source, diagnostics: &diagnostics)
        return name
    }

    /// A price change, or a rate-limit change of a shock (the same keys).
    private static func loadPriceChange(_ reading: ShockEventReading, diagnostics: inout Diagnostics) -> PriceChange? {
        guard let (map, month) = shockEvent(reading, keys: ChangeKey.self, diagnostics: &diagnostics)
        else { return nil }
        let source = reading.source, known = reading.known
        let factor = map.number(.factor, required: true, range: .positive, diagnostics: &diagnostics)
        let model = map.string(.model, diagnostics: &diagnostics)
        let provider = map.string(.provider, diagnostics: &diagnostics)
        var target: PriceChange.Target?
        switch (model, provider) {
        case (let model?, nil):
            if let entry = map.entry(.model) {
                known?.check(model, at: source.location(of: entry.value), in: source, diagnostics: &diagnostics)
            }
            target = .model(model)
        case (nil, let provider?):
            if let entry = map.entry(.provider) {
                known?.checkProvider(
                    provider, at: source.location(of: entry.value), in: source,
                    diagnostics: &diagnostics)
            }
            target = .provider(provider)
        case (nil, nil):
            if map.entry(.model) == nil && map.entry(.provider) == nil {
                diagnostics.error("\(map.context) needs 'model' or 'provider'", at: map.location, in: source)
            }
        case (_?, _?):
            diagnostics.error(
                "\(map.context) names both 'model' and 'provider'; give one",
                at: map.entry(.provider)?.keyLocation ?? map.location, in: source)
        }
        guard let month, let factor, let target else { return nil }
        return PriceChange(month: month, target: target, factor: factor)
    }
}

/// The catalog's ids and providers, to check references and suggest the near ones.
package struct KnownModels {
    package let ids: [String]
    package let providers: [String]

    package init(catalog: Catalog) {
        ids = catalog.ids
        providers = catalog.providers
    }

    package func check(_ id: String, at location: SourceLocation, in source: SourceText, diagnostics: inout Diagnostics)
    {
        guard !ids.contains(id) else { return }
        var message = "unknown model '\(id)'"
        if let near = suggestion(for: id, in: ids) { message += "; did you mean '\(near)'?" }
        message += " (known models: \(ids.joined(separator: ", ")))"
        diagnostics.error(message, at: location, in: source)
    }

    package func checkProvider(
        _ name: String, at location: SourceLocation, in source: SourceText,
        diagnostics: inout Diagnostics
    ) {
        guard !providers.contains(name) else { return }
        var message = "unknown provider '\(name)'"
        if let near = suggestion(for: name, in: providers) { message += "; did you mean '\(near)'?" }
        message += " (known providers: \(providers.joined(separator: ", ")))"
        diagnostics.error(message, at: location, in: source)
    }
}

/// The months of a projection, to read and name months in messages.
package struct ProjectionMonths {
    package let start: Month
    package let count: Int

    /// "(months 0 to 23, 2027-01 to 2028-12)".
    package var range: String { "(months 0 to \(count - 1), \(start) to \(start.adding(count - 1)))" }

    /// "12 (2028-01)".
    package func name(_ m: Int) -> String { "\(m) (\(start.adding(m)))" }
}
