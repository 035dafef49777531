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

    /// A context's structure (keys, flags, list lengths) after its template's name, as bytes:
    /// what the skeletons are found by. Bytes rather than a string: every page reads one.
    struct Shape: Hashable {
        var buffer = TextBuffer(capacity: 512)

        mutating func add(_ literal: StaticString) { buffer.append(literal) }
        mutating func add(_ text: String) { buffer.append(text) }

        static func == (a: Shape, b: Shape) -> Bool { a.buffer.sameBytes(as: b.buffer) }

        func hash(into hasher: inout Hasher) {
            buffer.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// By template and shape; nil for a shape that Mustache renders differently.
    private let cache = Locked([Shape: [Piece]?]())

    /// `template` rendered with `context`, or nil when the context holds something other than
    /// text, flags, lists and mappings (then the caller renders it through Mustache).
    func render(_ template: String, _ context: [String: Any], library: MustacheLibrary) -> TextBuffer? {
        var shape = Shape()
        shape.add(template)
        shape.add("|")
        var values: [Value] = []
        values.reserveCapacity(32)
        guard Self.read(context, shape: &shape, values: &values) else { return nil }
        if let known = cache.withLock({ $0[shape] }) {
            guard let pieces = known else { return nil }
            return Self.fill(pieces, values)
        }
        // A new shape. Long texts are checked as short stand-ins: what Mustache does with a text
        // depends on the template, not on the text, and a page of megabytes would be rendered
        // twice more.
        let (check, replaced) = Self.standIns(context)
        var checkValues = values
        if replaced {
            var checkShape = Shape()
            checkValues = []
            _ = Self.read(check, shape: &checkShape, values: &checkValues)
        }
        var counter = 0
        let (pieces, page) = cut(
            template, shape, marked: Self.marked(context, counter: &counter), check: Self.plain(check),
            checkValues: checkValues, library: library)
        if let pieces { return Self.fill(pieces, values) }
        guard replaced else { return page.map(TextBuffer.init) }  // Mustache's own page
        return library.render(Self.plain(context), withTemplate: template).map(TextBuffer.init)
    }

    /// Cuts `template`'s skeleton for `shape` from its rendering with markers (`marked`) and
    /// keeps it if, filled with `checkValues`, it gives Mustache's page of `check`; remembers
    /// either the skeleton or that Mustache must render this shape. Returns the skeleton and
    /// Mustache's page of `check`.
    private func cut(
        _ template: String, _ shape: Shape, marked: Any, check: [String: Any], checkValues: [Value],
        library: MustacheLibrary
    ) -> (pieces: [Piece]?, page: String?) {
        let page = library.render(check, withTemplate: template)
        var pieces: [Piece]?
        if let page, let skeleton = library.render(marked, withTemplate: template).flatMap(Self.pieces(of:)),
            Self.fill(skeleton, checkValues).equals(page)
        {
            pieces = skeleton
        }
        cache.withLock { $0[shape] = .some(pieces) }
        return (pieces, page)
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
    static func read(_ value: Any, shape: inout Shape, values: inout [Value]) -> Bool {
        switch value {
        case let text as String:
            shape.add("s")
            values.append(.text(text))
        case let rendered as Rendered:
            shape.add("s")
            values.append(.rendered(rendered.buffer))
        case let flag as Bool:
            shape.add(flag ? "t" : "f")
        case let mapping as [String: Any]:
            // Keys in sorted order: a mapping cast from another type ([String: String]) is a new
            // mapping each time, which need not iterate in the same order, and `marked` must
            // number the texts in the order they are read here.
            shape.add("{")
            for (key, item) in mapping.sorted(by: { $0.key < $1.key }) {
                shape.add(key)
                shape.add(":")
                guard read(item, shape: &shape, values: &values) else { return false }
                shape.add(",")
            }
            shape.add("}")
        case let list as [Any]:
            shape.add("[")
            for item in list {
                guard read(item, shape: &shape, values: &values) else { return false }
                shape.add(",")
            }
            shape.add("]")
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
        guard let around = Under(context) else { return nil }
        var marked = around.marked
        let sections = Locked([(key: String, text: String)]())
        let first = around.values.count
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
        /// The page filled in, with the first item of each shape of each list opened.
        func fill(_ under: Under, _ lists: [String: [[String: Any]]]) -> (TextBuffer, [String: [Int]])? {
            var values = under.values
            var firsts: [String: [Int]] = [:]
            for section in opened {
                guard
                    let (list, shapes) = renderItems(
                        section.text, lists[section.key] ?? [], under: under, library: library, items: items)
                else { return nil }
                values.append(.rendered(list))
                if firsts[section.key] == nil { firsts[section.key] = shapes }
            }
            return (Self.fill(skeleton, values), firsts)
        }
        guard let (page, firsts) = fill(around, lists) else { return nil }
        // The check: a short page, each list cut to the first item of each shape, long texts
        // as stand-ins, from Mustache and filled in as above.
        let (short, _) = Self.standIns(context)
        var shortLists: [String: [[String: Any]]] = [:]
        for (key, list) in lists {
            shortLists[key] = (firsts[key] ?? [0]).compactMap { $0 < list.count ? list[$0] : nil }
        }
        var expected = Self.plain(short)
        for (key, list) in shortLists { expected[key] = list.map(Self.plain) }
        guard let mustache = library.render(expected, withTemplate: template), let shortUnder = Under(short),
            let check = fill(shortUnder, shortLists), check.0.equals(mustache)
        else { return nil }
        return page
    }

    /// What a list's items are rendered over: the page's other values, read once.
    struct Under {
        var context: [String: Any]
        var shape: Shape
        var values: [Value]
        /// `context` with markers numbered as `values`.
        var marked: [String: Any]

        init?(_ context: [String: Any]) {
            self.context = context
            shape = Shape()
            values = []
            var counter = 0
            guard Skeletons.read(context, shape: &shape, values: &values),
                let marked = Skeletons.marked(context, counter: &counter) as? [String: Any]
            else { return nil }
            self.marked = marked
        }
    }

    /// `section` (a template's text) rendered for each of `list` over `under`, one after
    /// another; with the index of the first item of each shape.
    private func renderItems(
        _ section: String, _ list: [[String: Any]], under: Under, library: MustacheLibrary, items: ListItems
    ) -> (TextBuffer, [Int])? {
        guard let (name, library) = items.template(for: section, in: library) else { return nil }
        var out = TextBuffer(capacity: 4096)
        var seen: Set<Shape> = []
        var firsts: [Int] = []
        for (index, item) in list.enumerated() {
            var itemShape = Shape()
            var values = under.values
            if Self.read(item, shape: &itemShape, values: &values) {
                if seen.insert(itemShape).inserted { firsts.append(index) }
                if let rendered = renderItem(name, item, itemShape, values, under: under, library: library) {
                    out.append(rendered)
                    continue
                }
            } else if firsts.isEmpty || seen.insert(Shape()).inserted {
                firsts.append(index)
            }
            var context = Self.plain(under.context)
            for (key, value) in item { context[key] = Self.plain(value) }
            guard let rendered = library.render(context, withTemplate: name) else { return nil }
            out.append(rendered)
        }
        return (out, firsts)
    }

    /// Item template `name` for an item of shape `itemShape` whose texts follow the page's in
    /// `values`: from its skeleton, made (and checked) as `render` makes a page's. Nil when
    /// Mustache must render it.
    private func renderItem(
        _ name: String, _ item: [String: Any], _ itemShape: Shape, _ values: [Value], under: Under,
        library: MustacheLibrary
    ) -> TextBuffer? {
        var shape = Shape()
        shape.add(name)
        shape.add("|")
        shape.buffer.append(under.shape.buffer)
        shape.add("|")
        shape.buffer.append(itemShape.buffer)
        if let known = cache.withLock({ $0[shape] }) {
            guard let pieces = known else { return nil }
            return Self.fill(pieces, values)
        }
        // A new shape: cut as `render` cuts a page's, checked on stand-ins for long texts.
        let (checkUnder, _) = Self.standIns(under.context)
        let (checkItem, _) = Self.standIns(item)
        var check = Self.plain(checkUnder)
        for (key, value) in checkItem { check[key] = Self.plain(value) }
        var checkShape = Shape()
        var checkValues: [Value] = []
        var counter = under.values.count
        var marked = under.marked
        guard Self.read(checkUnder, shape: &checkShape, values: &checkValues),
            Self.read(checkItem, shape: &checkShape, values: &checkValues),
            let markedItem = Self.marked(item, counter: &counter) as? [String: Any]
        else { return nil }
        for (key, value) in markedItem { marked[key] = value }
        let (pieces, _) = cut(name, shape, marked: marked, check: check, checkValues: checkValues, library: library)
        return pieces.map { Self.fill($0, values) }
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
