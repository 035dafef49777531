import Foundation

/// Where the generator reads and writes.
public struct Paths: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL

    public init(content: URL, templates: URL, output: URL) {
        self.content = content
        self.templates = templates
        self.output = output
    }

    /// How a folder is named in messages: relative to the working directory when inside it.
    static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path == cwd { return "." }
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var pages: Int
    public var scenarios: Int
    public var files: Int
    public var written: Int
    public var removed: Int
    public var diagnostics: [Diagnostic]
}

/// Why a build or check stopped.
public enum GeneratorFailure: Error, Sendable {
    /// The content has errors (exit status 1); nothing was written.
    case contentErrors([Diagnostic])
    /// The output could not be written (exit status 3).
    case output(String, diagnostics: [Diagnostic])
}

/// The pipeline: load content, compute the model, render pages, write the site.
public enum Generator {
    /// Everything up to rendering, shared by `build` and `check`.
    struct Prepared {
        var content: SiteContent
        var catalog: Catalog
        var templates: Templates
        var scenarios: [ComputedScenario]
        var diagnostics: Diagnostics
    }

    static func prepare(_ paths: Paths, options: BuildOptions) -> Result<Prepared, GeneratorFailure> {
        var diagnostics = Diagnostics()
        let content = ContentLoader.load(from: paths.content, displayPrefix: Paths.display(paths.content),
                                         diagnostics: &diagnostics)
        let templates = Templates.load(from: paths.templates, displayPrefix: Paths.display(paths.templates),
                                       diagnostics: &diagnostics)
        let scenarios = computeProjections(content, diagnostics: &diagnostics)
        reportLinksToUnpublishedEssays(content.essays, includeDrafts: options.includeDrafts, diagnostics: &diagnostics)
        if options.strict {
            var strict = Diagnostics()
            for var diagnostic in diagnostics.all {
                if diagnostic.severity == .warning {
                    diagnostic.severity = .error
                    diagnostic.message += " [--strict]"
                }
                strict.append(diagnostic)
            }
            diagnostics = strict
        }
        guard !diagnostics.hasErrors, let catalog = content.catalog, let templates else {
            return .failure(.contentErrors(diagnostics.sorted))
        }
        return .success(Prepared(content: content, catalog: catalog, templates: templates, scenarios: scenarios,
                                 diagnostics: diagnostics))
    }

    /// Projects every scenario, turning the model's warnings into diagnostics at their inputs.
    static func computeProjections(_ content: SiteContent, diagnostics: inout Diagnostics) -> [ComputedScenario] {
        guard let catalog = content.catalog else { return [] }
        return content.scenarios.sorted { $0.scenario.slug < $1.scenario.slug }.map { file in
            let projection = Projection(scenario: file.scenario, catalog: catalog)
            for warning in projection.warnings {
                diagnostics.warning(warning.message, at: file.location(of: warning.subject), in: file.source)
            }
            return ComputedScenario(file: file, projection: projection)
        }
    }

    /// Warns where a published essay links to an essay that is not published (a draft without
    /// `--drafts`, or a trashed one): the link would lead nowhere.
    static func reportLinksToUnpublishedEssays(_ essays: [Essay], includeDrafts: Bool,
                                               diagnostics: inout Diagnostics) {
        let isPublished: (Essay) -> Bool = { !$0.isTrashed && (includeDrafts || !$0.isDraft) }
        let hidden = essays.filter { !isPublished($0) }
        guard !hidden.isEmpty else { return }
        for essay in essays where isPublished(essay) {
            var lineNumber = 0
            for line in essay.source.text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                for target in hidden {
                    for suffix in [".html", ".md"] {
                        guard let column = linkColumn(in: String(line), to: target.slug + suffix) else { continue }
                        let what = target.isTrashed ? "the trashed essay" : "the draft"
                        let hint = target.isTrashed ? "" : " (build with --drafts to publish drafts)"
                        diagnostics.warning("links to \(what) '\(target.slug)', which is not published\(hint)",
                                            at: essay.source.location(line: lineNumber, column: column), in: essay.source)
                    }
                }
            }
        }
    }

    /// The 1-based column of a link destination naming `file` (`(file`, `/file`, `"file`), or nil.
    static func linkColumn(in line: String, to file: String) -> Int? {
        var search = line.startIndex..<line.endIndex
        while let found = line.range(of: file, range: search) {
            let before = found.lowerBound == line.startIndex ? nil : line[line.index(before: found.lowerBound)]
            let after = found.upperBound == line.endIndex ? nil : line[found.upperBound]
            if let before, "(/\"'<".contains(before), after.map({ ")#\"' >".contains($0) }) ?? true {
                return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex,
                                                    to: found.lowerBound.samePosition(in: line.unicodeScalars)
                                                        ?? line.unicodeScalars.startIndex) + 1
            }
            search = found.upperBound..<line.endIndex
        }
        return nil
    }

    /// Validates content, catalog and templates and computes every scenario; writes nothing.
    public static func check(_ paths: Paths, options: BuildOptions = BuildOptions()) -> [Diagnostic] {
        switch prepare(paths, options: options) {
        case .failure(.contentErrors(let diagnostics)), .failure(.output(_, let diagnostics)):
            return diagnostics
        case .success(let prepared):
            return prepared.diagnostics.sorted
        }
    }

    /// Builds the site into `paths.output`. With any error, the output folder is left untouched.
    public static func build(_ paths: Paths, options: BuildOptions = BuildOptions()) -> Result<BuildReport, GeneratorFailure> {
        let prepared: Prepared
        switch prepare(paths, options: options) {
        case .failure(let failure): return .failure(failure)
        case .success(let value): prepared = value
        }
        let renderer = SiteRenderer(content: prepared.content, catalog: prepared.catalog,
                                    scenarios: prepared.scenarios, templates: prepared.templates, options: options)
        let files = renderer.render()
        do {
            let summary = try SiteWriter(output: paths.output).write(files)
            return .success(BuildReport(
                pages: files.keys.filter { $0.hasSuffix(".html") }.count,
                scenarios: prepared.scenarios.count,
                files: files.count,
                written: summary.written,
                removed: summary.removed,
                diagnostics: prepared.diagnostics.sorted))
        } catch {
            return .failure(.output(error.description, diagnostics: prepared.diagnostics.sorted))
        }
    }
}
