import Foundation

/// Writes the site into the output folder without ever losing a user's file: a file that is
/// already there is replaced atomically (a temporary file, then a rename), a file whose bytes
/// are unchanged is left alone, and only files listed in the generator's own manifest from the
/// last build are removed when the build no longer produces them. New files are created in
/// place. Files may be written from several threads.
final class SiteWriter: @unchecked Sendable {
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

    /// What the last build left: the fingerprint of its inputs, each file with its size, and the
    /// warnings it gave (said again when nothing changed).
    struct Manifest: Equatable {
        var fingerprint: String
        var files: [String: Int]
        var diagnostics: [Diagnostic] = []

        /// `fingerprint …`, a line per diagnostic, then `size path` per file, in path order.
        var text: String { buffer.text }

        var buffer: TextBuffer {
            TextBuffer.make(capacity: 64 + files.count * 48) { out in
                out.append("fingerprint ")
                out.append(fingerprint)
                out.append("\n")
                for diagnostic in diagnostics {
                    guard let json = Self.json(diagnostic) else { continue }
                    out.append("diagnostic ")
                    out.append(json)
                    out.append("\n")
                }
                for (path, size) in files.sorted(by: { $0.key < $1.key }) {
                    out.append(integer: size)
                    out.append(" ")
                    out.append(path)
                    out.append("\n")
                }
            }
        }

        init(fingerprint: String, files: [String: Int], diagnostics: [Diagnostic] = []) {
            self.fingerprint = fingerprint
            self.files = files
            self.diagnostics = diagnostics
        }

        /// Reads a manifest, ignoring lines that are not `size path` with a path inside the folder,
        /// or a diagnostic as written.
        init(text: String) {
            fingerprint = ""
            files = [:]
            for line in text.split(separator: "\n") {
                if line.hasPrefix("fingerprint ") {
                    fingerprint = String(line.dropFirst("fingerprint ".count))
                    continue
                }
                if line.hasPrefix("diagnostic ") {
                    if let diagnostic = Self.diagnostic(fromJSON: line.dropFirst("diagnostic ".count)) {
                        diagnostics.append(diagnostic)
                    }
                    continue
                }
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let size = Int(parts[0]) else { continue }
                let path = String(parts[1])
                guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { continue }
                files[path] = size
            }
        }

        /// One line of JSON (JSON escapes line breaks in strings).
        static func json(_ diagnostic: Diagnostic) -> String? {
            var object: [String: Any] = [
                "severity": diagnostic.severity.rawValue, "message": diagnostic.message,
                "file": diagnostic.location.file, "line": diagnostic.location.line,
                "column": diagnostic.location.column,
            ]
            if let sourceLine = diagnostic.sourceLine { object["source"] = sourceLine }
            guard
                let data = try? JSONSerialization.data(
                    withJSONObject: object,
                    options: [.sortedKeys, .withoutEscapingSlashes])
            else { return nil }
            return String(decoding: data, as: UTF8.self)
        }

        static func diagnostic(fromJSON text: Substring) -> Diagnostic? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let severity = (object["severity"] as? String).flatMap(Diagnostic.Severity.init(rawValue:)),
                let message = object["message"] as? String, let file = object["file"] as? String,
                let line = object["line"] as? Int, let column = object["column"] as? Int
            else { return nil }
            return Diagnostic(
                severity, message, at: SourceLocation(file: file, line: line, column: column),
                sourceLine: object["source"] as? String)
        }

        static func == (lhs: Manifest, rhs: Manifest) -> Bool { lhs.text == rhs.text }
    }

    let output: URL
    private let state = Locked(
        (
            summary: Summary(), files: [String: Int](), failure: Failure?.none,
            folders: Set<String>()
        ))

    private let outputPath: String

    init(output: URL) {
        self.output = output
        self.outputPath = output.standardizedFileURL.path
    }

    /// The manifest of the last build into this folder, read once.
    private(set) lazy var previous: Manifest? = {
        guard let data = try? Data(contentsOf: output.appendingPathComponent(Self.manifestName)) else { return nil }
        return Manifest(text: String(decoding: data, as: UTF8.self))
    }()

    /// The files this build has produced so far.
    var writtenPaths: [String] { state.withLock { Array($0.files.keys) } }

    /// The first file that could not be written so far, if any (`finish` throws it).
    var failure: Failure? { state.withLock { $0.failure } }

    /// True when the last build had these inputs and its files are all still there, unchanged in size.
    func isUpToDate(fingerprint: String) -> Bool {
        guard let previous, previous.fingerprint == fingerprint, !previous.files.isEmpty else { return false }
        for (path, size) in previous.files {
            var info = stat()
            guard stat(output.appendingPathComponent(path).path, &info) == 0, Int(info.st_size) == size else {
                return false
            }
        }
        return true
    }

    func prepareFolders(_ folders: [String]) throws(Failure) {
        for folder in [""] + folders {
            do {
                try FileManager.default.createDirectory(
                    at: output.appendingPathComponent(folder),
                    withIntermediateDirectories: true)
                state.withLock { _ = $0.folders.insert(folder) }
            } catch {
                throw .cannotWrite(path: output.appendingPathComponent(folder).path, reason: error.localizedDescription)
            }
        }
    }

    /// Writes a page's bytes.
    func put(_ path: String, _ text: TextBuffer) {
        text.bytes.withUnsafeBytes { bytes in put(path, bytes) }
    }

    /// Writes one file unless it already holds these bytes. Safe to call from several threads.
    func put(_ path: String, _ data: Data) {
        data.withUnsafeBytes { bytes in put(path, bytes) }
    }

    private func put(_ path: String, _ data: UnsafeRawBufferPointer) {
        // Plain string paths: URL and NSString path handling cost more than the writing.
        let full = outputPath + "/" + path
        var info = stat()
        let exists = lstat(full, &info) == 0
        let unchanged = exists && Self.holds(data, path: full, info: info)
        var failure: Failure?
        if !unchanged {
            do {
                let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
                if !state.withLock({ $0.folders.contains(folder) }) {
                    try FileManager.default.createDirectory(
                        atPath: outputPath + "/" + folder,
                        withIntermediateDirectories: true)
                    state.withLock { _ = $0.folders.insert(folder) }
                }
                // A file that is there is replaced in one step (readers see the old page or the
                // new one); a new one is written in place, which saves a rename per file.
                if exists || !Self.writeNew(data, toPath: full) {
                    try Self.writeAtomically(data, toPath: full)
                }
            } catch let error as Failure {
                failure = error
            } catch {
                failure = .cannotWrite(path: full, reason: error.localizedDescription)
            }
        }
        state.withLock { state in
            state.files[path] = data.count
            if unchanged { state.summary.unchanged += 1 } else if failure == nil { state.summary.written += 1 }
            if state.failure == nil { state.failure = failure }
        }
    }

    /// True when the file at `path` holds exactly `data`: read in blocks and compared with memcmp,
    /// stopping at the first difference.
    static func holds(_ data: UnsafeRawBufferPointer, path: String, info: stat) -> Bool {
        guard (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard let base = data.baseAddress else { return true }  // both empty
        let block = 1 << 16
        return withUnsafeTemporaryAllocation(byteCount: block, alignment: 16) { buffer -> Bool in
            guard let scratch = buffer.baseAddress else { return false }
            var offset = 0
            while offset < data.count {
                let count = read(descriptor, scratch, min(block, data.count - offset))
                if count < 0 && errno == EINTR { continue }
                guard count > 0, memcmp(scratch, base + offset, count) == 0 else { return false }
                offset += count
            }
            // Nothing after the expected end: the file did not grow since `stat`.
            return read(descriptor, scratch, 1) == 0
        }
    }

    /// Removes what the last build wrote and this one did not, then records this build's manifest.
    func finish(fingerprint: String, diagnostics: [Diagnostic] = []) throws(Failure) -> Summary {
        let (files, failure) = state.withLock { ($0.files, $0.failure) }
        if let failure { throw failure }
        var summary = state.withLock { $0.summary }
        for path in Set(previous?.files.keys ?? [:].keys).subtracting(files.keys).sorted() {
            let url = output.appendingPathComponent(path)
            guard isInside(url), (try? FileManager.default.removeItem(at: url)) != nil else { continue }
            summary.removed += 1
            removeEmptyParents(of: url)
        }
        let manifest = Manifest(fingerprint: fingerprint, files: files, diagnostics: diagnostics).buffer
        try Self.writeAtomically(Data(manifest.bytes), to: output.appendingPathComponent(Self.manifestName))
        return summary
    }

    /// Writes `data` to a new file beside `url`, then renames it over `url`: a reader sees the
    /// old file or the new one, never half of one. (No fsync: a site can be rebuilt after a crash.)
    static func writeAtomically(_ data: Data, to url: URL) throws(Failure) {
        do {
            try data.withUnsafeBytes { try writeAtomically($0, toPath: url.path) }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .cannotWrite(path: url.path, reason: "\(error)")
        }
    }

    static func writeAtomically(_ buffer: UnsafeRawBufferPointer, toPath path: String) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/.\(name).\(getpid()).\(temporaryNumber.withLock { $0 += 1; return $0 }).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        var problem = write(buffer, to: descriptor)
        if problem == nil, rename(temporary, path) != 0 { problem = String(cString: strerror(errno)) }
        if let problem {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: problem)
        }
    }

    /// Numbers the temporary files of this process (with its id, a unique name).
    private static let temporaryNumber = Locked(0)

    /// Creates the file at `path`, which must not exist yet, with `buffer` in it. False when it
    /// cannot (it appeared meanwhile, or the folder refuses): then it is written atomically,
    /// which reports the reason if that fails too. A half-written file is removed.
    static func writeNew(_ buffer: UnsafeRawBufferPointer, toPath path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        if write(buffer, to: descriptor) != nil {
            unlink(path)
            return false
        }
        return true
    }

    /// Writes all of `buffer` and closes the file; the reason when either fails.
    private static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
        var problem: String?
        var offset = 0
        while offset < buffer.count, problem == nil {
            let count = Foundation.write(descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            if count < 0 {
                if errno != EINTR { problem = String(cString: strerror(errno)) }
            } else {
                offset += count
            }
        }
        if close(descriptor) != 0, problem == nil { problem = String(cString: strerror(errno)) }
        return problem
    }

    private func isInside(_ url: URL) -> Bool {
        url.standardizedFileURL.path.hasPrefix(output.standardizedFileURL.path + "/")
    }

    private func removeEmptyParents(of url: URL) {
        var folder = url.deletingLastPathComponent()
        while isInside(folder),
            let items = try? FileManager.default.contentsOfDirectory(atPath: folder.path), items.isEmpty
        {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}
