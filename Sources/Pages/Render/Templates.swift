import Basics
import Content
import Formats
import Foundation
import Mustache

/// Escapes `{{values}}` with the project's one escaper (`escapeHTML`: the same five characters
/// and entities as swift-mustache's HTML content type, over bytes rather than a dictionary
/// lookup per character), through Mustache's own hook for content types.
struct FastHTMLContentType: MustacheContentType {
    static let name = "TOKEN_ECONOMICS_HTML"
    static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Put before every template on a line of its own, which Mustache drops as a standalone tag:
/// the template's output is unchanged and its lines are one further down (errors take one off).
private var fastEscaping: String {
    _ = FastHTMLContentType.registered
    return "{{% CONTENT_TYPE: \(FastHTMLContentType.name) }}\n"
}

/// The user-editable templates: `*.mustache` pages, `partials/*.mustache`, `assets/*`.
package struct Templates {
    static let pages = ["layout", "index", "essay", "scenario", "compare", "models", "report", "404"]

    var library: MustacheLibrary
    /// Files under `assets/`, copied to the site as they are.
    var assets: [String: Data]
    /// The stylesheet, inlined into the one-file report.
    var stylesheet: String
    /// Every id the templates write as it is (`id="main"`), which essay headings must not take.
    var ids: Set<String> = []

    /// The templates of `directory` over the built-in ones (`BuiltIn.templates`): a file of the
    /// folder replaces the built-in file of the same path. Without the folder, the built-in
    /// templates alone.
    package static func load(from directory: URL, displayPrefix: String, diagnostics: inout Diagnostics) -> Templates? {
        var library = MustacheLibrary()
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        let listing = FolderListing(of: directory)
        // Without the folder, the built-in templates alone; in it, only regular files are read.
        if listing.exists { listing.report(folderName: "templates", displayPrefix: displayPrefix, diagnostics: &local) }
        let own = listing.exists ? listing.files : []
        let files = Set(own).union(BuiltIn.templates.keys).sorted()
        let ownFiles = Set(own)
        func display(_ relative: String) -> String {
            guard ownFiles.contains(relative) else { return BuiltIn.templatesPrefix + "/" + relative }
            return displayPrefix.isEmpty ? relative : displayPrefix + "/" + relative
        }
        func read(_ relative: String) -> Result<Data, SourceFile.ReadProblem> {
            guard ownFiles.contains(relative) else {
                return BuiltIn.templates[relative].map { .success($0) } ?? .failure(.cannotRead("no such file"))
            }
            let limit = relative.hasPrefix("assets/") ? SourceFile.maximumAssetSize : SourceFile.maximumSize
            return SourceFile.bytes(atPath: listing.root + "/" + relative, limit: limit)
        }
        for page in pages where !files.contains(page + ".mustache") {
            local.error(
                "missing template '\(page).mustache'",
                at: SourceLocation(
                    file: display(page + ".mustache"),
                    line: 1, column: 1))
        }
        var assets: [String: Data] = [:]
        var sources: [String: SourceText] = [:]
        for relative in files {
            if relative.hasPrefix("assets/") {
                switch read(relative) {
                case .success(let data): assets[relative] = data
                case .failure(let problem):
                    local.error(problem.description, at: SourceLocation(file: display(relative), line: 1, column: 1))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name =
                relative.hasPrefix("partials/")
                ? String(relative.dropFirst("partials/".count).dropLast(".mustache".count))
                : String(relative.dropLast(".mustache".count))
            let data: Data
            switch read(relative) {
            case .success(let bytes): data = bytes
            case .failure(let problem):
                local.error(problem.description, at: SourceLocation(file: display(relative), line: 1, column: 1))
                continue
            }
            guard let source = SourceFile.decode(data, displayPath: display(relative), diagnostics: &local) else {
                continue
            }
            sources[name] = source
            do {
                library.register(try MustacheTemplate(string: fastEscaping + source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                if case .expectedSectionEnd? = error.error as? MustacheTemplate.Error,
                    let open = unclosedSection(in: source.text)
                {
                    // The parser stops at the end of the file; the section that never closes is the place to fix.
                    local.error(
                        "template syntax: section '{{\(open.tag)}}' is opened but never closed",
                        at: source.location(line: open.line, column: open.column), in: source)
                } else {
                    local.error(
                        "template syntax: \(describe(error.error))",
                        at: source.location(
                            line: max(1, error.context.lineNumber - 1),
                            column: error.context.columnNumber),
                        in: source)
                }
            } catch {
                local.error("template syntax: \(error)", at: source.location(line: 1, column: 1), in: source)
            }
        }
        reportPartialCycles(in: sources, diagnostics: &local)
        guard !local.hasErrors else { return nil }
        TemplateCheck.report(sources, diagnostics: &local)
        let css = assets["assets/style.css"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Templates(
            library: library, assets: assets, stylesheet: css, ids: literalIDs(in: sources.values.map(\.text)))
    }

    /// The values of the `id="…"` and `id='…'` attributes written in `texts`, leaving out those
    /// made from a value (`id="{{id}}"`).
    static func literalIDs(in texts: [String]) -> Set<String> {
        var ids: Set<String> = []
        for text in texts {
            for quote in ["\"", "'"] {
                var rest = Substring(text)
                while let open = rest.range(of: "id=" + quote) {
                    let before = rest[..<open.lowerBound].last
                    rest = rest[open.upperBound...]
                    guard let close = rest.range(of: quote) else { break }
                    let value = rest[..<close.lowerBound]
                    rest = rest[close.upperBound...]
                    // ` id=`, not `data-id=` or `aria-labelledby=`'s tail.
                    guard before == " " || before == "\n" || before == "\t" else { continue }
                    if !value.isEmpty, !value.contains("{{") { ids.insert(String(value)) }
                }
            }
        }
        return ids
    }

    /// Reports a template that includes itself through partials (`{{> a}}` in b, `{{> b}}` in a):
    /// rendering it would never end.
    static func reportPartialCycles(in sources: [String: SourceText], diagnostics: inout Diagnostics) {
        var includes: [String: [(name: String, line: Int, column: Int)]] = [:]
        for (name, source) in sources {
            includes[name] = partialReferences(in: source.text)
        }
        for name in sources.keys.sorted() {
            var path = [name]
            var seen: Set<String> = [name]
            // Follow the first include that leads back; a template graph is small.
            func visit(_ node: String) -> Bool {
                for reference in includes[node] ?? [] {
                    if reference.name == name { path.append(reference.name); return true }
                    if seen.insert(reference.name).inserted {
                        path.append(reference.name)
                        if visit(reference.name) { return true }
                        path.removeLast()
                    }
                }
                return false
            }
            if visit(name), let source = sources[name], let first = includes[name]?.first(where: { $0.name == path[1] })
            {
                diagnostics.error(
                    "template includes itself: \(path.joined(separator: " -> "))",
                    at: source.location(line: first.line, column: first.column), in: source)
            }
        }
    }

    /// The innermost `{{#name}}` or `{{^name}}` tag that no `{{/name}}` closes.
    static func unclosedSection(in text: String) -> (tag: String, line: Int, column: Int)? {
        var open: [(tag: String, line: Int, column: Int)] = []
        for tag in tags(in: text) {
            if tag.text.hasPrefix("#") || tag.text.hasPrefix("^") {
                open.append((tag.text, tag.line, tag.column))
            } else if tag.text.hasPrefix("/"), !open.isEmpty {
                open.removeLast()
            }
        }
        return open.last
    }

    /// The `{{> name}}` tags of a template, with where they are.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        tags(in: text).filter { $0.text.hasPrefix(">") }.map {
            ($0.text.dropFirst().trimmingCharacters(in: .whitespaces), $0.line, $0.column)
        }
    }

    /// Every `{{…}}` tag's trimmed text, with the line and column of its `{{`.
    static func tags(in text: String) -> [(text: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            var offset = 0
            while let open = rest.range(of: "{{") {
                let column = offset + rest.distance(from: rest.startIndex, to: open.lowerBound) + 1
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "}}") else { break }
                references.append((after[..<close.lowerBound].trimmingCharacters(in: .whitespaces), index + 1, column))
                offset += rest.distance(from: rest.startIndex, to: close.upperBound)
                rest = after[close.upperBound...]
            }
        }
        return references
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with another name than it was opened with"
        case .unfinishedName?: return "a tag is not finished"
        case .expectedSectionEnd?: return "a section is opened but never closed"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection?: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection?: return "illegal tag inside an inherit section"
        case .textInsideInheritSection?: return "text inside an inherit section"
        default: return "\(error)"
        }
    }

    /// Renders page template `name` with `values`, then the layout around it.
    func render<Page: TemplateValues>(_ name: String, _ values: Page, layout: LayoutValues) -> TextBuffer {
        let content = library.render(values, withTemplate: name) ?? ""
        var outer = layout
        outer.content = HTML(text: content)
        return TextBuffer(library.render(outer, withTemplate: "layout") ?? content)
    }
}
