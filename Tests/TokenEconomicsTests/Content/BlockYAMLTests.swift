import Foundation
import Testing

@testable import TokenEconomics

/// The block reader must give exactly Yams' tree (texts, styles, lines, columns) for every
/// document it accepts, and leave every other document to Yams.
@Suite struct BlockYAMLTests {
    /// Yams' reading of `text`, nil with an error.
    func yams(_ text: String) -> YAMLNode? {
        var diagnostics = Diagnostics()
        return parseWithYams(SourceText(path: "t.yaml", text: text), diagnostics: &diagnostics)
    }

    /// Accepted by the block reader, and equal to Yams' tree.
    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let block = BlockYAML.parse(text)
        #expect(block != nil, "not accepted:\n\(text)", sourceLocation: sourceLocation)
        #expect(block == yams(text), "differs from Yams:\n\(text)", sourceLocation: sourceLocation)
    }

    @Test func readsScenarioShapesWithTheirPlaces() throws {
        let text = """
            # A comment line, then a blank one

            name: "Quill: a \u{e9}crit assistant"
            summary: 'It''s plain'
            months: 24   # a trailing comment
            users:
              start: 5000
              growth: -0.5
            run:
              routing:
                gpt-4o: 0.5
                claude-haiku-4-5: 0.5
            price_changes:
              - month: 6
                model: gpt-4o
                factor: 1.5
              - month: 12
                provider: OpenAI
                factor: 2
            compare:
            - Build
            - Run, then more
            """
        expectSame(text)
        // The places, worked out by hand: line 3 is `name:`, its value's quote is column 7.
        guard case .mapping(let pairs, let mark)? = BlockYAML.parse(text) else {
            Issue.record("not a mapping")
            return
        }
        func scalar(_ text: String, _ style: YAMLScalar.Style, _ line: Int, _ column: Int) -> YAMLNode {
            .scalar(YAMLScalar(string: text, style: style, mark: YAMLMark(line: line, column: column)))
        }
        #expect(mark == YAMLMark(line: 3, column: 1))
        #expect(pairs[0].value == scalar("Quill: a \u{e9}crit assistant", .doubleQuoted, 3, 7))
        #expect(pairs[1].value == scalar("It's plain", .singleQuoted, 4, 10))
        #expect(pairs[2].value == scalar("24", .plain, 5, 9))
        // `price_changes` (line 13): a list at column 3 of line 14, its first item a mapping at column 5.
        guard case .sequence(let items, let listMark) = pairs[5].value else {
            Issue.record("price_changes is not a list")
            return
        }
        #expect(listMark == YAMLMark(line: 14, column: 3))
        #expect(items[0].mark == YAMLMark(line: 14, column: 5))
        #expect(items.count == 2)
    }

    @Test func readsTheRepositoryContentAsYamsDoes() throws {
        var files = ["site.yaml", "models.yaml"].map { repositoryRoot.appendingPathComponent("content/\($0)") }
        for folder in ["content/scenarios", "Tests/TokenEconomicsTests/Fixtures/site/content/scenarios"] {
            let url = repositoryRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".yaml") {
                files.append(url.appendingPathComponent(name))
            }
        }
        #expect(files.count > 6)
        var accepted = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let block = BlockYAML.parse(text) else { continue }
            accepted += 1
            #expect(block == yams(text), "\(file.lastPathComponent)")
        }
        // models.yaml and the repository's scenarios keep to the subset; site.yaml (a folded
        // summary with a blank line) and the fixtures (flow mappings, escapes) do not.
        #expect(accepted >= 7)
    }

    @Test func readsBenchmarkStyleFilesAndFrontMatter() {
        expectSame(
            """
            name: "Benchmark scenario 1"
            summary: "input routing usage churn."
            months: 36
            users:
              start: 22252
              growth: 0.01
            run:
              from_month: 0
              routing:
                large-y: 0.16
                open-z: 0.84
              failover: false
            """)
        // Front matter is read with a blank line first, so that lines are the file's.
        expectSame(
            """

            title: "Successor Gpu Input Cache Output 1"
            date: 2026-02-02T08:00:00.000Z
            draft: false
            color: RED
            """)
        expectSame("  indented: root\n  second: 2\n")
        expectSame("a: http://example.org/x#y\nb: 1,2 [3] {4}\nc: a#b\nd: -5\ne: x - y\n")
        expectSame("a:\n  - 1\n  - 'two'\n  - \"three\" # comment\nb:\n- x\n- y\nc: 3\n")
        expectSame("- a: 1\n  b: 2\n- c: 3\n")
        expectSame("- one\n- two\n")
        expectSame("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n")
        expectSame("a:  # comment\n  # comment line\n  b: 1\n")
        expectSame("a: ''\nb: \"\"\n")
        expectSame("summary: >-\n  The pivot the essay\n  describes.\nmonths: 24\n")
        expectSame("a: |\n  line one\n  line two\nb: |-\n    kept\n    apart\n")
        expectSame("a: >  # folded, with a final line break\n  x\n  y")
        expectSame("- x: >-\n    folded in an item\n  y: 1\n")
        expectSame("changes:\n  - {month: 6, provider: Xeno, factor: 1.3}\n  - { month: 12 ,model: a-b/c.d }  # c\n")
        expectSame("users: {start: -5, growth: 0.01}\nname: x\n")
    }

    @Test func leavesEverythingElseToYams() {
        let outside = [
            "",  // empty: Yams gives an empty mapping
            "# only a comment\n",
            "a: |+\n  keep\n",
            "a: >2\n   x\n",
            "a: >-\n  x\n\n  y\n",
            "a: >-\n  x\n    more\n",
            "a: |\n  # text\n",
            "a: >-\n  x \n",
            "a: >-\nb: 1\n",
            "a: >-\n  x\n\n",
            "- >-\n  x\n",
            "a: {}\n",
            "a: {b: 1,}\n",
            "a: {b: [1]}\n",
            "a: {b: 'q'}\n",
            "a: {b: 1, b: 2}\n",
            "a: {b: - }\n",
            "a: {b: - x}\n",
            "a: {b: x?y}\n",
            "a: {b: 1} x\n",
            "a: {b: 1\n",
            "a: {b:1}\n",
            "- {b: 1}\n  c: 2\n",
            "a: [1, 2]\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: \"esc\\\"aped\"\n",
            "a: \"two\n  lines\"\n",
            "a: plain\n  continued\n",
            "a:\n",
            "a:\nb: 1\n",
            "- \n",
            "- - nested\n",
            "a: 1\na: 2\n",  // a duplicate key: Yams reports it
            "a:\tb\n",
            "a: b\r\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: b: c\n",
            "a: b:\n",
            "\"quoted key\": 1\n",
            "key with space: 1\n",
            "-a: 1\n",
            "a:b\n",
            "just text\n",
            "a: 1\n- x\n",
            "a:\n    b: 1\n  c: 2\n",
            "a: ? x\n",
            "a: \"x\" y\n",
            "a: next\u{2028}line\n",
            "a: \u{85}\n",
        ]
        // Nested deeper than the reader goes (64 levels), and just within it.
        let deep = (0..<65).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        let within = (0..<64).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"
        #expect(BlockYAML.parse(deep) == nil)
        expectSame(within)
        for text in outside {
            #expect(BlockYAML.parse(text) == nil, "accepted: \(text.debugDescription)")
        }
    }

    /// Documents put together from lines that are in the subset and lines that are not, at
    /// every indentation: whatever the block reader accepts, Yams reads the same.
    @Test func agreesWithYamsOnGeneratedDocuments() {
        let keys = ["a", "b-c", "d_e", "f.g", "h/i", "1"]
        let values = [
            "1", "-0.5", "x y", "\"q\"", "'s''t'", "'x' # c", "a#b", "é ü", "", " # c", "[1]", "|", "\"a\\b\"", "a: b",
            "*x", "&y z", "~", "x:", "-", "- x", ">-", "|", ">", "{a: 1, b: x y}", "{a: -1}", "{a: 1}, ", "{ }",
        ]
        var generator = SplitMix(seed: 0x7E57)
        var accepted = 0
        for _ in 0..<20000 {
            var lines: [String] = []
            var indent = 0
            for _ in 0..<(1 + generator.next() % 7) {
                switch generator.next() % 6 {
                case 0: indent = max(0, indent - 2)
                case 1: indent += 2
                default: break
                }
                let pad = String(repeating: " ", count: indent)
                let key = keys[generator.next() % keys.count]
                let value = values[generator.next() % values.count]
                switch generator.next() % 8 {
                case 0: lines.append(pad + "- " + value)
                case 1: lines.append(pad + "- " + key + ": " + value)
                case 2: lines.append(pad + "# comment")
                case 3: lines.append("")
                case 4: lines.append(pad + key + ":")
                default: lines.append(pad + key + ": " + value)
                }
            }
            let text = lines.joined(separator: "\n") + (generator.next() % 2 == 0 ? "\n" : "")
            guard let block = BlockYAML.parse(text) else { continue }
            accepted += 1
            #expect(block == yams(text), "differs from Yams:\n\(text)")
        }
        #expect(accepted > 1000)
    }
}

/// A small deterministic generator (SplitMix64), so the generated documents are the same on every run.
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
