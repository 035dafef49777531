import Basics
import Foundation
import Testing
import TestSupport

/// How a diagnostic reads on a terminal: place, severity, message, the source line, a caret.
@Suite struct DiagnosticTextTests {
    @Test func aDiagnosticShowsItsLineWithACaretUnderTheColumn() {
        let diagnostic = Diagnostic(
            .error, "unknown key", at: SourceLocation(file: "scenarios/a.yaml", line: 2, column: 5),
            sourceLine: "  prize: 3")
        // Column 5 is the fifth character, so four characters of indent before the caret.
        #expect(diagnostic.description == "scenarios/a.yaml:2:5: error: unknown key\n  prize: 3\n    ^")
    }

    @Test func aTabBeforeTheColumnStaysATabInTheIndent() {
        let diagnostic = Diagnostic(
            .warning, "w", at: SourceLocation(file: "f", line: 1, column: 3), sourceLine: "\tab")
        // The caret lines up under "b" whatever the terminal's tab width: tab, then one space for "a".
        #expect(diagnostic.description == "f:1:3: warning: w\n\tab\n\t ^")
    }

    @Test func controlCharactersInTheMessageAndLineAreShownNotSent() {
        let diagnostic = Diagnostic(
            .error, "bad \u{1B}[31m", at: SourceLocation(file: "f", line: 1, column: 1), sourceLine: "\u{7}x")
        #expect(diagnostic.description == "f:1:1: error: bad \\u{1B}[31m\n\\u{7}x\n^")
    }

    @Test func aLongLineIsCutAroundTheColumn() {
        let line = String(repeating: "a", count: 150) + "B" + String(repeating: "a", count: 49)
        let diagnostic = Diagnostic(.error, "m", at: SourceLocation(file: "f", line: 1, column: 151), sourceLine: line)
        // 200 characters, 120 shown: the window starts at min(150 - 60, 200 - 120) = 80 and runs to
        // the end, so "…" then characters 81 to 200; "B" (index 150) is the 71st of them, at
        // position 71 after the "…", under a caret after 71 spaces.
        let shown = "…" + String(repeating: "a", count: 70) + "B" + String(repeating: "a", count: 49)
        #expect(diagnostic.description == "f:1:151: error: m\n\(shown)\n\(String(repeating: " ", count: 71))^")
    }

    @Test func diagnosticsSortByPlaceThenMessage() {
        var all = Diagnostics()
        all.error("z", at: SourceLocation(file: "b", line: 1, column: 1))
        all.warning("y", at: SourceLocation(file: "a", line: 2, column: 1))
        all.error("x", at: SourceLocation(file: "a", line: 2, column: 1))
        all.error("x", at: SourceLocation(file: "a", line: 2, column: 1))
        #expect(all.sorted.map(\.message) == ["x", "y", "z"])
        #expect(all.hasErrors)
    }

    @Test func aSourceTextGivesItsLinesWithoutLineEndings() {
        let source = SourceText(path: "f", text: "a\r\nb\nc")
        #expect(source.line(0) == nil)
        #expect(source.line(1) == "a")
        #expect(source.line(2) == "b")
        #expect(source.line(3) == "c")
        #expect(source.line(4) == nil)
    }

    @Test func aSuggestionIsOnlyANearSlip() {
        // "sumary" to "summary": one insertion; 1 <= max(1, 6 / 3).
        #expect(suggestion(for: "sumary", in: ["summary", "title"]) == "summary")
        // "x" to "y": one edit, but as long as the word itself, so not a slip.
        #expect(suggestion(for: "x", in: ["y"]) == nil)
        #expect(suggestion(for: "anything", in: []) == nil)
        // kitten -> sitten -> sittin -> sitting.
        #expect(editDistance("kitten", "sitting") == 3)
        // An adjacent swap is one edit.
        #expect(editDistance("ab", "ba") == 1)
        #expect(editDistance("", "abc") == 3)
    }
}

/// Numbers as YAML files write them.
@Suite struct PlainNumberTests {
    @Test func plainDecimalsAreRead() {
        #expect(parseNumber("42") == 42)
        #expect(parseNumber("1_000.5") == 1000.5)
        #expect(parseNumber("-2e3") == -2000)
        #expect(parseNumber("+0.25") == 0.25)
    }

    @Test func anythingElseIsRefused() {
        for text in ["", "-", "_", ".inf", ".nan", "0x10", "1e999", "12 ", "1,5", "ten"] {
            #expect(parseNumber(text) == nil, "\(text)")
        }
    }
}

/// The change-detection hash: stable, and with a separator between inputs.
@Suite struct FNV1aTests {
    @Test func oneByteIsFNV1aThenTheSeparator() {
        var hash = FNV1a()
        hash.add("a")
        // FNV-1a of "a": (0xcbf29ce484222325 ^ 0x61) * 0x100000001b3 mod 2^64 = 0xaf63dc4c8601ec8c
        // (the published FNV-1a test vector); then the separator: (that ^ 0xff) * 0x100000001b3
        // mod 2^64 = 0x089bc907b544c769.
        #expect(hash.hex == "089bc907b544c769")
        var empty = FNV1a()
        empty.add("")
        // (0xcbf29ce484222325 ^ 0xff) * 0x100000001b3 mod 2^64.
        #expect(empty.hex == "af64724c8602eb6e")
    }

    @Test func theSeparatorKeepsSplitsApart() {
        var first = FNV1a(), second = FNV1a()
        first.add("ab")
        first.add("c")
        second.add("a")
        second.add("bc")
        #expect(first.value != second.value)
    }

    @Test func longInputsHashTheSameWhicheverPathTheyTake() {
        // 100 bytes take the four-lane path; the same bytes hashed twice agree, and one changed byte differs.
        let bytes = Data((0..<100).map { UInt8($0) })
        var once = FNV1a(), again = FNV1a(), changed = FNV1a()
        once.add(bytes: bytes)
        again.add(bytes: bytes)
        var other = bytes
        other[57] = 0
        changed.add(bytes: other)
        #expect(once.value == again.value)
        #expect(once.value != changed.value)
    }
}

/// Work on every core with results in order.
@Suite struct ParallelTests {
    @Test func resultsComeBackInIndexOrder() {
        #expect(parallelMap(1000) { $0 * $0 } == (0..<1000).map { $0 * $0 })
        #expect(parallelMap(0) { $0 }.isEmpty)
    }

    @Test func aLockedValueSeesEveryWrite() {
        let total = Locked(0)
        _ = parallelMap(500) { number in total.withLock { $0 += number } }
        // 0 + 1 + … + 499 = 499 * 500 / 2.
        #expect(total.withLock { $0 } == 124_750)
        #expect(Background { 6 * 7 }.result() == 42)
    }
}

/// What a content file may be, and how its text is checked.
@Suite struct SourceFileTests {
    @Test func aRegularFileIsReadAndABOMDropped() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.md")
        try Data([0xEF, 0xBB, 0xBF] + Array("# Title\n".utf8)).write(to: url)
        var diagnostics = Diagnostics()
        let text = SourceFile.read(url, displayPath: "a.md", diagnostics: &diagnostics)
        #expect(text?.text == "# Title\n")
        #expect(diagnostics.all.isEmpty)
    }

    @Test func aLinkADirectoryAndALargeFileAreRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.md")
        try Data("x".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.md")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(SourceFile.bytes(atPath: link.path) == .failure(.notRegular("a symbolic link")))
        guard case .failure(.notRegular) = SourceFile.bytes(atPath: folder.path) else {
            Issue.record("a directory was read")
            return
        }
        let big = folder.appendingPathComponent("big.md")
        try Data(repeating: 0x61, count: 11).write(to: big)
        #expect(SourceFile.bytes(atPath: big.path, limit: 10) == .failure(.tooLarge(size: 11, limit: 10)))
        #expect(SourceFile.bytes(atPath: big.path, limit: 11) == .success(Data(repeating: 0x61, count: 11)))
    }

    @Test func invalidUTF8IsPlacedAtItsLineAndColumn() {
        var diagnostics = Diagnostics()
        // "ab\ncd" then 0xFF: line 2, after the two characters "cd", so column 3.
        let text = SourceFile.decode(
            Data(Array("ab\ncd".utf8) + [0xFF]), displayPath: "x.md", diagnostics: &diagnostics)
        #expect(text == nil)
        #expect(diagnostics.all.map(\.message) == ["invalid UTF-8 (byte 0xFF)"])
        #expect(diagnostics.all.first?.location == SourceLocation(file: "x.md", line: 2, column: 3))
    }

    @Test func aControlCharacterIsPlacedAtItsLineAndColumn() {
        var diagnostics = Diagnostics()
        // "a\nb" then U+0001: line 2, after "b", so column 2.
        let text = SourceFile.decode(Data("a\nb\u{1}".utf8), displayPath: "x.md", diagnostics: &diagnostics)
        #expect(text == nil)
        #expect(diagnostics.all.first?.location == SourceLocation(file: "x.md", line: 2, column: 2))
        #expect(diagnostics.all.first?.message.hasPrefix("the control character \\u{1} is not allowed") == true)
    }
}
