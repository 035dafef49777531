import Basics
import Content
import Formats

/// Links between essays written as relative `.md` paths (`[x](../pricing/index.md)`): the
/// renderer points them at the pages; here, a link to a file that is no essay is a warning at
/// its line.
enum EssayLinks {
    /// Warns at every relative `.md` link of an essay whose file is not an essay of the content
    /// folder, or is an essay in a folder that is not published (those at the top are
    /// `Generator.reportLinksToUnpublishedEssays`' to report).
    /// - Parameter checking: which essays' links to check (all by default); the others only
    ///   count as targets.
    static func reportMissing(
        in essays: [Essay], includeDrafts: Bool, checking: (Essay) -> Bool = { _ in true },
        diagnostics: inout Diagnostics
    ) {
        let paths = Set(essays.map(\.path))
        let hidden = Dictionary(
            essays.filter { ($0.isTrashed || ($0.isDraft && !includeDrafts)) && $0.slug.contains("/") }.map {
                ($0.path, $0)
            }, uniquingKeysWith: { first, _ in first })
        let found = parallelMap(essays.count) { index -> Diagnostics in
            var local = Diagnostics()
            let essay = essays[index]
            guard checking(essay) else { return local }
            // Read at the load (`Essay.mentions`): the text may be gone.
            for link in essay.mentions.destinations {
                guard let (path, _) = EssayAddress.linkedPath(link.destination, from: essay.path) else { continue }
                if let target = hidden[path], !(essay.isTrashed || (essay.isDraft && !includeDrafts)) {
                    let what = target.isTrashed ? "the trashed essay" : "the draft"
                    let hint = target.isTrashed ? "" : " (build with --drafts to publish drafts)"
                    local.append(
                        essay.warning(
                            "links to \(what) '\(target.slug)', which is not published\(hint)",
                            line: link.line, column: link.column))
                    continue
                }
                guard !paths.contains(path) else { continue }
                local.append(
                    essay.warning(
                        "links to '\(link.destination)', which is not an essay: there is no '\(path)' in the "
                            + "content folder", line: link.line, column: link.column))
            }
            return local
        }
        for local in found { diagnostics.append(contentsOf: local) }
    }
}
