// The only file that calls libcmark. Every C object is freed on the line after it is made
// (or owned by the document's tree, which is freed as a whole); no C type leaves this file.
import Basics
internal import CMark

/// What to render and how.
public struct MarkdownOptions: Sendable, Equatable {
    /// Pass raw HTML blocks and inline HTML through; by default they are left out.
    public var allowsRawHTML: Bool
    /// Ids the page around the document already uses (the templates' own, the generator's): no
    /// heading gets one of them; it gets the next number instead (`main-1`), as a repeat does.
    public var reservedIDs: Set<String>

    public init(allowsRawHTML: Bool = false, reservedIDs: Set<String> = []) {
        self.allowsRawHTML = allowsRawHTML
        self.reservedIDs = reservedIDs
    }

    package var cmarkFlags: Int32 {
        var flags = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        if allowsRawHTML { flags |= CMARK_OPT_UNSAFE }
        return flags
    }
}

/// A heading of a rendered document, with the id its `<hN>` element carries.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// One item of a bullet list, read as `**Label**: rest`.
public struct ListItem: Sendable, Equatable {
    /// The text of a strong span that opens the item and is followed by a colon.
    public var label: String?
    /// The plain text of the item after `label:` (or all of it without a label).
    public var text: String
}

/// A bullet list of the document, in document order.
public struct BulletList: Sendable, Equatable {
    /// Zero-based position among the document's bullet lists.
    public var index: Int
    /// The 1-based source line of the list's first item.
    public var line: Int
    public var items: [ListItem]
}

/// How the caller wants a bullet list rendered.
public enum ListRendering: Sendable, Equatable {
    /// Replace the list with this HTML.
    case replace(html: String)
    /// Keep the list and put this HTML after it.
    case append(html: String)
}

/// A Markdown document rendered to HTML.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML as libcmark wrote it, not checked again as UTF-8 (libcmark validates its input):
    /// pages take it as bytes.
    package var htmlBytes: TextBuffer
    public var html: String { htmlBytes.text }
    public var headings: [Heading]
    public var lists: [BulletList]
    /// The plain text of the first paragraph, for summaries.
    public var firstParagraph: String?
}

/// Gives a link's destination as written, the one to use instead, or nil to keep it. (A type of
/// its own, so that a trailing closure passed to `render` is never taken for it.)
public struct LinkRewriting: Sendable {
    public var destination: @Sendable (String) -> String?

    public init(_ destination: @escaping @Sendable (String) -> String?) {
        self.destination = destination
    }
}

/// Renders CommonMark through libcmark.
public enum Markdown {
    /// Renders `source` to HTML: smart punctuation, raw HTML left out unless allowed,
    /// headings with unique ids and anchor links, bullet lists rewritten by `lists`, a bare `%`
    /// in a link's or image's destination written `%25` (`escapingBarePercents`).
    ///
    /// - Parameter lists: given the headings and every bullet list of the document, returns the
    ///   lists to render differently, by index.
    /// - Parameter rewritingLinks: given a link's destination as written, returns the one to
    ///   use instead, or nil to keep it.
    public static func render(
        _ source: String,
        options: MarkdownOptions = MarkdownOptions(),
        rewritingLinks rewrite: LinkRewriting? = nil,
        lists transform: (_ headings: [Heading], _ lists: [BulletList]) -> [Int: ListRendering] = { _, _ in [:] }
    ) -> RenderedMarkdown {
        let flags = options.cmarkFlags
        var bytes = Array(source.utf8)
        bytes.append(0)
        guard
            // Unsafe: libcmark parses from a C pointer and length; the bytes are borrowed for the call.
            let document = bytes.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        cmark_parse_document($0, buffer.count - 1, flags)
                    }
                }
            })
        else {
            return RenderedMarkdown(htmlBytes: TextBuffer(), headings: [], lists: [], firstParagraph: nil)
        }
        defer { cmark_node_free(document) }

        var headingNodes: [OpaquePointer] = []
        var listNodes: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var firstParagraph: String?
        walk(document) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkNodes.append(node)
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
            case CMARK_NODE_LIST where cmark_node_get_list_type(node) == CMARK_BULLET_LIST:
                listNodes.append(node)
            case CMARK_NODE_PARAGRAPH where firstParagraph == nil:
                if cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT {
                    firstParagraph = plainText(of: node)
                }
            default:
                break
            }
        }

        // Links first: a heading's HTML is rendered from its nodes.
        for node in linkNodes {
            guard let url = cmark_node_get_url(node) else { continue }
            let written = String(cString: url)
            var destination = written
            if let rewrite, cmark_node_get_type(node) == CMARK_NODE_LINK {
                destination = rewrite.destination(written) ?? written
            }
            if let escaped = escapingBarePercents(destination) { destination = escaped }
            if destination != written { cmark_node_set_url(node, destination) }
        }
        var ids = HeadingIDs(reserved: options.reservedIDs)
        let headings = headingNodes.map { node in
            let text = plainText(of: node)
            return Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: ids.unique(for: text))
        }
        let lists = listNodes.enumerated().map { index, node in
            BulletList(index: index, line: Int(cmark_node_get_start_line(node)), items: listItems(of: node))
        }
        let renderings = transform(headings, lists)

        // Headings first, then lists from the last to the first: a list is freed only after
        // every node inside it was handled, so no pointer is used after it is freed.
        for (node, heading) in zip(headingNodes, headings) {
            let inner = innerHTML(ofHeading: node, level: heading.level, flags: flags)
            let html =
                "<h\(heading.level) id=\"\(heading.id)\">\(inner) <a class=\"anchor\" href=\"#\(heading.id)\" "
                + "aria-label=\"Link to this section\">#</a></h\(heading.level)>\n"
            cmark_node_replace(node, makeLiteralBlock(html))
            cmark_node_free(node)
        }
        for index in renderings.keys.sorted(by: >) where lists.indices.contains(index) {
            guard let rendering = renderings[index] else { continue }
            let node = listNodes[index]
            switch rendering {
            case .replace(let html):
                cmark_node_replace(node, makeLiteralBlock(html))
                cmark_node_free(node)
            case .append(let html):
                cmark_node_insert_after(node, makeLiteralBlock(html))
            }
        }

        return RenderedMarkdown(
            htmlBytes: renderHTMLBytes(document, flags: flags),
            headings: headings,
            lists: lists,
            firstParagraph: firstParagraph
        )
    }

    /// What libcmark alone writes for `source` with the same options (`cmark --smart`, plus
    /// `--unsafe` when raw HTML is allowed): no heading ids, no anchors, no list rewriting. The
    /// conformance test compares essays with it.
    public static func libcmarkHTML(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> String {
        var bytes = Array(source.utf8)
        let count = bytes.count
        bytes.append(0)
        // Unsafe: libcmark renders from a C pointer and returns a malloc'd C string, freed after it is copied.
        let html = bytes.withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_markdown_to_html($0, count, options.cmarkFlags)
                }
            }
        }
        guard let html else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Calls `visit` on every node, parents before children, in document order.
    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                visit(node)
            }
        }
    }

    /// A custom block whose whole output is `html`; libcmark prints it even in safe mode.
    private static func makeLiteralBlock(_ html: String) -> OpaquePointer? {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        return block
    }

    private static func renderHTMLBytes(_ node: OpaquePointer, flags: Int32) -> TextBuffer {
        var out = TextBuffer()
        guard let html = cmark_render_html(node, flags) else { return out }
        defer { free(html) }
        html.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            // Unsafe: libcmark's HTML is a NUL-terminated C string, copied once into the page's buffer.
            out.append(bytes: UnsafeBufferPointer(start: bytes, count: strlen(html)))
        }
        return out
    }

    /// The HTML inside `<hN>…</hN>`, inline markup and smart punctuation included.
    private static func innerHTML(ofHeading node: OpaquePointer, level: Int, flags: Int32) -> String {
        var html = renderHTMLBytes(node, flags: flags).text
        let open = "<h\(level)>", close = "</h\(level)>\n"
        if html.hasPrefix(open) { html.removeFirst(open.count) }
        if html.hasSuffix(close) { html.removeLast(close.count) }
        return html
    }

    /// The text of a node's inline content: literals joined, breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        walk(node) { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    private static func listItems(of list: OpaquePointer) -> [ListItem] {
        var items: [ListItem] = []
        var item = cmark_node_first_child(list)
        while let current = item {
            items.append(listItem(current))
            item = cmark_node_next(current)
        }
        return items
    }

    /// Reads `**Label**: text` from an item whose first block is a paragraph.
    private static func listItem(_ item: OpaquePointer) -> ListItem {
        guard let paragraph = cmark_node_first_child(item),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph),
            cmark_node_get_type(first) == CMARK_NODE_STRONG
        else {
            return ListItem(label: nil, text: plainText(of: item))
        }
        let label = plainText(of: first)
        var rest = ""
        var sibling = cmark_node_next(first)
        while let node = sibling {
            rest += plainText(of: node)
            sibling = cmark_node_next(node)
        }
        guard rest.hasPrefix(":") else {
            return ListItem(label: nil, text: label + rest)
        }
        rest.removeFirst()
        return ListItem(label: label, text: rest.trimmingSpaces())
    }
}

/// Makes heading ids: lower-case words joined by `-`, letters of any script kept,
/// a number added to repeats (`costs`, `costs-1`, `costs-2`) and to the ids the page already
/// uses (`reserved`: `main` gives `main-1`).
package struct HeadingIDs {
    private var used: [String: Int] = [:]
    private var taken: Set<String> = []
    /// Kept apart from `taken`: a large set shared by every essay of a build is never copied.
    private let reserved: Set<String>

    package init(reserved: Set<String> = []) {
        self.reserved = reserved
    }

    package static func slug(_ text: String) -> String {
        // Text of ASCII alone is lowered letter by letter below; other text as a whole, which
        // Unicode's mappings need (one letter may lower to two).
        let lowered = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.lowercased()
        var slug = ""
        slug.reserveCapacity(lowered.utf8.count)
        var pendingDash = false
        for scalar in lowered.unicodeScalars {
            let lower = ("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) + 0x20) : scalar
            if ("a"..."z").contains(lower) || ("0"..."9").contains(lower)
                || (!lower.isASCII && lower.properties.isAlphabetic)
            {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(lower)
            } else if lower == " " || lower == "-" || lower == "_" || lower == "\t" {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    package mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var suffix = used[base] ?? 0
        while taken.contains(candidate) || reserved.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        used[base] = suffix
        taken.insert(candidate)
        return candidate
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }),
            let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}

extension Markdown {
    /// `url` with every `%` that does not begin an escape (`%2F`) written as `%25`; nil when it
    /// has none. libcmark escapes what a link destination may not hold but keeps a `%` as it
    /// is, and an `href` or `src` with a bare one (`{{% ref x %}}`, left by another generator)
    /// is not a valid URL.
    package static func escapingBarePercents(_ url: String) -> String? {
        guard url.utf8.contains(UInt8(ascii: "%")) else { return nil }
        let bytes = Array(url.utf8)
        func isHexDigit(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                return true
            default:
                return false
            }
        }
        var escaped: [UInt8] = []
        var changed = false
        for (index, byte) in bytes.enumerated() {
            escaped.append(byte)
            guard byte == UInt8(ascii: "%") else { continue }
            if index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) { continue }
            escaped.append(contentsOf: Array("25".utf8))
            changed = true
        }
        return changed ? String(decoding: escaped, as: UTF8.self) : nil
    }
}
