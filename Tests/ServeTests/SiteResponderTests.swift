import Foundation
import Testing

@testable import Serve
@testable import TokenEconomics

/// The server's rules without a network: paths, types, conditional requests, dates.
@Suite struct SiteResponderTests {
    @Test func plainPathsNameFilesOfTheSite() {
        #expect(SiteResponder.sitePath(target: "/") == "index.html")
        #expect(SiteResponder.sitePath(target: "/essays/") == "essays/index.html")
        #expect(SiteResponder.sitePath(target: "/essays/a-b.html?x=1") == "essays/a-b.html")
        #expect(SiteResponder.sitePath(target: "/data/caf%C3%A9.csv") == "data/café.csv")
    }

    @Test func pathsThatAreNotPlainAreRefused() {
        for target in [
            "", "index.html", "http://127.0.0.1/index.html", "/../x", "/a/../b", "/./a", "/%2e%2e/x", "/%2E%2e/x",
            "/a%2fb", "/a%5cb", "/a%00", "//a", "/a//b", "/.hidden", "/%c0%ae%c0%ae/x", "/%zz",
        ] {
            #expect(SiteResponder.sitePath(target: target) == nil, "\(target) was taken")
        }
    }

    @Test func aLoopbackServerAnswersOnlyLoopbackHostNames() {
        for host in [
            "127.0.0.1", "127.0.0.1:1313", "localhost", "LocalHost:80", "localhost.", "[::1]", "[::1]:1313", nil,
        ] {
            #expect(SiteResponder.allowsHost(host, bound: "127.0.0.1"), "\(host ?? "no Host") refused")
        }
        for host in [
            "rebind.example", "rebind.example:1313", "127.0.0.1.rebind.example", "localhost.rebind.example",
            "127.0.0.2", "[::1]x", "[::1", "localhost:http", "", "10.0.0.1:1313",
        ] {
            #expect(!SiteResponder.allowsHost(host, bound: "127.0.0.1"), "\(host) answered")
        }
        // The address it listens on, when that is another loopback address.
        #expect(SiteResponder.allowsHost("127.0.0.2:1313", bound: "127.0.0.2"))
        #expect(SiteResponder.allowsHost("[::1]:1313", bound: "::1"))
        #expect(!SiteResponder.allowsHost("rebind.example", bound: "::1"))
        #expect(!SiteResponder.allowsHost("rebind.example", bound: "localhost"))
        // Not on loopback: the server has names of its own it cannot know.
        #expect(SiteResponder.allowsHost("preview.example:1313", bound: "0.0.0.0"))
        #expect(SiteResponder.allowsHost("preview.example", bound: "192.168.1.20"))
    }

    @Test func contentTypesByExtension() {
        #expect(SiteResponder.contentType(of: "index.html") == "text/html; charset=utf-8")
        #expect(SiteResponder.contentType(of: "assets/style.css") == "text/css; charset=utf-8")
        #expect(SiteResponder.contentType(of: "data/a.json") == "application/json")
        #expect(SiteResponder.contentType(of: "data/a.csv") == "text/csv; charset=utf-8")
        #expect(SiteResponder.contentType(of: "feed.xml") == "application/atom+xml")
        #expect(SiteResponder.contentType(of: "sitemap.xml") == "application/xml")
        #expect(SiteResponder.contentType(of: "a.SVG") == "image/svg+xml")
        #expect(SiteResponder.contentType(of: "noextension") == "application/octet-stream")
    }

    @Test func httpDatesBothWays() {
        // RFC 9110's example. 1970-01-01 to 1994-01-01: 24 years, 6 of them leap (1972 … 1992),
        // 24 × 365 + 6 = 8,766 days; to 6 November: 304 days of January to October + 5 = 309;
        // 9,075 days × 86,400 s = 784,080,000 s, + 8 h 49 min 37 s (31,777 s) = 784,111,777.
        // 9,075 = 7 × 1,296 + 3: three days after a Thursday, a Sunday.
        #expect(HTTPDate.format(seconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
    }

    @Test func conditionalRequests() {
        let tag = "\"a-b-c\""
        #expect(SiteResponder.isNotModified(headers: ["If-None-Match": tag], tag: tag, modifiedSeconds: 10))
        #expect(
            SiteResponder.isNotModified(headers: ["if-none-match": "\"x\", W/\"a-b-c\""], tag: tag, modifiedSeconds: 10)
        )
        #expect(SiteResponder.isNotModified(headers: ["If-None-Match": "*"], tag: tag, modifiedSeconds: 10))
        #expect(!SiteResponder.isNotModified(headers: ["If-None-Match": "\"x\""], tag: tag, modifiedSeconds: 10))
        // If-None-Match decides when both are there.
        let since = HTTPDate.format(seconds: 20)
        #expect(
            !SiteResponder.isNotModified(
                headers: ["If-None-Match": "\"x\"", "If-Modified-Since": since], tag: tag, modifiedSeconds: 10))
        #expect(SiteResponder.isNotModified(headers: ["If-Modified-Since": since], tag: tag, modifiedSeconds: 20))
        #expect(!SiteResponder.isNotModified(headers: ["If-Modified-Since": since], tag: tag, modifiedSeconds: 21))
        #expect(!SiteResponder.isNotModified(headers: [:], tag: tag, modifiedSeconds: 10))
    }

    @Test func theScriptAndTheOverlayGoBeforeTheLastBodyEnd() {
        let plain = SiteResponder(site: .init(root: "/nowhere", files: [], errors: nil, generation: 1))
        let page = Data("<html><body><p>a</body></p></body></html>".utf8)
        let served = String(decoding: plain.inject(into: page), as: UTF8.self)
        #expect(served.hasPrefix("<html><body><p>a</body></p><script>"))
        #expect(served.hasSuffix("</script></body></html>"))
        let failing = SiteResponder(
            site: .init(root: "/nowhere", files: [], errors: "a.yaml:1:2: error: <bad>", generation: 2))
        let overlaid = String(decoding: failing.inject(into: page), as: UTF8.self)
        #expect(overlaid.contains("id=\"token-economics-errors\""))
        #expect(overlaid.contains("a.yaml:1:2: error: &lt;bad&gt;"))
    }
}
