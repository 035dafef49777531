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
}
