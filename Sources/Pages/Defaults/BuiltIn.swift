import Basics
import Foundation

/// The files built into the program (`EmbeddedFiles`, generated from `templates/` and
/// `content/`), decoded once: the default templates, and the example site of `init`.
package enum BuiltIn {
    /// The default templates by path (`layout.mustache`, `partials/header.mustache`,
    /// `assets/style.css`). A site's own `templates/` folder overrides them file by file.
    package static let templates: [String: Data] = decode(EmbeddedFiles.templateFiles)

    /// The example site's content by path (`models.yaml`, `scenarios/…`).
    package static let example: [String: Data] = decode(EmbeddedFiles.exampleFiles)

    /// How diagnostics name a built-in template: `(built-in)/layout.mustache`.
    static let templatesPrefix = "(built-in)"

    /// A digest of the built-in templates, for the build's fingerprint: a program with other
    /// default templates does not take an earlier program's site as up to date.
    package static let templatesDigest: String = {
        var hash = FNV1a()
        for path in templates.keys.sorted() {
            hash.add(path)
            hash.add(bytes: templates[path] ?? Data())
        }
        return hash.hex
    }()

    private static func decode(_ files: [(path: String, base64: String)]) -> [String: Data] {
        var decoded: [String: Data] = [:]
        for file in files {
            // The literals are generated from real files; one that does not decode is left out
            // (and fails EmbeddedFilesTests), never a crash.
            decoded[file.path] = Data(base64Encoded: file.base64, options: .ignoreUnknownCharacters)
        }
        return decoded
    }
}
