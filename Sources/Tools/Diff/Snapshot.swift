import Basics
import Content
import CostModel
import Formats
import Foundation

/// One side of a `token-economics diff`: the headline figures of every scenario and the
/// catalog, read from a build's `data/` or computed from a content folder. Both ways go through
/// the same data files (`DataFiles`), so a content folder and its build give the same snapshot.
public struct EconomicsSnapshot: Sendable {
    /// The scenarios by slug.
    public var scenarios: [String: ScenarioHeadline]
    /// The catalog's models by id; nil when the side does not record its catalog (a build made
    /// before `data/models.catalog.json` existed).
    public var catalog: [String: [Figure]]?

    public init(scenarios: [String: ScenarioHeadline], catalog: [String: [Figure]]?) {
        self.scenarios = scenarios
        self.catalog = catalog
    }
}

/// One figure as the diff prints it. Two figures differ when their printed texts differ, so a
/// change smaller than the printed precision is no change.
public struct Figure: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Whole dollars, `$1,234,567` (never compacted: `$1.2M` would hide most changes).
        case money
        /// A price per 1M tokens, `$2.50`, `$0.075`.
        case price
        /// A fraction shown as a percentage with one decimal; changes in points.
        case percent
        /// A multiplier, `2.41×`.
        case multiplier
        /// An availability, with as many nines as it takes.
        case availability
        /// A count, `30,000`.
        case count
        /// Text compared as it is.
        case text
    }

    /// The key in JSON output (`gross_margin`), stable across versions.
    public var key: String
    /// How the figure is named in text and Markdown (`Gross margin (last month)`).
    public var label: String
    public var kind: Kind
    public var number: Double?
    public var text: String?

    public init(key: String, label: String, kind: Kind, number: Double? = nil, text: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.number = number
        self.text = text
    }

    /// The figure as printed; `—` when undefined.
    public var display: String {
        switch kind {
        case .text: return text ?? "—"
        case .money: return number.map { Self.dollars($0) } ?? "—"
        case .price: return number.map { Format.moneyPrecise($0) } ?? "—"
        case .percent: return Format.percent(number)
        case .multiplier: return Format.multiplier(number)
        case .availability: return Format.availability(number)
        case .count: return number.map { Format.count($0) } ?? "—"
        }
    }

    /// How far the printed figure moved to `after` (`+$1,200`, `−4.2 pts`, `+0.35×`); empty for
    /// text, for availabilities (their precision varies) and when either side is undefined.
    public func change(to after: Figure) -> String {
        guard let old = number, let new = after.number, old.isFinite, new.isFinite else { return "" }
        switch kind {
        case .money:
            return Self.signed(new.rounded() - old.rounded()) { Self.dollars($0) }
        case .price:
            return Self.signed(new - old) { Format.moneyPrecise($0) }
        case .percent:
            // The difference of the printed values, in tenths of a point.
            let points =
                ((new * 1000).rounded(.toNearestOrAwayFromZero) - (old * 1000).rounded(.toNearestOrAwayFromZero))
            return Self.signed(points / 1000) { Format.points($0) }
        case .multiplier:
            return Self.signed(new - old) { Format.number($0, decimals: 2) + "×" }
        case .count:
            return Self.signed(new.rounded() - old.rounded()) { Format.count($0) }
        case .availability, .text:
            return ""
        }
    }

    /// `+` or `−` and the magnitude as `format` writes it; `0` (unsigned) for no change.
    private static func signed(_ value: Double, _ format: (Double) -> String) -> String {
        let magnitude = format(abs(value))
        if value > 0 { return "+" + magnitude }
        if value < 0 { return "\u{2212}" + magnitude }
        return magnitude
    }

    /// Whole dollars with thousands separators: `$1,234,567`, `−$12`.
    static func dollars(_ value: Double) -> String {
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        let text = "$" + Format.number(abs(rounded), decimals: 0)
        return rounded < 0 ? "\u{2212}" + text : text
    }
}

/// The headline figures of one scenario, read from its data file.
public struct ScenarioHeadline: Sendable {
    public var slug: String
    public var name: String
    /// In the order they are printed.
    public var figures: [Figure]
    /// The gross margin of the last month, unrounded, for `--fail-on-margin-drop`.
    public var grossMargin: Double?

    /// Reads the figures out of a `data/<slug>.json` (the keys of docs/model.md); nil when it
    /// is not a scenario's data file (no `slug`). Only the keys read here are decoded; one that
    /// is missing or of another shape is undefined (`—`), and `decision` is read when the data
    /// carries it.
    public init?(data: Data) {
        guard let file = try? JSONDecoder().decode(ScenarioDataFile.self, from: data) else { return nil }
        self.init(file)
    }

    init(_ file: ScenarioDataFile) {
        slug = file.slug
        name = file.name ?? file.slug
        let last = file.lastMonth
        // Month m is labelled month 0's label plus m months (docs/model.md).
        let start = file.firstMonth?.label.flatMap(Month.init)
        func label(ofMonth month: Double) -> String {
            guard let start, month >= 0, month < 10_000, month == month.rounded() else {
                return "month \(Format.number(month, decimals: 0))"
            }
            return start.adding(Int(month)).description
        }
        grossMargin = last?.grossMargin
        var figures = [
            Figure(key: "revenue", label: "Revenue (total)", kind: .money, number: file.totals?.revenue),
            Figure(key: "run_cost", label: "Run cost (total)", kind: .money, number: file.totals?.runCost),
            Figure(key: "build_cost", label: "Build cost (total)", kind: .money, number: file.totals?.buildCost),
            Figure(key: "gross_margin", label: "Gross margin (last month)", kind: .percent, number: grossMargin),
            Figure(key: "token_share", label: "Token share (last month)", kind: .percent, number: last?.tokenShare),
            Figure(
                key: "break_even_price_multiplier", label: "Break-even price rise", kind: .multiplier,
                number: file.breakEvenPriceMultiplier),
            Figure(key: "availability", label: "Availability", kind: .availability, number: file.availability),
        ]
        let throttled = (file.rateLimits ?? []).compactMap(\.throttledFromMonth).min()
        figures.append(
            Figure(
                key: "throttled_from", label: "First throttled month", kind: .text,
                text: throttled.map(label(ofMonth:)) ?? "never"))
        let retirements = (file.retirements ?? []).map { retirement -> String in
            let successor = retirement.successor.map { " → " + $0 } ?? " (no successor)"
            let when = retirement.month.map(label(ofMonth:)) ?? retirement.date ?? "?"
            return (retirement.model ?? "?") + successor + " in " + when
        }
        figures.append(
            Figure(
                key: "retirements", label: "Retirements", kind: .text,
                text: retirements.isEmpty ? "none" : retirements.joined(separator: "; ")))
        // The decision (docs/model.md, "Futures, strategies and the decision"), when the data
        // carries it: the two verdicts over the futures.
        if let decision = file.decision {
            figures.append(
                Figure(
                    key: "decision", label: "Decision", kind: .text,
                    text: "maximin: \(decision.maximin ?? "—"); minimax regret: \(decision.minimaxRegret ?? "—")"))
        }
        self.figures = figures
    }
}

/// The keys of a scenario's data file that the diff reads. Every key but `slug` may be
/// missing or of another shape (a later version of the data): it is then nil.
struct ScenarioDataFile: Decodable {
    struct MonthRow: Decodable {
        var month: Double?
        var label: String?
        var grossMargin: Double?
        var tokenShare: Double?

        enum CodingKeys: String, CodingKey {
            case month, label
            case grossMargin = "gross_margin"
            case tokenShare = "token_share"
        }
    }
    struct Totals: Decodable {
        var revenue: Double?
        var runCost: Double?
        var buildCost: Double?

        enum CodingKeys: String, CodingKey {
            case revenue
            case runCost = "run_cost"
            case buildCost = "build_cost"
        }
    }
    struct RateLimit: Decodable {
        var throttledFromMonth: Double?

        enum CodingKeys: String, CodingKey { case throttledFromMonth = "throttled_from_month" }
    }
    struct Retirement: Decodable {
        var model: String?
        var date: String?
        var month: Double?
        var successor: String?
    }
    struct Decision: Decodable {
        var maximin: String?
        var minimaxRegret: String?

        enum CodingKeys: String, CodingKey {
            case maximin
            case minimaxRegret = "minimax_regret"
        }
    }

    /// Reads nothing: stands for a month whose figures the diff does not need.
    struct Skipped: Decodable {
        init(from decoder: Decoder) throws {}
    }

    var slug: String
    var name: String?
    /// The first month (for its label) and the last (for the ratios); the months between
    /// are skipped without being decoded, which is most of a data file.
    var firstMonth: MonthRow?
    var lastMonth: MonthRow?
    var totals: Totals?
    var breakEvenPriceMultiplier: Double?
    var availability: Double?
    var rateLimits: [RateLimit]?
    var retirements: [Retirement]?
    var decision: Decision?

    enum CodingKeys: String, CodingKey {
        case slug, name, months, totals, availability, retirements, decision
        case breakEvenPriceMultiplier = "break_even_price_multiplier"
        case rateLimits = "rate_limits"
    }

    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        slug = try keys.decode(String.self, forKey: .slug)
        name = try? keys.decodeIfPresent(String.self, forKey: .name)
        if var rows = try? keys.nestedUnkeyedContainer(forKey: .months) {
            var index = 0
            let count = rows.count ?? 0
            while !rows.isAtEnd {
                let row = index == 0 || index == count - 1 ? try? rows.decode(MonthRow.self) : nil
                if index == 0 { firstMonth = row }
                if index == count - 1 { lastMonth = row }
                // A month not read, or one of another shape, is stepped over.
                if row == nil, (try? rows.decode(Skipped.self)) == nil { break }
                index += 1
            }
        }
        totals = try? keys.decodeIfPresent(Totals.self, forKey: .totals)
        breakEvenPriceMultiplier = try? keys.decodeIfPresent(Double.self, forKey: .breakEvenPriceMultiplier)
        availability = try? keys.decodeIfPresent(Double.self, forKey: .availability)
        rateLimits = try? keys.decodeIfPresent([RateLimit].self, forKey: .rateLimits)
        retirements = try? keys.decodeIfPresent([Retirement].self, forKey: .retirements)
        decision = try? keys.decodeIfPresent(Decision.self, forKey: .decision)
    }
}

/// The keys of `data/models.catalog.json` that the diff reads (`CatalogDataKey`, as written).
struct CatalogDataFile: Decodable {
    struct Model: Decodable {
        var id: String
        var provider: String?
        var input: Double?
        var cachedInput: Double?
        var output: Double?
        var availability: Double?
        var rpm: Double?
        var tpm: Double?
        var retires: String?
        var successor: String?

        init(from decoder: Decoder) throws {
            let keys = try decoder.container(keyedBy: Key.self)
            id = try keys.decode(String.self, forKey: .id)
            provider = try keys.decodeIfPresent(String.self, forKey: .provider)
            input = try keys.decodeIfPresent(Double.self, forKey: .input)
            cachedInput = try keys.decodeIfPresent(Double.self, forKey: .cachedInput)
            output = try keys.decodeIfPresent(Double.self, forKey: .output)
            availability = try keys.decodeIfPresent(Double.self, forKey: .availability)
            rpm = try keys.decodeIfPresent(Double.self, forKey: .rpm)
            tpm = try keys.decodeIfPresent(Double.self, forKey: .tpm)
            retires = try keys.decodeIfPresent(String.self, forKey: .retires)
            successor = try keys.decodeIfPresent(String.self, forKey: .successor)
        }
    }
    typealias Key = CatalogDataKey
    var models: [Model]

    init(from decoder: Decoder) throws {
        models = try decoder.container(keyedBy: Key.self).decode([Model].self, forKey: .models)
    }

    /// Each model's figures by id.
    var figures: [String: [Figure]] {
        var catalog: [String: [Figure]] = [:]
        for model in models {
            catalog[model.id] = [
                Figure(key: Key.provider.stringValue, label: "provider", kind: .text, text: model.provider),
                Figure(key: Key.input.stringValue, label: "input price", kind: .price, number: model.input),
                Figure(
                    key: Key.cachedInput.stringValue, label: "cached input price", kind: .price,
                    number: model.cachedInput),
                Figure(key: Key.output.stringValue, label: "output price", kind: .price, number: model.output),
                Figure(key: Key.retires.stringValue, label: "retires", kind: .text, text: model.retires ?? "never"),
                Figure(
                    key: Key.successor.stringValue, label: "successor", kind: .text, text: model.successor ?? "none"),
                Figure(
                    key: Key.availability.stringValue, label: "availability", kind: .availability,
                    number: model.availability),
                Figure(key: Key.rpm.stringValue, label: "requests per minute", kind: .count, number: model.rpm),
                Figure(key: Key.tpm.stringValue, label: "tokens per minute", kind: .count, number: model.tpm),
            ]
        }
        return catalog
    }

    /// The figures of a catalog data file; nil when it is not one.
    static func figures(data: Data) -> [String: [Figure]]? {
        (try? JSONDecoder().decode(CatalogDataFile.self, from: data))?.figures
    }
}

/// Why a side of the diff could not be read.
public enum SnapshotFailure: Error, Sendable {
    /// The path is neither a content folder nor a build's output (exit status 2).
    case notASite(String)
    /// The content or the data files have errors (exit status 1).
    case errors([Diagnostic])
}

extension EconomicsSnapshot {
    /// Reads `folder`: a build's output when it has a `data/` folder and no `models.yaml`,
    /// else a content folder, whose scenarios are computed as a build would.
    public static func load(_ folder: URL) -> Result<EconomicsSnapshot, SnapshotFailure> {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let path = folder.standardizedFileURL.path
        guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(.notASite("\(Paths.display(folder)): no such folder"))
        }
        let data = folder.appendingPathComponent("data")
        if !manager.fileExists(atPath: path + "/models.yaml"),
            manager.fileExists(atPath: data.path, isDirectory: &isFolder), isFolder.boolValue
        {
            return loadOutput(data)
        }
        guard manager.fileExists(atPath: path + "/models.yaml") else {
            return .failure(
                .notASite(
                    "\(Paths.display(folder)): neither a content folder (no models.yaml) nor a build's output (no data/)"
                ))
        }
        return loadContent(folder)
    }

    /// A build's `data/`: every `<slug>.json` and `models.catalog.json`, read and decoded on
    /// every core; only the headline figures are kept.
    static func loadOutput(_ data: URL) -> Result<EconomicsSnapshot, SnapshotFailure> {
        let prefix = Paths.display(data)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        enum Read {
            case scenario(ScenarioHeadline)
            case catalog([String: [Figure]])
            /// A JSON file that is no scenario's (not written by token-economics): left alone.
            case other
            case failure(Diagnostic)
        }
        let read = parallelMap(names.count) { index -> Read in
            let place = SourceLocation(file: prefix + "/" + names[index], line: 1, column: 1)
            guard let bytes = FileManager.default.contents(atPath: data.path + "/" + names[index]) else {
                return .failure(Diagnostic(.error, "cannot read the file", at: place))
            }
            if names[index] == DataFiles.catalogFile {
                guard let catalog = CatalogDataFile.figures(data: bytes) else {
                    return .failure(Diagnostic(.error, "not a catalog data file", at: place))
                }
                return .catalog(catalog)
            }
            do {
                return .scenario(ScenarioHeadline(try JSONDecoder().decode(ScenarioDataFile.self, from: bytes)))
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                return .failure(Diagnostic(.error, "not valid JSON", at: place))
            } catch {
                return .other
            }
        }
        var scenarios: [String: ScenarioHeadline] = [:]
        var catalog: [String: [Figure]]?
        var errors: [Diagnostic] = []
        for item in read {
            switch item {
            case .scenario(let headline): scenarios[headline.slug] = headline
            case .catalog(let figures): catalog = figures
            case .other: continue
            case .failure(let diagnostic): errors.append(diagnostic)
            }
        }
        guard errors.isEmpty else { return .failure(.errors(errors.sorted())) }
        return .success(EconomicsSnapshot(scenarios: scenarios, catalog: catalog))
    }

    /// A content folder: loaded and computed as `build` would, then read through the data files.
    static func loadContent(_ folder: URL) -> Result<EconomicsSnapshot, SnapshotFailure> {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(from: folder, displayPrefix: Paths.display(folder), diagnostics: &diagnostics)
        // Each scenario's data file, as the build writes it, read back for its headline figures.
        let headlines = content.projectScenarios(diagnostics: &diagnostics) { _, projection, _ in
            ScenarioHeadline(data: Data(DataFiles.json(projection).text.utf8))
        }
        guard !diagnostics.hasErrors, let catalog = content.catalog else {
            return .failure(.errors(diagnostics.sorted.filter { $0.severity == .error }))
        }
        var scenarios: [String: ScenarioHeadline] = [:]
        for headline in headlines.compactMap({ $0 }) { scenarios[headline.slug] = headline }
        let catalogText = DataFiles.catalogJSON(catalog).text
        let models = CatalogDataFile.figures(data: Data(catalogText.utf8))
        return .success(EconomicsSnapshot(scenarios: scenarios, catalog: models))
    }
}
