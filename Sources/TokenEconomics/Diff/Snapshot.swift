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

    /// Reads the figures out of a parsed `data/<slug>.json` (the keys of docs/model.md). Keys
    /// added later (a `decision`) are read when they are there; nil when it is not a scenario's
    /// data file at all.
    public init?(json object: Any) {
        guard let root = object as? [String: Any], let slug = root["slug"] as? String else { return nil }
        self.slug = slug
        name = root["name"] as? String ?? slug
        let months = root["months"] as? [[String: Any]] ?? []
        let last = months.last
        let totals = root["totals"] as? [String: Any] ?? [:]
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        func label(ofMonth month: Int) -> String {
            months.first { number($0["month"]).map { Int($0) } == month }?["label"] as? String ?? "month \(month)"
        }
        grossMargin = number(last?["gross_margin"])
        var figures = [
            Figure(key: "revenue", label: "Revenue (total)", kind: .money, number: number(totals["revenue"])),
            Figure(key: "run_cost", label: "Run cost (total)", kind: .money, number: number(totals["run_cost"])),
            Figure(key: "build_cost", label: "Build cost (total)", kind: .money, number: number(totals["build_cost"])),
            Figure(key: "gross_margin", label: "Gross margin (last month)", kind: .percent, number: grossMargin),
            Figure(
                key: "token_share", label: "Token share (last month)", kind: .percent,
                number: number(last?["token_share"])),
            Figure(
                key: "break_even_price_multiplier", label: "Break-even price rise", kind: .multiplier,
                number: number(root["break_even_price_multiplier"])),
            Figure(
                key: "availability", label: "Availability", kind: .availability, number: number(root["availability"])),
        ]
        let throttled = (root["rate_limits"] as? [[String: Any]] ?? []).compactMap {
            number($0["throttled_from_month"])
        }
        .min()
        figures.append(
            Figure(
                key: "throttled_from", label: "First throttled month", kind: .text,
                text: throttled.map { label(ofMonth: Int($0)) } ?? "never"))
        let retirements = (root["retirements"] as? [[String: Any]] ?? []).map { retirement -> String in
            let model = retirement["model"] as? String ?? "?"
            let successor = (retirement["successor"] as? String).map { " → " + $0 } ?? " (no successor)"
            let when =
                number(retirement["month"]).map { label(ofMonth: Int($0)) } ?? (retirement["date"] as? String ?? "?")
            return model + successor + " in " + when
        }
        figures.append(
            Figure(
                key: "retirements", label: "Retirements", kind: .text,
                text: retirements.isEmpty ? "none" : retirements.joined(separator: "; ")))
        // MODEL.md's decision, once the data carries it: the two verdicts over the futures.
        if let decision = root["decision"] as? [String: Any] {
            let maximin = decision["maximin"] as? String ?? "—"
            let regret = decision["minimax_regret"] as? String ?? "—"
            figures.append(
                Figure(
                    key: "decision", label: "Decision", kind: .text,
                    text: "maximin: \(maximin); minimax regret: \(regret)"))
        }
        self.figures = figures
    }
}

/// Reads the catalog out of a parsed `data/models.catalog.json`: each model's figures by id.
func catalogFigures(json object: Any) -> [String: [Figure]]? {
    guard let root = object as? [String: Any], let models = root["models"] as? [[String: Any]] else { return nil }
    func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
    var catalog: [String: [Figure]] = [:]
    for model in models {
        guard let id = model["id"] as? String else { continue }
        catalog[id] = [
            Figure(key: "provider", label: "provider", kind: .text, text: model["provider"] as? String),
            Figure(key: "input", label: "input price", kind: .price, number: number(model["input"])),
            Figure(
                key: "cached_input", label: "cached input price", kind: .price, number: number(model["cached_input"])),
            Figure(key: "output", label: "output price", kind: .price, number: number(model["output"])),
            Figure(key: "retires", label: "retires", kind: .text, text: model["retires"] as? String ?? "never"),
            Figure(key: "successor", label: "successor", kind: .text, text: model["successor"] as? String ?? "none"),
            Figure(
                key: "availability", label: "availability", kind: .availability, number: number(model["availability"])),
            Figure(key: "rpm", label: "requests per minute", kind: .count, number: number(model["rpm"])),
            Figure(key: "tpm", label: "tokens per minute", kind: .count, number: number(model["tpm"])),
        ]
    }
    return catalog
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

    /// A build's `data/`: every `<slug>.json` and `models.catalog.json`.
    static func loadOutput(_ data: URL) -> Result<EconomicsSnapshot, SnapshotFailure> {
        let prefix = Paths.display(data)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: data.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        enum Read {
            case object(Any)
            case failure(Diagnostic)
        }
        let parsed = parallelMap(names.count) { index -> Read in
            let display = prefix + "/" + names[index]
            let place = SourceLocation(file: display, line: 1, column: 1)
            guard let bytes = FileManager.default.contents(atPath: data.path + "/" + names[index]) else {
                return .failure(Diagnostic(.error, "cannot read the file", at: place))
            }
            guard let object = try? JSONSerialization.jsonObject(with: bytes) else {
                return .failure(Diagnostic(.error, "not valid JSON", at: place))
            }
            return .object(object)
        }
        var scenarios: [String: ScenarioHeadline] = [:]
        var catalog: [String: [Figure]]?
        var errors: [Diagnostic] = []
        for (name, result) in zip(names, parsed) {
            let place = SourceLocation(file: prefix + "/" + name, line: 1, column: 1)
            switch result {
            case .failure(let diagnostic): errors.append(diagnostic)
            case .object(let object) where name == DataFiles.catalogFile:
                catalog = catalogFigures(json: object)
                if catalog == nil { errors.append(Diagnostic(.error, "not a catalog data file", at: place)) }
            case .object(let object):
                // Other JSON files (not written by token-economics) are left alone.
                guard let headline = ScenarioHeadline(json: object) else { continue }
                scenarios[headline.slug] = headline
            }
        }
        guard errors.isEmpty else { return .failure(.errors(errors.sorted())) }
        return .success(EconomicsSnapshot(scenarios: scenarios, catalog: catalog))
    }

    /// A content folder: loaded and computed as `build` would, then read through the data files.
    static func loadContent(_ folder: URL) -> Result<EconomicsSnapshot, SnapshotFailure> {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(from: folder, displayPrefix: Paths.display(folder), diagnostics: &diagnostics)
        let computed = Generator.computeProjections(content, diagnostics: &diagnostics)
        guard !diagnostics.hasErrors, let catalog = content.catalog else {
            return .failure(.errors(diagnostics.sorted.filter { $0.severity == .error }))
        }
        let headlines = parallelMap(computed.count) { index -> ScenarioHeadline? in
            let json = DataFiles.json(computed[index].projection)
            return (try? JSONSerialization.jsonObject(with: Data(json.text.utf8))).flatMap(ScenarioHeadline.init(json:))
        }
        var scenarios: [String: ScenarioHeadline] = [:]
        for headline in headlines.compactMap({ $0 }) { scenarios[headline.slug] = headline }
        let catalogText = DataFiles.catalogJSON(catalog).text
        let models = (try? JSONSerialization.jsonObject(with: Data(catalogText.utf8))).flatMap(catalogFigures(json:))
        return .success(EconomicsSnapshot(scenarios: scenarios, catalog: models))
    }
}
