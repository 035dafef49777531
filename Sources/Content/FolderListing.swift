import Basics
import CostModel
import Foundation

/// What lies below a source folder (`--content` or `--templates`): the regular files the build
/// may read, and every other entry, refused. Symbolic links are never followed, to files or to
/// folders, so nothing outside the folder is read and a loop cannot trap the walk; hidden
/// entries (`.name`) are left out.
package struct FolderListing: Sendable {
    /// The folder with every symbolic link in its own path resolved.
    package var root: String
    /// False when the folder itself is missing or is not a folder.
    package var exists: Bool
    /// Relative paths of the regular files, sorted.
    package var files: [String]
    /// Relative paths of entries that are not regular files or folders, with what they are.
    package var refused: [(path: String, what: String)]

    package init(of directory: URL) {
        let given = directory.standardizedFileURL.path
        var info = stat()
        files = []
        refused = []
        guard let resolved = realPath(given), stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            root = given
            exists = false
            return
        }
        root = resolved
        exists = true
        walk(root, "")
        files.sort()
        refused.sort { $0.path < $1.path }
    }

    private mutating func walk(_ path: String, _ prefix: String) {
        guard let handle = opendir(path) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            // Unsafe: readdir(3) returns a C struct whose d_name is a fixed-size C array, read up to its NUL.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path + "/" + name
            var type = Int32(entry.pointee.d_type)
            var mode: mode_t = 0
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                mode = info.st_mode & S_IFMT
                type = mode == S_IFREG ? Int32(DT_REG) : (mode == S_IFDIR ? Int32(DT_DIR) : Int32(DT_UNKNOWN))
            }
            if type == Int32(DT_DIR) {
                walk(full, prefix + name + "/")
            } else if type == Int32(DT_REG) {
                files.append(prefix + name)
            } else {
                let what =
                    type == Int32(DT_LNK)
                    ? "a symbolic link"
                    : (mode != 0 ? SourceFile.describeType(mode) : Self.describe(type))
                refused.append((prefix + name, what))
            }
        }
    }

    private static func describe(_ type: Int32) -> String {
        switch type {
        case Int32(DT_FIFO): return "a named pipe"
        case Int32(DT_SOCK): return "a socket"
        case Int32(DT_CHR), Int32(DT_BLK): return "a device"
        default: return "not a regular file"
        }
    }

    /// An error for a missing folder and for every refused entry, at its path.
    package func report(folderName: String, displayPrefix: String, diagnostics: inout Diagnostics) {
        guard exists else {
            diagnostics.error(
                "the \(folderName) folder does not exist (or is not a folder)",
                at: SourceLocation(file: displayPrefix.isEmpty ? "." : displayPrefix, line: 1, column: 1))
            return
        }
        for entry in refused {
            diagnostics.error(
                "\(entry.what): only regular files inside the \(folderName) folder are read",
                at: SourceLocation(
                    file: displayPrefix.isEmpty ? entry.path : displayPrefix + "/" + entry.path, line: 1, column: 1))
        }
    }
}
