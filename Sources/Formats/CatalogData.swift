import Basics
import CostModel

/// The keys of `data/models.catalog.json` and of `catalog list --format json`: a model's `id`
/// and the keys of `models.yaml` (docs/content.md), and `age_days` of `catalog list`. Written
/// here and by `catalog list`, read back by `diff` (as its `CodingKey`).
package enum CatalogDataKey: CaseIterable, CodingKey {
    case asOf, source, models, id, provider, input, cachedInput, output, availability, rpm, tpm, retires, successor
    case ageDays

    /// The key as written.
    package var name: StaticString {
        switch self {
        case .asOf: "as_of"
        case .source: "source"
        case .models: "models"
        case .id: "id"
        case .provider: "provider"
        case .input: "input"
        case .cachedInput: "cached_input"
        case .output: "output"
        case .availability: "availability"
        case .rpm: "rpm"
        case .tpm: "tpm"
        case .retires: "retires"
        case .successor: "successor"
        case .ageDays: "age_days"
        }
    }

    package var stringValue: String { name.description }
    package init?(stringValue: String) {
        guard let key = Self.allCases.first(where: { $0.stringValue == stringValue }) else { return nil }
        self = key
    }
    package var intValue: Int? { nil }
    package init?(intValue: Int) { nil }
}

private typealias Key = CatalogDataKey

extension DataFiles {
    /// `data/models.catalog.json`: the catalog the build used, so that `token-economics diff` can
    /// compare the prices and retirements of two builds. The name holds a dot, which no
    /// scenario's slug can, so it never meets a scenario's `<slug>.json`.
    package static let catalogFile = "models.catalog.json"

    /// The catalog as JSON: `as_of`, `source`, and `models` by id, each with the keys of
    /// `models.yaml` (prices in USD per 1M tokens; `cached_input` as billed, the input price
    /// when the catalog gives none).
    package static func catalogJSON(_ catalog: Catalog) -> TextBuffer {
        var json = JSONWriter(capacity: 512 + catalog.models.count * 320)
        json.object { json in
            json.field(Key.asOf.name, catalog.asOf.description)
            json.field(Key.source.name, catalog.source)
            json.field(Key.models.name, array: catalog.ids.compactMap { catalog.models[$0] }) { json, model in
                json.object { json in
                    json.catalogModelFields(model)
                    json.field(Key.source.name, model.source)
                }
            }
        }
        return json.finish()
    }
}

extension JSONWriter {
    /// A catalog model's keys of `models.yaml`, from `id` to `as_of`, as `data/models.catalog.json`
    /// and `catalog list --format json` both write them (`source` and anything else come after).
    package mutating func catalogModelFields(_ model: CatalogModel) {
        field(Key.id.name, model.id)
        field(Key.provider.name, model.provider)
        field(Key.input.name, model.input)
        field(Key.cachedInput.name, model.cachedInput)
        field(Key.output.name, model.output)
        field(Key.availability.name, model.availability)
        field(Key.rpm.name, model.rpm)
        field(Key.tpm.name, model.tpm)
        field(Key.retires.name, model.retires?.description)
        field(Key.successor.name, model.successor)
        field(Key.asOf.name, model.asOf?.description)
    }
}
