import Foundation

/// Writes the site into the output folder without ever losing a user's file: each file is
/// written atomically, unchanged files are left alone, and only files listed in the
/// generator's own manifest from the last build are removed when no longer produced.
struct SiteWriter {
    static let manifestName = ".token-economics-manifest"

    struct Summary {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    enum Failure: Error, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)

        var description: String {
            switch self {
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    let output: URL

    func write(_ files: [String: Data]) throws(Failure) -> Summary {
        let manager = FileManager.default
        var summary = Summary()
        do {
            try manager.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: output.path, reason: error.localizedDescription)
        }
        let previous = readManifest()
        for path in files.keys.sorted() {
            guard let data = files[path] else { continue }
            let url = output.appendingPathComponent(path)
            if let existing = try? Data(contentsOf: url), existing == data {
                summary.unchanged += 1
                continue
            }
            try writeAtomically(data, to: url)
            summary.written += 1
        }
        for path in previous.subtracting(files.keys).sorted() {
            let url = output.appendingPathComponent(path)
            guard isInside(url) else { continue }
            if (try? manager.removeItem(at: url)) != nil {
                summary.removed += 1
                removeEmptyParents(of: url)
            }
        }
        let manifest = files.keys.sorted().joined(separator: "\n") + "\n"
        try writeAtomically(Data(manifest.utf8), to: output.appendingPathComponent(Self.manifestName), skipSame: true)
        return summary
    }

    /// Paths the generator wrote last time, relative to the output folder.
    func readManifest() -> Set<String> {
        guard let data = try? Data(contentsOf: output.appendingPathComponent(Self.manifestName)) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty && !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
    }

    private func isInside(_ url: URL) -> Bool {
        url.standardizedFileURL.path.hasPrefix(output.standardizedFileURL.path + "/")
    }

    private func removeEmptyParents(of url: URL) {
        var folder = url.deletingLastPathComponent()
        while isInside(folder),
              let items = try? FileManager.default.contentsOfDirectory(atPath: folder.path), items.isEmpty {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    private func writeAtomically(_ data: Data, to url: URL, skipSame: Bool = false) throws(Failure) {
        if skipSame, let existing = try? Data(contentsOf: url), existing == data { return }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
