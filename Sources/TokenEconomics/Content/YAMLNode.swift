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
