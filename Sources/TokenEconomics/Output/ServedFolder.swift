import Basics
import Foundation
import Pages

/// The sink of `serve`'s partial renders: its private folder, which no one else writes, so a
/// changed page is written in place at once (a new file renamed over the old one: a request
/// sees the old page or the new one). Whole-site builds go through `SiteWriter`.
final class ServedFolder: SiteSink, Sendable {
    let root: String
    private let state = Locked((written: [String](), failure: String?.none, number: 0))

    init(root: String) { self.root = root }

    /// The paths put so far.
    var written: [String] { state.withLock { $0.written } }
    /// The first write that failed, if any.
    var failure: String? { state.withLock { $0.failure } }

    func put(_ path: String, _ text: TextBuffer) {
        text.bytes.withUnsafeBytes { put(path, $0) }
    }

    func put(_ path: String, _ data: Data) {
        data.withUnsafeBytes { put(path, $0) }
    }

    // Unsafe: the page's bytes are borrowed for the call, compared with the file and written through SiteWriter's helpers.
    private func put(_ path: String, _ bytes: UnsafeRawBufferPointer) {
        let full = root + "/" + path
        var info = stat()
        if lstat(full, &info) == 0, SiteWriter.holds(bytes, path: full, info: info) {
            state.withLock { $0.written.append(path) }
            return
        }
        let number = state.withLock {
            $0.number += 1
            return $0.number
        }
        let temporary = root + "/.serve-\(number).tmp"
        var problem: String?
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            problem = String(cString: strerror(errno))
        } else {
            var offset = 0
            while offset < bytes.count, problem == nil {
                let count = write(descriptor, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if count < 0, errno != EINTR { problem = String(cString: strerror(errno)) }
                if count > 0 { offset += count }
            }
            close(descriptor)
            if problem == nil, rename(temporary, full) != 0 { problem = String(cString: strerror(errno)) }
            if problem != nil { unlink(temporary) }
        }
        state.withLock {
            $0.written.append(path)
            if $0.failure == nil, let problem { $0.failure = "cannot write \(full): \(problem)" }
        }
    }
}
