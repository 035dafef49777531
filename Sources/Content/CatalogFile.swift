import Basics
import CostModel

/// `models.yaml` as read: the catalog, and where each model and each of its values is
/// written, to point messages at them and to rewrite values in place.
public struct CatalogFile: Sendable {
    /// One model's entry: its key, its mapping, and its keys and values as written.
    package struct ModelPlaces: Sendable {
        package var id: String
        package var keyLocation: SourceLocation
        /// Where the model's mapping starts: its first key, or `{` for a flow mapping.
        package var location: SourceLocation
        package var fields: [YAMLEntry]
        /// The `litellm:` key: the model's entry in a price map.
        package var litellm: String?

        /// The value written at `key`, the key the loader reads it by.
        package func field(_ key: CatalogLoader.ModelKey) -> YAMLEntry? { fields.first { $0.key == key.name } }

        /// The location of `key`'s value, else of the model's id.
        package func location(of key: CatalogLoader.ModelKey, in source: SourceText) -> SourceLocation {
            field(key).map { source.location(of: $0.value) } ?? keyLocation
        }
    }

    public var catalog: Catalog
    public var source: SourceText
    package var modelsLocation: SourceLocation
    /// The models in the order of the file.
    package var models: [ModelPlaces]

    package func places(of id: String) -> ModelPlaces? { models.first { $0.id == id } }
}
