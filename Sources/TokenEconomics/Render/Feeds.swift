import Content
import Formats

/// `sitemap.xml` and `feed.xml`, written when the site has a base URL.
extension SiteRenderer {
    func sitemap(baseURL: String, essays: [Essay]) -> String {
        var paths = ["index.html", "compare.html", "models.html", "report.html"]
        paths += essays.map { "essays/\($0.slug).html" }
        let folders = Folders(essays)
        paths += folders.addresses.filter { !folders.hasEssay($0) }.map { "essays/\($0).html" }
        paths += tagPages(essays).map { "tags/\($0.term.address).html" }  // aliases are redirects: not listed
        paths += laterListPages(essays)
        paths += scenarios.map { "scenarios/\($0.scenario.slug).html" }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(escapeHTML(baseURL + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }

    /// `feed.xml`: an entry per dated essay, titled as its page is (`essayTitle`, kept in
    /// `summaries`).
    func feed(baseURL: String, essays: [Essay], summaries: [String: EssaySummary]) -> String {
        let dated = essays.filter { $0.date != nil }
        let updated = dated.compactMap { ($0.modified ?? $0.date) }.max()?.rfc3339 ?? "\(catalog.asOf)T00:00:00Z"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(escapeHTML(config.title))</title>\n"
        xml += "  <id>\(escapeHTML(baseURL))</id>\n"
        xml += "  <link href=\"\(escapeHTML(baseURL))\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(escapeHTML(baseURL + "feed.xml"))\"/>\n"
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <author><name>\(escapeHTML(config.author ?? config.title))</name></author>\n"
        for essay in dated {
            let url = baseURL + "essays/\(essay.slug).html"
            // The timestamps as written, time and offset kept (RFC 3339).
            let entryUpdated = (essay.modified ?? essay.date)?.rfc3339 ?? updated
            let title = summaries[essay.slug]?.title ?? essay.title
            xml += "  <entry>\n    <title>\(escapeHTML(title))</title>\n"
            xml += "    <id>\(escapeHTML(url))</id>\n    <link href=\"\(escapeHTML(url))\"/>\n"
            if let published = essay.date?.rfc3339 { xml += "    <published>\(published)</published>\n" }
            xml += "    <updated>\(entryUpdated)</updated>\n"
            for author in essay.authors { xml += "    <author><name>\(escapeHTML(author))</name></author>\n" }
            for term in essay.terms { xml += "    <category term=\"\(escapeHTML(term))\"/>\n" }
            if let summary = essay.summary { xml += "    <summary>\(escapeHTML(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
