/// One model of the catalog, with its list prices in USD per 1M tokens.
public struct CatalogModel: Sendable, Equatable {
    public var id: String
    public var provider: String
    public var input: Double
    public var cachedInput: Double
    public var output: Double
    /// Fraction of time the model answers.
    public var availability: Double
    public var rpm: Double?
    public var tpm: Double?
    public var retires: Day?
    public var successor: String?
    public var asOf: Day?
    public var source: String?

    public init(
        id: String, provider: String, input: Double, cachedInput: Double? = nil, output: Double,
        availability: Double = 0.999, rpm: Double? = nil, tpm: Double? = nil, retires: Day? = nil,
        successor: String? = nil, asOf: Day? = nil, source: String? = nil
    ) {
        self.id = id
        self.provider = provider
        self.input = input
        self.cachedInput = cachedInput ?? input
        self.output = output
        self.availability = availability
        self.rpm = rpm
        self.tpm = tpm
        self.retires = retires
        self.successor = successor
        self.asOf = asOf
        self.source = source
    }
}

/// The models scenarios can route to: `content/models.yaml`.
public struct Catalog: Sendable, Equatable {
    /// The date the prices were checked.
    public var asOf: Day
    public var source: String?
    public var models: [String: CatalogModel]

    public init(asOf: Day, source: String? = nil, models: [CatalogModel]) {
        self.asOf = asOf
        self.source = source
        self.models = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Model ids in ascending order.
    public var ids: [String] { models.keys.sorted() }

    /// Provider names in ascending order.
    public var providers: [String] { Array(Set(models.values.map(\.provider))).sorted() }

    /// The model billed for `id` on `day`: the successor of a retired model, followed to the
    /// end of the chain. A retired model without a successor stays itself.
    public func effectiveModel(_ id: String, on day: Day) -> String {
        var current = id
        var steps = 0
        while let model = models[current], let retires = model.retires, retires <= day,
            let next = model.successor, models[next] != nil, steps <= models.count
        {
            current = next
            steps += 1
        }
        return current
    }
}

/// The tokens spent to build the product.
public struct BuildSide: Sendable, Equatable {
    public var developers: Double
    public var tokensPerDeveloper: Double
    public var outputShare: Double = 0.2
    public var model: String
    public var seatCost: Double = 0
    /// Development months counted from month 0; nil means every month.
    public var months: Int?
    public var features: Int?

    public init(
        developers: Double, tokensPerDeveloper: Double, outputShare: Double = 0.2, model: String,
        seatCost: Double = 0, months: Int? = nil, features: Int? = nil
    ) {
        self.developers = developers
        self.tokensPerDeveloper = tokensPerDeveloper
        self.outputShare = outputShare
        self.model = model
        self.seatCost = seatCost
        self.months = months
        self.features = features
    }
}

/// One model's share of the run traffic.
public struct Route: Sendable, Equatable {
    public var model: String
    public var share: Double

    public init(model: String, share: Double) {
        self.model = model
        self.share = share
    }
}

/// The tokens spent on every user interaction.
public struct RunSide: Sendable, Equatable {
    public var fromMonth: Int = 0
    public var requestsPerUser: Double
    public var inputTokens: Double
    public var outputTokens: Double
    public var cachedShare: Double = 0
    public var usageGrowth: Double = 0
    public var peakFactor: Double = 3
    /// Routes in ascending model id order.
    public var routing: [Route]
    public var failover: Bool = false

    public init(
        fromMonth: Int = 0, requestsPerUser: Double, inputTokens: Double, outputTokens: Double,
        cachedShare: Double = 0, usageGrowth: Double = 0, peakFactor: Double = 3, routing: [Route],
        failover: Bool = false
    ) {
        self.fromMonth = fromMonth
        self.requestsPerUser = requestsPerUser
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cachedShare = cachedShare
        self.usageGrowth = usageGrowth
        self.peakFactor = peakFactor
        self.routing = routing.sorted { $0.model < $1.model }
        self.failover = failover
    }
}

/// An announced or feared price move.
public struct PriceChange: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case model(String)
        case provider(String)
    }

    public var month: Int
    public var target: Target
    public var factor: Double

    public init(month: Int, target: Target, factor: Double) {
        self.month = month
        self.target = target
        self.factor = factor
    }
}

/// Serving the run traffic on rented GPUs instead of a provider's API.
public struct OwnModel: Sendable, Equatable {
    public var gpuHour: Double
    public var gpus: Int
    public var tokensPerSecond: Double
    public var utilization: Double
    public var fixedMonthly: Double
    public var availability: Double = 0.995
    /// Month the own_model strategy moves the run traffic to the GPUs; nil means `run.fromMonth`.
    public var fromMonth: Int?
    /// One-time cost of that move, USD, paid in that month.
    public var migrationCost: Double = 0

    public init(
        gpuHour: Double, gpus: Int, tokensPerSecond: Double, utilization: Double,
        fixedMonthly: Double, availability: Double = 0.995, fromMonth: Int? = nil, migrationCost: Double = 0
    ) {
        self.gpuHour = gpuHour
        self.gpus = gpus
        self.tokensPerSecond = tokensPerSecond
        self.utilization = utilization
        self.fixedMonthly = fixedMonthly
        self.availability = availability
        self.fromMonth = fromMonth
        self.migrationCost = migrationCost
    }
}

/// A company's situation to project: `content/scenarios/<slug>.yaml`.
public struct Scenario: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case build, run, pivot, hybrid
    }

    public var slug: String
    public var name: String
    public var summary: String?
    public var start: Month
    public var months: Int = 24
    public var usersStart: Double
    public var usersGrowth: Double = 0
    public var pricePerUser: Double
    public var otherCostPerUser: Double = 0
    public var targetGrossMargin: Double = 0.7
    public var build: BuildSide?
    public var run: RunSide?
    public var priceChanges: [PriceChange] = []
    public var ownModel: OwnModel?
    /// What an hour of outage costs the business, USD.
    public var downtimeCostPerHour: Double = 0
    /// The diversify strategy, when the scenario gives one.
    public var diversify: Diversify?
    /// Alternative futures, in file order.
    public var shocks: [Shock] = []

    public init(
        slug: String, name: String, summary: String? = nil, start: Month, months: Int = 24,
        usersStart: Double, usersGrowth: Double = 0, pricePerUser: Double, otherCostPerUser: Double = 0,
        targetGrossMargin: Double = 0.7, build: BuildSide? = nil, run: RunSide? = nil,
        priceChanges: [PriceChange] = [], ownModel: OwnModel? = nil, downtimeCostPerHour: Double = 0,
        diversify: Diversify? = nil, shocks: [Shock] = []
    ) {
        self.downtimeCostPerHour = downtimeCostPerHour
        self.diversify = diversify
        self.shocks = shocks
        self.slug = slug
        self.name = name
        self.summary = summary
        self.start = start
        self.months = months
        self.usersStart = usersStart
        self.usersGrowth = usersGrowth
        self.pricePerUser = pricePerUser
        self.otherCostPerUser = otherCostPerUser
        self.targetGrossMargin = targetGrossMargin
        self.build = build
        self.run = run
        self.priceChanges = priceChanges
        self.ownModel = ownModel
    }

    public var kind: Kind {
        switch (build, run) {
        case (_, nil): return .build
        case (nil, _): return .run
        case (_, let run?): return run.fromMonth > 0 ? .pivot : .hybrid
        }
    }
}

/// The diversify strategy: another routing (and failover) from a switch month on.
public struct Diversify: Sendable, Equatable {
    /// Routes in ascending model id order.
    public var routing: [Route]
    public var failover: Bool = true
    /// Month the new routing starts; nil means `run.fromMonth`.
    public var fromMonth: Int?
    /// One-time cost of the move, USD, paid in that month.
    public var migrationCost: Double = 0

    public init(routing: [Route], failover: Bool = true, fromMonth: Int? = nil, migrationCost: Double = 0) {
        self.routing = routing.sorted { $0.model < $1.model }
        self.failover = failover
        self.fromMonth = fromMonth
        self.migrationCost = migrationCost
    }
}

/// A model change in a shock: `model` is billed as `successor` from `month` on.
public struct RetirementEvent: Sendable, Equatable {
    public var model: String
    public var month: Int
    /// nil means the catalog's successor.
    public var successor: String?

    public init(model: String, month: Int, successor: String? = nil) {
        self.model = model
        self.month = month
        self.successor = successor
    }
}

/// An outage: `provider` is down `hours` hours in that one month.
public struct Outage: Sendable, Equatable {
    public var provider: String
    public var month: Int
    public var hours: Double

    public init(provider: String, month: Int, hours: Double) {
        self.provider = provider
        self.month = month
        self.hours = hours
    }
}

/// Rate limits cut: rpm and tpm of a model (or of a provider's models) multiplied by `factor`
/// from `month` on.
public struct RateLimitChange: Sendable, Equatable {
    public var month: Int
    public var target: PriceChange.Target
    public var factor: Double

    public init(month: Int, target: PriceChange.Target, factor: Double) {
        self.month = month
        self.target = target
        self.factor = factor
    }
}

/// Terms of service: `provider` may no longer be used from `month` on; its traffic moves to `moveTo`.
public struct Ban: Sendable, Equatable {
    public var provider: String
    public var month: Int
    public var moveTo: String

    public init(provider: String, month: Int, moveTo: String) {
        self.provider = provider
        self.month = month
        self.moveTo = moveTo
    }
}

/// One alternative future: the baseline plus these events.
public struct Shock: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case priceChanges = "price_changes"
        case retirements, outages
        case rateLimits = "rate_limits"
        case bans
    }

    public var name: String
    public var priceChanges: [PriceChange]
    public var retirements: [RetirementEvent]
    public var outages: [Outage]
    public var rateLimits: [RateLimitChange]
    public var bans: [Ban]

    public init(
        name: String, priceChanges: [PriceChange] = [], retirements: [RetirementEvent] = [],
        outages: [Outage] = [], rateLimits: [RateLimitChange] = [], bans: [Ban] = []
    ) {
        self.name = name
        self.priceChanges = priceChanges
        self.retirements = retirements
        self.outages = outages
        self.rateLimits = rateLimits
        self.bans = bans
    }

    /// The kinds of event this shock has, in the order of `Kind.allCases`.
    public var kinds: [Kind] {
        Kind.allCases.filter { kind in
            switch kind {
            case .priceChanges: return !priceChanges.isEmpty
            case .retirements: return !retirements.isEmpty
            case .outages: return !outages.isEmpty
            case .rateLimits: return !rateLimits.isEmpty
            case .bans: return !bans.isEmpty
            }
        }
    }

    /// The months of its events, by kind and index, to warn about those outside the projection.
    var eventMonths: [(kind: Kind, index: Int, month: Int)] {
        priceChanges.enumerated().map { (.priceChanges, $0.offset, $0.element.month) }
            + retirements.enumerated().map { (.retirements, $0.offset, $0.element.month) }
            + outages.enumerated().map { (.outages, $0.offset, $0.element.month) }
            + rateLimits.enumerated().map { (.rateLimits, $0.offset, $0.element.month) }
            + bans.enumerated().map { (.bans, $0.offset, $0.element.month) }
    }
}
