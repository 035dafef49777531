import Foundation
import Mustache

/// The user-editable templates: `*.mustache` pages, `partials/*.mustache`, `assets/*`.
struct Templates {
    static let pages = ["layout", "index", "essay", "scenario", "compare", "report", "404"]

    var library: MustacheLibrary
    /// Files under `assets/`, copied to the site as they are.
    var assets: [String: Data]
    /// The stylesheet, inlined into the one-file report.
    var stylesheet: String

    static func load(from directory: URL, displayPrefix: String, diagnostics: inout Diagnostics) -> Templates? {
        var library = MustacheLibrary()
        var local = Diagnostics()
        defer { diagnostics.append(contentsOf: local) }
        let files = ContentLoader.listFiles(in: directory)
        func display(_ relative: String) -> String { displayPrefix.isEmpty ? relative : displayPrefix + "/" + relative }
        for page in pages where !files.contains(page + ".mustache") {
            local.error("missing template '\(page).mustache'", at: SourceLocation(file: display(page + ".mustache"),
                                                                                   line: 1, column: 1))
        }
        var assets: [String: Data] = [:]
        for relative in files {
            let url = directory.appendingPathComponent(relative)
            if relative.hasPrefix("assets/") {
                if let data = try? Data(contentsOf: url) {
                    assets[relative] = data
                } else {
                    local.error("cannot read the asset", at: SourceLocation(file: display(relative), line: 1, column: 1))
                }
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = relative.hasPrefix("partials/")
                ? String(relative.dropFirst("partials/".count).dropLast(".mustache".count))
                : String(relative.dropLast(".mustache".count))
            guard let source = SourceFile.read(url, displayPath: display(relative), diagnostics: &local) else { continue }
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                local.error("template syntax: \(describe(error.error))",
                            at: source.location(line: error.context.lineNumber, column: error.context.columnNumber),
                            in: source)
            } catch {
                local.error("template syntax: \(error)", at: source.location(line: 1, column: 1), in: source)
            }
        }
        guard !local.hasErrors else { return nil }
        let css = assets["assets/style.css"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Templates(library: library, assets: assets, stylesheet: css)
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

    /// Renders page template `name` with `context`, then the layout around it.
    func render(_ name: String, _ context: [String: Any], layout: [String: Any]) -> String {
        let content = library.render(context, withTemplate: name) ?? ""
        var outer = layout
        outer["content"] = content
        return library.render(outer, withTemplate: "layout") ?? content
    }
}
