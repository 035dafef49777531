import Foundation
import Testing
import TestSupport

@testable import Serve
@testable import TokenEconomics

@Suite struct FolderWatcherTests {
    /// Every folder is watched when `start()` returns, not once the watching thread gets to run:
    /// an edit made right after (as PreviewServerTests make one, while a loaded machine delays
    /// the thread) was missed, and each later reload came one edit late.
    @Test func theFoldersAreWatchedWhenStartReturns() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(["a.md": "a\n", "guides/b.md": "b\n", "guides/deep/c.md": "c\n"], under: root)
        let changes = Locked(0)
        let watcher = FolderWatcher(folders: [("content/", root)]) { _ in changes.withLock { $0 += 1 } }
        watcher.start()
        defer { watcher.stop() }
        // The kernel lists each inotify watch in /proc/self/fdinfo with the inode it watches
        // (`ino:` in hex): the three folders here are watched already.
        let folders = ["", "guides", "guides/deep"].map { root.appendingPathComponent($0).path }
        let inodes = Set(
            folders.compactMap { path -> String? in
                var info = stat()
                return stat(path, &info) == 0 ? "ino:" + String(info.st_ino, radix: 16) : nil
            })
        let watches = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fdinfo").flatMap {
            ((try? String(contentsOfFile: "/proc/self/fdinfo/" + $0, encoding: .utf8)) ?? "")
                .components(separatedBy: "\n").filter { $0.hasPrefix("inotify wd:") }
        }
        let ours = watches.filter { line in line.split(separator: " ").contains { inodes.contains(String($0)) } }
        #expect(inodes.count == 3 && ours.count == 3, "\(ours)")
        try write(["guides/deep/c.md": "changed\n"], under: root)
        let deadline = Date().addingTimeInterval(30)
        while changes.withLock({ $0 }) == 0, Date() < deadline { usleep(10_000) }
        #expect(changes.withLock { $0 } >= 1)
    }

    #if canImport(Glibc)
        /// An inotify event as the kernel writes it: watch, mask, cookie, length, then the name
        /// padded with NULs to `length` bytes.
        func event(_ watch: Int32, _ mask: Int32, _ name: String, length: Int = 16) -> [UInt8] {
            var bytes: [UInt8] = []
            for word in [UInt32(bitPattern: watch), UInt32(bitPattern: mask), 0, UInt32(length)] {
                withUnsafeBytes(of: word) { bytes += $0 }
            }
            let named = Array(name.utf8)
            return bytes + named + [UInt8](repeating: 0, count: length - named.count)
        }

        @Test func inotifyEventsNameTheFilesThatChanged() {
            let watched: [Int32: String] = [1: "content/", 2: "content/scenarios/", 3: "templates/"]
            let two = event(1, IN_CLOSE_WRITE, "essay.md") + event(2, IN_MOVED_TO, "runner.yaml", length: 32)
            #expect(
                FolderWatcher.changedFiles(in: two[...], watched: watched)
                    == ["content/essay.md", "content/scenarios/runner.yaml"])
            // A folder made, the queue overflowed, a watch of no known folder, an event cut short:
            // more than files may have changed.
            #expect(FolderWatcher.changedFiles(in: event(1, IN_CREATE | IN_ISDIR, "new")[...], watched: watched) == nil)
            #expect(
                FolderWatcher.changedFiles(in: event(-1, IN_Q_OVERFLOW, "", length: 0)[...], watched: watched) == nil)
            #expect(FolderWatcher.changedFiles(in: event(9, IN_MODIFY, "x.md")[...], watched: watched) == nil)
            #expect(
                FolderWatcher.changedFiles(in: event(3, IN_MODIFY, "essay.mustache").dropLast(4), watched: watched)
                    == nil)
        }
    #endif
}
