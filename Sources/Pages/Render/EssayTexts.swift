import Basics
import Content

/// The published essays with their Markdown, apart from the renderer's list of essays, which
/// holds them without it (docs/performance.md, "From 1,000 to 10,000 essays and scenarios").
/// A build takes each essay from here when it renders its page and lets it go once the page
/// is made: to the end of the build it keeps only the essay's front matter and what the shared
/// pages read of it (`SiteRenderer.EssayIndex`), not ten thousand essays' text.
struct EssayTexts: Sendable {
    private let essays: Locked<[String: Essay]>

    /// `essays` by slug (the loader makes slugs unique).
    init(_ essays: [Essay]) {
        self.essays = Locked(Dictionary(essays.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The essay `slug` with its text; with `releasing`, this store lets it go.
    func essay(_ slug: String, releasing: Bool) -> Essay? {
        essays.withLock { essays in releasing ? essays.removeValue(forKey: slug) : essays[slug] }
    }

    /// How many essays this store still holds.
    var count: Int { essays.withLock { $0.count } }

    /// `essay` without its Markdown (`body` and `source.text` empty): what the renderer's list
    /// keeps, so that the text lives in this store only.
    static func withoutText(_ essay: Essay) -> Essay {
        var essay = essay
        essay.body = ""
        essay.source.text = ""
        return essay
    }
}
