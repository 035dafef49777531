import Mustache

/// Renders many pages of one template without going through Mustache for each.
///
/// Pages of a template mostly differ only in their text: a title, a date, a body. Their
/// *shape* (which keys there are, which flags are on, how long each list is) repeats. For
/// each shape, the template is rendered once with a marker in place of every text value;
/// the output, cut at the markers, is the shape's skeleton: literal bytes and numbered
/// holes, each to be filled with its value as it is (`{{{v}}}`) or escaped (`{{v}}`). A page
/// is then its skeleton with the holes filled, which costs a copy instead of a Mustache run
/// (swift-mustache looks every name up through dynamic casts: a microsecond or more a tag).
///
/// This is exact only when a template inserts text values verbatim, so skeletons are used
/// only when no template can do otherwise (`Templates.allowsSkeletons`: no transforms such as
/// `{{uppercased(x)}}`, no indented partials, no changed delimiters, no dynamic partials or
/// inheritance), and every new skeleton is checked against Mustache's own rendering of the
/// page that made it: on any difference its shape goes through Mustache from then on.
final class Skeletons: @unchecked Sendable {
    enum Piece {
        case text([UInt8])
        case value(Int, escaped: Bool)
    }

    /// Text already rendered (a page template's output going into the layout), passed in a
    /// context where Mustache would take a string: it fills its hole without becoming one.
    struct Rendered {
        var buffer: TextBuffer
    }

    /// A hole's value.
    enum Value {
        case text(String)
        case rendered(TextBuffer)
    }

    /// By template and shape; nil for a shape that Mustache renders differently.
    private let cache = Locked([String: [Piece]?]())

    /// `template` rendered with `context`, or nil when the context holds something other than
    /// text, flags, lists and mappings (then the caller renders it through Mustache).
    func render(_ template: String, _ context: [String: Any], library: MustacheLibrary) -> TextBuffer? {
        var shape = ""
        shape.reserveCapacity(512)
        shape += template
        shape += "|"
        var values: [Value] = []
        values.reserveCapacity(32)
        guard Self.read(context, shape: &shape, values: &values) else { return nil }
        if let known = cache.withLock({ $0[shape] }) {
            guard let pieces = known else { return nil }
            return Self.fill(pieces, values)
        }
        // A new shape: cut its skeleton, and keep it only if it gives exactly Mustache's page.
        guard let page = library.render(Self.plain(context), withTemplate: template) else { return nil }
        var counter = 0
        var pieces: [Piece]?
        if let skeleton = library.render(Self.marked(context, counter: &counter), withTemplate: template)
            .flatMap(Self.pieces(of:)), Self.fill(skeleton, values).equals(page)
        {
            pieces = skeleton
        }
        cache.withLock { $0[shape] = .some(pieces) }
        return TextBuffer(page)
    }

    /// `context` as Mustache takes it: rendered text as strings.
    static func plain(_ context: [String: Any]) -> [String: Any] {
        context.mapValues(plain)
    }

    static func plain(_ value: Any) -> Any {
        switch value {
        case let rendered as Rendered: return rendered.buffer.text
        case let mapping as [String: Any]: return mapping.mapValues(plain)
        case let list as [Any]: return list.map(plain)
        default: return value
        }
    }

    // MARK: Shapes and markers

    /// Appends `value`'s structure to `shape` and its texts to `values`, in the order `marked`
    /// numbers them. False for anything else than text, flags, lists and mappings.
    static func read(_ value: Any, shape: inout String, values: inout [Value]) -> Bool {
        switch value {
        case let text as String:
            shape += "s"
            values.append(.text(text))
        case let rendered as Rendered:
            shape += "s"
            values.append(.rendered(rendered.buffer))
        case let flag as Bool:
            shape += flag ? "t" : "f"
        case let mapping as [String: Any]:
            // Keys in sorted order: a mapping cast from another type ([String: String]) is a new
            // mapping each time, which need not iterate in the same order, and `marked` must
            // number the texts in the order they are read here.
            shape += "{"
            for key in mapping.keys.sorted() {
                shape += key
                shape += ":"
                guard let item = mapping[key], read(item, shape: &shape, values: &values) else { return false }
                shape += ","
            }
            shape += "}"
        case let list as [Any]:
            shape += "["
            for item in list {
                guard read(item, shape: &shape, values: &values) else { return false }
                shape += ","
            }
            shape += "]"
        default:
            return false
        }
        return true
    }

    /// `value` with its n-th text replaced by the n-th marker.
    static func marked(_ value: Any, counter: inout Int) -> Any {
        switch value {
        case is String, is Rendered:
            counter += 1
            return marker(counter - 1)
        case let mapping as [String: Any]:
            var marked: [String: Any] = [:]
            for key in mapping.keys.sorted() {
                if let item = mapping[key] { marked[key] = self.marked(item, counter: &counter) }
            }
            return marked
        case let list as [Any]:
            return list.map { marked($0, counter: &counter) }
        default:
            return value
        }
    }

    /// U+F8FF and U+F8FE (private use) around a hole's number and `&"`, which tells an escaped
    /// hole (`&amp;&quot;`) from a raw one. A text printed any other way (inside a list
    /// printed whole, `{{list}}`, the quote would come out as `\"`) breaks its marker, and
    /// such a page gets no skeleton.
    private static let open: [UInt8] = [0xEF, 0xA3, 0xBF], close: [UInt8] = [0xEF, 0xA3, 0xBE]

    static func marker(_ index: Int) -> String { "\u{F8FF}\(index)&\"\u{F8FE}" }

    /// The skeleton of a page rendered with markers; nil when a marker is not whole.
    static func pieces(of page: String) -> [Piece]? {
        let bytes = Array(page.utf8)
        var pieces: [Piece] = []
        var start = 0, i = 0
        func isMarker(_ marker: [UInt8], at index: Int) -> Bool {
            index + 3 <= bytes.count && bytes[index] == marker[0] && bytes[index + 1] == marker[1]
                && bytes[index + 2] == marker[2]
        }
        while i < bytes.count {
            guard isMarker(open, at: i) else {
                i += 1
                continue
            }
            if start < i { pieces.append(.text(Array(bytes[start..<i]))) }
            var j = i + 3, number = 0, digits = 0
            while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"), digits < 9 {
                number = number * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                j += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            let escaped: Bool
            if bytes[j...].starts(with: "&amp;&quot;".utf8) {
                escaped = true
                j += 11
            } else if bytes[j...].starts(with: "&\"".utf8) {
                escaped = false
                j += 2
            } else {
                return nil
            }
            guard isMarker(close, at: j) else { return nil }
            pieces.append(.value(number, escaped: escaped))
            i = j + 3
            start = i
        }
        if start < bytes.count { pieces.append(.text(Array(bytes[start...]))) }
        return pieces
    }

    static func fill(_ pieces: [Piece], _ values: [Value]) -> TextBuffer {
        var size = 4096
        for value in values {
            switch value {
            case .text(let text): size += text.utf8.count
            case .rendered(let buffer): size += buffer.count
            }
        }
        var out = TextBuffer(capacity: size)
        for piece in pieces {
            switch piece {
            case .text(let bytes): out.append(bytes: bytes)
            case .value(let index, let escaped):
                guard index < values.count else { continue }
                switch values[index] {
                case .text(let text): if escaped { out.appendEscaped(text) } else { out.append(text) }
                case .rendered(let buffer): if escaped { out.appendEscaped(buffer.text) } else { out.append(buffer) }
                }
            }
        }
        return out
    }

}
