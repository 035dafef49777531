import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// Kills the program with SIGKILL at random moments of a build of a generated corpus, into an
/// empty folder and over the site of other content: after every kill each file is whole (the
/// old site's or the new one's bytes) and the next build equals a clean build byte for byte.
///
/// `make test` kills a few builds; `make crash-test` many (`CRASH_KILLS`, `CRASH_SEED`).
@Suite struct CrashTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["CRASH_KILLS"] ?? "") ?? 4 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["CRASH_SEED"] ?? "") ?? 2026 }
    static var size: Int { Int(ProcessInfo.processInfo.environment["CRASH_CORPUS"] ?? "") ?? 60 }

    /// A small generator of its own, so that a seed gives the same moments on any machine.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func generate(into folder: URL, essays: Int, scenarios: Int, seed: Int) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("bench/corpus.py").path, folder.path,
            "--essays", "\(essays)", "--scenarios", "\(scenarios)", "--seed", "\(seed)",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder.appendingPathComponent("full/content")
    }

    func replace(_ folder: URL, with source: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: source, to: folder)
    }

    func put(_ files: [String: Data], into folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    @Test func aKilledBuildLeavesWholeFilesAndTheNextBuildEqualsACleanOne() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let templates = repositoryRoot.appendingPathComponent("templates")
        // Two corpora: every page differs, and the new one has fewer essays and scenarios, so
        // an interrupted build also leaves files that are to be removed.
        let first = try generate(
            into: root.appendingPathComponent("first"), essays: Self.size, scenarios: Self.size, seed: 1)
        let second = try generate(
            into: root.appendingPathComponent("second"), essays: Self.size * 5 / 6, scenarios: Self.size * 5 / 6,
            seed: 2)
        let content = root.appendingPathComponent("content")
        let output = root.appendingPathComponent("output")
        func arguments(_ output: URL) -> [String] {
            ["build", "--content", content.path, "--templates", templates.path, "--output", output.path]
        }
        try replace(content, with: first)
        let oldFolder = root.appendingPathComponent("old")
        #expect(try runProgram(arguments(oldFolder)).status == 0)
        let old = snapshot(oldFolder)
        try replace(content, with: second)
        let newFolder = root.appendingPathComponent("new")
        let started = Date()
        #expect(try runProgram(arguments(newFolder)).status == 0)
        let duration = Date().timeIntervalSince(started)
        let new = snapshot(newFolder)

        var random = SplitMix(state: Self.seed)
        var landed = 0
        for kill in 0..<Self.kills {
            let overOld = kill % 2 == 1
            try put(overOld ? old : [:], into: output)
            let before = snapshot(output)
            let process = Process()
            process.executableURL = CommandLineTests.program
            process.arguments = arguments(output)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            // Anywhere from the end of reading (a quarter of the build, roughly) to a little past its
            // usual end: before that nothing is written.
            let moment = Double.random(in: (duration * 0.25)...(duration * 1.1), using: &random)
            try process.run()
            usleep(useconds_t(moment * 1_000_000))
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = snapshot(output)
            if after != before { landed += 1 }
            let label =
                "kill \(kill) at \(Int(moment * 1000)) ms \(overOld ? "over the old site" : "into an empty folder")"
            for (path, data) in after
            where !path.hasPrefix(SiteWriter.stagingName) && path != SiteWriter.manifestName {
                let whole = data == new[path] || (overOld && data == old[path])
                #expect(whole, "\(label): \(path) is neither the old nor the new file")
            }
            let next = try runProgram(arguments(output))
            #expect(next.status == 0, "\(label): \(next.errors)")
            let rebuilt = snapshot(output)
            #expect(rebuilt == new, "\(label): the next build differs from a clean build")
            if rebuilt != new {
                let differing = Set(rebuilt.keys).union(new.keys).filter { rebuilt[$0] != new[$0] }.sorted()
                Issue.record("\(label): differing files \(differing.prefix(10))")
            }
        }
        print(
            "crash test: \(Self.kills) kills of a \(Int(duration * 1000)) ms build (\(new.count) files), "
                + "\(landed) of them while the output folder was changing; seed \(Self.seed)")
    }
}
