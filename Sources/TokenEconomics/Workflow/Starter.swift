import Basics
import Content
import Formats
import Foundation
import Pages

/// `token-economics init` and `new`: a new site from the built-in example, a new scenario or
/// essay from a commented skeleton. Nothing here replaces a file that exists.
public enum Starter {
    public enum Failure: Error, Sendable, Equatable {
        /// Wrong usage: a name that is not a slug (exit status 2).
        case usage(String)
        /// The content has errors, so no skeleton can be fitted to it (exit status 1).
        case content([Diagnostic])
        /// Nothing was written: the folder is not empty, a file exists or cannot be written (exit status 3).
        case refused(String)
    }

    /// Writes a new site into `folder`: `content/` with the example essay, the catalog and two
    /// scenarios, and with `templates`, the default templates in `templates/` to edit. A folder
    /// holding anything but dot files (`.git`) is refused unless `allowNonEmpty`; even then no
    /// file is replaced: if any file init would write exists, nothing is written. Returns the
    /// paths written, relative to `folder`.
    public static func initialize(
        _ folder: URL, templates: Bool, allowNonEmpty: Bool
    ) -> Result<[String], Failure> {
        var files = BuiltIn.example.map { ("content/" + $0.key, $0.value) }
        if templates { files += BuiltIn.templates.map { ("templates/" + $0.key, $0.value) } }
        files.sort { $0.0 < $1.0 }
        let manager = FileManager.default
        let root = folder.standardizedFileURL
        let shown = Paths.display(root)
        if let entries = try? manager.contentsOfDirectory(atPath: root.path) {
            let visible = entries.filter { !$0.hasPrefix(".") }.sorted()
            if !visible.isEmpty && !allowNonEmpty {
                return .failure(
                    .refused(
                        "\(shown) is not empty (\(visible.prefix(3).joined(separator: ", "))"
                            + "\(visible.count > 3 ? ", …" : "")); choose a new folder, or pass --allow-non-empty "
                            + "to add the site beside what is there (no file is ever replaced)"))
            }
        } else if manager.fileExists(atPath: root.path) {
            return .failure(.refused("\(shown) exists and is not a folder"))
        }
        let existing = files.map(\.0).filter { exists(root.appendingPathComponent($0)) }
        guard existing.isEmpty else {
            return .failure(
                .refused(
                    "nothing was written: \(existing.count) of the files exist already ("
                        + existing.prefix(3).joined(separator: ", ") + (existing.count > 3 ? ", …" : "") + ")"))
        }
        for (path, data) in files {
            if let message = create(root.appendingPathComponent(path), data) { return .failure(.refused(message)) }
        }
        return .success(files.map(\.0))
    }

    /// Writes `scenarios/<name>.yaml` into `content`: a commented skeleton that routes to a
    /// model of the content's own catalog, so that it builds as it is. Returns its path.
    public static func newScenario(_ name: String, content: URL) -> Result<String, Failure> {
        guard isValidSlug(name) else { return .failure(.usage(slugMessage(name))) }
        var diagnostics = Diagnostics()
        let models = content.appendingPathComponent("models.yaml")
        guard exists(models) else {
            return .failure(
                .content([
                    Diagnostic(
                        .error, "no models.yaml: the model catalog is required",
                        at: SourceLocation(file: Paths.display(models), line: 1, column: 1))
                ]))
        }
        guard let source = SourceFile.read(models, displayPath: Paths.display(models), diagnostics: &diagnostics),
            let catalog = CatalogLoader.load(source, diagnostics: &diagnostics),
            let model = cheapestLiveModel(catalog)
        else {
            return .failure(.content(diagnostics.sorted.filter { $0.severity == .error }))
        }
        let file = content.appendingPathComponent("scenarios/\(name).yaml")
        return write(scenarioSkeleton(name: name, model: model), to: file)
    }

    /// Writes `<name>.md` into `content`: an essay skeleton dated `date`, a draft until its
    /// author removes the line. Returns its path.
    public static func newEssay(_ name: String, content: URL, date: Day) -> Result<String, Failure> {
        guard isValidSlug(name) else { return .failure(.usage(slugMessage(name))) }
        return write(essaySkeleton(name: name, date: date), to: content.appendingPathComponent("\(name).md"))
    }

    /// The model a new scenario starts on: the one with the lowest output price that does not
    /// retire (ties by id); else the first id.
    static func cheapestLiveModel(_ catalog: Catalog) -> String? {
        let live = catalog.models.values.filter { $0.retires == nil }
        let pool = live.isEmpty ? Array(catalog.models.values) : live
        return pool.min { ($0.output, $0.id) < ($1.output, $1.id) }?.id
    }

    /// `quill-pro` → `Quill pro`.
    static func title(_ name: String) -> String {
        let words = name.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func scenarioSkeleton(name: String, model: String) -> String {
        """
        # \(title(name)): a scenario. Every key is described in docs/content.md of
        # token-economics; the figures below are placeholders to replace with your own.
        name: \(title(name))
        summary: One sentence on what this scenario shows.
        months: 24                  # length of the projection, 1 to 120
        users:
          start: 1000               # users in month 0
          growth: 0.05              # monthly compound growth: 0.05 is 5% a month
        price_per_user: 20          # revenue per user per month, USD
        other_cost_per_user: 2      # hosting, support: USD per user per month
        target_gross_margin: 0.7

        # Tokens spent on every user interaction. Delete this section for a product that only
        # builds with AI.
        run:
          requests_per_user: 100    # per user per month
          input_tokens: 2000        # per request
          output_tokens: 500        # per request, reasoning included
          routing:                  # share of requests per model of models.yaml; shares sum to 1
            \(model): 1

        # Tokens spent to build the product: uncomment to add (a scenario needs build, run or both).
        # build:
        #   developers: 3
        #   tokens_per_developer: 20000000   # per developer per month
        #   model: \(model)
        #   months: 6                        # development months from month 0

        """
    }

    static func essaySkeleton(name: String, date: Day) -> String {
        """
        ---
        title: "\(title(name))"
        date: \(date)
        # A draft is published only by `build --drafts`; delete this line to publish it.
        draft: true
        summary: One sentence for lists and the page's description.
        ---

        Write the essay in Markdown here. Each `##` heading gets an anchor, and two or more
        give the page a table of contents.

        ## A first section

        A bullet list whose items all read `**Label**: one side vs. the other side` becomes a
        comparison table measured across the scenarios; see docs/content.md.

        """
    }

    private static func slugMessage(_ name: String) -> String {
        "'\(name)' is not a name the site can use: lower-case letters, digits and '-' only"
    }

    private static func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    private static func write(_ text: String, to url: URL) -> Result<String, Failure> {
        let shown = Paths.display(url)
        guard !exists(url) else { return .failure(.refused("\(shown) exists; nothing was written")) }
        if let message = create(url, Data(text.utf8)) { return .failure(.refused(message)) }
        return .success(shown)
    }

    /// Creates `url` (and its folders) with `data`, failing rather than replacing a file that
    /// appeared meanwhile. Returns why it could not, or nil.
    private static func create(_ url: URL, _ data: Data) -> String? {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .withoutOverwriting)
            return nil
        } catch {
            return "cannot write \(Paths.display(url)): \(error.localizedDescription)"
        }
    }
}
