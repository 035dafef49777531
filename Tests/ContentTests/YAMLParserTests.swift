import Foundation
import Testing

@testable import Basics
@testable import Content
@testable import CostModel

/// `parseYAML`: libyaml's events read into the loaders' tree, with texts, styles, lines and
/// columns, and every refused document reported at its first problem.
@Suite struct YAMLParserTests {
    /// The tree, and each diagnostic as `line:column: message`.
    func parse(_ text: String) -> (YAMLNode?, [String]) {
        var diagnostics = Diagnostics()
        let node = parseYAML(SourceText(path: "t.yaml", text: text), diagnostics: &diagnostics)
        return (node, diagnostics.sorted.map { "\($0.location.line):\($0.location.column): \($0.message)" })
    }

    func scalar(_ text: String, _ style: YAMLScalar.Style, _ line: Int, _ column: Int) -> YAMLNode {
        .scalar(YAMLScalar(string: text, style: style, mark: YAMLMark(line: line, column: column)))
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
              - {month: 12, provider: OpenAI, factor: 2}
            """
        let (node, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        guard case .mapping(let pairs, let mark)? = node else {
            Issue.record("not a mapping")
            return
        }
        // Worked out by hand: line 3 is `name:`, its value's quote is column 7; `'It''s` opens
        // at column 10 of line 4; `24` at column 9 of line 5.
        #expect(mark == YAMLMark(line: 3, column: 1))
        #expect(pairs[0].key == scalar("name", .plain, 3, 1))
        #expect(pairs[0].value == scalar("Quill: a \u{e9}crit assistant", .doubleQuoted, 3, 7))
        #expect(pairs[1].value == scalar("It's plain", .singleQuoted, 4, 10))
        #expect(pairs[2].value == scalar("24", .plain, 5, 9))
        // `users` (line 6) holds a mapping whose first key is at column 3 of line 7.
        #expect(pairs[3].value.mark == YAMLMark(line: 7, column: 3))
        // `price_changes` (line 13): a list at column 3 of line 14, its first item a mapping at
        // column 5; the second a flow mapping whose `{` is column 5 of line 17 and `12` column 13.
        guard case .sequence(let items, let listMark) = pairs[5].value else {
            Issue.record("price_changes is not a list")
            return
        }
        #expect(listMark == YAMLMark(line: 14, column: 3))
        #expect(items.count == 2)
        #expect(items[0].mark == YAMLMark(line: 14, column: 5))
        guard case .mapping(let flow, let flowMark) = items[1] else {
            Issue.record("the second change is not a mapping")
            return
        }
        #expect(flowMark == YAMLMark(line: 17, column: 5))
        #expect(flow[0].value == scalar("12", .plain, 17, 13))
    }

    @Test func blockScalarsKeepTheirStyleAndText() {
        let (node, _) = parse("summary: >-\n  The pivot the essay\n  describes.\nnotes: |\n  one\n  two\n")
        guard case .mapping(let pairs, _)? = node else {
            Issue.record("not a mapping")
            return
        }
        // Folded and stripped: one line, no final break; literal and clipped: the lines and one break.
        #expect(pairs[0].value == scalar("The pivot the essay describes.", .folded, 1, 10))
        #expect(pairs[1].value == scalar("one\ntwo\n", .literal, 4, 8))
    }

    @Test func anEmptyDocumentIsAnEmptyMapping() {
        for text in ["", "# only a comment\n", "\n\n"] {
            let (node, diagnostics) = parse(text)
            #expect(node == .mapping([], YAMLMark(line: 1, column: 1)), "\(text.debugDescription)")
            #expect(diagnostics.isEmpty)
        }
    }

    /// A repeated key refuses the document: in the first mapping to close, the first repeated
    /// key in alphabetical order, at its second place.
    @Test func duplicateKeysAreReportedAtTheirSecondPlace() {
        #expect(parse("a:\n  c: 1\n  b: 2\n  c: 3\n  b: 4\n") == (nil, ["5:3: duplicate key 'b'"]))
        // `b: {c: 1, c: 2}`: the inner mapping closes before the outer one; its second `c` is column 11.
        #expect(parse("a: 1\na: 2\nb: {c: 1, c: 2}\n") == (nil, ["3:11: duplicate key 'c'"]))
        #expect(parse("- x: 1\n  x: 2\n") == (nil, ["2:3: duplicate key 'x'"]))
    }

    @Test func anchorsAliasesAndSecondDocumentsAreRefused() {
        #expect(parse("a: &x 1\nb: *x\n") == (nil, ["1:4: YAML anchors and aliases are not allowed ('&x')"]))
        #expect(parse("a: *x\n") == (nil, ["1:4: YAML syntax: found undefined alias"]))
        #expect(
            parse("a: 1\n---\nb: 2\n")
                == (nil, ["2:1: YAML syntax: expected a single document in the stream, but found another document"]))
    }

    @Test func syntaxErrorsAreReportedWhereTheyAre() {
        // The unclosed quote runs to the end: reported where it opens, column 4 of line 1.
        #expect(
            parse("a: \"open\nb: 1\n")
                == (
                    nil,
                    ["1:4: YAML syntax: found unexpected end of stream while scanning a quoted scalar that starts here"]
                ))
        #expect(
            parse("a: [1\nb: 2\n")
                == (nil, ["2:2: YAML syntax: did not find expected ',' or ']' while parsing a flow sequence"]))
        #expect(parse("a: \u{7}\n") == (nil, ["1:1: YAML syntax: control characters are not allowed"]))
    }

    /// Nesting is bounded, so that no document runs the parser or anything walking its tree out
    /// of stack; libyaml's own parser keeps its state on the heap.
    @Test func nestingDeeperThanTheLimitIsRefused() {
        let limit = 200
        let within = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(parse(within).1.isEmpty)
        let deeper = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        // The 201st `[` is column 201.
        #expect(parse(deeper) == (nil, ["1:201: YAML syntax: mappings and lists nested more than 200 deep"]))
        let bomb = String(repeating: "[", count: 500_000)
        #expect(parse(bomb).0 == nil)
    }

    /// The keys listed in an unknown-key message are the cases the loader reads by.
    @Test func unknownKeysAreListedFromTheSchema() {
        var diagnostics = Diagnostics()
        _ = SiteConfig.load(SourceText(path: "site.yaml", text: "xyzzy: 1\n"), diagnostics: &diagnostics)
        #expect(
            diagnostics.sorted.map(\.message) == [
                "unknown key 'xyzzy' in site.yaml; expected one of: title, summary, base_url, language, author, "
                    + "unsafe_html, report_essay, price_age_days"
            ])
        #expect(SiteConfig.Key.known?.map(\.name) == SiteConfig.Key.allCases.map(\.rawValue))
        #expect(String.known == nil)
    }
}
