// The output folder under random histories: selector 4 reads the rest of the input as steps
// (a byte for the step, a byte for its argument) over a small site in a temporary folder:
// content edits, builds, builds stopped at a random step as a kill would stop them, and hand
// edits of the output (a generated page changed or deleted, a file of the user's added). At
// the end one more build must succeed and equal a clean build of the same content byte for
// byte, and every file of the user's must be as the user left it. A page edited by hand that
// the build no longer produces is left as the user's (docs/safety.md): it may stay, and may
// stop a build when its essay comes back, as any file of the user's would.
import Foundation
@testable import Basics
@testable import Content
@testable import Formats
@testable import Markdown
@testable import TokenEconomics

/// The folders of one history, made afresh for each input.
private let base: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("token-economics-fuzz-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    return url
}()

private let templates = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    .appendingPathComponent("templates")

private func put(_ text: String, _ url: URL) {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: url)
}

private func files(_ folder: URL) -> [String: Data] {
    var found: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return found }
    while let relative = walker.nextObject() as? String {
        var info = stat()
        let path = folder.path + "/" + relative
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            found[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return found
}

private func essay(_ number: Int, _ variant: UInt8) -> String {
    "---\ntitle: Essay \(number) v\(variant)\ndate: 2026-0\(1 + Int(variant) % 9)-01\n---\n# Essay \(number)\n\n"
        + String(repeating: "Words about tokens, variant \(variant). ", count: 1 + Int(variant) % 7) + "\n"
}

private func scenario(_ variant: UInt8) -> String {
    "name: Runner \(variant)\nmonths: \(1 + Int(variant) % 12)\nusers: {start: \(10 + Int(variant)), growth: 0.05}\n"
        + "price_per_user: 20\nrun: {requests_per_user: 100, input_tokens: 1000, output_tokens: 300, "
        + "routing: {fast-a: 1}}\n"
}

func fuzzOutputFolder(_ steps: UnsafeBufferPointer<UInt8>) {
    let content = base.appendingPathComponent("content")
    let output = base.appendingPathComponent("output")
    let clean = base.appendingPathComponent("clean")
    try? FileManager.default.removeItem(at: base)
    put(
        "as_of: 2026-11-01\nmodels:\n  fast-a: {provider: A, input: 0.15, output: 0.6}\n",
        content.appendingPathComponent("models.yaml"))
    put(scenario(0), content.appendingPathComponent("scenarios/runner.yaml"))
    put(essay(0, 0), content.appendingPathComponent("e0.md"))
    let paths = Paths(content: content, templates: templates, output: output)
    var userFiles: [String: Data] = [:]
    var handEdited: [String: Data] = [:]
    var index = 0
    var builds = 0
    // At most 24 steps and 6 builds: a history costs a build of the site at each, and the other
    // selectors share the fuzzer's time.
    while index + 1 < steps.count, index < 48 {
        let (step, argument) = (steps[index] % 8, steps[index + 1])
        index += 2
        switch step {
        case 0: put(essay(Int(argument % 4), argument / 4), content.appendingPathComponent("e\(argument % 4).md"))
        case 1: try? FileManager.default.removeItem(at: content.appendingPathComponent("e\(argument % 4).md"))
        case 2: put(scenario(argument), content.appendingPathComponent("scenarios/s\(argument % 3).yaml"))
        case 3, 4:
            guard builds < 6 else { continue }
            builds += 1
            var options = BuildOptions()
            // Step 4 stops the build as a kill would.
            if step == 4 { options.stopAtStep = 1 + Int(argument) % 48 }
            _ = Generator.build(paths, options: options)
        case 5, 6:
            // A generated file changed or deleted by hand.
            let generated = files(output).keys.filter { userFiles[$0] == nil && !$0.hasPrefix(".token-economics") }
                .sorted()
            guard !generated.isEmpty else { continue }
            let path = generated[Int(argument) % generated.count]
            if step == 5 {
                put("edited by hand \(argument)", output.appendingPathComponent(path))
                handEdited[path] = Data("edited by hand \(argument)".utf8)
            } else {
                try? FileManager.default.removeItem(at: output.appendingPathComponent(path))
                handEdited[path] = nil
            }
        default:
            // A file of the user's, at a name the site never has (no slug holds a dot).
            let path = ["", "essays/", "data/", "assets/"][Int(argument) % 4] + "user.\(argument).txt"
            let text = "the user's \(argument)"
            put(text, output.appendingPathComponent(path))
            userFiles[path] = Data(text.utf8)
        }
    }
    guard case .success = Generator.build(Paths(content: content, templates: templates, output: clean)) else {
        fatalError("the clean build failed")
    }
    let expected = files(clean)
    if case .failure(let failure) = Generator.build(paths) {
        // Only pages edited by hand, forgotten when their essay went and in the way now that it is
        // back, may stop it; moved away, the build must succeed.
        let present = files(output)
        let blocking = handEdited.filter { expected[$0.key] != nil && present[$0.key] == $0.value }.keys
        guard !blocking.isEmpty else { fatalError("the final build failed: \(failure)") }
        for path in blocking {
            try? FileManager.default.removeItem(at: output.appendingPathComponent(path))
            handEdited[path] = nil
        }
        guard case .success = Generator.build(paths) else { fatalError("the final build failed: \(failure)") }
    }
    var built = files(output)
    for (path, data) in userFiles {
        if built.removeValue(forKey: path) != data { fatalError("the user's file \(path) was touched") }
    }
    for (path, data) in handEdited where expected[path] == nil && built[path] == data {
        built[path] = nil  // edited by hand and no longer produced: the user's now
    }
    if built != expected {
        let differing = Set(built.keys).union(expected.keys).filter { built[$0] != expected[$0] }.sorted()
        fatalError("the output differs from a clean build: \(differing)")
    }
}
