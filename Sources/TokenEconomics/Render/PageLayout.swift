import Basics
import Content
import CostModel

/// What every page shares: the layout's values (title, stylesheet, links), the site's, and dates.
extension SiteRenderer {
    /// The layout's values. `inlineStyle` puts the stylesheet in the page (the report, which must
    /// stand alone, and the 404 page, which a server shows at any path); `nav` adds the site links.
    func layout(
        title: String, description: String, root: String, bodyClass: String,
        inlineStyle: Bool = false, nav: Bool = true
    ) -> LayoutValues {
        LayoutValues(
            pageTitle: title == config.title ? title : "\(title) · \(config.title)",
            description: description, root: root, bodyClass: bodyClass, language: config.language,
            site: siteContext, nav: nav, standalone: !nav, stylesheet: inlineStyle ? nil : true,
            inlineStyle: inlineStyle ? templates.stylesheet : nil, feed: baseURL != nil && nav && !inlineStyle)
    }

    var siteContext: SiteValues {
        SiteValues(
            title: config.title, summary: config.summary, author: config.author, asOf: catalog.asOf.description,
            priceSource: catalog.source)
    }

    /// A date's values, or nil (absent to the template).
    func dateContext(_ timestamp: Timestamp?) -> DateValues? {
        guard let timestamp else { return nil }
        return DateValues(datetime: timestamp.text, display: displayDate(timestamp.day))
    }

    func displayDate(_ day: Day) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        return "\(day.day) \(names[day.month - 1]) \(day.year)"
    }
}
