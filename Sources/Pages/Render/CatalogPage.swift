import Basics
import Content
import CostModel
import Formats
import Views

/// The catalog as the site shows it: every model with its prices, limits, availability,
/// source and age, which scenarios and essays use it, and a timeline of retirements against
/// each scenario's projection window. `models.html` and the report show the same section.
extension SiteRenderer {
    func modelsPage(
        _ essays: [Essay], essayLinks: [String: Set<String>] = [:], named: [String: Set<String>] = [:]
    ) -> TextBuffer {
        let context = ModelsValues(
            asOf: catalog.asOf.description,
            catalog: HTML(
                catalogSection(
                    essays: essays, essayLinks: essayLinks, named: named, idPrefix: "",
                    scenarioLink: { "scenarios/\($0).html" },
                    essayLink: { "essays/\($0).html" })))
        return templates.render(
            "models", context,
            layout: layout(
                title: "The model catalog", description: "Every model with its prices, limits and retirements.",
                root: "", bodyClass: "models-page"))
    }

    /// The scenarios billed for each model id at some month: the models they name and the
    /// successors those are billed as after a retirement. Slugs in order.
    package func scenariosByModel() -> [String: [String]] {
        if let knownScenariosByModel { return knownScenariosByModel }
        var users: [String: [String]] = [:]
        for item in scenarios {
            let scenario = item.scenario
            var named = Set(scenario.run?.routing.map(\.model) ?? [])
            if let build = scenario.build { named.insert(build.model) }
            var billed: Set<String> = []
            for id in named {
                for m in 0..<max(1, scenario.months) {
                    billed.insert(catalog.effectiveModel(id, on: scenario.start.adding(m).firstDay))
                }
            }
            for id in billed { users[id, default: []].append(scenario.slug) }
        }
        return users.mapValues { $0.sorted() }
    }

    /// The published essays that use each model: their rendered page links to a scenario billed
    /// for it (`essayLinks`, by essay slug: the links written in the essay and those of its
    /// computed tables alike), or they name its id as a word (`named`, by essay slug, made
    /// with their pages: the essays' text is let go by then).
    package func essaysByModel(
        _ essays: [Essay], essayLinks: [String: Set<String>], named: [String: Set<String>],
        scenarios byModel: [String: [String]]
    ) -> [String: [Essay]] {
        // The models of each scenario, so that an essay costs its links, not every scenario of
        // every model (that was essays × scenarios).
        var modelsOf: [String: Set<String>] = [:]
        for (id, slugs) in byModel {
            for slug in slugs { modelsOf[slug, default: []].insert(id) }
        }
        var users: [String: [Essay]] = [:]
        for essay in essays {
            var used = named[essay.slug] ?? []
            for slug in essayLinks[essay.slug] ?? [] { used.formUnion(modelsOf[slug] ?? []) }
            for id in catalog.ids where used.contains(id) { users[id, default: []].append(essay) }
        }
        return users
    }

    /// The catalog's ids as `words(in:among:)` looks them up.
    var modelIDs: Set<[UInt8]> { Set(catalog.ids.map { Array($0.utf8) }) }

    /// The runs of a-z, 0-9 and `-` in `text` (ASCII letters lowered) that are among `ids`, in
    /// one pass over its bytes: a run is compared, byte for byte, only with the ids of its
    /// length, and only a run found is made a `String`; no run is copied or hashed, so a build of
    /// thousands of essays never splits every essay into a set of all its words.
    static func words(in text: String, among ids: Set<[UInt8]>) -> Set<String> {
        guard let longest = ids.map(\.count).max() else { return [] }
        // The ids by length: `byLength[n]` holds those of n bytes.
        var byLength = [[[UInt8]]](repeating: [], count: longest + 1)
        for id in ids { byLength[id.count].append(id) }
        var text = text
        // Every variable lives inside the closure: captured ones would be checked for exclusive
        // access at every byte.
        return text.withUTF8 { bytes -> Set<String> in
            var words: Set<String> = []
            // Where the current run began, or -1 between runs.
            var start = -1
            // One step past the end, as a space, ends the last word.
            for index in 0...bytes.count {
                if index < bytes.count, Self.lowered(bytes[index]) != nil {
                    if start < 0 { start = index }
                    continue
                }
                guard start >= 0 else { continue }
                let length = index - start
                if length <= longest {
                    for id in byLength[length]
                    where id.indices.allSatisfy({ Self.lowered(bytes[start + $0]) == id[$0] }) {
                        words.insert(String(decoding: id, as: UTF8.self))
                    }
                }
                start = -1
            }
            return words
        }
    }

    /// A byte of a word lowered (`A`-`Z` to `a`-`z`), or nil for any other byte, a byte of a
    /// multi-byte letter included, which ends a word.
    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return byte + 32
        default:
            return nil
        }
    }

    /// The slugs of `scenarios/<slug>.html` links in a rendered page, in one pass over its bytes.
    static func linkedScenarios(in html: TextBuffer) -> Set<String> {
        let bytes = html.bytes
        let prefix = Array("scenarios/".utf8), suffix = Array(".html".utf8)
        var found: Set<String> = []
        var i = 0
        while i + prefix.count < bytes.count {
            guard bytes[i] == prefix[0], bytes[i..<i + prefix.count].elementsEqual(prefix) else {
                i += 1
                continue
            }
            var end = i + prefix.count
            while end < bytes.count, isSlugByte(bytes[end]) { end += 1 }
            if end > i + prefix.count, end + suffix.count <= bytes.count,
                bytes[end..<end + suffix.count].elementsEqual(suffix)
            {
                found.insert(String(decoding: bytes[(i + prefix.count)..<end], as: UTF8.self))
            }
            i = end
        }
        return found
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    /// At most this many scenarios, and as many essays, are named for each model in the catalog
    /// section (docs/content.md, "The report at scale").
    static let usedByLimit = 12

    /// The ids `catalogSection` gives its elements.
    static func catalogIDs(prefix: String, models: [String]) -> [String] {
        ["catalog", "catalog-sources", "retirements", "retirements-title", "retirements-desc"].map { prefix + $0 }
            + models.map { "\(prefix)model-\($0)" }
    }

    /// The catalog's table and timeline. `scenarioLink` and `essayLink` give the links from the
    /// page the section is on; `idPrefix` keeps ids unique in the report.
    ///
    /// The column of what uses a model names at most `usedByLimit` scenarios and as many essays,
    /// then how many more, with a link (`compareLink`) to where every scenario is listed: the
    /// compare pages, the report's table of verdicts. With ten thousand scenarios, every one
    /// named for each model made `models.html` 5 MB.
    func catalogSection(
        essays: [Essay], essayLinks: [String: Set<String>], named: [String: Set<String>], idPrefix: String,
        scenarioLink: (String) -> String, essayLink: (String) -> String, compareLink: String = "compare.html"
    ) -> TextBuffer {
        let byScenario = scenariosByModel()
        let byEssay = essaysByModel(essays, essayLinks: essayLinks, named: named, scenarios: byScenario)
        let rows = catalogRows(catalog)
        return TextBuffer.make(capacity: 16_384 + rows.count * 900) { out in
            let prices = HTMLTable(
                caption: "Every model: list prices in USD per 1M tokens, limits and retirements",
                headers: [
                    "Model", "Provider", "Input", "Cached", "Output", "Availability", "Requests/min", "Tokens/min",
                    "Retires", "Checked", "Age",
                ],
                numericColumns: [2, 3, 4, 5, 6, 7, 10], id: "\(idPrefix)catalog", className: "data summary catalog",
                labelsCells: true)
            prices.write(into: &out, rows: rows.count) { row, index in
                let model = rows[index].model
                row.cell { out in
                    out.append("<span id=\"\(idPrefix)model-")
                    out.append(model.id)
                    out.append("\">")
                    out.appendEscaped(model.id)
                    out.append("</span>")
                }
                row.text(model.provider)
                row.number(model.input, decimals: 6)
                row.number(model.cachedInput, decimals: 6)
                row.number(model.output, decimals: 6)
                row.availability(model.availability)
                row.cell { out in
                    if let rpm = model.rpm { Format.count(rpm, into: &out) } else { out.append("not set") }
                }
                row.cell { out in
                    if let tpm = model.tpm { Format.count(tpm, into: &out) } else { out.append("not set") }
                }
                row.cell { out in
                    guard let retires = model.retires else { return out.append("not announced") }
                    out.append("<time datetime=\"\(retires)\">\(retires)</time>")
                    if let successor = model.successor {
                        out.append(" → <a href=\"#\(idPrefix)model-")
                        out.append(successor)
                        out.append("\">")
                        out.appendEscaped(successor)
                        out.append("</a>")
                    } else {
                        out.append(" (no successor)")
                    }
                }
                row.cell { out in
                    if let asOf = model.asOf {
                        out.append("<time datetime=\"\(asOf)\">\(asOf)</time>")
                    } else {
                        out.append(Format.none)
                    }
                }
                row.cell { out in
                    if let age = rows[index].ageDays {
                        out.append(age == 1 ? "1 day" : "\(age) days")
                    } else {
                        out.append(Format.none)
                    }
                }
            }
            let uses = HTMLTable(
                caption: "Where each price comes from, and what uses the model",
                headers: ["Model", "Used by", "Source"], id: "\(idPrefix)catalog-sources",
                className: "data summary catalog", labelsCells: true)
            uses.write(into: &out, rows: rows.count) { row, index in
                let model = rows[index].model
                row.text(model.id)
                row.cell { out in
                    let slugs = byScenario[model.id] ?? []
                    let essays = byEssay[model.id] ?? []
                    if slugs.isEmpty && essays.isEmpty { return out.append("nothing yet") }
                    // A bounded list at any size (`usedByLimit`): the first ones, then how many more.
                    var first = true
                    for slug in slugs.prefix(Self.usedByLimit) {
                        if !first { out.append(", ") }
                        first = false
                        out.append("<a href=\"")
                        out.appendEscaped(scenarioLink(slug))
                        out.append("\">")
                        out.appendEscaped(slug)
                        out.append("</a>")
                    }
                    if slugs.count > Self.usedByLimit {
                        out.append(" and \(slugs.count - Self.usedByLimit) more scenarios (<a href=\"")
                        out.appendEscaped(compareLink)
                        out.append("\">every scenario</a>)")
                    }
                    for essay in essays.prefix(Self.usedByLimit) {
                        if !first { out.append(", ") }
                        first = false
                        out.append("essay <a href=\"")
                        out.appendEscaped(essayLink(essay.slug))
                        out.append("\">")
                        out.appendEscaped(essay.slug)
                        out.append("</a>")
                    }
                    if essays.count > Self.usedByLimit {
                        out.append(" and \(essays.count - Self.usedByLimit) more essays")
                    }
                }
                row.text(model.source ?? "")
            }
            if !scenarios.isEmpty || catalog.models.values.contains(where: { $0.retires != nil }) {
                retirementTimeline(idPrefix: idPrefix).figure(into: &out)
            }
        }
    }

    func retirementTimeline(idPrefix: String) -> RetirementTimeline {
        let retiring = catalog.ids.compactMap { id -> RetirementTimeline.Retirement? in
            guard let model = catalog.models[id], let date = model.retires else { return nil }
            return RetirementTimeline.Retirement(model: id, date: date, successor: model.successor)
        }
        // A bar for each of the first compare page's scenarios: a chart of ten thousand bars was
        // 300,000 pixels high (docs/content.md, "The report at scale").
        let windows = scenarios[firstScenarios].map { item -> RetirementTimeline.Window in
            let scenario = item.scenario
            return RetirementTimeline.Window(
                slug: scenario.slug, first: scenario.start.firstDay,
                end: scenario.start.adding(max(1, scenario.months)).firstDay,
                retirements: item.summary.figures.retirements)
        }
        return RetirementTimeline(
            id: "\(idPrefix)retirements", checked: catalog.asOf, retirements: retiring, windows: windows,
            scenarioCount: scenarios.count)
    }
}
