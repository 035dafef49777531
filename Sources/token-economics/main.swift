import ArgumentParser
import Foundation
import TokenEconomics
import Tools

#if Serve
    import Serve
#endif

/// Exit statuses (README, "The command line"), decided here and nowhere else; 0 is `.success`.
extension ExitCode {
    static let contentErrors = ExitCode(1)
    static let usage = ExitCode(2)
    static let outputFailure = ExitCode(3)
}

struct Locations: ParsableArguments {
    @Option(help: "The content folder: essays, site.yaml, models.yaml, scenarios/.")
    var content = "content"

    @Option(help: "The templates folder (default: templates/ when there is one); its files replace the built-in ones.")
    var templates: String?

    @Flag(help: "Publish drafts too.")
    var drafts = false

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func validate() throws {
        var isFolder: ObjCBool = false
        if let templates,
            !(FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder) && isFolder.boolValue)
        {
            throw ValidationError("--templates \(templates): no such folder")
        }
    }

    func paths(output: String) -> Paths {
        Paths(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates ?? "templates"),
            output: URL(fileURLWithPath: output))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the strategy site.")

    @OptionGroup var locations: Locations

    @Option(help: "Where to write the site.")
    var output = "output"

    @Option(name: .customLong("base-url"), help: "The URL the site is served from; adds sitemap.xml and feed.xml.")
    var baseURL: String?

    @Flag(help: "Replace files at the site's paths that the build did not write.")
    var force = false

    func validate() throws {
        if let baseURL, let problem = SiteConfig.baseURLProblem(baseURL) {
            throw ValidationError("--base-url \(problem)")
        }
        if let problem = Paths.outputProblem(
            output: output, content: locations.content, templates: locations.templates ?? "templates")
        {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        var options = BuildOptions(
            includeDrafts: locations.drafts,
            baseURL: baseURL.map(SiteConfig.normalizedBaseURL),
            strict: locations.strict)
        options.force = force
        switch Generator.build(locations.paths(output: output), options: options) {
        case .success(let report):
            printDiagnostics(report.diagnostics)
            let elapsed = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            let warnings = report.diagnostics.filter { $0.severity == .warning }.count
            print(
                "Built \(report.pages) pages, \(report.scenarios) scenarios, \(warnings) warning"
                    + "\(warnings == 1 ? "" : "s") in \(elapsed) ms into \(output)/ "
                    + "(\(report.written) written, \(report.files - report.written) unchanged, \(report.removed) removed)"
            )
        case .failure(.contentErrors(let diagnostics)):
            printDiagnostics(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            printError("Nothing was written: \(errors) error\(errors == 1 ? "" : "s").")
            throw ExitCode.contentErrors
        case .failure(.output(let message, let diagnostics)):
            printDiagnostics(diagnostics)
            printError("error: \(message)")
            throw ExitCode.outputFailure
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate content, catalog and templates; write nothing.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, github, gitlab
    }

    @OptionGroup var locations: Locations

    @Option(help: "text; json; github (workflow annotations); gitlab (a code-quality report).")
    var format: OutputFormat = .text

    func run() throws {
        let diagnostics = Generator.check(
            locations.paths(output: "output"),
            options: BuildOptions(
                includeDrafts: locations.drafts,
                strict: locations.strict))
        switch format {
        case .text:
            printDiagnostics(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        case .json:
            print(diagnosticsJSON(diagnostics))
        case .github:
            print(Annotations.github(diagnostics), terminator: "")
        case .gitlab:
            print(Annotations.gitlab(diagnostics), terminator: "")
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.contentErrors }
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site on this machine, rebuilding and reloading pages as you edit.")

    @Option(help: "The content folder: essays, site.yaml, models.yaml, scenarios/.")
    var content = "content"

    @Option(help: "The templates folder: Mustache templates and assets/.")
    var templates = "templates"

    @Flag(help: "Publish drafts too.")
    var drafts = false

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 1313

    @Option(help: "The address to listen on; anything but loopback opens the site to the network.")
    var host = "127.0.0.1"

    @Flag(help: "Open the site in the default browser.")
    var open = false

    func run() throws {
        #if Serve
            try serve()
        #else
            // A binary built without the trait "Serve" (`make site`'s, docs/performance.md).
            printError(
                "error: serve is not in this binary (built without the trait Serve, as make site builds it); "
                    + "make release builds one with serve")
            throw ExitCode.usage
        #endif
    }

    #if Serve
        func serve() throws {
            let configuration = PreviewServer.Configuration(
                content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
                includeDrafts: drafts, host: host, port: port)
            do {
                let server = try PreviewServer(configuration) { printError($0) }
                let open = self.open
                try server.serveUntilInterrupted { _ in
                    FileHandle.standardOutput.write(Data("Serving \(server.url) (Ctrl-C to stop)\n".utf8))
                    if open { openInBrowser(server.url) }
                }
            } catch {
                printError("error: \(error)")
                throw ExitCode.outputFailure
            }
        }

        func openInBrowser(_ url: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            #if os(macOS)
                process.arguments = ["open", url]
            #else
                process.arguments = ["xdg-open", url]
            #endif
            try? process.run()
        }
    #endif
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a change does to the economics: BASE against --content, scenario by scenario.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "Another content folder, or the output folder of an earlier build.")
    var base: String

    @Option(help: "The content folder (or a build's output folder) compared with BASE.")
    var content = "content"

    @Option(help: "text, markdown (a pull-request comment) or json.")
    var format: OutputFormat = .text

    @Option(
        name: .customLong("fail-on-margin-drop"),
        help: "Exit 1 when a scenario's gross margin falls by more than this fraction (0.02: two points).")
    var failOnMarginDrop: Double?

    func validate() throws {
        if let failOnMarginDrop, !(failOnMarginDrop.isFinite && failOnMarginDrop >= 0) {
            throw ValidationError("--fail-on-margin-drop must be a fraction of 0 or more, such as 0.02")
        }
    }

    func run() throws {
        let before = try load(base), after = try load(content)
        let diff = EconomicsDiff(base: before, head: after)
        switch format {
        case .text: print(diff.text, terminator: "")
        case .markdown: print(diff.markdown, terminator: "")
        case .json: print(diff.json, terminator: "")
        }
        guard let failOnMarginDrop else { return }
        let drops = diff.marginDrops(over: failOnMarginDrop)
        for drop in drops {
            printError(
                "error: \(drop.slug): \(diff.marginFall(drop)), more than --fail-on-margin-drop \(failOnMarginDrop)")
        }
        if !drops.isEmpty { throw ExitCode.contentErrors }
    }

    private func load(_ folder: String) throws -> EconomicsSnapshot {
        switch EconomicsSnapshot.load(URL(fileURLWithPath: folder)) {
        case .success(let snapshot): return snapshot
        case .failure(.notASite(let message)):
            printError("error: " + message)
            throw ExitCode.usage
        case .failure(.errors(let diagnostics)):
            printDiagnostics(diagnostics)
            throw ExitCode.contentErrors
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site in DIR: content with an essay, the catalog and two scenarios.")

    @Argument(help: "The folder of the new site; created if need be, refused if not empty.")
    var directory: String

    @Flag(help: "Also write the default templates into DIR/templates/, to edit.")
    var templates = false

    @Flag(name: .customLong("allow-non-empty"), help: "Write into a folder that holds files; none is ever replaced.")
    var allowNonEmpty = false

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let written = try finish(
            Starter.initialize(folder, templates: templates, allowNonEmpty: allowNonEmpty))
        print("Wrote \(written.count) files into \(directory)/. Next: cd \(directory) && token-economics build")
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a scenario or an essay: a commented skeleton that builds as it is.",
        subcommands: [Scenario.self, Essay.self])

    struct Scenario: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write content/scenarios/NAME.yaml.")

        @Argument(help: "The scenario's slug: lower-case letters, digits and '-'.")
        var name: String

        @Option(help: "The content folder.")
        var content = "content"

        func run() throws {
            print("Wrote " + (try finish(Starter.newScenario(name, content: URL(fileURLWithPath: content)))))
        }
    }

    struct Essay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write content/NAME.md, a draft dated today.")

        @Argument(help: "The essay's slug: lower-case letters, digits and '-'.")
        var name: String

        @Option(help: "The content folder.")
        var content = "content"

        func run() throws {
            guard let today = todayInUTC() else { throw ExitCode.outputFailure }
            print("Wrote " + (try finish(Starter.newEssay(name, content: URL(fileURLWithPath: content), date: today))))
        }
    }
}

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the model catalog, or keep it true from LiteLLM's price map.",
        subcommands: [List.self, Sync.self, Add.self])

    struct Options: ParsableArguments {
        @Option(help: "The content folder holding models.yaml.")
        var content = "content"

        var contentURL: URL { URL(fileURLWithPath: content) }
    }

    struct MapOptions: ParsableArguments {
        @Option(
            name: .customLong("from"), help: "A price map in LiteLLM's format (model_prices_and_context_window.json).")
        var map: String

        @Option(
            name: .customLong("as-of"),
            help: "The date written into changed models' as_of (YYYY-MM-DD; default today, UTC).")
        var asOf: String?

        @Option(name: .customLong("cite"), help: "What changed models' source names before the map key.")
        var citation = CatalogSync.defaultCitation

        func date() throws -> Day {
            if let asOf {
                guard let day = Day(asOf) else { throw ValidationError("--as-of must be a date written YYYY-MM-DD") }
                return day
            }
            guard let today = todayInUTC() else {
                throw ValidationError("cannot tell today's date; give --as-of")
            }
            return today
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The catalog as a table, or as JSON.")

        @OptionGroup var options: Options

        @Option(help: "text or json.")
        var format: Check.OutputFormat = .text

        func run() throws {
            let (catalog, diagnostics) = CatalogTool.loadCatalog(content: options.contentURL)
            printDiagnostics(diagnostics)
            guard let catalog else { throw ExitCode.contentErrors }
            print(format == .json ? CatalogList.json(catalog) : CatalogList.text(catalog), terminator: "")
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare prices and retirement dates with a price map; --write puts the map's values in.")

        @OptionGroup var options: Options
        @OptionGroup var map: MapOptions

        @Flag(help: "Rewrite the values that differ in models.yaml, in place.")
        var write = false

        @Flag(help: "Exit with status 1 when any value differs (for a scheduled CI job).")
        var check = false

        func run() throws {
            let outcome = CatalogTool.sync(
                content: options.contentURL, mapPath: map.map, write: write, asOf: try map.date(),
                citation: map.citation)
            printDiagnostics(outcome.diagnostics)
            print(outcome.summary)
            if outcome.writeFailed { throw ExitCode.outputFailure }
            if outcome.hasErrors || (check && outcome.differences > 0) { throw ExitCode.contentErrors }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append a model of the price map to models.yaml.")

        @OptionGroup var options: Options

        @Argument(help: "The model's key in the price map, e.g. gpt-5.4-mini.")
        var key: String

        @OptionGroup var map: MapOptions

        @Option(name: .customLong("as"), help: "The id in the catalog (default: the key, lower case, '.' as '-').")
        var name: String?

        func run() throws {
            let outcome = CatalogTool.add(
                content: options.contentURL, key: key, as: name, mapPath: map.map, asOf: try map.date(),
                citation: map.citation)
            printDiagnostics(outcome.diagnostics)
            if outcome.writeFailed { printError("error: \(outcome.summary)"); throw ExitCode.outputFailure }
            print(outcome.summary)
            if outcome.hasErrors { throw ExitCode.contentErrors }
        }
    }
}

/// The value of a `Starter` result, or its failure reported with its exit status.
func finish<Value>(_ result: Result<Value, Starter.Failure>) throws -> Value {
    switch result {
    case .success(let value): return value
    case .failure(.usage(let message)): throw ValidationError(message)
    case .failure(.content(let diagnostics)):
        printDiagnostics(diagnostics)
        throw ExitCode.contentErrors
    case .failure(.refused(let message)):
        printError("error: " + message)
        throw ExitCode.outputFailure
    }
}

struct TokenEconomicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token-economics",
        abstract: "Turns an essay on AI token economics and scenario files into a strategy site.",
        subcommands: [Build.self, Check.self, CatalogCommand.self, Diff.self, Init.self, New.self, Serve.self],
        defaultSubcommand: Build.self)
}

/// Today in UTC: the date of a new essay (`new essay`) and the default of `catalog`'s
/// `--as-of`; the only place the program reads the clock for a date (a build never does).
func todayInUTC() -> Day? {
    var now = time(nil)
    var parts = tm()
    guard gmtime_r(&now, &parts) != nil else { return nil }
    return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { printError(diagnostic.description) }
}

do {
    var command = try TokenEconomicsCommand.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    TokenEconomicsCommand.exit(withError: code)
} catch {
    // Help and version go to standard output with status 0; any other usage error is status 2
    // (ArgumentParser's own would be 64).
    if TokenEconomicsCommand.exitCode(for: error) == .success {
        print(TokenEconomicsCommand.fullMessage(for: error))
        TokenEconomicsCommand.exit()
    }
    printError(TokenEconomicsCommand.fullMessage(for: error))
    TokenEconomicsCommand.exit(withError: ExitCode.usage)
}
