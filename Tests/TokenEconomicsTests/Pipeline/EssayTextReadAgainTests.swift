import Basics
import Content
import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// A build holds no essay's text from the load to its page: the loader lets each essay's text
/// go once read, keeping what the checks read of it, and its page reads it again from its file,
/// checked against the digest of the bytes the load read (docs/performance.md, "What a build
/// holds"). The pages made from the texts read again: PagesTests' `EssayTextsTests`.
@Suite struct EssayTextReadAgainTests {
    /// A site of two essays: `a` names the model `m` as a word, `b` names none; the report
    /// shows `a`, the first in the index's order (no dates: by address).
    static let site = [
        "content/models.yaml": "as_of: 2027-01-01\nmodels:\n  m: {provider: P, input: 1, output: 2}\n",
        "content/scenarios/plan.yaml": "name: Plan\nstart: 2027-01\nmonths: 2\nusers: {start: 10}\n"
            + "price_per_user: 5\nrun:\n  requests_per_user: 1\n  input_tokens: 1\n  output_tokens: 1\n"
            + "  routing:\n    m: 1\n",
        "content/a.md": "---\ntitle: A\n---\n\nUses `m` daily.\n",
        "content/b.md": "# B\n\nNo model here.\n",
    ]

    static func paths(_ root: URL) -> Paths {
        Paths(
            content: root.appendingPathComponent("content"),
            templates: repositoryRoot.appendingPathComponent("templates"),
            output: root.appendingPathComponent("output"))
    }

    /// The checks that read an essay's links and aliases run after its text went: they read
    /// what the load took of it (`TextMentions`), and their messages quote the lines as written.
    @Test func theChecksOfLinksAndAliasesQuoteTheLinesOnceTheTextIsGone() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var site = Self.site
        site["content/wip.md"] = "---\ndraft: true\n---\nLater.\n"
        site["content/b.md"] = "---\naliases: [index.html]\n---\n# B\n\nSee [the plan](wip.md) and [x](gone.md).\n"
        try write(site, under: root)
        let prepared = try Generator.prepare(Self.paths(root), options: BuildOptions()).get()
        #expect(prepared.content.essays.allSatisfy { !$0.hasText })
        let display = Paths.display(Self.paths(root).content)
        let line = "See [the plan](wip.md) and [x](gone.md)."
        // Columns: `wip.md` starts at 16, `gone.md` at 32 (1-based); the alias at 11 on line 2.
        #expect(
            prepared.diagnostics.sorted.filter { $0.location.file.hasSuffix("/b.md") }.map(\.description) == [
                "\(display)/b.md:2:11: warning: alias 'index.html' is skipped: it would replace the page index.html "
                    + "that the site makes\naliases: [index.html]\n          ^",
                "\(display)/b.md:6:16: warning: links to the draft 'wip', which is not published (build with "
                    + "--drafts to publish drafts)\n\(line)\n               ^",
                "\(display)/b.md:6:32: warning: links to 'gone.md', which is not an essay: there is no 'gone.md' in "
                    + "the content folder\n\(line)\n                               ^",
            ])
    }

    /// `serve` renders essays again as they are saved: it keeps their text.
    @Test func serveKeepsEveryEssaysText() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(Self.site, under: root)
        let prepared = try Generator.prepare(Self.paths(root), options: BuildOptions(), keepingText: true).get()
        let a = try #require(prepared.content.essays.first { $0.slug == "a" })
        #expect(a.hasText && a.body == "\nUses `m` daily.\n")
    }

    /// An essay whose file changes between the load and its page (here, after `prepare`, before
    /// the render) is an error naming the file: nothing of the new build is put in place, and
    /// the last build's site stays whole.
    @Test func anEssayChangedBetweenLoadAndPageIsAnErrorAndTheOldSiteStays() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(Self.site, under: root)
        let paths = Self.paths(root)
        _ = try Generator.build(paths).get()
        let before = snapshot(paths.output)
        #expect(before["essays/a.html"] != nil)
        // A change the last build did not see: the site must be rebuilt.
        try write(["content/b.md": "# B\n\nEdited once.\n"], under: root)

        var prepared = try Generator.prepare(paths, options: BuildOptions()).get()
        // Then, while the build runs, `a.md` changes (a word), and `b.md` is written again
        // with the bytes the load read: only a change of bytes counts.
        try write(["content/a.md": "---\ntitle: A\n---\n\nUses `m` weekly.\n"], under: root)
        try write(["content/b.md": "# B\n\nEdited once.\n"], under: root)
        // (The writer, which holds the output folder's lock, goes before the next build.)
        let result = Generator.write(
            &prepared, into: SiteWriter(output: paths.output), fingerprint: nil, options: BuildOptions())
        guard case .failure(.contentErrors(let diagnostics)) = result else {
            Issue.record("expected the content error, got \(result)")
            return
        }
        let display = Paths.display(paths.content)
        #expect(
            diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "\(display)/a.md:1:1: error: the file changed while the site was being built; nothing was written: "
                    + "build again"
            ])
        // The output folder is as the last build left it: no page of the edited essay, no
        // staging folder.
        #expect(snapshot(paths.output) == before)

        // The next build reads the file as it is now.
        _ = try Generator.build(paths).get()
        let page = String(decoding: snapshot(paths.output)["essays/a.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<p>Uses <code>m</code> weekly.</p>"))
    }

    /// The text is read again as the load read it: a file turned into a symbolic link meanwhile
    /// is refused as at the load, even to a file with the very bytes the load read.
    @Test func anEssayTurnedIntoALinkBeforeItsPageIsRefused() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(Self.site, under: root)
        let paths = Self.paths(root)
        var prepared = try Generator.prepare(paths, options: BuildOptions()).get()
        let a = paths.content.appendingPathComponent("a.md")
        let outside = root.appendingPathComponent("outside.md")
        try FileManager.default.moveItem(at: a, to: outside)
        try FileManager.default.createSymbolicLink(at: a, withDestinationURL: outside)
        let writer = SiteWriter(output: paths.output)
        let result = Generator.write(&prepared, into: writer, fingerprint: nil, options: BuildOptions())
        guard case .failure(.contentErrors(let diagnostics)) = result else {
            Issue.record("expected the content error, got \(result)")
            return
        }
        #expect(
            diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "\(Paths.display(paths.content))/a.md:1:1: error: a symbolic link: only regular files inside the "
                    + "folder are read"
            ])
        // Nothing was put in place: the output folder holds no page.
        #expect(snapshot(paths.output).keys.filter { $0.hasSuffix(".html") }.isEmpty)
    }
}
