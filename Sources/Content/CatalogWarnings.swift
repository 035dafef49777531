import Basics
import CostModel

/// The catalog's warnings, said once per model at its place in `models.yaml` however many
/// scenarios meet it: a price checked long before the catalog's `as_of`, a model retired
/// before a projection starts, a retirement without a successor inside a projection.
package enum CatalogWarnings {
    package static func check(
        _ file: CatalogFile, scenarios: [ScenarioFile], priceAgeDays: Int,
        diagnostics: inout Diagnostics
    ) {
        let catalog = file.catalog
        let source = file.source
        for place in file.models {
            guard let model = catalog.models[place.id], let checked = model.asOf else { continue }
            let age = days(from: checked, to: catalog.asOf)
            if age > priceAgeDays {
                diagnostics.warning(
                    "the prices of '\(model.id)' were checked on \(checked), \(age) days before the catalog's as_of "
                        + "(\(catalog.asOf)), more than price_age_days (\(priceAgeDays)): check them again "
                        + "(token-economics catalog sync does)", at: place.location(of: .asOf, in: source), in: source
                )
            }
        }

        // Scenario slugs by model: retired before month 0, and billed past a retirement without successor.
        var retiredAtStart: [String: [String]] = [:]
        var orphaned: [String: [String]] = [:]
        for file in scenarios.sorted(by: { $0.scenario.slug < $1.scenario.slug }) {
            let scenario = file.scenario
            var used = Set(scenario.run?.routing.map(\.model) ?? [])
            if let build = scenario.build { used.insert(build.model) }
            let first = scenario.start.firstDay
            let last = scenario.start.adding(max(1, scenario.months) - 1).firstDay
            for id in used.sorted() {
                if let retires = catalog.models[id]?.retires, retires <= first {
                    retiredAtStart[id, default: []].append(scenario.slug)
                }
                let final = catalog.effectiveModel(id, on: last)
                if let model = catalog.models[final], let retires = model.retires, retires <= last,
                    model.successor == nil, !(final == id && retires <= first)
                {
                    orphaned[final, default: []].append(scenario.slug)
                }
            }
        }
        for (id, slugs) in retiredAtStart {
            guard let model = catalog.models[id], let retires = model.retires, let place = file.places(of: id) else {
                continue
            }
            let what =
                model.successor.map { "they are billed at its successor '\($0)' from month 0" }
                ?? "it has no successor, so its prices are kept; add 'successor: <id>' or route elsewhere"
            diagnostics.warning(
                "'\(id)' retired on \(retires), before \(list(slugs)) start\(slugs.count == 1 ? "s" : ""): \(what)",
                at: place.location(of: .retires, in: source), in: source)
        }
        for (id, slugs) in orphaned {
            guard let retires = catalog.models[id]?.retires, let place = file.places(of: id) else { continue }
            diagnostics.warning(
                "'\(id)' retires on \(retires), inside the projection\(slugs.count == 1 ? "" : "s") of "
                    + "\(slugs.joined(separator: ", ")), with no successor: its prices are kept after that day; "
                    + "add 'successor: <id>'", at: place.location(of: .retires, in: source), in: source)
        }
    }

    /// "the projection of a", "the projections of a, b".
    private static func list(_ slugs: [String]) -> String {
        "the projection\(slugs.count == 1 ? "" : "s") of \(slugs.joined(separator: ", "))"
    }
}
