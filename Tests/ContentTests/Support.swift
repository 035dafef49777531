import CostModelFixtures
import CostModel
import Foundation

@testable import Basics
@testable import Content

/// The repository's root, found from this file, so tests read the example content in place.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// An essay read from `text` as `content/note.md`, with the diagnostics it earned.
func loadNote(_ text: String) -> (Essay?, [Diagnostic]) {
    var diagnostics = Diagnostics()
    let essay = EssayLoader.load(
        SourceText(path: "content/note.md", text: text), slug: "note", diagnostics: &diagnostics)
    return (essay, diagnostics.sorted)
}
