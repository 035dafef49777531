import Basics
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `onChange` on a thread of its own soon after anything under the folders changes.
///
/// On Linux it waits on inotify (every folder below the roots, added again as folders appear),
/// then lets a burst of events settle for `settle` before calling, so that an editor's
/// write-then-rename is one change; it passes the files the events named, each as its folder's
/// prefix and its path below the folder (`content/essay.md`), or nil when an event said more
/// than that a file changed (a folder made, moved or removed, the event queue overflowed).
/// Elsewhere it calls every `interval` with nil. With nil, the caller's comparison of every
/// file's stamp (`LiveSite.update`) finds what changed. It never reads a file.
/// Unchecked: `thread` and the wake pipe's descriptors are set by `start()` before the thread
/// starts; the thread closes its end, `stop()` the other; `stopping` is locked.
final class FolderWatcher: @unchecked Sendable {
    /// The folders, each with the prefix of its files' names in what `onChange` gets.
    let folders: [(prefix: String, url: URL)]
    let onChange: @Sendable (_ changed: Set<String>?) -> Void
    /// How long a burst of events may go quiet before it counts as one change.
    static let settle: Int32 = 5  // milliseconds
    /// How often the fallback looks (no inotify).
    static let interval: useconds_t = 100_000

    private let stopping = Locked(false)
    private var thread: Thread?
    /// The write end wakes the inotify loop to stop it.
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    /// Signalled once every folder is watched (at once without inotify).
    private let watching = DispatchSemaphore(value: 0)

    init(folders: [(prefix: String, url: URL)], onChange: @escaping @Sendable (_ changed: Set<String>?) -> Void) {
        self.folders = folders
        self.onChange = onChange
    }

    func start() {
        var ends: [Int32] = [0, 0]
        if pipe(&ends) == 0 {
            wakeRead = ends[0]
            wakeWrite = ends[1]
        }
        let thread = Thread { [self] in run() }
        thread.name = "token-economics watcher"
        self.thread = thread
        thread.start()
        // Back once every folder is watched, not before: an edit made right after `start()`
        // (by the caller, or while a loaded machine delays the thread) would be missed.
        watching.wait()
    }

    /// Stops the watching thread (it finishes on its own shortly after).
    func stop() {
        stopping.withLock { $0 = true }
        if wakeWrite >= 0 {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
            close(wakeWrite)
            wakeWrite = -1
        }
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    private func run() {
        defer { if wakeRead >= 0 { close(wakeRead) } }
        #if canImport(Glibc)
            if runInotify() { return }
        #endif
        watching.signal()
        while !isStopping {
            usleep(Self.interval)
            if !isStopping { onChange(nil) }
        }
    }

    #if canImport(Glibc)
        /// False when inotify is not available (then the caller polls).
        private func runInotify() -> Bool {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            // Every change to what a file's stamp holds (size, times, inode) names the file.
            let mask = UInt32(
                IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
                    | IN_DELETE_SELF | IN_MOVE_SELF)
            // Each watch's folder, as the prefix of the names of the files in it.
            var watched: [Int32: String] = [:]
            func watchAll() {
                for (prefix, folder) in folders {
                    let root = folder.standardizedFileURL.path
                    for path in Self.subfolders(of: root) {
                        let watch = inotify_add_watch(descriptor, path, mask)
                        guard watch >= 0 else { continue }
                        let below = path.dropFirst(root.count).drop { $0 == "/" }
                        watched[watch] = prefix + (below.isEmpty ? "" : String(below) + "/")
                    }
                }
            }
            watchAll()
            watching.signal()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var changed: Set<String>? = []
            func drain() {
                while true {
                    // Unsafe: inotify's events are read with read(2) into a reused buffer.
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    if let known = changed {
                        changed = Self.changedFiles(in: buffer[..<count], watched: watched).map { known.union($0) }
                    }
                }
            }
            while !isStopping {
                var waits = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
                ]
                guard poll(&waits, 2, -1) > 0 else { continue }
                if isStopping || waits[1].revents != 0 { break }
                drain()
                // Let the burst settle: an editor writes, renames and sets attributes in turn.
                var quiet = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
                while poll(&quiet, 1, Self.settle) > 0 {
                    drain()
                    quiet[0].revents = 0
                }
                watchAll()  // folders may have appeared
                onChange(changed)
                changed = []
            }
            return true
        }

        /// The files inotify's events in `bytes` name, by their folder's name in `watched` and
        /// their own; nil when an event names no file of a watched folder or says more than
        /// that one changed (a folder, a watched folder gone or moved, the queue overflowed).
        static func changedFiles(in bytes: ArraySlice<UInt8>, watched: [Int32: String]) -> Set<String>? {
            let header = 16  // struct inotify_event: wd, mask, cookie, len; then len bytes of name
            let more = UInt32(IN_Q_OVERFLOW | IN_ISDIR | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)
            var files: Set<String> = []
            var offset = bytes.startIndex
            while offset + header <= bytes.endIndex {
                // Unsafe: the event's fields are read in place, in the machine's byte order, as the kernel wrote them.
                let (watch, mask, length) = bytes[offset..<offset + header].withUnsafeBytes {
                    (
                        $0.loadUnaligned(fromByteOffset: 0, as: Int32.self),
                        $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
                        Int($0.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                    )
                }
                let name = offset + header
                offset = name + length
                guard offset <= bytes.endIndex, mask & more == 0, length > 0, let folder = watched[watch] else {
                    return nil
                }
                files.insert(folder + String(decoding: bytes[name..<offset].prefix { $0 != 0 }, as: UTF8.self))
            }
            return offset == bytes.endIndex ? files : nil
        }

        /// `root` and every folder below it, without following links.
        static func subfolders(of root: String) -> [String] {
            var found = [root]
            var index = 0
            while index < found.count {
                let path = found[index]
                index += 1
                guard let handle = opendir(path) else { continue }
                defer { closedir(handle) }
                while let entry = readdir(handle) {
                    // Unsafe: readdir(3) returns a C struct whose d_name is a fixed-size C array, read up to its NUL.
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                    }
                    guard name != ".", name != "..", Int32(entry.pointee.d_type) == Int32(DT_DIR) else { continue }
                    found.append(path + "/" + name)
                }
            }
            return found
        }
    #endif
}
