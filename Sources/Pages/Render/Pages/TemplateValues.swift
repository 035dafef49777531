import Basics
import Mustache

/// A page's values as its template reads them: a Swift type whose `fields` name each value
/// and read it. Mustache finds a name through `child(named:)` (its `MustacheParent` lookup),
/// and the test of docs/content.md reads the same table, so the documented names, the
/// templates' names and the code's fields are one list.
protocol TemplateValues: MustacheParent, SendableMetatype {
    /// Every value the type offers a template, in the order docs/content.md lists them.
    static var fields: [TemplateField<Self>] { get }
}

extension TemplateValues {
    /// The fields' names and nested types, without the type's own `Self`: what a test of the
    /// documented names reads through `any TemplateValues.Type`.
    static var fieldNames: [(name: String, nested: (any TemplateValues.Type)?, isFree: Bool)] {
        fields.map { ($0.name, $0.nested, $0.isFree) }
    }
}

extension TemplateValues {
    /// The value named `name`, or nil when the type has no such field or the value is absent
    /// (an essay without a date): Mustache then looks further up the stack, as for a missing key.
    func child(named name: String) -> Any? {
        for field in Self.fields where field.name == name { return field.value(self) }
        return nil
    }
}

/// One named value of a `TemplateValues` type.
struct TemplateField<Root>: Sendable {
    /// The name a template writes: `{{title}}`, `{{#essays}}`.
    let name: String
    /// The type of the value's own fields when it is a `TemplateValues` (or a list of them):
    /// what `{{date.display}}` or the inside of `{{#essays}}` can name.
    let nested: (any TemplateValues.Type)?
    /// True for values of any shape, such as the front matter's `params`: a template may name
    /// anything inside them.
    let isFree: Bool
    let value: @Sendable (Root) -> Any?

    init(
        _ name: String, of nested: (any TemplateValues.Type)? = nil, isFree: Bool = false,
        _ value: @escaping @Sendable (Root) -> Any?
    ) {
        self.name = name
        self.nested = nested
        self.isFree = isFree
        self.value = value
    }
}

/// Prepared HTML (a table, a chart, a rendered essay, a page inside the layout): inserted as it
/// is with `{{{name}}}`, escaped like any text with `{{name}}`.
struct HTML: MustacheCustomRenderable, Sendable {
    let renderText: String
    /// Never null: `{{#body}}` opens even for an empty piece, as for an empty text.
    var isNull: Bool { false }

    init(_ buffer: TextBuffer) { renderText = buffer.text }
    init(text: String) { renderText = text }

    static let empty = HTML(text: "")
}

/// Mustache's transforms work on HTML as on the text it is (`{{{uppercased(body)}}}`).
extension HTML: MustacheTransformable {
    func transform(_ name: String) -> Any? { renderText.transform(name) }
}
