import Basics
import CostModel
import Foundation

/// Everything read from a content folder.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var catalog: Catalog? { catalogFile?.catalog }
    /// `models.yaml` with where each model is written; nil when it has errors.
    public var catalogFile: CatalogFile?
    public var scenarios: [ScenarioFile]
    /// Every essay, trashed and draft ones included; the site decides what to publish.
    public var essays: [Essay]

    package init(config: SiteConfig, catalogFile: CatalogFile?, scenarios: [ScenarioFile], essays: [Essay]) {
        self.config = config
        self.catalogFile = catalogFile
        self.scenarios = scenarios
        self.essays = essays
    }
}

/// Reads a content folder: `site.yaml`, `models.yaml`, `scenarios/*.yaml` and every other `*.md`.
public enum ContentLoader {
    /// A content folder already listed (`listFiles`), with the bytes of the files `load` reads.
    package struct Preloaded {
        package var listing: FolderListing
        package var data: [String: Data]

        package init(listing: FolderListing, data: [String: Data]) {
            self.listing = listing
            self.data = data
        }
    }

    /// Reads `directory`. Paths in diagnostics are shown as `displayPrefix/relative/path`.
    /// Each file's bytes in `preloaded` are let go as soon as they are decoded, so that no
    /// moment holds every file both as bytes and as text (docs/performance.md).
    /// - Parameter releasingText: let each essay's text go once it is read (`Essay.releaseText()`),
    ///   keeping what the checks read of it (`Essay.mentions`): a build's pages read it again.
    package static func load(
        from directory: URL, displayPrefix: String, preloaded: consuming Preloaded? = nil,
        releasingText: Bool = false, diagnostics: inout Diagnostics
    ) -> SiteContent {
        let listing = preloaded?.listing ?? FolderListing(of: directory)
        let unread = Locked(preloaded?.data ?? [:])
        preloaded = nil
        let files = listing.files
        let folder = listing.root
        func display(_ relative: String) -> String { displayPrefix.isEmpty ? relative : displayPrefix + "/" + relative }
        listing.report(folderName: "content", displayPrefix: displayPrefix, diagnostics: &diagnostics)
        guard listing.exists else {
            return SiteContent(config: SiteConfig(), catalogFile: nil, scenarios: [], essays: [])
        }
        typealias Read = (source: SourceText, digest: UInt64)
        func read(_ relative: String, into diagnostics: inout Diagnostics) -> Read? {
            Self.read(
                relative, in: folder, displayPath: display(relative),
                preloaded: unread.withLock({ $0.removeValue(forKey: relative) }), diagnostics: &diagnostics)
        }

        var config = SiteConfig()
        if files.contains("site.yaml"), let source = read("site.yaml", into: &diagnostics)?.source {
            config = SiteConfig.load(source, diagnostics: &diagnostics)
        }

        var catalogFile: CatalogFile?
        // With errors in the catalog, scenarios are still checked against the models it names.
        var referenceCatalog: Catalog?
        if files.contains("models.yaml") {
            if let source = read("models.yaml", into: &diagnostics)?.source {
                let loaded = CatalogLoader.read(source, diagnostics: &diagnostics)
                catalogFile = loaded.file
                referenceCatalog = loaded.references
            }
        } else {
            diagnostics.error(
                "no models.yaml: the model catalog is required",
                at: SourceLocation(file: display("models.yaml"), line: 1, column: 1))
        }

        // Decide what each file is, then read and parse them on every core.
        enum Job { case scenario(String, slug: String), essay(String, slug: String) }
        var jobs: [Job] = []
        for relative in files {
            let isScenario = relative.hasPrefix("scenarios/")
            let name = relative.lastIndex(of: "/").map { String(relative[relative.index(after: $0)...]) } ?? relative
            let slug = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
            if isScenario && (relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")) {
                guard !relative.dropFirst("scenarios/".count).contains("/") else { continue }
                guard isValidSlug(slug) else {
                    diagnostics.error(
                        "scenario file name '\(name)' must be lower-case letters, digits and '-' "
                            + "followed by .yaml, at most \(maximumSlugLength) characters before it",
                        at: SourceLocation(file: display(relative), line: 1, column: 1))
                    continue
                }
                jobs.append(.scenario(relative, slug: slug))
            } else if !isScenario && relative.hasSuffix(".md") {
                // The address is the path, made URL-safe; only two files with one address collide.
                guard let address = EssayAddress.address(of: relative) else {
                    diagnostics.error(
                        "the path '\(relative)' has a folder or file name with no letter or digit, "
                            + "so it cannot make a page address; rename it",
                        at: SourceLocation(file: display(relative), line: 1, column: 1))
                    continue
                }
                jobs.append(.essay(relative, slug: address))
            }
        }
        let loaded = parallelMap(jobs.count) { index -> (ScenarioFile?, Essay?, Diagnostics) in
            var local = Diagnostics()
            switch jobs[index] {
            case let .scenario(relative, slug):
                guard let source = read(relative, into: &local)?.source else { return (nil, nil, local) }
                let file = ScenarioLoader.load(source, slug: slug, catalog: referenceCatalog, diagnostics: &local)
                return (file, nil, local)
            case let .essay(relative, slug):
                guard let (source, digest) = read(relative, into: &local) else { return (nil, nil, local) }
                var essay = EssayLoader.load(source, slug: slug, diagnostics: &local)
                essay?.path = relative
                essay?.origin = TextOrigin(root: folder, digest: digest)
                if releasingText { essay?.releaseText() }
                if essay?.hasOwnTitle == false { essay?.title = defaultTitle(relative) }
                return (nil, essay, local)
            }
        }
        // Room for every file at once: kept to the end of the load, not grown by doubling.
        var scenarios: [ScenarioFile] = []
        scenarios.reserveCapacity(loaded.count { $0.0 != nil })
        var essays: [Essay] = []
        essays.reserveCapacity(loaded.count { $0.1 != nil })
        // Only two files with one address collide (after `slug` keys), named both; the first in
        // path order keeps the address.
        var addresses: [String: String] = [:]
        for (scenario, essay, local) in loaded {
            if let scenario { scenarios.append(scenario) }
            diagnostics.append(contentsOf: local)
            guard var essay else { continue }
            if let slug = essay.slugKey {
                let parent = EssayAddress.parent(of: essay.slug)
                essay.slug = parent.isEmpty ? slug : parent + "/" + slug
            }
            if let long = essay.slug.split(separator: "/").first(where: { $0.utf8.count > maximumSlugLength }) {
                // A file name has at most 255 bytes; this leaves room and is checked before any work.
                diagnostics.error(
                    "the page address segment '\(long.prefix(20))…' is \(long.utf8.count) bytes, over the limit of "
                        + "\(maximumSlugLength); rename the file or set a shorter 'slug'",
                    at: SourceLocation(file: display(essay.path), line: 1, column: 1))
                continue
            }
            if let other = addresses[essay.slug] {
                diagnostics.error(
                    "\(display(other)) and \(display(essay.path)) both make the page essays/\(essay.slug).html; "
                        + "rename one or set another 'slug' (docs/content.md: folders and addresses)",
                    at: SourceLocation(file: display(essay.path), line: 1, column: 1))
                continue
            }
            addresses[essay.slug] = essay.path
            essays.append(essay)
        }
        let slugs = Set(scenarios.map(\.scenario.slug))
        if slugs.count != scenarios.count {
            for slug in slugs where scenarios.filter({ $0.scenario.slug == slug }).count > 1 {
                for file in scenarios where file.scenario.slug == slug {
                    diagnostics.error(
                        "two scenario files have the slug '\(slug)'",
                        at: file.source.location(line: 1, column: 1))
                }
            }
        }
        return SiteContent(config: config, catalogFile: catalogFile, scenarios: scenarios, essays: essays)
    }

    /// Why a file read again does not give the bytes the load read.
    static let changedMessage = "the file changed while the site was being built; nothing was written: build again"

    /// The text of the content file `relative` below `root` (the content folder's real path),
    /// with the digest (`FNV1a`) of its bytes: from `preloaded` when the caller read them
    /// already, else from the file, opened as `SourceFile` opens every source (a regular file,
    /// no symbolic link, at most 1 MiB). The one way content is read: by the load, and by
    /// `readText(of:)` when an essay's page reads its text again.
    /// - Parameter expected: the digest the bytes must have; other bytes are an error naming the file.
    package static func read(
        _ relative: String, in root: String, displayPath: String, preloaded: Data? = nil, expected: UInt64? = nil,
        diagnostics: inout Diagnostics
    ) -> (source: SourceText, digest: UInt64)? {
        let data: Data
        if let preloaded {
            data = preloaded
        } else {
            switch SourceFile.bytes(atPath: root + "/" + relative) {
            case .success(let bytes): data = bytes
            case .failure(let problem):
                diagnostics.error(problem.description, at: SourceLocation(file: displayPath, line: 1, column: 1))
                return nil
            }
        }
        var hash = FNV1a()
        hash.add(bytes: data)
        if let expected, hash.value != expected {
            diagnostics.error(changedMessage, at: SourceLocation(file: displayPath, line: 1, column: 1))
            return nil
        }
        guard let source = SourceFile.decode(data, displayPath: displayPath, diagnostics: &diagnostics) else {
            return nil
        }
        return (source, hash.value)
    }

    /// `essay` with its text, read again from its file when it was let go (`Essay.releaseText()`)
    /// and checked against the digest of the bytes the load read: a file changed since, or gone,
    /// is an error naming it (nil), never a page of other bytes than the ones checked.
    package static func readText(of essay: Essay, diagnostics: inout Diagnostics) -> Essay? {
        guard !essay.hasText else { return essay }
        guard let origin = essay.origin,
            let (source, _) = read(
                essay.path, in: origin.root, displayPath: essay.source.path, expected: origin.digest,
                diagnostics: &diagnostics)
        else { return nil }
        var essay = essay
        guard essay.restoreText(source.text) else {
            diagnostics.error(changedMessage, at: SourceLocation(file: essay.source.path, line: 1, column: 1))
            return nil
        }
        return essay
    }

    /// An essay's title when neither its front matter nor a `#` heading gives one: its file's
    /// name as written, or its folder's for a folder's own page (`guides/Front Matter/index.md`
    /// → `Front Matter`).
    package static func defaultTitle(_ relative: String) -> String {
        var segments = relative.split(separator: "/").map(String.init)
        guard var last = segments.popLast() else { return relative }
        if last.hasSuffix(".md") { last.removeLast(3) }
        guard EssayAddress.folderPageNames.contains(last.lowercased()) else { return last }
        return segments.last ?? last
    }

    /// True for the files `load` reads: `site.yaml`, `models.yaml`, scenarios and essays.
    package static func reads(_ relative: String) -> Bool {
        relative.hasSuffix(".md") || relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")
    }

    /// Relative paths of the regular files below `directory`, sorted, hidden files (`.name`) left out.
    package static func listFiles(in directory: URL) -> [String] { FolderListing(of: directory).files }
}
