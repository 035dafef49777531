import Testing

@testable import Basics
@testable import TokenEconomics

/// The manifest the writer keeps beside the site (docs/safety.md).
@Suite struct ManifestTests {
    @Test func theManifestKeepsWarningsAsTheyWere() {
        let warning = Diagnostic(
            .warning, "links to the draft 'wip' \"x\" — é\\",
            at: SourceLocation(
                file: "content/a b.md",
                line: 3, column: 16), sourceLine: "See [the plan](wip.html)\tand a/b")
        let files: [String: Set<SiteWriter.Entry>] = [
            "index.html": [SiteWriter.Entry(size: 10, digest: "00aa")],
            "essays/a.html": [SiteWriter.Entry(size: 2, digest: "00bb"), SiteWriter.Entry(size: 3, digest: "00cc")],
        ]
        let manifest = SiteWriter.Manifest(inputs: "0123", files: files, diagnostics: [warning])
        let read = SiteWriter.Manifest(text: manifest.text)
        #expect(read.fingerprint == SiteWriter.Manifest.seal(inputs: "0123", body: read.body))
        #expect(read.files == files)
        #expect(read.diagnostics == [warning])
        // One line per diagnostic and per version of a file, whatever its text holds.
        #expect(manifest.text.split(separator: "\n").count == 5)
        #expect(
            manifest.text.hasSuffix("file 00bb 2 essays/a.html\nfile 00cc 3 essays/a.html\nfile 00aa 10 index.html\n"))
    }

    /// What a manifest's reader keeps: `file digest size path` lines and the older `size path`
    /// ones with a path that stays inside the site; everything else is passed over.
    @Test func theReaderKeepsSafeFileLinesOnly() {
        let text = """
            fingerprint 0123
            file 00aa 10 index.html
            file 00bb 2 essays/a.html
            file 00cc 3 essays/a.html
            7 old/legacy.html
            file 00dd 4 ...hidden/x.html
            file 00ee 5 a/.b/c.html
            file 01 1 ../up.html
            file 02 1 /etc/passwd
            file 03 1 a//b.html
            file 04 1 a/./b.html
            file 05 1 a/..
            file 06 1 a/
            file 07 x1 bad-size.html
            file 08 -1 negative.html
            file 09 1234567890123456789 too-long.html
            file 10 1
            nonsense

            """
        let read = SiteWriter.Manifest(text: text)
        #expect(read.fingerprint == "0123")
        #expect(read.body == String(text.dropFirst("fingerprint 0123\n".count)))
        #expect(
            read.files == [
                "index.html": [SiteWriter.Entry(size: 10, digest: "00aa")],
                "essays/a.html": [
                    SiteWriter.Entry(size: 2, digest: "00bb"), SiteWriter.Entry(size: 3, digest: "00cc"),
                ],
                "old/legacy.html": [SiteWriter.Entry(size: 7, digest: "")],
                "...hidden/x.html": [SiteWriter.Entry(size: 4, digest: "00dd")],
                "a/.b/c.html": [SiteWriter.Entry(size: 5, digest: "00ee")],
            ])
        #expect(read.diagnostics.isEmpty)
    }
}
