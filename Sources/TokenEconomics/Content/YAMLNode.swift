import Yams

/// Where a YAML value starts: 1-based line and column, columns counted in Unicode scalars
/// (as libyaml counts them).
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A YAML scalar as written: its text and how it was quoted.
struct YAMLScalar: Equatable, Sendable {
    enum Style: Equatable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var string: String
    var style: Style
    var mark: YAMLMark
}

/// A parsed YAML document as the loaders read it. Every scalar is text: the loaders type the
/// values themselves, so that a wrong one is reported where it is.
indirect enum YAMLNode: Equatable, Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .mapping(_, let mark), .sequence(_, let mark): return mark
        }
    }

    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x == y
        case (.mapping(let x, let markX), .mapping(let y, let markY)):
            return markX == markY && x.count == y.count
                && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.sequence(let x, let markX), .sequence(let y, let markY)):
            return markX == markY && x == y
        default:
            return false
        }
    }

    /// Yams' tree in our terms. Aliases never reach here (documents with anchors are refused
    /// first); one would read as an empty scalar.
    init(_ node: Node) {
        func mark(_ mark: Mark?) -> YAMLMark { YAMLMark(line: mark?.line ?? 1, column: mark?.column ?? 1) }
        switch node {
        case .scalar(let scalar):
            let style: YAMLScalar.Style
            switch scalar.style {
            case .singleQuoted: style = .singleQuoted
            case .doubleQuoted: style = .doubleQuoted
            case .literal: style = .literal
            case .folded: style = .folded
            case .any, .plain: style = .plain
            }
            self = .scalar(YAMLScalar(string: scalar.string, style: style, mark: mark(scalar.mark)))
        case .mapping(let mapping):
            self = .mapping(mapping.map { (YAMLNode($0.key), YAMLNode($0.value)) }, mark(mapping.mark))
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLNode.init), mark(sequence.mark))
        case .alias(let alias):
            self = .scalar(YAMLScalar(string: "", style: .plain, mark: mark(alias.mark)))
        }
    }

    /// "a mapping", "a list", "'abc'" for messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        }
    }

    var valueDescription: String {
        switch self {
        case .scalar(let scalar) where scalar.style == .singleQuoted || scalar.style == .doubleQuoted:
            return "the text '\(scalar.string)'"
        default:
            return kindDescription
        }
    }
}
