import Foundation
import Testing

@testable import TokenEconomics

@Suite struct FolderWatcherTests {
    /// Every folder is watched when `start()` returns, not once the watching thread gets to run:
    /// an edit made right after (as `serve`'s tests make one, and as a loaded machine delays
    /// the thread) was missed, and each later reload came one edit late.
    @Test func theFoldersAreWatchedWhenStartReturns() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(["a.md": "a\n", "guides/b.md": "b\n", "guides/deep/c.md": "c\n"], under: root)
        let changes = Locked(0)
        let watcher = FolderWatcher(folders: [root]) { changes.withLock { $0 += 1 } }
        watcher.start()
        defer { watcher.stop() }
        // The kernel lists an inotify instance's watches in /proc/self/fdinfo, one line each:
        // the root, guides and guides/deep.
        let info = try String(contentsOfFile: "/proc/self/fdinfo/\(watcher.inotify)", encoding: .utf8)
        #expect(info.components(separatedBy: "\n").filter { $0.hasPrefix("inotify wd:") }.count == 3)
        try write(["guides/deep/c.md": "changed\n"], under: root)
        let deadline = Date().addingTimeInterval(30)
        while changes.withLock({ $0 }) == 0, Date() < deadline { usleep(10_000) }
        #expect(changes.withLock { $0 } >= 1)
    }
}
