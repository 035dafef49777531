import Basics
import Content
import Foundation
import Testing
import TestSupport

@testable import Pages

/// A build's essays come to the renderer without their text (the loader let it go): each page
/// reads its essay's text again from its file and lets it go once made, keeping only what the
/// shared pages read of it (docs/performance.md, "What a build holds"). What happens when a
/// file changed meanwhile: TokenEconomicsTests' `EssayTextReadAgainTests`.
@Suite struct EssayTextsTests {
    /// Two essays: `a` names the model `m` as a word, `b` names none; the report shows `a`, the
    /// first in the index's order (no dates: by address).
    @Test func eachEssaysTextIsReadAgainAtItsPageAndLetGoOnceItIsMade() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "models.yaml": "as_of: 2027-01-01\nmodels:\n  m: {provider: P, input: 1, output: 2}\n",
                "scenarios/plan.yaml": "name: Plan\nstart: 2027-01\nmonths: 2\nusers: {start: 10}\n"
                    + "price_per_user: 5\nrun:\n  requests_per_user: 1\n  input_tokens: 1\n  output_tokens: 1\n"
                    + "  routing:\n    m: 1\n",
                "a.md": "---\ntitle: A\n---\n\nUses `m` daily.\n",
                "b.md": "# B\n\nNo model here.\n",
            ], under: root)
        let renderer = try makeRenderer(content: root, releasingText: true)
        // The renderer's essays hold their front matter's values but no text, and it keeps no
        // scenario file (the scenarios are the computed ones).
        #expect(renderer.content.essays.map(\.slug).sorted() == ["a", "b"])
        #expect(renderer.content.essays.allSatisfy { !$0.hasText && $0.body.isEmpty && $0.source.text.isEmpty })
        #expect(renderer.content.essays.first { $0.slug == "a" }?.title == "A")
        #expect(renderer.content.scenarios.isEmpty && renderer.scenarios.count == 1)

        let sink = MemorySink()
        let index = renderer.renderSite(into: sink).essays
        #expect(renderer.unreadTexts.isEmpty)
        // What is kept of each essay is its summary and the words it names; its text went
        // with its page: the renderer's essays are still without it.
        #expect(renderer.content.essays.allSatisfy { !$0.hasText })
        #expect(index.named == ["a": ["m"], "b": []])
        #expect(index.summaries["a"]?.title == "A" && index.summaries["b"]?.title == "B")
        // The pages that show an essay's text were made from the text read again: its page
        // (the body after the front matter), and the report's essay (made with its page); the
        // catalog names `a` as using `m` from the words kept.
        #expect(sink.text("essays/a.html").contains("<p>Uses <code>m</code> daily.</p>"))
        #expect(!sink.text("essays/a.html").contains("title: A"))
        #expect(sink.text("essays/b.html").contains("<p>No model here.</p>"))
        #expect(sink.text("report.html").contains("<p>Uses <code>m</code> daily.</p>"))
        #expect(sink.text("models.html").contains("essays/a.html"))
        #expect(!sink.text("models.html").contains("essays/b.html"))
    }
}
