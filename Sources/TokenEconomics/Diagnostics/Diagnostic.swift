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

    /// `path:line:column: error: message`, then the source line and a caret under the column.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine {
            let prefix = sourceLine.unicodeScalars.prefix(max(0, location.column - 1))
            let indent = String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " }))
            text += "\n\(sourceLine)\n\(indent)^"
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
func suggestion(for word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
    // Close enough to be a slip, and not so short that any other name is as close.
    let shorter = min(word.count, best.0.count)
    return best.1 <= max(1, shorter / 3) && best.1 < shorter ? best.0 : nil
}

/// Levenshtein distance, counting an adjacent swap as one edit.
func editDistance(_ a: String, _ b: String) -> Int {
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

/// The diagnostics as a JSON array of `{file, line, column, severity, message}` objects.
public func diagnosticsJSON(_ diagnostics: [Diagnostic]) -> String {
    var json = JSONWriter(capacity: 256)
    json.array(diagnostics) { json, diagnostic in
        json.object { json in
            json.field("file", diagnostic.location.file)
            json.field("line", diagnostic.location.line)
            json.field("column", diagnostic.location.column)
            json.field("severity", diagnostic.severity.rawValue)
            json.field("message", diagnostic.message)
        }
    }
    return json.out.text
}
