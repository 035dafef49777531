import Basics
import Foundation

extension Paths {
    /// Why these folders cannot be built with, or nil: the output folder must be named, must not
    /// be `/`, and must neither be nor hold nor lie inside the content or templates folder (the
    /// build would read what it writes, or replace its own sources).
    public static func outputProblem(output: String, content: String, templates: String) -> String? {
        guard !output.isEmpty else { return "--output must name a folder" }
        let resolvedOutput = resolve(output)
        guard resolvedOutput != "/" else { return "--output must not be the root folder /" }
        for (option, folder) in [("--content", content), ("--templates", templates)] {
            let source = resolve(folder)
            if source == resolvedOutput { return "--output must not be the \(option) folder (\(folder))" }
            if source.hasPrefix(resolvedOutput + "/") || resolvedOutput == "/" {
                return "--output must not hold the \(option) folder (\(folder))"
            }
            if resolvedOutput.hasPrefix(source + "/") {
                return "--output must not lie inside the \(option) folder (\(folder))"
            }
        }
        return nil
    }

    /// `path` made absolute with every symbolic link resolved, as far as it exists; the rest of
    /// it (folders not made yet) appended as written.
    static func resolve(_ path: String) -> String {
        var absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var missing: [String] = []
        while absolute != "/" {
            if let found = realPath(absolute) {
                return ([found == "/" ? "" : found] + missing.reversed()).joined(separator: "/")
            }
            missing.append((absolute as NSString).lastPathComponent)
            absolute = (absolute as NSString).deletingLastPathComponent
        }
        return "/" + missing.reversed().joined(separator: "/")
    }
}
