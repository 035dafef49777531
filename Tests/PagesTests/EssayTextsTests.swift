import Basics
import Foundation
import Testing
import TestSupport

@testable import Pages

/// The renderer holds an essay's text until its page is made, then only what the shared pages read of
/// it (docs/performance.md, "From 1,000 to 10,000 essays and scenarios").
@Suite struct EssayTextsTests {
    /// Two essays: `a` names the model `m` as a word, `b` names none; the report shows `a`, the
    /// first in the index's order (no dates: by address).
    @Test func eachEssaysTextIsLetGoOnceItsPageIsMade() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            [
                "models.yaml": "as_of: 2027-01-01\nmodels:\n  m: {provider: P, input: 1, output: 2}\n",
                "scenarios/plan.yaml": "name: Plan\nstart: 2027-01\nmonths: 2\nusers: {start: 10}\n"
                    + "price_per_user: 5\nrun:\n  requests_per_user: 1\n  input_tokens: 1\n  output_tokens: 1\n"
                    + "  routing:\n    m: 1\n",
                "a.md": "# A\n\nUses `m` daily.\n",
                "b.md": "# B\n\nNo model here.\n",
            ], under: root)
        let renderer = try makeRenderer(content: root)
        // The renderer keeps its essays without their text, which only the store holds, and no
        // scenario file (the scenarios are the computed ones).
        #expect(renderer.content.essays.map(\.slug).sorted() == ["a", "b"])
        #expect(renderer.content.essays.allSatisfy { $0.body.isEmpty && $0.source.text.isEmpty })
        #expect(renderer.content.scenarios.isEmpty && renderer.scenarios.count == 1)
        #expect(renderer.texts.count == 2)

        let sink = MemorySink()
        let index = renderer.renderSite(into: sink).essays
        // Each text was let go with its page; what is kept of each essay is its summary.
        #expect(renderer.texts.count == 0)
        #expect(index.named == ["a": ["m"], "b": []])
        #expect(index.summaries["a"]?.title == "A" && index.summaries["b"]?.title == "B")
        // The pages that show an essay's text were made from it all the same: its page, and
        // the report's essay (made with its page); the catalog names `a` as using `m` from the
        // words kept, read after every text was let go.
        #expect(sink.text("essays/a.html").contains("<p>Uses <code>m</code> daily.</p>"))
        #expect(sink.text("essays/b.html").contains("<p>No model here.</p>"))
        #expect(sink.text("report.html").contains("<p>Uses <code>m</code> daily.</p>"))
        #expect(sink.text("models.html").contains("essays/a.html"))
        #expect(!sink.text("models.html").contains("essays/b.html"))
    }
}
