import Basics
import CostModel
import Formats

/// `catalog list`: the catalog as a text table or as JSON.
public enum CatalogList {
    public static func text(_ catalog: Catalog) -> String {
        let header = [
            "id", "provider", "input", "cached", "output", "availability", "rpm", "tpm", "retires -> successor",
            "checked", "age",
        ]
        var rows = [header]
        for row in catalogRows(catalog) {
            let model = row.model
            var retires = model.retires?.description ?? "-"
            if model.retires != nil { retires += " -> " + (model.successor ?? "none") }
            rows.append([
                model.id, model.provider, formatPlain(model.input), formatPlain(model.cachedInput),
                formatPlain(model.output), formatPlain(model.availability), model.rpm.map(formatPlain) ?? "-",
                model.tpm.map(formatPlain) ?? "-", retires, model.asOf?.description ?? "-",
                row.ageDays.map { "\($0) d" } ?? "-",
            ])
        }
        let numeric: Set<Int> = [2, 3, 4, 5, 6, 7, 10]
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        out +=
            "Prices in USD per 1M tokens. As of \(catalog.asOf); age counts the days from a model's check "
            + "to that date.\n"
        return out
    }

    public static func json(_ catalog: Catalog) -> String {
        var json = JSONWriter(capacity: 4096)
        json.object { json in
            json.field(CatalogDataKey.asOf.name, catalog.asOf.description)
            if let source = catalog.source { json.field(CatalogDataKey.source.name, source) }
            json.field(CatalogDataKey.models.name, array: catalogRows(catalog)) { json, row in
                let model = row.model
                json.object { json in
                    json.catalogModelFields(model)
                    json.field(CatalogDataKey.ageDays.name, row.ageDays)
                    json.field(CatalogDataKey.source.name, model.source)
                }
            }
        }
        return json.finish().text
    }
}
