import Foundation
import Mustache
import Testing

@testable import TokenEconomics

@Suite struct SkeletonsTests {
    func library(_ templates: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in templates { library.register(try MustacheTemplate(string: text), named: name) }
        return library
    }

    @Test func pagesOfOneShapeAreFilledInAsMustacheWouldRenderThem() throws {
        let library = try library([
            "page": "<h1>{{title}}</h1>{{#date}}<time>{{display}}</time>{{/date}}{{#draft}} (draft){{/draft}}\n"
                + "<ul>{{#items}}<li>{{name}}: {{{html}}}</li>{{/items}}</ul>{{> foot}}",
            "foot": "<p>{{site.title}} &amp; {{{site.raw}}}</p>\n",
        ])
        let skeletons = Skeletons()
        func context(_ title: String, _ first: String, _ html: String) -> [String: Any] {
            [
                "title": title, "date": ["display": "2 May 2027"], "draft": false,
                "items": [["name": first, "html": html], ["name": "b", "html": "<b>x</b>"]],
                "site": ["title": "Site <1>", "raw": "<i>r</i>"],
            ]
        }
        // The first page of a shape is Mustache's; later ones come from its skeleton. Text with
        // characters to escape, empty text and line breaks fill the holes as Mustache would.
        for values in [("One", "a", "<em>1</em>"), ("Tom & \"Jerry\"", "", "line\nbreak"), ("", "'q'", "")] {
            let page = context(values.0, values.1, values.2)
            let made = try #require(skeletons.render("page", page, library: library))
            #expect(made.text == library.render(page, withTemplate: "page"))
        }
    }

    @Test func anotherShapeGetsItsOwnSkeleton() throws {
        let library = try library(["page": "{{#on}}[{{a}}]{{/on}}{{^on}}({{a}}){{/on}}{{#list}}<{{.}}>{{/list}}"])
        let skeletons = Skeletons()
        for context: [String: Any] in [
            ["on": true, "a": "x", "list": ["1"]], ["on": false, "a": "y", "list": ["1", "2"]],
            ["on": true, "a": "z", "list": ["3"]], ["on": false, "a": "w", "list": []],
        ] {
            #expect(
                skeletons.render("page", context, library: library)?.text
                    == library.render(context, withTemplate: "page"))
        }
    }

    @Test func renderedTextFillsItsHoleAsItIs() throws {
        let library = try library(["layout": "<main>{{{content}}}</main><p>{{content}}</p>"])
        let skeletons = Skeletons()
        for body in ["<p>a</p>", "<p>b & c</p>"] {
            var buffer = TextBuffer()
            buffer.append(body)
            let made = try #require(
                skeletons.render(
                    "layout", ["content": Skeletons.Rendered(buffer: buffer)],
                    library: library))
            #expect(made.text == library.render(["content": body], withTemplate: "layout"))
        }
    }

    @Test func contextsWithOtherValuesAreLeftToMustache() throws {
        let library = try library(["page": "{{n}}"])
        #expect(Skeletons().render("page", ["n": 3], library: library) == nil)
    }

    @Test func aBrokenMarkerIsNoSkeleton() {
        #expect(Skeletons.pieces(of: "a\u{F8FF}0&\"\u{F8FE}b")?.count == 3)
        #expect(Skeletons.pieces(of: "a\u{F8FF}0&amp;&quot;\u{F8FE}b")?.count == 3)
        #expect(Skeletons.pieces(of: "a\u{F8FF}0\u{F8FE}b") == nil)
        #expect(Skeletons.pieces(of: "a\u{F8FF}0&\\\"\u{F8FE}b") == nil)
        #expect(Skeletons.pieces(of: "a\u{F8FF}X&\"\u{F8FE}b") == nil)
        #expect(Skeletons.pieces(of: "a\u{F8FF}0&") == nil)
    }

    @Test func aListPrintedWholeGetsNoSkeleton() throws {
        // `{{list}}` prints the list's description, which escapes quotes inside its texts: the
        // texts are not inserted as they are, so the page must come from Mustache every time.
        let library = try library(["page": "<p>{{list}}</p>"])
        let skeletons = Skeletons()
        let first = skeletons.render("page", ["list": ["plain"]], library: library)
        #expect(first?.text == library.render(["list": ["plain"]], withTemplate: "page"))
        // The shape is known now, and known to need Mustache: nil tells the caller to use it.
        #expect(skeletons.render("page", ["list": ["say \"hi\""]], library: library) == nil)
    }

    @Test func longTextsAreCheckedAsStandInsAndFilledInWhole() throws {
        // A text over `standInLength` bytes, escaped and not: the skeleton is checked with a
        // short stand-in, and the page is the whole text filled in as Mustache would.
        let library = try library(["page": "<p>{{long}}</p>\n<div>{{{long}}}</div>{{#on}}!{{/on}}"])
        let long = String(repeating: "a < b & \"c\" ", count: 600)  // 7,800 bytes
        #expect(long.utf8.count > Skeletons.standInLength)
        let skeletons = Skeletons()
        for on in [true, true, false] {
            let context: [String: Any] = ["long": long, "on": on]
            #expect(
                skeletons.render("page", context, library: library)?.text
                    == library.render(context, withTemplate: "page"))
        }
    }

    /// Twenty items of four shapes (with and without a flag, with and without a date), texts to
    /// escape, a page value used inside the items, a second long list opened inline.
    static let listPage = """
        <h1>{{title}}</h1>
        <ul>
        {{#items}}
        <li class="{{kind}}"><a href="{{root}}{{url}}">{{name}}</a>{{#flag}} <b>*</b>{{/flag}}
        {{#date}}<time>{{display}}</time>{{/date}}</li>
        {{/items}}
        </ul>
        {{^items}}<p>None.</p>{{/items}}
        <p>{{#others}}[{{n}}]{{/others}}</p>{{> foot}}
        """

    static func listContext() -> (page: [String: Any], lists: [String: [[String: Any]]]) {
        let items: [[String: Any]] = (0..<20).map { index in
            var item: [String: Any] = [
                "kind": index % 3 == 0 ? "red" : "blue", "url": "e\(index).html",
                "name": index == 4 ? "Tom & \"Jerry\" <3>" : "Item \(index)", "flag": index % 2 == 0,
            ]
            if index % 4 < 2 { item["date"] = ["display": "\(index + 1) May 2027"] }
            return item
        }
        let others: [[String: Any]] = (0..<9).map { ["n": "\($0)"] }
        return (
            ["title": "Lists & <things>", "root": "../", "site": ["title": "S"]], ["items": items, "others": others]
        )
    }

    @Test func longListsAreRenderedItemByItemAsMustacheWould() throws {
        let library = try library(["page": Self.listPage, "foot": "<footer>{{site.title}}</footer>\n"])
        let (page, lists) = Self.listContext()
        var whole = page
        for (key, list) in lists { whole[key] = list }
        let skeletons = Skeletons()
        for _ in 0..<2 {  // once new, once from the skeletons made the first time
            let made = try #require(
                skeletons.render("page", page, lists: lists, library: library, items: ListItems(prefix: "")))
            #expect(made.text == library.render(whole, withTemplate: "page"))
        }
    }

    @Test func listsUsedOtherwiseAreLeftToMustache() throws {
        let (page, lists) = Self.listContext()
        for template in [
            "{{#items}}{{name}}{{/items}} {{items}}",  // printed whole
            "{{#items}}{{#others}}{{n}}{{/others}}{{/items}}",  // another list inside an item
            "{{#items}}{{.}}{{/items}}",  // the item itself
        ] {
            let library = try library(["page": template])
            #expect(
                Skeletons().render("page", page, lists: lists, library: library, items: ListItems(prefix: "")) == nil,
                "\(template)")
        }
    }

    @Test func templatesThatDoMoreThanInsertTextGetNoSkeletons() {
        func allows(_ text: String) -> Bool {
            Templates.insertsTextAsItIs(["t": SourceText(path: "t.mustache", text: text)])
        }
        #expect(allows("<p>{{a}} {{{b}}} {{#c}}{{d.e}}{{/c}}</p>\n{{> header}}\n"))
        #expect(!allows("{{uppercased(a)}}"))
        #expect(!allows("<div>\n  {{> header}}\n</div>"))
        #expect(!allows("{{=<% %>=}}<%a%>"))
        #expect(!allows("{{>*name}}"))
        #expect(!allows("{{<parent}}{{$block}}x{{/block}}{{/parent}}"))
    }
}
