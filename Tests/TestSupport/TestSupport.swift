import Foundation

/// The repository's root, found from this file, so tests read fixtures, templates and docs in place.
package let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// True when `actual` equals `expected` to a relative 1e-12 (absolute 1e-12 near zero).
package func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// A fresh empty folder under the temporary directory.
package func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("token-economics-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `files` (relative path → text) under `root`.
package func write(_ files: [String: String], under root: URL) throws {
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// `html` without the `data-label` attributes narrow screens use, for tests about table content.
package func withoutDataLabels(_ html: String) -> String {
    html.replacingOccurrences(of: " data-label=\"[^\"]*\"", with: "", options: .regularExpression)
}
