import Basics

extension SiteRenderer {
    /// A server shows this page at any path, so it carries its own styles and links to the
    /// site by its base URL when one is set.
    func notFoundPage() -> TextBuffer {
        let root = baseURL ?? ""
        return templates.render(
            "404", NotFoundValues(home: root + "index.html"),
            layout: layout(
                title: "Page not found", description: "This page does not exist.", root: root, bodyClass: "not-found",
                inlineStyle: true))
    }
}
