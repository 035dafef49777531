import Foundation

/// The 652 examples of the CommonMark 0.30 spec (`commonmark/` beside this file, CC BY-SA 4.0),
/// rendered by the Markdown tests through `Markdown.render` and by the pipeline's as essays.
package enum CommonMarkSpec {
    package struct Example: Decodable, Sendable {
        package var markdown: String
        package var example: Int
        package var section: String
    }

    package static func examples() throws -> [Example] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("commonmark/spec-0.30.json")
        return try JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
    }

    /// `<hN id="x">inner <a class="anchor" …>#</a></hN>` back to libcmark's `<hN>inner</hN>`:
    /// the heading ids and anchors `Markdown.render` adds by design, set aside.
    package static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(
            of: "<h([1-6]) id=\"[^\"]*\">((?s:.*?)) <a class=\"anchor\" href=\"#[^\"]*\" "
                + "aria-label=\"Link to this section\">#</a></h\\1>",
            with: "<h$1>$2</h$1>", options: .regularExpression)
    }
}
