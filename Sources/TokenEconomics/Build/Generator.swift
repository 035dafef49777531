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

    /// Validates content, catalog and templates, and renders in memory; writes nothing.
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
