import Basics
import CostModel

/// Where a YAML value starts: 1-based line and column, columns counted in Unicode scalars
/// (as libyaml counts them).
package struct YAMLMark: Equatable, Sendable {
    package var line: Int
    package var column: Int
}

/// A YAML scalar as written: its text and how it was quoted.
package struct YAMLScalar: Equatable, Sendable {
    package enum Style: Equatable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    package var string: String
    package var style: Style
    package var mark: YAMLMark
}

/// A parsed YAML document as the loaders read it. Every scalar is text: the loaders type the
/// values themselves, so that a wrong one is reported where it is.
package indirect enum YAMLNode: Equatable, Sendable {
    case scalar(YAMLScalar)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    package var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .mapping(_, let mark), .sequence(_, let mark): return mark
        }
    }

    package static func == (a: YAMLNode, b: YAMLNode) -> Bool {
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
    package var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        }
    }

    package var valueDescription: String {
        switch self {
        case .scalar(let scalar) where scalar.style == .singleQuoted || scalar.style == .doubleQuoted:
            return "the text '\(scalar.string)'"
        default:
            return kindDescription
        }
    }
}
