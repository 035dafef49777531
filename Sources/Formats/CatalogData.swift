import Basics
import CostModel

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
            json.field("as_of", catalog.asOf.description)
            json.field("source", catalog.source)
            json.field("models", array: catalog.ids.compactMap { catalog.models[$0] }) { json, model in
                json.object { json in
                    json.catalogModelFields(model)
                    json.field("source", model.source)
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
        field("id", model.id)
        field("provider", model.provider)
        field("input", model.input)
        field("cached_input", model.cachedInput)
        field("output", model.output)
        field("availability", model.availability)
        field("rpm", model.rpm)
        field("tpm", model.tpm)
        field("retires", model.retires?.description)
        field("successor", model.successor)
        field("as_of", model.asOf?.description)
    }
}
