import CostModelFixtures
import CostModel
import Foundation

@testable import Basics
@testable import Content

/// An essay read from `text` as `content/note.md`, with the diagnostics it earned.
func loadNote(_ text: String) -> (Essay?, [Diagnostic]) {
    var diagnostics = Diagnostics()
    let essay = EssayLoader.load(
        SourceText(path: "content/note.md", text: text), slug: "note", diagnostics: &diagnostics)
    return (essay, diagnostics.sorted)
}
