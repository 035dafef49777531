import Testing

@testable import Markdown

@Suite struct MarkdownTests {
    @Test func headingsGetIDsAndAnchorLinks() {
        let rendered = Markdown.render("## Tokens to Build\n\nText.\n")
        #expect(rendered.headings == [Heading(level: 2, text: "Tokens to Build", id: "tokens-to-build")])
        #expect(
            rendered.html.contains(
                "<h2 id=\"tokens-to-build\">Tokens to Build <a class=\"anchor\" href=\"#tokens-to-build\" "
                    + "aria-label=\"Link to this section\">#</a></h2>"))
    }

    @Test func duplicateHeadingsGetNumberedIDs() {
        let rendered = Markdown.render("## Costs\n\n## Costs\n\n### Costs\n\n## Costs 1\n")
        #expect(rendered.headings.map(\.id) == ["costs", "costs-1", "costs-2", "costs-1-1"])
    }

    @Test func tableOfContentsFollowsTheDocument() {
        let rendered = Markdown.render("# Title\n\n## One\n\n### One point one\n\n## Two\n")
        #expect(rendered.headings.map(\.level) == [1, 2, 3, 2])
        #expect(rendered.headings.map(\.text) == ["Title", "One", "One point one", "Two"])
    }

    @Test func inlineMarkupInHeadingsIsKeptAndLeftOutOfIDs() {
        let rendered = Markdown.render("## The *real* `cost`\n")
        #expect(rendered.headings.first?.id == "the-real-cost")
        #expect(rendered.html.contains("<h2 id=\"the-real-cost\">The <em>real</em> <code>cost</code> <a"))
    }

    @Test func nonASCIIHeadingsKeepTheirLetters() {
        let rendered = Markdown.render("## Coûts et marges\n\n## 成本\n\n## !!!\n")
        #expect(rendered.headings.map(\.id) == ["coûts-et-marges", "成本", "section"])
    }

    @Test func smartPunctuation() {
        let html = Markdown.render("\"Quoted\" -- it's -- and ... done\n").html
        #expect(html == "<p>\u{201C}Quoted\u{201D} \u{2013} it\u{2019}s \u{2013} and \u{2026} done</p>\n")
    }

    @Test func rawHTMLIsLeftOutByDefault() {
        let source = "<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b>\n"
        let html = Markdown.render(source).html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b onclick"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        let unsafe = Markdown.render(source, options: MarkdownOptions(allowsRawHTML: true)).html
        #expect(unsafe.contains("<script>alert(1)</script>"))
    }

    /// libcmark keeps a `%` as written; one that does not begin an escape is written `%25`, so
    /// that the `href` is a valid URL. `{` is %7B, `}` %7D, a space %20 (libcmark's own escapes;
    /// a destination with spaces is one between `<` and `>`).
    @Test func aBarePercentInADestinationIsEscaped() {
        let shortcode = Markdown.render("[site map](<{{% ref sitemap %}}>)\n").html
        #expect(shortcode == "<p><a href=\"%7B%7B%25%20ref%20sitemap%20%25%7D%7D\">site map</a></p>\n")
        // An image's source too; `%2` at the end has one hex digit only, `%zz` none.
        let image = Markdown.render("![chart](100%.png) [a](x%2) [b](x%zz)\n").html
        #expect(
            image
                == "<p><img src=\"100%25.png\" alt=\"chart\" /> <a href=\"x%252\">a</a> <a href=\"x%25zz\">b</a></p>\n")
        // Escapes already written stay as they are, in either case of hex digit.
        let escaped = Markdown.render("[a](x%20y%2f%C3%A9)\n").html
        #expect(escaped == "<p><a href=\"x%20y%2f%C3%A9\">a</a></p>\n")
        #expect(Markdown.escapingBarePercents("a%20b") == nil)
        #expect(Markdown.escapingBarePercents("%") == "%25")
    }

    @Test func unsafeLinksAreDropped() {
        let html = Markdown.render("[x](javascript:alert(1))\n").html
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func bulletListsAreReadAsLabelledItems() {
        let rendered = Markdown.render(
            """
            - **Cost structure**: One-time vs. recurring
            - **Margins**: Traditional vs. consumption-based
            - plain item

            1. **Ordered**: not a bullet list
            """)
        #expect(rendered.lists.count == 1)
        #expect(rendered.lists[0].line == 1)
        #expect(
            rendered.lists[0].items == [
                ListItem(label: "Cost structure", text: "One-time vs. recurring"),
                ListItem(label: "Margins", text: "Traditional vs. consumption-based"),
                ListItem(label: nil, text: "plain item"),
            ])
    }

    @Test func aListCanBeReplacedOrFollowed() {
        let source = "- a\n- b\n\nMiddle\n\n- c\n"
        let rendered = Markdown.render(source) { _, lists in
            [lists[0].index: .replace(html: "<p>first</p>\n"), lists[1].index: .append(html: "<p>after</p>\n")]
        }
        #expect(rendered.html == "<p>first</p>\n<p>Middle</p>\n<ul>\n<li>c</li>\n</ul>\n<p>after</p>\n")
    }

    @Test func nestedListsCanBothBeReplaced() {
        // Replacing the outer list frees the inner one; the inner is handled first.
        let rendered = Markdown.render("- outer\n  - inner\n") { _, lists in
            Dictionary(uniqueKeysWithValues: lists.map { ($0.index, .replace(html: "<p>\($0.index)</p>\n")) })
        }
        #expect(rendered.html == "<p>0</p>\n")
    }

    @Test func aFollowedListKeepsTheListsInsideIt() {
        // The outer list stays and is followed by its HTML; the inner one, inside it, is replaced.
        let rendered = Markdown.render("- outer\n  - inner\n\nEnd.\n") { _, lists in
            [0: .append(html: "<p>after outer</p>\n"), 1: .replace(html: "<p>instead of inner</p>\n")]
        }
        let html = rendered.html
        let inner = html.range(of: "<p>instead of inner</p>\n"), end = html.range(of: "</ul>\n")
        let after = html.range(of: "</ul>\n<p>after outer</p>\n<p>End.</p>\n")
        #expect(inner != nil && end != nil && after != nil)
        if let inner, let end { #expect(inner.upperBound <= end.lowerBound) }
        #expect(!html.contains("inner</li>") && !html.contains("\u{F8FD}"))
    }

    @Test func firstParagraphIsThePlainTextSummary() {
        let rendered = Markdown.render("# Title\n\nThere's a **fundamental** difference.\n\nMore.\n")
        #expect(rendered.firstParagraph == "There\u{2019}s a fundamental difference.")
    }
}
