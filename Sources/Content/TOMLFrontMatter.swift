import Basics
import CostModel
import Foundation
import TOMLKit

/// Front matter in TOML, between two `+++` lines (Hugo's and Zola's), read with TOMLKit into the
/// tree the YAML front matter is read from, so that both are read by one reader of keys
/// (`EssayLoader`). TOML's types become text as YAML would write them: `"x"` a quoted scalar,
/// `3`, `true` and dates plain ones; dates and times as TOML writes them
/// (`2025-03-14T09:30:00+01:00`).
package enum TOMLFrontMatter {
    /// `source` holds the TOML with a blank first line, so its lines are the file's.
    package static func parse(_ source: SourceText, diagnostics: inout Diagnostics) -> YAMLNode? {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source.text)
        } catch let error as TOMLParseError {
            diagnostics.error(
                "front matter TOML: \(error.description)",
                at: source.location(line: max(1, error.source.begin.line), column: max(1, error.source.begin.column)),
                in: source)
            return nil
        } catch {
            diagnostics.error("front matter TOML: \(error)", at: source.location(line: 2, column: 1), in: source)
            return nil
        }
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return node(table, at: YAMLMark(line: 2, column: 1), lines: lines, topLevel: true)
    }

    /// Where `key = …` is written at the top of the TOML (before any `[table]`), and where its
    /// value starts; `fallback` when it cannot be found (keys of tables, dotted keys).
    package static func marks(
        of key: String, in lines: [String], fallback: YAMLMark
    ) -> (key: YAMLMark, value: YAMLMark) {
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { break }
            for written in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(written) {
                let rest = trimmed.dropFirst(written.count).drop { $0 == " " || $0 == "\t" }
                guard rest.hasPrefix("=") else { continue }
                let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                let keyColumn = line.count - trimmed.count + 1
                return (
                    YAMLMark(line: index + 1, column: keyColumn),
                    YAMLMark(line: index + 1, column: line.count - value.count + 1)
                )
            }
        }
        return (fallback, fallback)
    }

    private static func node(_ table: TOMLTable, at mark: YAMLMark, lines: [String], topLevel: Bool) -> YAMLNode {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        for (key, value) in table {
            let (keyMark, valueMark) = topLevel ? marks(of: key, in: lines, fallback: mark) : (mark, mark)
            let keyNode = YAMLNode.scalar(YAMLScalar(string: key, style: .plain, mark: keyMark))
            pairs.append((keyNode, node(value, at: valueMark, lines: lines)))
        }
        return .mapping(pairs, mark)
    }

    private static func node(_ value: TOMLValueConvertible, at mark: YAMLMark, lines: [String]) -> YAMLNode {
        func plain(_ text: String) -> YAMLNode { .scalar(YAMLScalar(string: text, style: .plain, mark: mark)) }
        switch value.type {
        case .string:
            return .scalar(YAMLScalar(string: value.string ?? "", style: .doubleQuoted, mark: mark))
        case .bool:
            return plain(value.bool == true ? "true" : "false")
        case .int:
            return plain(value.int.map { String($0) } ?? value.debugDescription)
        case .double:
            return plain(value.double.map { String($0) } ?? value.debugDescription)
        case .table:
            guard let table = value.table else { return plain("") }
            return node(table, at: mark, lines: lines, topLevel: false)
        case .array:
            guard let array = value.array else { return .sequence([], mark) }
            return .sequence(array.map { node($0, at: mark, lines: lines) }, mark)
        case .date, .time, .dateTime:
            // As TOML writes them: `2025-03-14`, `09:30:00`, `2025-03-14T09:30:00+01:00`.
            return plain(value.debugDescription)
        }
    }

    /// True when the first line of `text` that is not blank or a `#` comment reads as a TOML key
    /// (`name =`) or a table (`[name]`).
    package static func startsWithKey(_ text: String) -> Bool {
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") { return true }
            guard let equals = line.firstIndex(of: "=") else { return false }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            return !key.isEmpty
                && key.allSatisfy { $0.isLetter || $0.isNumber || "_-.\"'".contains($0) }
        }
        return false
    }
}
