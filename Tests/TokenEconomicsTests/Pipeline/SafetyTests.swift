import Foundation
import Testing
import TestSupport

@testable import Pages
@testable import TokenEconomics

/// Every file below `folder` (hidden ones too, links as they are), by relative path.
func snapshot(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
    while let relative = walker.nextObject() as? String {
        let path = folder.path + "/" + relative
        var info = stat()
        guard lstat(path, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFREG: files[relative] = FileManager.default.contents(atPath: path) ?? Data()
        case S_IFLNK:
            files[relative] = Data(
                ("link -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "")).utf8)
        default: continue
        }
    }
    return files
}

/// A copy of the fixture site's content in a temporary folder, the repository's templates, and
/// an output folder beside them.
struct Sandbox {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("output") }
    let templates = repositoryRoot.appendingPathComponent("templates")

    init() throws {
        root = try makeTemporaryFolder()
        try FileManager.default.copyItem(at: fixturesRoot.appendingPathComponent("site/content"), to: content)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func build(_ extra: [String] = [], output: URL? = nil, prefix: String? = nil) throws -> ProgramRun {
        try runProgram(
            [
                "build", "--content", content.path, "--templates", templates.path, "--output",
                (output ?? self.output).path,
            ]
                + extra, prefix: prefix)
    }

    func write(_ text: String, to relative: String, in folder: URL? = nil) throws {
        let url = (folder ?? root).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String, in folder: URL? = nil) -> String? {
        FileManager.default.contents(atPath: (folder ?? output).appendingPathComponent(relative).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The site a clean build of the content as it is now gives, built beside the sandbox.
    func cleanBuild() throws -> [String: Data] {
        let clean = root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        let run = try build(output: clean)
        #expect(run.status == 0, "clean build failed: \(run.errors)")
        return snapshot(clean)
    }
}

/// Issue 11: hostile content and any output folder. Each test drives the real program where
/// the behaviour is the program's (links, users' files, locks, exit statuses).
@Suite struct SafetyTests {
    // MARK: 1. Nothing outside the content folder is read

    @Test func linksInTheContentFolderAreRefusedAndTheirTargetsNeverShown() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("root:x:0:0:TOPSECRET:/root:/bin/bash\n", to: "secret.txt")
        try box.write("# TOPSECRET essay\n", to: "elsewhere/hidden.md")
        let secret = box.root.appendingPathComponent("secret.txt").path
        try FileManager.default.createSymbolicLink(
            atPath: box.content.appendingPathComponent("leak.md").path, withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(
            atPath: box.content.appendingPathComponent("scenarios/leak.yaml").path, withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(
            atPath: box.content.appendingPathComponent("notes").path,
            withDestinationPath: box.root.appendingPathComponent("elsewhere").path)
        let run = try box.build()
        #expect(run.status == 1)
        let shown = run.errors.replacingOccurrences(of: box.content.path + "/", with: "")
        #expect(
            shown.contains("leak.md:1:1: error: a symbolic link: only regular files inside the content folder are read")
        )
        #expect(shown.contains("scenarios/leak.yaml:1:1: error: a symbolic link: only regular files inside"))
        #expect(shown.contains("notes:1:1: error: a symbolic link: only regular files inside"))
        #expect(!run.errors.contains("TOPSECRET"))
        #expect(!FileManager.default.fileExists(atPath: box.output.path))
    }

    @Test func linksInTheTemplatesFolderAreRefused() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let templates = box.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: box.templates, to: templates)
        try box.write("TOPSECRET {{\n", to: "secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: templates.appendingPathComponent("assets/extra.css").path,
            withDestinationPath: box.root.appendingPathComponent("secret.txt").path)
        let diagnostics = Generator.check(Paths(content: box.content, templates: templates, output: box.output))
        #expect(
            diagnostics.map(\.description) == [
                "\(templates.path)/assets/extra.css:1:1: error: a symbolic link: only regular files inside the "
                    + "templates folder are read"
            ])
    }

    // MARK: 4. Limits checked before any work

    @Test func pipesAndHugeFilesAreRefusedWithoutReadingThem() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(mkfifo(box.content.appendingPathComponent("pipe.md").path, 0o644) == 0)
        // A sparse 3 GiB file: reading it would need 3 GiB of memory, which the limit below refuses.
        let huge = box.content.appendingPathComponent("huge.md").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 3 << 30) == 0)
        let run = try box.build(prefix: "ulimit -v 2000000;")
        #expect(run.status == 1)
        let shown = run.errors.replacingOccurrences(of: box.content.path + "/", with: "")
        #expect(shown.contains("huge.md:1:1: error: file is 3221225472 bytes, over the limit of 1048576 bytes (1 MiB)"))
        #expect(
            shown.contains("pipe.md:1:1: error: a named pipe: only regular files inside the content folder are read"))
    }

    @Test func longSlugsAreRefusedBeforeAnythingIsWritten() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let slug = String(repeating: "a", count: 101)
        try box.write("# Long\n", to: "content/\(slug).md")
        try box.write("# Long\n", to: "content/short.md")
        try box.write("---\nslug: \(String(repeating: "b", count: 101))\n---\n# Long\n", to: "content/short.md")
        let scenario = try String(
            contentsOf: box.content.appendingPathComponent("scenarios/runner.yaml"), encoding: .utf8)
        try box.write(scenario, to: "content/scenarios/\(String(repeating: "c", count: 101)).yaml")
        let run = try box.build()
        #expect(run.status == 1)
        let shown = run.errors.replacingOccurrences(of: box.content.path + "/", with: "")
        #expect(
            shown.contains(
                "\(slug).md:1:1: error: the page address segment 'aaaaaaaaaaaaaaaaaaaa…' is 101 bytes, over the limit "
                    + "of 100; rename the file or set a shorter 'slug'"))
        #expect(shown.contains("short.md:1:1: error: the page address segment 'bbbbbbbbbbbbbbbbbbbb…' is 101 bytes"))
        #expect(
            shown.contains("c.yaml:1:1: error: scenario file name '\(String(repeating: "c", count: 101)).yaml' must be")
        )
        #expect(!FileManager.default.fileExists(atPath: box.output.path))
        // 100 characters are fine, and build again and again.
        try FileManager.default.removeItem(at: box.content.appendingPathComponent("\(slug).md"))
        try FileManager.default.removeItem(at: box.content.appendingPathComponent("short.md"))
        try FileManager.default.removeItem(
            at: box.content.appendingPathComponent("scenarios/\(String(repeating: "c", count: 101)).yaml"))
        try box.write("# Long\n", to: "content/\(slug.dropLast()).md")
        #expect(try box.build().status == 0)
        try box.write("# Longer\n", to: "content/\(slug.dropLast()).md")
        #expect(try box.build().status == 0)
    }

    // MARK: 2. Never a file the build did not write

    @Test func aUsersFileInAFreshFolderIsNeverReplaced() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("my own index", to: "output/index.html")
        let run = try box.build()
        #expect(run.status == 3)
        #expect(run.errors.contains("the build would replace files it did not write: \(box.output.path)/index.html"))
        #expect(run.errors.contains("--force"))
        #expect(snapshot(box.output) == ["index.html": Data("my own index".utf8)])
        // Told to, it does.
        #expect(try box.build(["--force"]).status == 0)
        #expect(box.read("index.html") != "my own index")
    }

    @Test func anEssayNeverTakesOverAUsersPage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        try box.write("my notes", to: "output/essays/notes.html")
        let before = snapshot(box.output)
        try box.write("# Notes\n", to: "content/notes.md")
        let run = try box.build()
        #expect(run.status == 3)
        #expect(run.errors.contains("essays/notes.html"))
        #expect(snapshot(box.output) == before)
        // The essay goes again: the user's page stays.
        try FileManager.default.removeItem(at: box.content.appendingPathComponent("notes.md"))
        #expect(try box.build().status == 0)
        #expect(box.read("essays/notes.html") == "my notes")
    }

    @Test func aPageEditedByHandIsNotRemovedWithItsEssay() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("# Notes\n", to: "content/notes.md")
        #expect(try box.build().status == 0)
        try box.write("my edits", to: "output/essays/notes.html")
        try FileManager.default.removeItem(at: box.content.appendingPathComponent("notes.md"))
        #expect(try box.build().status == 0)
        #expect(box.read("essays/notes.html") == "my edits")
    }

    @Test func theManifestCannotLeadOutsideTheOutputFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        try box.write("s", to: "victim/secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: box.output.appendingPathComponent("link").path, withDestinationPath: "../victim")
        let digest = Data("s".utf8).withUnsafeBytes { SiteWriter.Entry(bytes: $0) }.digest
        let manifest = box.output.appendingPathComponent(SiteWriter.manifestName)
        let text =
            (box.read(SiteWriter.manifestName) ?? "")
            + "file \(digest) 1 link/secret.txt\nfile \(digest) 1 ../victim/secret.txt\n"
        try Data(text.utf8).write(to: manifest)
        #expect(try box.build().status == 0)
        #expect(box.read("victim/secret.txt", in: box.root) == "s")
    }

    @Test func aLinkInPlaceOfAFolderOfTheSiteIsRefused() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createDirectory(
            at: box.root.appendingPathComponent("victim"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: box.output.appendingPathComponent("essays").path, withDestinationPath: "../victim")
        let run = try box.build()
        #expect(run.status == 3)
        #expect(run.errors.contains("\(box.output.path)/essays"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: box.root.appendingPathComponent("victim").path).isEmpty)
    }

    @Test func aFolderOfTheSiteReplacedByALinkIsNoUpToDateSite() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("# Notes\n", to: "content/guides/notes.md")
        #expect(try box.build().status == 0)
        // The same files with the same bytes, behind a link: the nothing-changed check looks at
        // each folder on the way to a file, so the build goes on and refuses the link.
        let victim = box.root.appendingPathComponent("victim")
        try FileManager.default.moveItem(at: box.output.appendingPathComponent("essays"), to: victim)
        try FileManager.default.createSymbolicLink(
            atPath: box.output.appendingPathComponent("essays").path, withDestinationPath: "../victim")
        let run = try box.build()
        #expect(run.status == 3)
        #expect(run.errors.contains("\(box.output.path)/essays"))
        #expect(box.read("victim/guides/notes.html", in: box.root) != nil)
    }

    // MARK: 3. Crash-safe

    @Test func aSecondBuildIntoTheSameFolderExitsWithAClearMessage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
        let descriptor = open(box.output.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let run = try box.build()
        #expect(run.status == 3)
        #expect(
            run.errors.contains(
                "error: another build is writing into \(box.output.path); try again when it has finished"))
        #expect(snapshot(box.output).isEmpty)
        close(descriptor)
        #expect(try box.build().status == 0)
    }

    /// A program started from another thread holds a copy of every open descriptor of this
    /// process from its fork to its exec, close-on-exec ones too, and with it the lock of a
    /// build that has just ended (the tests start programs while builds run in-process). The
    /// lock is released through its descriptor, so the next build into the folder never finds
    /// it taken.
    @Test func aFinishedBuildsLockIsFreeWhileOtherThreadsStartPrograms() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
        let spawning = Locked(true)
        let spawners = (0..<2).map { _ in
            Thread {
                while spawning.withLock({ $0 }) {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/true")
                    guard (try? process.run()) != nil else { return }
                    process.waitUntilExit()
                }
            }
        }
        spawners.forEach { $0.start() }
        var busy = 0
        for _ in 0..<2000 {
            do {
                try SiteWriter(output: box.output).lockIfPresent()
            } catch {
                busy += 1
            }
        }
        spawning.withLock { $0 = false }
        #expect(busy == 0, "\(busy) of 2,000 writers found the folder still locked by the one before")
    }

    @Test func leftoversOfAnInterruptedBuildAreCleared() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("half a page", to: "output/.token-economics-staging/17")
        try box.write("half a page", to: "output/.index.html.4242.7.tmp")
        try box.write("half a page", to: "output/essays/.essay.html.4242.8.tmp")
        #expect(try box.build().status == 0)
        let clean = try box.cleanBuild()
        #expect(snapshot(box.output) == clean)
        // A build killed after its last manifest leaves an empty staging folder: a build with
        // nothing else to do removes it too.
        try FileManager.default.createDirectory(
            at: box.output.appendingPathComponent(SiteWriter.stagingName), withIntermediateDirectories: true)
        try box.write("half a page", to: "output/.report.html.4242.9.tmp")
        let again = try box.build()
        #expect(again.status == 0 && again.output.contains("(0 written"))
        #expect(snapshot(box.output) == clean)
        #expect(!FileManager.default.fileExists(atPath: box.output.appendingPathComponent(SiteWriter.stagingName).path))
    }

    @Test func aFullDiskLeavesTheOldSiteWhole() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        let old = snapshot(box.output)
        // Every page changes; bash's `ulimit -f` (KiB) makes a write past 8 KiB fail with EFBIG,
        // as a full disk fails with ENOSPC: after the small files, before the large ones.
        let site = try String(contentsOf: box.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        try box.write(site.replacingOccurrences(of: "title:", with: "title: New"), to: "content/site.yaml")
        let run = try box.build(prefix: "trap '' XFSZ; ulimit -f 8;")
        #expect(run.status == 3)
        #expect(run.errors.contains("File too large"))
        #expect(snapshot(box.output) == old)
        #expect(try box.build().status == 0)
        #expect(snapshot(box.output) == (try box.cleanBuild()))
    }

    /// A build stopped, as a kill would stop it, before each change it makes to the disk in turn:
    /// every file is whole (old or new), and the next build gives the clean build's folder.
    @Test func aBuildStoppedAtAnyStepLeavesWholeFilesAndTheNextBuildFinishesIt() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let paths = Paths(content: box.content, templates: box.templates, output: box.output)
        try box.write("# Gone soon\n", to: "content/gone.md")
        _ = try Generator.build(paths).get()
        let old = snapshot(box.output)
        try FileManager.default.removeItem(at: box.content.appendingPathComponent("gone.md"))
        try box.write("# New\n", to: "content/new.md")
        let site = try String(contentsOf: box.content.appendingPathComponent("site.yaml"), encoding: .utf8)
        try box.write(site.replacingOccurrences(of: "title:", with: "title: New"), to: "content/site.yaml")
        // Built in this process, as the stopped builds are: the manifest's seal names the program.
        let cleanFolder = box.root.appendingPathComponent("clean")
        _ = try Generator.build(Paths(content: box.content, templates: box.templates, output: cleanFolder)).get()
        let clean = snapshot(cleanFolder)
        var step = 1
        while step < 200 {
            try? FileManager.default.removeItem(at: box.output)
            try FileManager.default.createDirectory(at: box.output, withIntermediateDirectories: true)
            for (path, data) in old { try box.write(String(decoding: data, as: UTF8.self), to: path, in: box.output) }
            var options = BuildOptions()
            options.stopAtStep = step
            let result = Generator.build(paths, options: options)
            guard case .failure(.output("interrupted", _)) = result else {
                #expect(snapshot(box.output) == clean)
                break
            }
            for (path, data) in snapshot(box.output)
            where !path.hasPrefix(SiteWriter.stagingName) && path != SiteWriter.manifestName {
                #expect(data == old[path] || data == clean[path], "step \(step): \(path) is neither old nor new")
            }
            _ = try Generator.build(paths).get()
            #expect(snapshot(box.output) == clean, "step \(step): the next build differs from a clean one")
            step += 1
        }
        #expect(step > 10)
    }

    // MARK: 5. Every figure finite

    @Test func figuresThatWouldOverflowAreErrorsAtTheirKey() throws {
        let site = try DiagnosticsTests().site([
            "scenarios/big.yaml": "name: Big\nusers: {start: 1e308}\nprice_per_user: 5e-324\n"
                + "build: {developers: 1, tokens_per_developer: 1000, model: mini}\n",
            "scenarios/grow.yaml": "name: Grow\nmonths: 120\nusers: {start: 1000, growth: 500}\nprice_per_user: 5\n"
                + "build: {developers: 1, tokens_per_developer: 1000, model: mini}\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/scenarios/big.yaml:2:16: error: 'start' in users is out of the range figures can be computed "
                    + "with (0, or from 1e-12 to 1e15 in size), found 1e308\nusers: {start: 1e308}\n               ^",
                "content/scenarios/big.yaml:3:17: error: 'price_per_user' in the scenario is out of the range figures "
                    + "can be computed with (0, or from 1e-12 to 1e15 in size), found 5e-324\n"
                    + "price_per_user: 5e-324\n                ^",
                // 1,000 users growing 501-fold a month pass 1e308 after about 113 months (501^113 ≈ 1e305).
                "content/scenarios/grow.yaml:3:30: warning: 'growth' in users is 500 a month: users grow more than "
                    + "1e308x over the projection; for 500% write 5\nusers: {start: 1000, growth: 500}\n"
                    + "                             ^",
                "content/scenarios/grow.yaml:3:30: error: the projection overflows: a figure is too large to compute "
                    + "('users.growth' compounds over the months); use smaller inputs\n"
                    + "users: {start: 1000, growth: 500}\n                             ^",
            ])
    }

    @Test func aCatalogPriceOutOfRangeIsAnError() throws {
        let site = try DiagnosticsTests().site([
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  mini: {provider: P, input: 1e308, output: 2}\n"
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/models.yaml:3:30: error: 'input' in model 'mini' is out of the range figures can be computed "
                    + "with (0, or from 1e-12 to 1e15 in size), found 1e308\n"
                    + "  mini: {provider: P, input: 1e308, output: 2}\n                             ^"
            ])
    }

    @Test func formattersNeverWriteInfinityOrNaN() {
        #expect(Format.money(.infinity) == "—")
        #expect(Format.money(-.infinity) == "—")
        #expect(Format.percent(.nan) == "—")
        #expect(Format.multiplier(.infinity) == "—")
        #expect(Format.count(.nan) == "—")
        #expect(Format.number(.infinity) == "—")
    }

    // MARK: 6. Well-formed output whatever the input

    @Test func controlCharactersInTextsAreRefusedWhereTheyAre() throws {
        let site = try DiagnosticsTests().site([
            "scenarios/ctl.yaml": "name: \"Bell\\a here\"\nusers: {start: 1}\nprice_per_user: 1\n"
                + "build: {developers: 1, tokens_per_developer: 1000, model: mini}\n",
            "essay.md": "# Title\n\nA line with \u{1B}]0;owned\u{07} in it.\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/essay.md:3:13: error: the control character \\u{1B} is not allowed; texts may hold no "
                    + "control characters but tab and line breaks\nA line with \\u{1B}]0;owned\\u{7} in it.\n"
                    + "            ^",
                "content/scenarios/ctl.yaml:1:7: error: 'name' in the scenario holds the control character \\u{7} "
                    + "(character 5); texts may hold no control characters but tab and line breaks\n"
                    + "name: \"Bell\\a here\"\n      ^",
            ])
    }

    @Test func controlCharactersInColumnHeadingsAreRefused() throws {
        let site = try DiagnosticsTests().site(["compare.md": "---\ncompare: [\"a\\e\", b]\n---\n# T\n"])
        defer { site.remove() }
        // "compare: " is nine characters: the list opens in column 10.
        #expect(
            site.check() == [
                "content/compare.md:2:10: error: 'compare' holds the control character \\u{1B}; texts may hold no "
                    + "control characters but tab and line breaks\ncompare: [\"a\\e\", b]\n         ^"
            ])
    }

    @Test func theBaseURLMustBeAPlainHTTPURL() throws {
        #expect(SiteConfig.baseURLProblem("https://example.org/site/") == nil)
        #expect(SiteConfig.baseURLProblem("https://example.org/\u{1}") == "must not hold \\u{1}")
        #expect(SiteConfig.baseURLProblem("https://exa mple.org/") == "must not hold \\u{20}")
        #expect(SiteConfig.baseURLProblem("https://example.org/\"><x") == "must not hold '\"'")
        #expect(SiteConfig.baseURLProblem("https:///path") == "is not a URL with a host")
        #expect(SiteConfig.baseURLProblem("ftp://example.org/") == "must start with https:// or http://")
        let run = try runProgram(["build", "--base-url", "https://example.org/\u{1B}[2J"])
        #expect(run.status == 2)
        #expect(run.errors.contains("--base-url must not hold \\u{1B}"))
    }

    // MARK: 7. The terminal is safe

    @Test func diagnosticsShowControlCharactersVisibly() {
        let diagnostic = Diagnostic(
            .error, "bad \u{0}", at: SourceLocation(file: "a.md", line: 1, column: 3),
            sourceLine: "\u{1B}]0;title\u{07}\u{1B}[2J")
        // The caret goes under "0": the escape before it takes six places, "]" one.
        #expect(diagnostic.description == "a.md:1:3: error: bad \\u{0}\n\\u{1B}]0;title\\u{7}\\u{1B}[2J\n       ^")
    }

    @Test func longSourceLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 100_000) + "X" + String(repeating: "b", count: 100_000)
        let diagnostic = Diagnostic(
            .error, "here", at: SourceLocation(file: "a.yaml", line: 1, column: 100_001), sourceLine: line)
        let lines = diagnostic.description.split(separator: "\n")
        // 120 characters around the column, with an ellipsis at each cut end: the column is the 61st
        // of the 120 (60 before it), after the leading ellipsis.
        #expect(lines[1] == "…" + String(repeating: "a", count: 60) + "X" + String(repeating: "b", count: 59) + "…")
        #expect(lines[2] == String(repeating: " ", count: 61) + "^")
    }

    @Test func theProgramNeverPrintsAnEscapeCharacter() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write("# Title\n\nA line with \u{1B}]0;owned\u{07}\u{1B}[2J in it.\n", to: "content/bad.md")
        let run = try box.build()
        #expect(run.status == 1)
        #expect(!run.errorBytes.contains(0x1B) && !run.errorBytes.contains(0x07))
        #expect(run.errors.contains("A line with \\u{1B}]0;owned\\u{7}\\u{1B}[2J in it."))
    }

    // MARK: 8. Usage mistakes are usage errors

    @Test func outputFoldersThatCannotBeTheSitesAreUsageErrors() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let content = box.content.path, templates = box.templates.path
        func status(_ output: String) throws -> ProgramRun {
            try runProgram(["build", "--content", content, "--templates", templates, "--output", output])
        }
        let before = snapshot(box.root)
        for (output, message) in [
            ("", "--output must name a folder"),
            ("/", "--output must not be the root folder /"),
            (content, "--output must not be the --content folder"),
            (box.root.path, "--output must not hold the --content folder"),
            (content + "/site", "--output must not lie inside the --content folder"),
            (templates + "/../templates/out", "--output must not lie inside the --templates folder"),
            (repositoryRoot.path, "--output must not hold the --templates folder"),
        ] {
            let run = try status(output)
            #expect(run.status == 2, "\(output)")
            #expect(run.errors.contains(message), "\(output): \(run.errors)")
        }
        #expect(snapshot(box.root) == before)
    }

    // MARK: 9. Diagnostics point at the mistake

    @Test func duplicateKeysNULBytesAndOpenQuotesAreReportedWhereTheyAre() throws {
        let site = try DiagnosticsTests().site([
            "scenarios/dup.yaml": "name: A\nsummary: x\nname: B\n",
            "scenarios/dup-flow.yaml": "users: {start: 1, start: 2}\n",
            "scenarios/nul.yaml": "name: A\nsummary: x\u{0}y\n",
            "scenarios/open.yaml": "name: A\nsummary: \"never closed\nusers: {start: 1}\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/scenarios/dup-flow.yaml:1:19: error: duplicate key 'start'\nusers: {start: 1, start: 2}\n"
                    + "                  ^",
                "content/scenarios/dup.yaml:3:1: error: duplicate key 'name'\nname: B\n^",
                "content/scenarios/nul.yaml:2:11: error: the control character \\u{0} is not allowed; texts may hold "
                    + "no control characters but tab and line breaks\nsummary: x\\u{0}y\n          ^",
                "content/scenarios/open.yaml:2:10: error: YAML syntax: found unexpected end of stream while scanning a "
                    + "quoted scalar that starts here\nsummary: \"never closed\n         ^",
            ])
    }

    @Test func aBadCatalogValueDoesNotHideTheScenariosErrors() throws {
        let site = try DiagnosticsTests().site([
            "models.yaml": "as_of: 2027-01-01\nmodels:\n  mini: {provider: P, input: -2.50, output: 2}\n",
            "scenarios/fine.yaml": "name: Fine\nusers: {start: 10}\nprice_per_user: 5\n"
                + "build: {developers: 1, tokens_per_developer: 1000, model: mimi}\n",
        ])
        defer { site.remove() }
        #expect(
            site.check() == [
                "content/models.yaml:3:30: error: 'input' in model 'mini' must be at least 0, found -2.50\n"
                    + "  mini: {provider: P, input: -2.50, output: 2}\n                             ^",
                "content/scenarios/fine.yaml:4:59: error: unknown model 'mimi'; did you mean 'mini'? (known models: "
                    + "mini)\nbuild: {developers: 1, tokens_per_developer: 1000, model: mimi}\n"
                    + "                                                          ^",
            ])
    }

    @Test func aMissingContentFolderSaysSo() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let missing = box.root.appendingPathComponent("nowhere").path
        let run = try runProgram(["check", "--content", missing, "--templates", box.templates.path])
        #expect(run.status == 1)
        #expect(run.errors == "\(missing):1:1: error: the content folder does not exist (or is not a folder)\n")
    }

    // MARK: 10. The no-change shortcut serves no stale or tampered site

    @Test func aPageEditedByHandToTheSameSizeIsRestored() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        let page = box.output.appendingPathComponent("index.html")
        var bytes = try Data(contentsOf: page)
        bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: page)
        #expect(try box.build().status == 0)
        #expect(snapshot(box.output) == (try box.cleanBuild()))
    }

    @Test func aDeletedPageWithATrimmedManifestIsRebuilt() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        try FileManager.default.removeItem(at: box.output.appendingPathComponent("report.html"))
        let manifest = box.read(SiteWriter.manifestName) ?? ""
        let trimmed = manifest.split(separator: "\n").filter { !$0.hasSuffix(" report.html") }.joined(separator: "\n")
        #expect(trimmed.count < manifest.count)
        try Data((trimmed + "\n").utf8).write(to: box.output.appendingPathComponent(SiteWriter.manifestName))
        #expect(try box.build().status == 0)
        #expect(snapshot(box.output) == (try box.cleanBuild()))
    }

    @Test func warningsInTheManifestAreNotReplayedWhenTamperedWith() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // A published essay linking to a draft gives a warning.
        try box.write("# Links\n\nSee [the plan](wip.html).\n", to: "content/links.md")
        let first = try box.build()
        #expect(first.status == 0)
        #expect(first.errors.contains("warning: links to the draft 'wip'"))
        let manifest = box.read(SiteWriter.manifestName) ?? ""
        let tampered = manifest.replacingOccurrences(of: "links to the draft", with: "\\u001b[2JEVIL")
        #expect(tampered != manifest)
        try Data(tampered.utf8).write(to: box.output.appendingPathComponent(SiteWriter.manifestName))
        let second = try box.build()
        #expect(second.status == 0)
        #expect(!second.errors.contains("EVIL"))
        #expect(second.errors.contains("warning: links to the draft 'wip'"))
        // Untouched, the shortcut says the same warnings again.
        let third = try box.build()
        #expect(third.errors == second.errors)
    }

    /// Another binary: the same program with another build ID (what another link writes), or
    /// with one more byte at its end. Either still runs, and neither takes the last build for
    /// its own.
    @Test(arguments: ["another build ID", "one more byte"])
    func anotherBinaryDoesNotTakeTheLastBuildForItsOwn(_ change: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let other = box.root.appendingPathComponent("token-economics")
        var bytes = try Data(contentsOf: CommandLineTests.program)
        if change == "one more byte" {
            bytes.append(0)
        } else {
            let descriptor = open(CommandLineTests.program.path, O_RDONLY)
            try #require(descriptor >= 0)
            let id = ProgramIdentity.buildID(of: descriptor)
            close(descriptor)
            // The ID's bytes, found in the file and the first one changed.
            let hex = Array(try #require(id).utf8)
            let idBytes = stride(from: 0, to: hex.count, by: 2).map {
                UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0
            }
            let at = try #require(bytes.firstRange(of: Data(idBytes)))
            bytes[at.lowerBound] ^= 0xFF
        }
        try bytes.write(to: other)
        #expect(chmod(other.path, 0o755) == 0)
        #expect(try box.build().status == 0)
        let first = box.read(SiteWriter.manifestName) ?? ""
        let run = try runProgram(
            ["build", "--content", box.content.path, "--templates", box.templates.path, "--output", box.output.path],
            program: other)
        #expect(run.status == 0)
        let second = box.read(SiteWriter.manifestName) ?? ""
        // A full build rewrote the manifest with its own seal; the pages are the same.
        #expect(first.split(separator: "\n").first != second.split(separator: "\n").first)
        #expect(first.split(separator: "\n").dropFirst() == second.split(separator: "\n").dropFirst())
    }

    // MARK: 11. Housekeeping

    @Test func makeCleanKeepsTheUsersFiles() throws {
        let box = try Sandbox()
        defer { box.remove() }
        #expect(try box.build().status == 0)
        try box.write("mine", to: "output/mine.txt")
        try box.write("mine", to: "output/essays/mine.html")
        try box.write("mine", to: "output/k")  // a name `output/*[!.gitkeep]` would have spared, and others not
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/clean-output.sh")
        process.arguments = [box.output.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(
            snapshot(box.output) == [
                "mine.txt": Data("mine".utf8), "essays/mine.html": Data("mine".utf8), "k": Data("mine".utf8),
            ])
    }
}
