import Basics
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `onChange` on a thread of its own soon after anything under the folders changes.
///
/// On Linux it waits on inotify (every folder below the roots, added again as folders appear),
/// then lets a burst of events settle for `settle` before calling, so that an editor's
/// write-then-rename is one change. Elsewhere it calls every `interval`, and the caller's
/// comparison of file stamps (`LiveSite.update`) finds what changed. It never reads a file.
/// Unchecked: `thread` and the wake pipe's descriptors are set by `start()` before the thread
/// starts; the thread closes its end, `stop()` the other; `stopping` is locked.
final class FolderWatcher: @unchecked Sendable {
    let folders: [URL]
    let onChange: @Sendable () -> Void
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

    init(folders: [URL], onChange: @escaping @Sendable () -> Void) {
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
            if !isStopping { onChange() }
        }
    }

    #if canImport(Glibc)
        /// False when inotify is not available (then the caller polls).
        private func runInotify() -> Bool {
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            let mask = UInt32(
                IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)
            func watchAll() {
                for folder in folders {
                    for path in Self.subfolders(of: folder.standardizedFileURL.path) {
                        _ = inotify_add_watch(descriptor, path, mask)
                    }
                }
            }
            watchAll()
            watching.signal()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            func drain() {
                // Unsafe: inotify's events are drained with read(2) into a reused buffer; their contents are not parsed.
                while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
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
                onChange()
            }
            return true
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
