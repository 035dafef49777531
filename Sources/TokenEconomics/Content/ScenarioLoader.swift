/// A scenario read from its file, with where its inputs are, to point warnings at them.
public struct ScenarioFile: Sendable {
    public var scenario: Scenario
    public var source: SourceText
    var locations: [ModelWarning.Subject: SourceLocation]

    /// Where a warning of the model about this scenario belongs.
    func location(of subject: ModelWarning.Subject) -> SourceLocation {
        locations[subject] ?? source.location(line: 1, column: 1)
    }
}

/// Reads `scenarios/<slug>.yaml`, checking every range and every reference to the catalog.
enum ScenarioLoader {
    static let topKeys = [
        "name", "summary", "start", "months", "users", "price_per_user", "other_cost_per_user",
        "target_gross_margin", "build", "run", "price_changes", "own_model",
    ]
    static let userKeys = ["start", "growth"]
    static let buildKeys = [
        "developers", "tokens_per_developer", "output_share", "model", "seat_cost", "months",
        "features",
    ]
    static let runKeys = [
        "from_month", "requests_per_user", "input_tokens", "output_tokens", "cached_share",
        "usage_growth", "peak_factor", "routing", "failover",
    ]
    static let changeKeys = ["month", "model", "provider", "factor"]
    static let ownKeys = ["gpu_hour", "gpus", "tokens_per_second", "utilization", "fixed_monthly", "availability"]
    /// How far routing shares may sum from 1.
    static let shareTolerance = 1e-9

    /// Reads one scenario. Without a catalog (it failed to load), references are not checked.
    static func load(
        _ source: SourceText, slug: String, catalog: Catalog?,
        diagnostics: inout Diagnostics
    ) -> ScenarioFile? {
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        guard let root = parseYAML(source, diagnostics: &local),
            let top = YAMLMapping(root, context: "the scenario", source: source, diagnostics: &local)
        else { return nil }
        var locations: [ModelWarning.Subject: SourceLocation] = [:]
        top.reportUnknownKeys(known: topKeys, diagnostics: &local)

        let name = top.string("name", required: true, diagnostics: &local)
        let summary = top.string("summary", diagnostics: &local)
        let start = top.month("start", diagnostics: &local)
        let months = top.integer("months", range: .between(1, 120), diagnostics: &local) ?? 24
        let pricePerUser = top.number("price_per_user", required: true, range: .nonNegative, diagnostics: &local)
        let otherCost = top.number("other_cost_per_user", range: .nonNegative, diagnostics: &local)
        let target = top.number("target_gross_margin", range: .between(0, 1), diagnostics: &local)

        var usersStart: Double?, usersGrowth: Double?
        if let users = top.mapping("users", context: "users", required: true, diagnostics: &local) {
            users.reportUnknownKeys(known: userKeys, diagnostics: &local)
            usersStart = users.number("start", required: true, range: .positive, diagnostics: &local)
            usersGrowth = users.number("growth", range: .growth, diagnostics: &local)
        }

        let known = catalog.map { KnownModels(catalog: $0) }
        var build: BuildSide?
        if let map = top.mapping("build", context: "build", diagnostics: &local) {
            build = loadBuild(map, known: known, locations: &locations, diagnostics: &local)
        }
        var run: RunSide?
        if let map = top.mapping("run", context: "run", diagnostics: &local) {
            run = loadRun(map, months: months, known: known, locations: &locations, diagnostics: &local)
        }
        var own: OwnModel?
        if let map = top.mapping("own_model", context: "own_model", diagnostics: &local) {
            own = loadOwnModel(map, diagnostics: &local)
            if top.entry("run") == nil {
                local.error(
                    "own_model needs a run section: it is the alternative for the run traffic",
                    at: top.entry("own_model")?.keyLocation ?? top.location, in: source)
            }
        }
        if top.entry("build") == nil && top.entry("run") == nil {
            local.error("a scenario needs a build section, a run section or both", at: top.location, in: source)
        }
        var changes: [PriceChange] = []
        if let items = top.sequence("price_changes", diagnostics: &local) {
            for (index, item) in items.enumerated() {
                locations[.priceChange(index)] = source.location(of: item)
                if let change = loadPriceChange(
                    item, index: index, source: source, known: known,
                    diagnostics: &local)
                {
                    changes.append(change)
                }
            }
        }

        guard !local.hasErrors, let name, let pricePerUser, let usersStart else { return nil }
        let scenario = Scenario(
            slug: slug, name: name, summary: summary,
            start: start ?? catalog?.asOf.calendarMonth ?? Month(year: 2026, month: 1),
            months: months, usersStart: usersStart, usersGrowth: usersGrowth ?? 0,
            pricePerUser: pricePerUser, otherCostPerUser: otherCost ?? 0, targetGrossMargin: target ?? 0.7,
            build: build, run: run, priceChanges: changes, ownModel: own)
        return ScenarioFile(scenario: scenario, source: source, locations: locations)
    }

    private static func loadBuild(
        _ map: YAMLMapping, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> BuildSide? {
        map.reportUnknownKeys(known: buildKeys, diagnostics: &diagnostics)
        let developers = map.number("developers", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let tokens = map.number(
            "tokens_per_developer", required: true, range: .nonNegative,
            diagnostics: &diagnostics)
        let outputShare = map.number("output_share", range: .fraction, diagnostics: &diagnostics)
        let model = map.string("model", required: true, diagnostics: &diagnostics)
        if let model, let entry = map.entry("model") {
            let location = map.source.location(of: entry.value)
            locations[.model(model)] = locations[.model(model)] ?? location
            known?.check(model, at: location, in: map.source, diagnostics: &diagnostics)
        }
        let seat = map.number("seat_cost", range: .nonNegative, diagnostics: &diagnostics)
        let months = map.integer("months", range: .nonNegative, diagnostics: &diagnostics)
        let features = map.integer("features", range: .nonNegative, diagnostics: &diagnostics)
        guard let developers, let tokens, let model else { return nil }
        return BuildSide(
            developers: developers, tokensPerDeveloper: tokens, outputShare: outputShare ?? 0.2,
            model: model, seatCost: seat ?? 0, months: months, features: features)
    }

    private static func loadRun(
        _ map: YAMLMapping, months: Int, known: KnownModels?,
        locations: inout [ModelWarning.Subject: SourceLocation],
        diagnostics: inout Diagnostics
    ) -> RunSide? {
        map.reportUnknownKeys(known: runKeys, diagnostics: &diagnostics)
        let from = map.integer("from_month", range: .nonNegative, diagnostics: &diagnostics)
        if let from, from >= months, let entry = map.entry("from_month") {
            diagnostics.error(
                "'from_month' in run must be before the end of the projection (0 to \(months - 1)), "
                    + "found \(from)", at: map.source.location(of: entry.value), in: map.source)
        }
        let requests = map.number("requests_per_user", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let input = map.number("input_tokens", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let output = map.number("output_tokens", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let cached = map.number("cached_share", range: .fraction, diagnostics: &diagnostics)
        let usageGrowth = map.number("usage_growth", range: .growth, diagnostics: &diagnostics)
        let peak = map.number("peak_factor", range: .atLeast(1), diagnostics: &diagnostics)
        let failover = map.bool("failover", diagnostics: &diagnostics)
        var routes: [Route] = []
        if let routing = map.mapping("routing", context: "routing", required: true, diagnostics: &diagnostics) {
            for entry in routing.entries {
                locations[.model(entry.key)] = entry.keyLocation
                known?.check(entry.key, at: entry.keyLocation, in: map.source, diagnostics: &diagnostics)
                if let share = routing.number(entry.key, required: true, range: .fraction, diagnostics: &diagnostics) {
                    routes.append(Route(model: entry.key, share: share))
                }
            }
            let total = routes.reduce(0) { $0 + $1.share }
            if routing.entries.isEmpty {
                diagnostics.error("routing must name at least one model", at: routing.location, in: map.source)
            } else if routes.count == routing.entries.count, abs(total - 1) > shareTolerance {
                diagnostics.error(
                    "routing shares must sum to 1, found \(formatPlain(total))",
                    at: map.entry("routing")?.keyLocation ?? routing.location, in: map.source)
            }
        }
        guard let requests, let input, let output else { return nil }
        return RunSide(
            fromMonth: from ?? 0, requestsPerUser: requests, inputTokens: input, outputTokens: output,
            cachedShare: cached ?? 0, usageGrowth: usageGrowth ?? 0, peakFactor: peak ?? 3,
            routing: routes, failover: failover ?? false)
    }

    private static func loadOwnModel(_ map: YAMLMapping, diagnostics: inout Diagnostics) -> OwnModel? {
        map.reportUnknownKeys(known: ownKeys, diagnostics: &diagnostics)
        let gpuHour = map.number("gpu_hour", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let gpus = map.integer("gpus", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let speed = map.number("tokens_per_second", required: true, range: .positive, diagnostics: &diagnostics)
        let utilization = map.number(
            "utilization", required: true,
            range: NumberRange(lower: 0, lowerInclusive: false, upper: 1),
            diagnostics: &diagnostics)
        let fixed = map.number("fixed_monthly", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let availability = map.number("availability", range: .fraction, diagnostics: &diagnostics)
        guard let gpuHour, let gpus, let speed, let utilization, let fixed else { return nil }
        return OwnModel(
            gpuHour: gpuHour, gpus: gpus, tokensPerSecond: speed, utilization: utilization,
            fixedMonthly: fixed, availability: availability ?? 0.995)
    }

    private static func loadPriceChange(
        _ node: YAMLNode, index: Int, source: SourceText, known: KnownModels?,
        diagnostics: inout Diagnostics
    ) -> PriceChange? {
        guard
            let map = YAMLMapping(
                node, context: "price change \(index + 1)", source: source,
                diagnostics: &diagnostics)
        else { return nil }
        map.reportUnknownKeys(known: changeKeys, diagnostics: &diagnostics)
        let month = map.integer("month", required: true, range: .nonNegative, diagnostics: &diagnostics)
        let factor = map.number("factor", required: true, range: .positive, diagnostics: &diagnostics)
        let model = map.string("model", diagnostics: &diagnostics)
        let provider = map.string("provider", diagnostics: &diagnostics)
        var target: PriceChange.Target?
        switch (model, provider) {
        case (let model?, nil):
            if let entry = map.entry("model") {
                known?.check(model, at: source.location(of: entry.value), in: source, diagnostics: &diagnostics)
            }
            target = .model(model)
        case (nil, let provider?):
            if let entry = map.entry("provider") {
                known?.checkProvider(
                    provider, at: source.location(of: entry.value), in: source,
                    diagnostics: &diagnostics)
            }
            target = .provider(provider)
        case (nil, nil):
            if map.entry("model") == nil && map.entry("provider") == nil {
                diagnostics.error("\(map.context) needs 'model' or 'provider'", at: map.location, in: source)
            }
        case (_?, _?):
            diagnostics.error(
                "\(map.context) names both 'model' and 'provider'; give one",
                at: map.entry("provider")?.keyLocation ?? map.location, in: source)
        }
        guard let month, let factor, let target else { return nil }
        return PriceChange(month: month, target: target, factor: factor)
    }
}

/// The catalog's ids and providers, to check references and suggest the near ones.
struct KnownModels {
    let ids: [String]
    let providers: [String]

    init(catalog: Catalog) {
        ids = catalog.ids
        providers = catalog.providers
    }

    func check(_ id: String, at location: SourceLocation, in source: SourceText, diagnostics: inout Diagnostics) {
        guard !ids.contains(id) else { return }
        var message = "unknown model '\(id)'"
        if let near = suggestion(for: id, in: ids) { message += "; did you mean '\(near)'?" }
        message += " (known models: \(ids.joined(separator: ", ")))"
        diagnostics.error(message, at: location, in: source)
    }

    func checkProvider(
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
