import Foundation

/// Where a build reads and writes. Here, below every layer, so that the pipeline and the
/// tools (`catalog`, `diff`) name a folder in messages the same way (`display`).
public struct Paths: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL

    public init(content: URL, templates: URL, output: URL) {
        self.content = content
        self.templates = templates
        self.output = output
    }

    /// How a folder is named in messages: relative to the working directory when inside it.
    package static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path == cwd { return "." }
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}
