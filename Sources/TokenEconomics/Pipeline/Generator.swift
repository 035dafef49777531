import Basics
import Content
import Formats
import Foundation
import Pages
import Views

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

    /// - Parameter keepingText: keep every essay's text (`serve`, which renders essays again
    ///   as they are saved). Otherwise the loader lets each essay's text go as soon as it is read,
    ///   keeping what the checks read of it (`Essay.mentions`), and its page reads it again
    ///   (`ContentLoader.readText(of:)`; docs/performance.md, "What a build holds").
    static func prepare(
        _ paths: Paths, options: BuildOptions,
        preloaded: consuming ContentLoader.Preloaded? = nil, keepingText: Bool = false
    ) -> Result<Prepared, GeneratorFailure> {
        var diagnostics = Diagnostics()
        // The templates are read and parsed on another thread while the content loads.
        let loadingTemplates = Background { () -> (Templates?, Diagnostics) in
            var diagnostics = Diagnostics()
            let templates = Templates.load(
                from: paths.templates, displayPrefix: Paths.display(paths.templates),
                diagnostics: &diagnostics)
            return (templates, diagnostics)
        }
        var content = ContentLoader.load(
            from: paths.content, displayPrefix: Paths.display(paths.content),
            preloaded: preloaded.take(), releasingText: !keepingText, diagnostics: &diagnostics)
        let (templates, templateDiagnostics) = loadingTemplates.result()
        diagnostics.append(contentsOf: templateDiagnostics)
        reportLinksToUnpublishedEssays(content.essays, includeDrafts: options.includeDrafts, diagnostics: &diagnostics)
        EssayLinks.reportMissing(in: content.essays, includeDrafts: options.includeDrafts, diagnostics: &diagnostics)
        var pages: Set<String> = ["index.html", "compare.html", "report.html", "404.html", "sitemap.xml", "feed.xml"]
        pages.formUnion(content.essays.map { "essays/\($0.slug).html" })
        pages.formUnion(content.scenarios.map { "scenarios/\($0.scenario.slug).html" })
        Aliases.check(&content.essays, reserved: pages, diagnostics: &diagnostics)
        let scenarios = computeProjections(content, diagnostics: &diagnostics)
        if let catalogFile = content.catalogFile {
            CatalogWarnings.check(
                catalogFile, scenarios: content.scenarios, priceAgeDays: content.config.priceAgeDays,
                diagnostics: &diagnostics)
        }
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
        return .success(
            Prepared(
                content: content, catalog: catalog, templates: templates, scenarios: scenarios,
                diagnostics: diagnostics))
    }

    /// Projects every scenario (`SiteContent.projectScenarios`), keeping of each its summary.
    static func computeProjections(_ content: SiteContent, diagnostics: inout Diagnostics) -> [ComputedScenario] {
        content.projectScenarios(diagnostics: &diagnostics) { file, projection, catalog in
            ComputedScenario(
                scenario: file.scenario, summary: ScenarioSummary(projection, scenario: file.scenario, catalog: catalog)
            )
        }
    }

    /// Warns where a published essay links to an essay that is not published (a draft without
    /// `--drafts`, or a trashed one): the link would lead nowhere.
    static func reportLinksToUnpublishedEssays(
        _ essays: [Essay], includeDrafts: Bool,
        diagnostics: inout Diagnostics
    ) {
        let isPublished: (Essay) -> Bool = { $0.isPublished(includeDrafts: includeDrafts) }
        let hidden = Dictionary(
            essays.filter { !isPublished($0) }.map { ($0.slug, $0) },
            uniquingKeysWith: { first, _ in first })
        guard !hidden.isEmpty else { return }
        let published = essays.filter(isPublished)
        let found = parallelMap(published.count) { index -> Diagnostics in
            var local = Diagnostics()
            let essay = published[index]
            // Read at the load (`Essay.mentions`): the text may be gone.
            for link in essay.mentions.files {
                guard let target = hidden[link.slug] else { continue }
                let what = target.isTrashed ? "the trashed essay" : "the draft"
                let hint = target.isTrashed ? "" : " (build with --drafts to publish drafts)"
                local.append(
                    essay.warning(
                        "links to \(what) '\(target.slug)', which is not published\(hint)", line: link.line,
                        column: link.column))
            }
            return local
        }
        for local in found { diagnostics.append(contentsOf: local) }
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

    /// The renderer of `prepared`, which hands its content over rather than keeping a copy: the
    /// renderer holds the essays (their text let go, read again at each page, or held by
    /// `serve`) and lets each go once its page is made, so no other copy may keep it to the
    /// end of the build. The scenarios' files, read for diagnostics only, go before the
    /// renderer is made.
    static func makeRenderer(_ prepared: inout Prepared, options: BuildOptions) -> SiteRenderer {
        var content = prepared.content
        prepared.content.essays = []
        prepared.content.scenarios = []
        content.scenarios = []
        return SiteRenderer(
            content: content, catalog: prepared.catalog, scenarios: prepared.scenarios,
            templates: prepared.templates, options: options)
    }

    /// Builds the site into `paths.output`. With any error, the output folder is left untouched.
    public static func build(
        _ paths: Paths, options: BuildOptions = BuildOptions()
    ) -> Result<BuildReport, GeneratorFailure> {
        let writer = SiteWriter(output: paths.output, force: options.force)
        writer.stopAtStep = options.stopAtStep
        do {
            // Taken before the last build's record is read: another build may be writing it.
            try writer.lockIfPresent()
        } catch {
            return .failure(.output(error.description, diagnostics: []))
        }
        var reading = InputFingerprint.compute(paths, options: options)
        let fingerprint = reading.digest
        if let fingerprint, writer.isUpToDate(fingerprint: fingerprint), let previous = writer.previous {
            // The inputs of the last build, which succeeded, and every file it wrote is still
            // there with the bytes it wrote: nothing to do but say again what it said.
            writer.removeLeftovers()
            let pages = previous.files.keys.filter { $0.hasSuffix(".html") }
            return .success(
                BuildReport(
                    pages: pages.count,
                    scenarios: pages.filter { $0.hasPrefix("scenarios/") }.count,
                    files: previous.files.count, written: 0, removed: 0,
                    diagnostics: previous.diagnostics))
        }
        var prepared: Prepared
        let preloaded = reading.content
        reading.content = nil
        switch prepare(paths, options: options, preloaded: consume preloaded) {
        case .failure(let failure): return .failure(failure)
        case .success(let value): prepared = value
        }
        return write(&prepared, into: writer, fingerprint: fingerprint, options: options)
    }

    /// Renders `prepared` into `writer` and puts the site in place: the half of `build` after
    /// the content is loaded and checked. An essay whose file changed since the load (its
    /// page reads its text again) is an error: nothing is put in place.
    static func write(
        _ prepared: inout Prepared, into writer: SiteWriter, fingerprint: String?, options: BuildOptions
    ) -> Result<BuildReport, GeneratorFailure> {
        let diagnostics = prepared.diagnostics.sorted
        let renderer = makeRenderer(&prepared, options: options)
        do {
            try writer.begin()
            let count = renderer.render(into: writer)
            let unread = renderer.unreadTexts
            guard unread.isEmpty else {
                writer.abandon()
                return .failure(.contentErrors((diagnostics + unread).sorted()))
            }
            // Without a fingerprint (a file could not be read twice) the next build starts afresh.
            let summary = try writer.finish(fingerprint: fingerprint, diagnostics: diagnostics)
            return .success(
                BuildReport(
                    pages: writer.writtenPaths.filter { $0.hasSuffix(".html") }.count,
                    scenarios: prepared.scenarios.count,
                    files: count,
                    written: summary.written,
                    removed: summary.removed,
                    diagnostics: diagnostics))
        } catch {
            return .failure(.output(error.description, diagnostics: diagnostics))
        }
    }
}
