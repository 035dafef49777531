import CostModelFixtures
import Foundation
import Testing

@testable import CostModel
@testable import TokenEconomics

/// The repository's root, found from this file, so tests read fixtures and templates in place.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let fixturesRoot = repositoryRoot.appendingPathComponent("Tests/TokenEconomicsTests/Fixtures")

/// True when `actual` equals `expected` to a relative 1e-12 (absolute 1e-12 near zero).
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// A fresh empty folder under the temporary directory.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("token-economics-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `files` (relative path → text) under `root`.
func write(_ files: [String: String], under root: URL) throws {
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// `html` without the `data-label` attributes narrow screens use, for tests about table content.
func withoutDataLabels(_ html: String) -> String {
    html.replacingOccurrences(of: " data-label=\"[^\"]*\"", with: "", options: .regularExpression)
}

/// What the program runs, in a temporary folder, and what it printed.
struct ProgramRun {
    var status: Int32
    var output: String
    var errors: String
    var errorBytes: Data
}

/// Runs the `token-economics` SwiftPM built beside the tests, in `folder` when given; through `bash -c` with `prefix`
/// (such as `ulimit -f 40;`) when given.
func runProgram(
    _ arguments: [String], in folder: URL? = nil, prefix: String? = nil, program: URL = CommandLineTests.program
) throws
    -> ProgramRun
{
    let process = Process()
    if let prefix {
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", prefix + " exec \"$0\" \"$@\"", program.path] + arguments
    } else {
        process.executableURL = program
        process.arguments = arguments
    }
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProgramRun(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        errors: String(decoding: err, as: UTF8.self), errorBytes: err)
}

/// A small deterministic generator (SplitMix64), so generated inputs are the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
}
