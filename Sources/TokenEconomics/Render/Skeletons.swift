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
        // Long texts are checked as short stand-ins: what Mustache does with a text depends on
        // the template, not on the text, and a page of megabytes would be rendered twice more.
        let (check, replaced) = Self.standIns(context)
        guard let page = library.render(Self.plain(check), withTemplate: template) else { return nil }
        var checkValues = values
        if replaced {
            var checkShape = ""
            checkValues = []
            _ = Self.read(check, shape: &checkShape, values: &checkValues)
        }
        var counter = 0
        var pieces: [Piece]?
        if let skeleton = library.render(Self.marked(context, counter: &counter), withTemplate: template)
            .flatMap(Self.pieces(of:)), Self.fill(skeleton, checkValues).equals(page)
        {
            pieces = skeleton
        }
        cache.withLock { $0[shape] = .some(pieces) }
        if let pieces { return Self.fill(pieces, values) }
        guard replaced else { return TextBuffer(page) }
        return library.render(Self.plain(context), withTemplate: template).map(TextBuffer.init)
    }

    /// Texts longer than this are checked as a stand-in when a new skeleton is cut.
    static let standInLength = 4096

    /// `context` with every text longer than `standInLength` bytes replaced by a short one that
    /// has every character HTML escapes; true when any was replaced.
    static func standIns(_ context: [String: Any]) -> ([String: Any], Bool) {
        var replaced = false
        func standIn(_ value: Any) -> Any {
            switch value {
            case let text as String where text.utf8.count > standInLength:
                replaced = true
                return "a stand-in for a long text: <&\"'>"
            case let rendered as Rendered where rendered.buffer.count > standInLength:
                replaced = true
                return "a stand-in for a long text: <&\"'>"
            case let mapping as [String: Any]:
                return mapping.mapValues(standIn)
            case let list as [Any]:
                return list.map(standIn)
            default:
                return value
            }
        }
        let result = context.mapValues(standIn)
        return (result, replaced)
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

// MARK: Pages with long lists

extension Skeletons {
    /// Page `template` of `context` with the long `lists` (taken out of `context`) rendered item
    /// by item: the index's thousand essays, the report's thousand scenarios. Nil when that
    /// would not give Mustache's page; the caller then renders it through Mustache.
    ///
    /// The page is cut into a skeleton whose holes are its texts and each list's section. In
    /// that rendering a list's value is a lambda, which swift-mustache calls with the text of
    /// the section it opens (`{{#essays}}…{{/essays}}`); that text becomes a template of its own
    /// (`ListItems`), and each item is rendered from it with the page's values and the item's,
    /// the item's first, as Mustache's context stack finds them, through a skeleton of its
    /// shape. Whether all this equals Mustache's page depends on the template, not on how many
    /// items there are, so it is checked on a short page first: each list cut to one item of
    /// each shape, long texts as stand-ins, rendered both ways.
    func render(
        _ template: String, _ context: [String: Any], lists: [String: [[String: Any]]], library: MustacheLibrary,
        items: ListItems
    ) -> TextBuffer? {
        var shape = ""
        var values: [Value] = []
        var counter = 0
        guard Self.read(context, shape: &shape, values: &values),
            var marked = Self.marked(context, counter: &counter) as? [String: Any]
        else { return nil }
        let sections = Locked([(key: String, text: String)]())
        let first = values.count
        for key in lists.keys {
            marked[key] = MustacheLambda { text in
                let hole = sections.withLock { sections in
                    sections.append((key, text))
                    return first + sections.count - 1
                }
                return RenderedText(description: Self.marker(hole))
            }
        }
        guard let skeleton = library.render(marked, withTemplate: template).flatMap(Self.pieces(of:)) else {
            return nil
        }
        let opened = sections.withLock { $0 }
        func fill(_ context: [String: Any], _ lists: [String: [[String: Any]]]) -> TextBuffer? {
            var shape = ""
            var values: [Value] = []
            guard Self.read(context, shape: &shape, values: &values) else { return nil }
            for section in opened {
                guard
                    let list = renderItems(
                        section.text, lists[section.key] ?? [], outer: context, library: library, items: items)
                else { return nil }
                values.append(.rendered(list))
            }
            return Self.fill(skeleton, values)
        }
        let (short, _) = Self.standIns(context)
        let shortLists = lists.mapValues(Self.oneOfEachShape)
        var expected = Self.plain(short)
        for (key, list) in shortLists { expected[key] = list.map(Self.plain) }
        guard let page = library.render(expected, withTemplate: template), let check = fill(short, shortLists),
            check.equals(page)
        else { return nil }
        return fill(context, lists)
    }

    /// `section` (a template's text) rendered for each of `list` over `outer`, one after another.
    private func renderItems(
        _ section: String, _ list: [[String: Any]], outer: [String: Any], library: MustacheLibrary, items: ListItems
    ) -> TextBuffer? {
        guard let (name, library) = items.template(for: section, in: library) else { return nil }
        var out = TextBuffer(capacity: 4096)
        for item in list {
            var context = outer
            for (key, value) in item { context[key] = value }
            if let rendered = render(name, context, library: library) {
                out.append(rendered)
            } else {
                guard let rendered = library.render(Self.plain(context), withTemplate: name) else { return nil }
                out.append(rendered)
            }
        }
        return out
    }

    /// `items` cut to the first of each shape (keys, flags, list lengths), in their order.
    static func oneOfEachShape(_ items: [[String: Any]]) -> [[String: Any]] {
        var seen: Set<String> = []
        return items.filter { item in
            var shape = ""
            var values: [Value] = []
            _ = read(item, shape: &shape, values: &values)
            return seen.insert(shape).inserted
        }
    }
}

/// Text that swift-mustache inserts as it is where a section's lambda returns it.
private struct RenderedText: CustomStringConvertible {
    let description: String
}

/// The templates made of list sections' texts, each registered in a copy of the library (so
/// that it finds the partials) under a name of its own.
final class ListItems: @unchecked Sendable {
    private let made = Locked([String: (name: String, library: MustacheLibrary)?]())
    /// Put before each section's text, as before every template (the escaping to use).
    let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// How many sections have been made into templates (and whether they could be).
    var count: Int { made.withLock { $0.values.count { $0 != nil } } }

    func template(for section: String, in library: MustacheLibrary) -> (String, MustacheLibrary)? {
        made.withLock { made in
            if let known = made[section] { return known }
            let name = "list item \(made.count + 1)"
            var entry: (name: String, library: MustacheLibrary)?
            if let template = try? MustacheTemplate(string: prefix + section) {
                var extended = library
                extended.register(template, named: name)
                entry = (name, extended)
            }
            made[section] = .some(entry)
            return entry
        }
    }
}
