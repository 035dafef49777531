import Basics
import Formats
import Foundation

/// Writes the site into the output folder, which may also hold other people's files, so that
/// no file the build did not write is ever replaced or removed and no interruption leaves a
/// torn file (docs/safety.md says what is guaranteed and why):
///
/// 1. `lock()`: one build at a time per folder (`flock` on the folder itself); `begin()` clears
///    what an interrupted build left in the staging folder `.token-economics-staging/`.
/// 2. `put`: each file whose bytes changed is written whole into the staging folder; nothing
///    in the site changes yet. A path taken by a file the last build did not write is a
///    conflict (refused unless `force`).
/// 3. `finish`: a manifest naming both the old and the new bytes of every path is put in place
///    first, then the staged files are renamed over their paths (each rename is atomic), then
///    files the build no longer produces are removed (only when their bytes are still the bytes
///    the build wrote), and last the final manifest.
///
/// Files may be put from several threads. Unchecked: what they share is in `state`, under its
/// lock; `root` and `lockDescriptor` change only while the folder is taken (`lockIfPresent`,
/// `begin`), before any file is put.
final class SiteWriter: @unchecked Sendable {
    static let manifestName = ".token-economics-manifest"
    static let stagingName = ".token-economics-staging"

    struct Summary {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    enum Failure: Error, CustomStringConvertible, Equatable {
        case cannotWrite(path: String, reason: String)
        /// Another build holds the output folder.
        case busy(path: String)
        /// Paths the build would replace that it did not write.
        case notOurs(output: String, paths: [String])
        /// Stopped on purpose at a step (`stopAtStep`), as a kill would: for tests and the fuzzer.
        case interrupted

        var description: String {
            switch self {
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
            case .busy(let path):
                return "another build is writing into \(path); try again when it has finished"
            case let .notOurs(output, paths):
                let shown = paths.prefix(10).map { output + "/" + $0 }.joined(separator: ", ")
                let more = paths.count > 10 ? " and \(paths.count - 10) more" : ""
                return "the build would replace files it did not write: \(shown)\(more). "
                    + "Nothing was changed; move them away, or build with --force to replace them"
            case .interrupted: return "interrupted"
            }
        }
    }

    /// One version of a file the build wrote: its size and digest (`FNV1a`, as hex).
    struct Entry: Hashable, Sendable {
        var size: Int
        var digest: String

        init(size: Int, digest: String) {
            self.size = size
            self.digest = digest
        }

        // Unsafe: parses a manifest line from the read buffer in place; the buffer outlives the call and nothing keeps the pointer.
        init(bytes: UnsafeRawBufferPointer) {
            var hash = FNV1a()
            hash.add(bytes: bytes)
            self.init(size: bytes.count, digest: hash.hex)
        }
    }

    /// What the last build left: a seal over its inputs and the rest of the manifest, the warnings
    /// it gave (said again when nothing changed) and every file it wrote with its bytes' digest.
    /// While files are being renamed into place a path may have two entries, the old bytes and
    /// the new, and the seal is `pending`.
    struct Manifest: Equatable {
        var fingerprint: String
        var files: [String: Set<Entry>]
        var diagnostics: [Diagnostic] = []
        /// The manifest's text after its first line, as read: what the seal covers.
        private(set) var body: String

        static let pending = "pending"

        init(inputs: String?, files: [String: Set<Entry>], diagnostics: [Diagnostic] = []) {
            self.files = files
            self.diagnostics = diagnostics
            let body = Self.body(files: files, diagnostics: diagnostics)
            self.body = body
            fingerprint = inputs.map { Self.seal(inputs: $0, body: body) } ?? Self.pending
        }

        /// `fingerprint …`, then the body: a line per diagnostic, then `file digest size path` per
        /// version of a file, in path order.
        var text: String { "fingerprint \(fingerprint)\n" + body }

        private static func body(files: [String: Set<Entry>], diagnostics: [Diagnostic]) -> String {
            TextBuffer.make(capacity: 64 + files.count * 64) { out in
                for diagnostic in diagnostics {
                    out.append("diagnostic ")
                    out.append(Self.json(diagnostic))
                    out.append("\n")
                }
                for (path, entries) in files.sorted(by: { $0.key < $1.key }) {
                    for entry in entries.sorted(by: { ($0.digest, $0.size) < ($1.digest, $1.size) }) {
                        out.append("file ")
                        out.append(entry.digest)
                        out.append(" ")
                        out.append(integer: entry.size)
                        out.append(" ")
                        out.append(path)
                        out.append("\n")
                    }
                }
            }.text
        }

        /// The seal of a manifest: a digest of the build's inputs and of everything else the
        /// manifest says, so that a manifest edited by hand (a file left out, a warning changed)
        /// never passes for the record of a build with these inputs.
        static func seal(inputs: String, body: String) -> String {
            var hash = FNV1a()
            hash.add(inputs)
            hash.add(body)
            return hash.hex
        }

        /// Reads a manifest, ignoring lines that are not a file with a safe relative path, or a
        /// diagnostic as written.
        init(text: String) {
            var text = text
            // Read as bytes, each line in place: the manifest of a large site has thousands of
            // lines, and a no-change build reads it before anything else.
            (fingerprint, body, files, diagnostics) = text.withUTF8 { Self.parse($0) }
        }

        private typealias Line = Slice<UnsafeBufferPointer<UInt8>>

        private static func parse(
            _ bytes: UnsafeBufferPointer<UInt8>
        ) -> (fingerprint: String, body: String, files: [String: Set<Entry>], diagnostics: [Diagnostic]) {
            let newline = UInt8(ascii: "\n")
            var fingerprint = ""
            var start = 0
            if bytes.starts(with: "fingerprint ".utf8) {
                let end = bytes.firstIndex(of: newline) ?? bytes.count
                fingerprint = String(decoding: bytes[12..<end], as: UTF8.self)
                start = min(end + 1, bytes.count)
            }
            let body = String(decoding: bytes[start...], as: UTF8.self)
            var files: [String: Set<Entry>] = [:]
            var diagnostics: [Diagnostic] = []
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
                let line = bytes[start..<end]
                start = end + 1
                if line.starts(with: "diagnostic ".utf8) {
                    let json = String(decoding: line.dropFirst(11), as: UTF8.self)
                    if let diagnostic = Self.diagnostic(fromJSON: json[...]) { diagnostics.append(diagnostic) }
                    continue
                }
                guard let (path, entry) = fileEntry(line) ?? legacyEntry(line) else { continue }
                let text = String(decoding: path, as: UTF8.self)
                guard SiteWriter.isSafeRelativePath(text) else { continue }
                files[text, default: []].insert(entry)
            }
            return (fingerprint, body, files, diagnostics)
        }

        /// A `file digest size path` line.
        private static func fileEntry(_ line: Line) -> (path: Line, Entry)? {
            let space = UInt8(ascii: " ")
            guard line.starts(with: "file ".utf8) else { return nil }
            let digestStart = line.startIndex + 5
            guard let digestEnd = line[digestStart...].firstIndex(of: space),
                let sizeEnd = line[(digestEnd + 1)...].firstIndex(of: space),
                let size = number(line[(digestEnd + 1)..<sizeEnd])
            else { return nil }
            return (
                line[(sizeEnd + 1)...],
                Entry(size: size, digest: String(decoding: line[digestStart..<digestEnd], as: UTF8.self))
            )
        }

        /// A `size path` line of a manifest written before digests were recorded: the path was
        /// the build's, so it may be written again, but with no digest its file is never removed.
        private static func legacyEntry(_ line: Line) -> (path: Line, Entry)? {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")), let size = number(line[..<space]) else {
                return nil
            }
            return (line[(space + 1)...], Entry(size: size, digest: ""))
        }

        /// A size written in decimal digits (at most 18 of them), nil for anything else.
        private static func number(_ digits: Line) -> Int? {
            guard !digits.isEmpty, digits.count <= 18 else { return nil }
            var value = 0
            for digit in digits {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return value
        }

        /// The diagnostic's JSON form (`JSONWriter.diagnostic`) on one line (JSON escapes line
        /// breaks in strings).
        static func json(_ diagnostic: Diagnostic) -> TextBuffer {
            var json = JSONWriter(capacity: 256, oneLine: true)
            json.diagnostic(diagnostic)
            return json.out
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

    /// A relative path without empty, `.` or `..` components: one that stays inside a folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        // Each component's length and how many of its bytes are dots: "." and ".." are all dots.
        var length = 0
        var dots = 0
        func isSafe() -> Bool { length > 0 && !(dots == length && length <= 2) }
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                guard isSafe() else { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return isSafe()
    }

    /// The output folder as given.
    let output: URL
    /// Replace files at the site's paths that the build did not write (`--force`).
    let force: Bool
    /// For tests and the fuzzer: stop, as a kill would, before this many changes to the disk.
    var stopAtStep: Int?

    private struct State {
        var summary = Summary()
        var files: [String: Entry] = [:]
        /// Path → the name of its new bytes in the staging folder.
        var staged: [String: String] = [:]
        var conflicts: Set<String> = []
        /// Folders checked: true when the folder is fine or missing, false when something else
        /// (a link, a file) stands in its place.
        var folders: [String: Bool] = [:]
        var failure: Failure?
        var steps = 0
    }
    private let state = Locked(State())

    /// The output folder's real path (links resolved) once `begin()` ran; the given path before.
    private var root: String
    private var staging: String { root + "/" + Self.stagingName }
    private var lockDescriptor: Int32 = -1

    init(output: URL, force: Bool = false) {
        self.output = output
        self.force = force
        self.root = output.standardizedFileURL.path
    }

    deinit {
        guard lockDescriptor >= 0 else { return }
        // Released through the descriptor, not by closing it alone: a program another thread
        // starts holds a copy of the descriptor from its fork to its exec (close-on-exec or
        // not), and the lock would stay taken until that copy goes.
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// The manifest of the last build into this folder, read once.
    private(set) lazy var previous: Manifest? = {
        guard case .success(let data) = SourceFile.bytes(atPath: root + "/" + Self.manifestName, limit: 1 << 30)
        else { return nil }
        return Manifest(text: String(decoding: data, as: UTF8.self))
    }()

    /// The files this build has produced so far.
    var writtenPaths: [String] { state.withLock { Array($0.files.keys) } }

    // MARK: Starting

    /// Takes the output folder for this build when it exists (a folder not made yet is taken by
    /// `begin()`): held until the writer goes away. Another build holding it is `.busy`.
    func lockIfPresent() throws(Failure) {
        guard lockDescriptor < 0 else { return }
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .busy(path: Paths.display(output))
        }
        lockDescriptor = descriptor
        if let resolved = realPath(root) { root = resolved }
    }

    /// Makes the output folder if needed, locks it, removes what an interrupted build left and
    /// makes an empty staging folder.
    func begin() throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: root, reason: Self.reason(error))
        }
        try lockIfPresent()
        guard lockDescriptor >= 0 else { throw .cannotWrite(path: root, reason: "cannot open the folder") }
        removeLeftovers()
        guard mkdir(staging, 0o755) == 0 else {
            throw .cannotWrite(path: staging, reason: String(cString: strerror(errno)))
        }
        // Read here, under the lock and before `put` reads it from several threads.
        _ = previous
    }

    /// The staging folder, and the `.name.pid.n.tmp` files earlier versions wrote beside pages.
    /// Also when nothing else is to be done: a build killed after its last manifest leaves an
    /// empty staging folder behind.
    func removeLeftovers() {
        removeTree(staging)
        for folder in ["", "essays", "scenarios", "data", "assets"] {
            let path = folder.isEmpty ? root : root + "/" + folder
            guard isRealFolder(path), let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                continue
            }
            for name in names where Self.isOldTemporaryName(name) {
                var info = stat()
                if lstat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    unlink(path + "/" + name)
                }
            }
        }
    }

    /// `.index.html.1234.5.tmp`: how earlier versions named a file being written.
    static func isOldTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".")
        guard parts.count >= 3 else { return false }
        return parts.suffix(2).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Removes a file, a link (not what it points to) or a folder with what is in it.
    private func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                removeTree(path + "/" + name)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    private func isRealFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    // MARK: The no-change shortcut

    /// True when the last build had these inputs (the manifest's seal matches), and every file it
    /// wrote is still there with the bytes it wrote.
    func isUpToDate(fingerprint: String) -> Bool {
        guard let previous, previous.fingerprint == Manifest.seal(inputs: fingerprint, body: previous.body),
            !previous.files.isEmpty
        else { return false }
        let files = previous.files.sorted { $0.key < $1.key }
        guard files.allSatisfy({ $0.value.count == 1 }) else { return false }
        // Every folder on the way to a file is a folder, not a link: each checked once, not once
        // for every file in it.
        var folders: Set<Substring> = []
        for (path, _) in files {
            var end = path.startIndex
            while let slash = path[end...].firstIndex(of: "/") {
                folders.insert(path[..<slash])
                end = path.index(after: slash)
            }
        }
        guard folders.allSatisfy({ isRealFolder(root + "/" + $0) }) else { return false }
        // A few groups, each reading its files through one buffer: a fresh buffer per file would
        // cost a page fault per 4 KiB read (the benchmark's site is 92 MB).
        let groups = 8
        let good = parallelMap(groups) { group -> Bool in
            var buffer: [UInt8] = []
            for index in stride(from: group, to: files.count, by: groups) {
                let (path, entries) = files[index]
                guard let entry = entries.first, self.current(path, buffer: &buffer) == entry
                else { return false }
            }
            return true
        }
        return good.allSatisfy { $0 }
    }

    /// The size and digest of the regular file at `path` (relative), nil for anything else; read
    /// into `buffer`, which grows as needed.
    private func current(_ path: String, buffer: inout [UInt8]) -> Entry? {
        let descriptor = open(root + "/" + path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if buffer.count < size + 1 { buffer = [UInt8](repeating: 0, count: max(size + 1, buffer.count * 2)) }
        // Unsafe: read(2) fills the reused buffer directly; the length read is checked against the size before any byte is used.
        return buffer.withUnsafeMutableBytes { raw -> Entry? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            // One byte more than the size, to see a file that grew since `fstat`. A regular file
            // reads short only at its end, so a short read ends the loop without a second call
            // to find the end (a short read before it leaves the file taken as changed).
            while offset <= size {
                let wanted = size + 1 - offset
                let count = read(descriptor, base + offset, wanted)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                offset += count
                if count < wanted { break }
            }
            guard offset == size else { return nil }
            return Entry(bytes: UnsafeRawBufferPointer(start: base, count: size))
        }
    }

    /// True when every folder on the way to `path` is a folder, not a link.
    private func parentsAreRealFolders(_ path: String) -> Bool {
        var folder = root
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            guard isRealFolder(folder) else { return false }
        }
        return true
    }

    // MARK: Putting files

    /// Puts a page's bytes.
    func put(_ path: String, _ text: TextBuffer) {
        text.bytes.withUnsafeBytes { bytes in put(path, bytes) }
    }

    /// Puts one file: staged unless the path already holds these bytes. Safe to call from
    /// several threads.
    func put(_ path: String, _ data: Data) {
        data.withUnsafeBytes { bytes in put(path, bytes) }
    }

    // Unsafe: the bytes are written with write(2), which takes a pointer; they are borrowed for the call only.
    private func put(_ path: String, _ data: UnsafeRawBufferPointer) {
        let entry = Entry(bytes: data)
        // Plain string paths: URL and NSString path handling cost more than the writing.
        let full = root + "/" + path
        var info = stat()
        let exists = lstat(full, &info) == 0
        let isFile = exists && (info.st_mode & S_IFMT) == S_IFREG
        let foldersFine = checkFolders(of: path)
        let unchanged = foldersFine && isFile && Self.holds(data, path: full, info: info)
        var conflict = false
        var failure: Failure?
        var stagedName: String?
        if !unchanged {
            let wroteIt = previous?.files[path] != nil
            if exists && (!wroteIt || !isFile) {
                // A folder in the way can never be replaced; another file only with --force.
                conflict = !(force && isFile) || (info.st_mode & S_IFMT) == S_IFDIR
            }
            if !conflict {
                do throws(Failure) {
                    try step()
                    stagedName = try stage(data)
                } catch {
                    failure = error
                }
            }
        }
        state.withLock { state in
            state.files[path] = entry
            if let stagedName { state.staged[path] = stagedName }
            if conflict { state.conflicts.insert(path) }
            if unchanged {
                state.summary.unchanged += 1
            } else if failure == nil, !conflict {
                state.summary.written += 1
            }
            if state.failure == nil || failure == .interrupted { state.failure = failure ?? state.failure }
        }
    }

    /// Checks the folders on the way to `path` once each: a link or a file in place of one is a
    /// conflict (a link could lead the write outside the output folder).
    private func checkFolders(of path: String) -> Bool {
        var folder = ""
        var fine = true
        for component in path.split(separator: "/").dropLast() {
            folder += folder.isEmpty ? String(component) : "/" + component
            let known = state.withLock { $0.folders[folder] }
            let good: Bool
            if let known {
                good = known
            } else {
                var info = stat()
                good = lstat(root + "/" + folder, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR
                state.withLock { state in
                    state.folders[folder] = good
                    if !good && !force { state.conflicts.insert(folder) }
                }
            }
            fine = fine && good
        }
        return fine
    }

    /// Writes `data` into a new file of the staging folder and returns its name there.
    // Unsafe: the staged file is written with write(2) from the borrowed bytes.
    private func stage(_ data: UnsafeRawBufferPointer) throws(Failure) -> String {
        let name = String(
            Self.stagedNumber.withLock {
                $0 += 1; return $0
            })
        let path = staging + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        if let problem = Self.write(data, to: descriptor) {
            unlink(path)
            throw .cannotWrite(path: path, reason: problem)
        }
        return name
    }

    private static let stagedNumber = Locked(0)

    /// Counts a change to the disk; `.interrupted` at `stopAtStep`.
    private func step() throws(Failure) {
        guard let stopAtStep else { return }
        let reached = state.withLock { state -> Bool in
            state.steps += 1
            return state.steps >= stopAtStep
        }
        if reached { throw .interrupted }
    }

    /// True when the file at `path` holds exactly `data`: read in blocks and compared with memcmp,
    /// stopping at the first difference.
    // Unsafe: compares a file with bytes block by block with read(2) and memcmp, without loading the file whole.
    static func holds(_ data: UnsafeRawBufferPointer, path: String, info: stat) -> Bool {
        guard (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
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

    // MARK: Finishing

    /// Gives the build up before `finish`: the staged files go, and the output folder stays as
    /// the last build left it.
    func abandon() { removeTree(staging) }

    /// Puts the staged files in place, removes what the last build wrote and this one did not
    /// (when its bytes are still the ones written), then records this build's manifest.
    /// `fingerprint` nil records a manifest that no later build takes as up to date.
    func finish(fingerprint: String?, diagnostics: [Diagnostic] = []) throws(Failure) -> Summary {
        let (files, staged, conflicts, failure) = state.withLock {
            ($0.files, $0.staged, $0.conflicts, $0.failure)
        }
        if let failure {
            // A kill leaves the staging folder as it is; any other failure changed nothing.
            if failure != .interrupted { removeTree(staging) }
            throw failure
        }
        if !conflicts.isEmpty {
            removeTree(staging)
            throw .notOurs(output: Paths.display(output), paths: conflicts.sorted())
        }
        var summary = state.withLock { $0.summary }
        let previousFiles = previous?.files ?? [:]
        let gone = Set(previousFiles.keys).subtracting(files.keys).sorted().filter { path in
            var buffer: [UInt8] = []
            guard parentsAreRealFolders(path), let found = current(path, buffer: &buffer) else { return false }
            return previousFiles[path]?.contains(found) == true
        }

        // From here on a kill leaves every path with the old bytes or the new, and a manifest
        // that names both, so the next build recognises all of them as its own.
        let transition = previousFiles.merging(files.mapValues { [$0] }) { $0.union($1) }
        try writeManifest(Manifest(inputs: nil, files: transition))
        try makeFolders(for: staged.keys)
        for path in Self.renameOrder(staged.keys) {
            guard let name = staged[path] else { continue }
            try step()
            if rename(staging + "/" + name, root + "/" + path) != 0 {
                throw .cannotWrite(path: root + "/" + path, reason: String(cString: strerror(errno)))
            }
        }
        for path in gone {
            try step()
            guard unlink(root + "/" + path) == 0 else { continue }
            summary.removed += 1
            removeEmptyParents(of: path)
        }
        try writeManifest(Manifest(inputs: fingerprint, files: files.mapValues { [$0] }, diagnostics: diagnostics))
        try step()
        removeTree(staging)
        return summary
    }

    /// Assets and data first, pages next, `index.html` last: a reader who arrives during the
    /// renames finds the new pages' stylesheet in place, and the front page changes last.
    static func renameOrder(_ paths: Dictionary<String, String>.Keys) -> [String] {
        func rank(_ path: String) -> Int {
            if path.hasPrefix("assets/") || path.hasPrefix("data/") { return 0 }
            if path == "index.html" { return 2 }
            return 1
        }
        return paths.map { (rank($0), $0) }.sorted { $0 < $1 }.map(\.1)
    }

    /// Makes the folders the staged files go into; with `--force` a link or file standing in
    /// for one is removed first (only the link, never what it points to).
    private func makeFolders(for paths: Dictionary<String, String>.Keys) throws(Failure) {
        var folders: Set<String> = []
        for path in paths {
            var folder = ""
            for component in path.split(separator: "/").dropLast() {
                folder += folder.isEmpty ? String(component) : "/" + component
                folders.insert(folder)
            }
        }
        for folder in folders.sorted() {
            let full = root + "/" + folder
            if isRealFolder(full) { continue }
            try step()
            var info = stat()
            if lstat(full, &info) == 0 { unlink(full) }  // only with --force: else a conflict before
            guard mkdir(full, 0o755) == 0 else {
                throw .cannotWrite(path: full, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes the manifest through the staging folder and a rename.
    private func writeManifest(_ manifest: Manifest) throws(Failure) {
        try step()
        let text = manifest.text
        let staged: Result<String, Failure> = Data(text.utf8).withUnsafeBytes { bytes in
            Result { () throws(Failure) in try stage(bytes) }
        }
        let name = try staged.get()
        guard rename(staging + "/" + name, root + "/" + Self.manifestName) == 0 else {
            throw .cannotWrite(path: root + "/" + Self.manifestName, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes all of `buffer` and closes the file; the reason when either fails.
    // Unsafe: write(2) takes a pointer and a length; the loop handles short writes.
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

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    /// Removes the folders left empty on the way to a removed file (rmdir removes only empty ones).
    private func removeEmptyParents(of path: String) {
        var components = path.split(separator: "/").dropLast()
        while !components.isEmpty {
            guard rmdir(root + "/" + components.joined(separator: "/")) == 0 else { return }
            components = components.dropLast()
        }
    }
}
