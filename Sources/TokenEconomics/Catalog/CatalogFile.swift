import CostModel

/// `models.yaml` as read: the catalog, and where each model and each of its values is
/// written, to point messages at them and to rewrite values in place.
public struct CatalogFile: Sendable {
    /// One model's entry: its key, its mapping, and its keys and values as written.
    struct ModelPlaces: Sendable {
        var id: String
        var keyLocation: SourceLocation
        /// Where the model's mapping starts: its first key, or `{` for a flow mapping.
        var location: SourceLocation
        var fields: [YAMLEntry]
        /// The `litellm:` key: the model's entry in a price map.
        var litellm: String?

        func field(_ key: String) -> YAMLEntry? { fields.first { $0.key == key } }

        /// The location of `key`'s value, else of the model's id.
        func location(of key: String, in source: SourceText) -> SourceLocation {
            field(key).map { source.location(of: $0.value) } ?? keyLocation
        }
    }

    public var catalog: Catalog
    public var source: SourceText
    var modelsLocation: SourceLocation
    /// The models in the order of the file.
    var models: [ModelPlaces]

    func places(of id: String) -> ModelPlaces? { models.first { $0.id == id } }
}
