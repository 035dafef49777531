import Foundation
import Testing
import TestSupport

@testable import TokenEconomics

/// The fixture sites of the pipeline's tests.
let fixturesRoot = repositoryRoot.appendingPathComponent("Tests/TokenEconomicsTests/Fixtures")

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
