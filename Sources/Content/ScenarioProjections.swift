import Basics
import CostModel

extension SiteContent {
    /// Projects every scenario on every core, in slug order, turning the model's warnings into
    /// diagnostics at their inputs, and returns what `keep` makes of each projection: the
    /// build's computed scenarios, the diff's headline figures. Each projection is let go as
    /// soon as `keep` returns, so no more than one per core is held at a time. A scenario whose
    /// figures overflow is an error and is left out (`keep` never sees it).
    package func projectScenarios<Kept>(
        diagnostics: inout Diagnostics, _ keep: (ScenarioFile, Projection, Catalog) -> Kept
    ) -> [Kept] {
        guard let catalog else { return [] }
        let files = scenarios
        // The files' positions in slug order, not a sorted copy of the files.
        let order = files.indices.sorted { files[$0].scenario.slug < files[$1].scenario.slug }
        // Nil for a projection that overflows: an error, which stops the build.
        let projected = parallelMap(order.count) { index -> (kept: Kept, warnings: [ModelWarning])? in
            let file = files[order[index]]
            let projection = Projection(scenario: file.scenario, catalog: catalog)
            guard projection.hasOnlyFiniteFigures else { return nil }
            return (keep(file, projection, catalog), projection.warnings)
        }
        var kept: [Kept] = []
        kept.reserveCapacity(projected.count)
        for (index, item) in projected.enumerated() {
            let file = files[order[index]]
            guard let item else {
                let (location, key) = file.overflowLocation
                let culprit = key.isEmpty ? "" : " ('\(key)' compounds over the months)"
                diagnostics.error(
                    "the projection overflows: a figure is too large to compute\(culprit); use smaller inputs",
                    at: location, in: file.source)
                continue
            }
            for warning in item.warnings {
                diagnostics.warning(warning.message, at: file.location(of: warning.subject), in: file.source)
            }
            kept.append(item.kept)
        }
        return kept
    }
}
