import Basics
import CostModel

/// Reads `models.yaml` into a `Catalog`, reporting every problem at its line and column.
package enum CatalogLoader {
    /// The keys of models.yaml.
    package enum TopKey: String, CaseIterable, YAMLKey {
        case asOf = "as_of", source, models
    }

    /// The keys of a model.
    package enum ModelKey: String, CaseIterable, YAMLKey {
        case provider, input, cachedInput = "cached_input", output, availability, rpm, tpm, retires, successor
        case asOf = "as_of", source, litellm
    }

    package static func load(_ source: SourceText, diagnostics: inout Diagnostics) -> Catalog? {
        loadFile(source, diagnostics: &diagnostics)?.catalog
    }

    /// The catalog with where each model and value is written.
    package static func loadFile(_ source: SourceText, diagnostics: inout Diagnostics) -> CatalogFile? {
        read(source, diagnostics: &diagnostics).file
    }

    /// The catalog file, nil with any error; and the catalog to check scenarios' references
    /// against. With errors in some models that one still names every model (those that failed
    /// with zero prices), so that one bad value in the catalog does not hide the scenarios' own
    /// errors; it is never used to compute.
    package static func read(
        _ source: SourceText, diagnostics: inout Diagnostics
    ) -> (file: CatalogFile?, references: Catalog?) {
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        guard let root = parseYAML(source, diagnostics: &local),
            let top = YAMLMapping(root, keys: TopKey.self, context: "the catalog", source: source, diagnostics: &local)
        else { return (nil, nil) }
        top.reportUnknownKeys(diagnostics: &local)
        let asOf = top.date(.asOf, required: true, diagnostics: &local)
        let sourceNote = top.string(.source, diagnostics: &local)
        guard
            let modelsMap = top.mapping(
                .models, keys: String.self, context: "models", required: true, diagnostics: &local)
        else {
            return (nil, nil)
        }
        var models: [CatalogModel] = []
        var places: [CatalogFile.ModelPlaces] = []
        for entry in modelsMap.entries {
            if !isValidSlug(entry.key) {
                local.error("model id '\(entry.key)' must use only a-z, 0-9 and '-'", at: entry.keyLocation, in: source)
            }
            if let (model, place) = loadModel(entry, source: source, diagnostics: &local) {
                models.append(model)
                places.append(place)
            }
        }
        if modelsMap.entries.isEmpty {
            local.error("the catalog has no models", at: modelsMap.location, in: source)
        }
        let ids = Set(modelsMap.entries.map(\.key))
        for entry in modelsMap.entries {
            guard let model = models.first(where: { $0.id == entry.key }), let successor = model.successor else {
                continue
            }
            let location =
                YAMLMapping(entry.value, keys: ModelKey.self, context: "", source: source, diagnostics: &local)?
                .entry(.successor).map { source.location(of: $0.value) } ?? entry.keyLocation
            if !ids.contains(successor) {
                var message = "successor '\(successor)' of model '\(model.id)' is not in the catalog"
                if let near = suggestion(for: successor, in: ids.sorted()) { message += "; did you mean '\(near)'?" }
                local.error(message, at: location, in: source)
            } else if let cycle = successorCycle(from: model.id, models: models) {
                local.error("successor chain never ends: \(cycle.joined(separator: " -> "))", at: location, in: source)
            }
        }
        guard let asOf else { return (nil, nil) }
        guard !local.hasErrors else {
            let loaded = Set(models.map(\.id))
            // Read again only for its provider; its errors were reported once.
            var ignored = Diagnostics()
            for entry in modelsMap.entries where !loaded.contains(entry.key) {
                let provider = YAMLMapping(
                    entry.value, keys: ModelKey.self, context: "", source: source, diagnostics: &ignored)?
                    .entry(.provider).flatMap { node -> String? in
                        if case .scalar(let scalar) = node.value { return scalar.string }
                        return nil
                    }
                models.append(
                    CatalogModel(
                        id: entry.key, provider: provider ?? "", input: 0, cachedInput: nil, output: 0,
                        availability: 1, rpm: nil, tpm: nil, retires: nil, successor: nil, asOf: nil, source: nil))
            }
            return (nil, Catalog(asOf: asOf, source: sourceNote, models: models))
        }
        let file = CatalogFile(
            catalog: Catalog(asOf: asOf, source: sourceNote, models: models), source: source,
            modelsLocation: modelsMap.location, models: places)
        return (file, file.catalog)
    }

    private static func loadModel(
        _ entry: YAMLEntry, source: SourceText,
        diagnostics: inout Diagnostics
    ) -> (CatalogModel, CatalogFile.ModelPlaces)? {
        guard
            let map = YAMLMapping(
                entry.value, keys: ModelKey.self, context: "model '\(entry.key)'", source: source,
                diagnostics: &diagnostics)
        else { return nil }
        map.reportUnknownKeys(diagnostics: &diagnostics)
        let provider = map.string(.provider, required: true, diagnostics: &diagnostics)
        let input = map.number(.input, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let cached = map.number(.cachedInput, range: .nonNegative, diagnostics: &diagnostics)
        let output = map.number(.output, required: true, range: .nonNegative, diagnostics: &diagnostics)
        let availability = map.number(.availability, range: .fraction, diagnostics: &diagnostics)
        let rpm = map.number(.rpm, range: .positive, diagnostics: &diagnostics)
        let tpm = map.number(.tpm, range: .positive, diagnostics: &diagnostics)
        let retires = map.date(.retires, diagnostics: &diagnostics)
        let successor = map.string(.successor, diagnostics: &diagnostics)
        let asOf = map.date(.asOf, diagnostics: &diagnostics)
        let note = map.string(.source, diagnostics: &diagnostics)
        let litellm = map.string(.litellm, diagnostics: &diagnostics)
        if successor != nil && map.entry(.retires) == nil, let entry = map.entry(.successor) {
            diagnostics.warning(
                "\(map.context) has a successor but no 'retires' date; the successor is never used",
                at: source.location(of: entry.value), in: source)
        }
        guard let provider, let input, let output else { return nil }
        let model = CatalogModel(
            id: entry.key, provider: provider, input: input, cachedInput: cached, output: output,
            availability: availability ?? 0.999, rpm: rpm, tpm: tpm, retires: retires,
            successor: successor, asOf: asOf, source: note)
        let place = CatalogFile.ModelPlaces(
            id: entry.key, keyLocation: entry.keyLocation, location: map.location, fields: map.entries,
            litellm: litellm)
        return (model, place)
    }

    /// The ids of a successor chain that comes back to a model it passed, or nil if it ends.
    package static func successorCycle(from id: String, models: [CatalogModel]) -> [String]? {
        let byID = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var path = [id]
        var current = id
        while let next = byID[current]?.successor, byID[next] != nil {
            path.append(next)
            if next == id { return path }
            if path.dropLast().contains(next) { return nil }  // a cycle further on, reported from its own models
            current = next
        }
        return nil
    }
}
