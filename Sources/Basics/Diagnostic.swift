/// A place in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An error or warning about the content, with where it is.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// The text of the source line, for the caret display.
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }

    /// The most characters of a source line shown, around the column.
    package static let shownWidth = 120

    /// `path:line:column: error: message`, then the source line and a caret under the column.
    /// Safe to print on a terminal: control characters (but tab, and line breaks in the message)
    /// are shown as `\u{1B}`, and a long source line is cut to the part around the column.
    public var description: String {
        var text =
            "\(visible(location.description)): \(severity.rawValue): \(visible(message, keepingLineBreaks: true))"
        if let sourceLine {
            var scalars = Array(sourceLine.unicodeScalars)
            var column = max(0, location.column - 1)
            var head = "", tail = ""
            if scalars.count > Self.shownWidth {
                let start = max(0, min(column - Self.shownWidth / 2, scalars.count - Self.shownWidth))
                let end = min(scalars.count, start + Self.shownWidth)
                if start > 0 { head = "…" }
                if end < scalars.count { tail = "…" }
                scalars = Array(scalars[start..<end])
                column = column - start + (head.isEmpty ? 0 : 1)
            }
            let shown = scalars.map { visibleScalar($0) }
            let line = head + shown.joined() + tail
            let before = (Array(repeating: " ", count: head.isEmpty ? 0 : 1) + shown).prefix(column)
            let indent = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.unicodeScalars.count) }
            text += "\n\(line)\n\(indent.joined())^"
        }
        return text
    }
}

/// Collects the diagnostics of one run, so every error of every file is reported at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }

    public mutating func error(_ message: String, at location: SourceLocation, in source: SourceText? = nil) {
        all.append(Diagnostic(.error, message, at: location, sourceLine: source?.line(location.line)))
    }

    public mutating func warning(_ message: String, at location: SourceLocation, in source: SourceText? = nil) {
        all.append(Diagnostic(.warning, message, at: location, sourceLine: source?.line(location.line)))
    }

    /// Every diagnostic once, in file, line, column order.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}

/// A source file's text with its display path, to quote lines in diagnostics.
public struct SourceText: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Line `number` (1-based) without its line ending, or nil past the end. Only diagnostics
    /// ask for lines, so they are found when asked for.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        var current = 1
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        var line = String(decoding: bytes[start..<end], as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}

/// The closest of `candidates` to `word` by edit distance, when close enough to be a typo.
package func suggestion(for word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
    // Close enough to be a slip, and not so short that any other name is as close.
    let shorter = min(word.count, best.0.count)
    return best.1 <= max(1, shorter / 3) && best.1 < shorter ? best.0 : nil
}

/// Levenshtein distance, counting an adjacent swap as one edit.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}

/// True for the control characters a terminal acts on (C0 but tab, DEL, C1).
package func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
}

/// A character as a terminal may print it: a control character as `\u{1B}`.
package func visibleScalar(_ scalar: Unicode.Scalar) -> String {
    isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
}

/// `text` with its control characters shown as `\u{…}`; line breaks kept when asked.
package func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        result += keepingLineBreaks && scalar == "\n" ? "\n" : visibleScalar(scalar)
    }
    return result
}

/// The first C0 control character of `text` other than tab, line feed and carriage return, with
/// its offset in Unicode scalars: such characters make XML (the feed, the sitemap) malformed.
package func firstControlCharacter(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
    // Over the bytes at once, not through the view's iterator: a build looks through every file.
    var bytes = text
    let found = bytes.withUTF8 { bytes in
        bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }
    guard found else { return nil }
    for (offset, scalar) in text.unicodeScalars.enumerated()
    where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
        return (offset, scalar)
    }
    return nil
}
