import Testing

@testable import Basics
@testable import Content
@testable import CostModel
import Markdown

/// Other generators' shortcodes and tags: shown as written, one warning per file naming the first.
@Suite struct ForeignMarkupTests {
    @Test func eachKindIsFound() {
        #expect(ForeignMarkup.find(in: "A {{< figure src=\"a.png\" >}} b")?.text == "{{< figure src=\"a.png\" >}}")
        #expect(ForeignMarkup.find(in: "{{% note %}}x{{% /note %}}")?.kind == "Hugo shortcode")
        #expect(ForeignMarkup.find(in: "{{ youtube(id=\"x\") }}")?.kind == "Zola shortcode")
        #expect(ForeignMarkup.find(in: "{% include footer.html %}")?.kind == "Liquid or Zola tag")
        #expect(ForeignMarkup.find(in: "{%- if x -%}")?.kind == "Liquid or Zola tag")
    }

    @Test func codeAndPlainBracesAreLeftAlone() {
        #expect(ForeignMarkup.find(in: "A set {a, b} and {{ plain }} and {% %}") == nil)
        #expect(ForeignMarkup.find(in: "Write `{{< figure >}}` in Hugo.") == nil)
        #expect(ForeignMarkup.find(in: "```\n{{< figure >}}\n```\n") == nil)
        #expect(ForeignMarkup.find(in: "   ~~~\n{% raw %}\n   ~~~\n") == nil)
    }

    @Test func oneWarningPerFileAtTheFirstWithTheCount() {
        var diagnostics = Diagnostics()
        let essay = EssayLoader.load(
            SourceText(
                path: "content/n.md",
                text: "---\ntitle: x\n---\n\nText.\n\nSee {{< ref \"a.md\" >}} and {% include b %} and {{% c %}}.\n"),
            slug: "n", diagnostics: &diagnostics)
        #expect(essay?.body.contains("{{< ref \"a.md\" >}}") == true)  // kept as written
        // Line 7 of the file (three front matter lines, a blank, Text., a blank); column 5.
        #expect(
            diagnostics.all.map(\.description) == [
                "content/n.md:7:5: warning: Hugo shortcode '{{< ref \"a.md\" >}}' is shown as written: other "
                    + "generators' shortcodes and tags are not run; convert it to Markdown or HTML (2 more in this "
                    + "file)\nSee {{< ref \"a.md\" >}} and {% include b %} and {{% c %}}.\n    ^"
            ])
        // Rendered, it is text.
        #expect(Markdown.render("{{< ref \"a.md\" >}}\n").html == "<p>{{&lt; ref \u{201C}a.md\u{201D} &gt;}}</p>\n")
    }
}
