import Basics
import Content
import Formats

/// Warns, at its line and column, about a name in a template that its page's values do not
/// have (`{{titel}}`) and about a transform Mustache does not know (`{{upper(title)}}`): both
/// render as nothing, which a reader of the site would only notice as a blank.
///
/// Names are followed as Mustache finds them: inside `{{#essays}}` an item's fields first, then
/// the page's; partials with the values of the place that includes them. A template that
/// changes its delimiters is checked up to the change; names inside `params`, `authors`,
/// `warnings` and dynamic partials are anything a template wants.
enum TemplateCheck {
    /// The values each page template is rendered with.
    static let pageValues: [String: any TemplateValues.Type] = [
        "layout": LayoutValues.self, "index": IndexValues.self, "essay": EssayValues.self,
        "scenario": ScenarioValues.self, "compare": CompareValues.self, "models": ModelsValues.self,
        "report": ReportValues.self, "404": NotFoundValues.self,
    ]

    /// swift-mustache's transforms (its `MustacheTransformable` types: texts, lists, mappings, integers).
    static let transforms: Set<String> = [
        "capitalized", "count", "empty", "enumerated", "equalzero", "even", "first", "last", "lowercased",
        "minusone", "odd", "plusone", "reversed", "sorted", "uppercased",
    ]

    /// The transforms whose result is the list's items (or one of them).
    static let itemTransforms: Set<String> = ["first", "last", "reversed", "sorted"]

    /// What a name is looked up in: a page's or an item's fields, or values of any shape.
    enum Scope {
        case fields(any TemplateValues.Type)
        case free
        /// A section that opens no values of its own (a flag, a text): names go on past it.
        case through
    }

    static func report(_ sources: [String: SourceText], diagnostics: inout Diagnostics) {
        var reported: Set<String> = []
        for (page, type) in pageValues.sorted(by: { $0.key < $1.key }) {
            guard let source = sources[page] else { continue }
            var walk = Walk(sources: sources, reported: reported)
            walk.check(page, source, stack: [.fields(type)], including: [page])
            reported = walk.reported
            diagnostics.append(contentsOf: walk.diagnostics)
        }
    }

    struct Walk {
        let sources: [String: SourceText]
        /// `file:line:column` of what was reported, so that a partial included twice warns once.
        var reported: Set<String>
        var diagnostics = Diagnostics()

        mutating func check(_ name: String, _ source: SourceText, stack start: [Scope], including: [String]) {
            var stack = start
            for tag in Templates.tags(in: source.text) {
                var text = Substring(tag.text)
                guard let first = text.first else { continue }
                switch first {
                case "!", "%": continue
                case "=": return
                case "/":
                    if stack.count > start.count { stack.removeLast() }
                    continue
                case "$", "<":
                    // A block or a parent: closed by `{{/…}}` like a section, opening no values.
                    stack.append(.through)
                    continue
                case ">":
                    let partial = text.dropFirst().trimmingCharacters(in: .whitespaces)
                    guard !partial.hasPrefix("*"), !including.contains(partial), let included = sources[partial]
                    else { continue }
                    check(partial, included, stack: stack, including: including + [partial])
                    continue
                case "#", "^", "{", "&":
                    text = text.dropFirst()
                default: break
                }
                let (value, transformNames) = Self.split(text.trimmingCharacters(in: .whitespaces))
                for transform in transformNames where !TemplateCheck.transforms.contains(transform) {
                    warn("Mustache has no transform '\(transform)'; this tag renders nothing", source, tag)
                }
                let scope = resolve(value, in: stack)
                if case .none = scope {
                    let page = including.first ?? name
                    warn("'\(value)' is not a value of the \(page) page; this tag renders nothing", source, tag)
                }
                if first == "#" || first == "^" {
                    // Reordered or picked items are still the list's items; a count or a flag opens nothing.
                    let keepsItems = transformNames.allSatisfy { TemplateCheck.itemTransforms.contains($0) }
                    stack.append(first == "^" || !keepsItems ? .through : scope ?? .free)
                }
            }
        }

        mutating func warn(_ message: String, _ source: SourceText, _ tag: (text: String, line: Int, column: Int)) {
            let location = source.location(line: tag.line, column: tag.column)
            guard reported.insert("\(location.file):\(tag.line):\(tag.column)").inserted else { return }
            diagnostics.warning(message, at: location, in: source)
        }

        /// The scope a section on `name` opens, or nil when no enclosing values have the name.
        func resolve(_ name: String, in stack: [Scope]) -> Scope? {
            if name == "." || name.isEmpty { return .through }
            let parts = name.split(separator: ".").map(String.init)
            guard let head = parts.first else { return .through }
            // `.name` looks only at the innermost values.
            let candidates = name.hasPrefix(".") ? Array(stack.suffix(1)) : stack.reversed()
            for scope in candidates {
                switch scope {
                case .through: continue
                case .free: return .free
                case .fields(let type):
                    guard let field = type.fieldNames.first(where: { $0.name == head }) else { continue }
                    return Self.follow(field, Array(parts.dropFirst()))
                }
            }
            return nil
        }

        /// What `rest` (the names after a dot) reaches from `field`; nil when a name is missing.
        static func follow(
            _ field: (name: String, nested: (any TemplateValues.Type)?, isFree: Bool), _ rest: [String]
        ) -> Scope? {
            if field.isFree { return .free }
            guard let nested = field.nested else { return rest.isEmpty ? .through : nil }
            guard let next = rest.first else { return .fields(nested) }
            guard let inner = nested.fieldNames.first(where: { $0.name == next }) else { return nil }
            return follow(inner, Array(rest.dropFirst()))
        }

        /// `uppercased(reversed(name))` as the name and its transforms, outermost first.
        static func split(_ text: String) -> (name: String, transforms: [String]) {
            var name = Substring(text), transforms: [String] = []
            while name.hasSuffix(")"), let open = name.firstIndex(of: "(") {
                transforms.append(String(name[..<open]).trimmingCharacters(in: .whitespaces))
                name = name[name.index(after: open)..<name.index(before: name.endIndex)]
            }
            return (name.trimmingCharacters(in: .whitespaces), transforms)
        }
    }
}
