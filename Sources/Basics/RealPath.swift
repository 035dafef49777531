import Foundation

/// `path` absolute with every symbolic link and `.`/`..` resolved, or nil when it does not exist.
package func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
