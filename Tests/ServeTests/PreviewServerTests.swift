import Foundation
import Testing
import TestSupport

@testable import Serve
@testable import TokenEconomics

#if canImport(Glibc)
    import Glibc
#endif

/// Runs blocking socket work on a thread of its own and waits for it without holding one of
/// Swift's cooperative threads: there are as many as cores (two here), the server's tasks run on
/// them, and a test blocked on one while another suite's long test held the other left the
/// server no thread to answer on until that test ended (the fetch timeouts of a loaded machine).
func offTheCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// A TCP connection to the server on loopback, with raw bytes both ways: URLSession would
/// normalise the paths the traversal tests send. Unchecked: a test uses a connection from one
/// task, one read at a time, each on a thread of its own (`offTheCooperativePool`).
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32
    private var received = Data()

    init(port: Int) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, connected == 0 else { throw ConnectionError.cannotConnect }
    }

    deinit { close(descriptor) }

    enum ConnectionError: Error { case cannotConnect, timedOut }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            offset += count
        }
    }

    /// Reads until `done` holds for what was received, the peer closes, or `seconds` pass.
    func read(seconds: Double = 10, until done: @escaping @Sendable (Data) -> Bool) async -> Data {
        await offTheCooperativePool { self.readBlocking(seconds: seconds, until: done) }
    }

    func readBlocking(seconds: Double, until done: (Data) -> Bool) -> Data {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(received), Date() < deadline {
            var wait = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            guard poll(&wait, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received.append(contentsOf: buffer[..<count])
        }
        return received
    }

    func contains(_ text: String) -> @Sendable (Data) -> Bool {
        { $0.range(of: Data(text.utf8)) != nil }
    }
}

/// A response as read off the wire.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    /// One request on a new connection, which the server then closes.
    static func fetch(
        _ port: Int, _ requestLine: String, host: String = "127.0.0.1", headers: [String: String] = [:]
    ) async throws -> RawResponse {
        try await offTheCooperativePool {
            Result { try fetchBlocking(port, requestLine, host: host, headers: headers) }
        }.get()
    }

    private static func fetchBlocking(
        _ port: Int, _ requestLine: String, host: String, headers: [String: String]
    ) throws -> RawResponse {
        let connection = try RawConnection(port: port)
        var request = "\(requestLine)\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        connection.send(request + "\r\n")
        let data = connection.readBlocking(seconds: 30) { _ in false }
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            return RawResponse(status: 0, headers: [:], body: data)
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: fields, body: Data(data[end.upperBound...]))
    }
}

/// The server started on a free port over a copy of the fixture site.
@Suite(.serialized) struct PreviewServerTests {
    final class Running {
        let root: URL
        let content: URL
        let server: PreviewServer
        let port: Int

        init() async throws {
            root = try makeTemporaryFolder()
            content = root.appendingPathComponent("content")
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Tests/TokenEconomicsTests/Fixtures/site/content"),
                to: content)
            try Data("the secret next to the content\n".utf8).write(to: root.appendingPathComponent("secret.txt"))
            server = try PreviewServer(
                PreviewServer.Configuration(
                    content: content, templates: repositoryRoot.appendingPathComponent("templates"), port: 0),
                log: { _ in })
            try await server.start()
            port = Int(server.url.split(separator: ":").last?.filter(\.isNumber) ?? "") ?? 0
        }

        func stop() async {
            await server.stop()
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test func servesPagesWithTypesTagsAndTheNotFoundPage() async throws {
        let site = try await Running()
        let port = site.port
        #expect(site.server.url.hasPrefix("http://127.0.0.1:"))

        let index = try await RawResponse.fetch(port, "GET / HTTP/1.1")
        #expect(index.status == 200)
        #expect(index.headers["content-type"] == "text/html; charset=utf-8")
        #expect(index.text.contains("Fixture site"))
        // The reload script is in the response, not in the built file.
        #expect(index.text.contains("new EventSource(\"/__reload\")"))
        let built = try String(contentsOf: site.server.folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!built.contains("EventSource"))
        #expect(Int(index.headers["content-length"] ?? "") == index.body.count)

        let css = try await RawResponse.fetch(port, "GET /assets/style.css HTTP/1.1")
        #expect(css.status == 200)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        let tag = try #require(css.headers["etag"])
        let lastModified = try #require(css.headers["last-modified"])
        #expect(css.body == (try Data(contentsOf: repositoryRoot.appendingPathComponent("templates/assets/style.css"))))

        let cached = try await RawResponse.fetch(
            port, "GET /assets/style.css HTTP/1.1", headers: ["If-None-Match": tag])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        let since = try await RawResponse.fetch(
            port, "GET /assets/style.css HTTP/1.1", headers: ["If-Modified-Since": lastModified])
        #expect(since.status == 304)
        let other = try await RawResponse.fetch(
            port, "GET /assets/style.css HTTP/1.1", headers: ["If-None-Match": "\"x\""])
        #expect(other.status == 200)

        let head = try await RawResponse.fetch(port, "HEAD /data/builder.json HTTP/1.1")
        let json = try await RawResponse.fetch(port, "GET /data/builder.json HTTP/1.1")
        #expect(head.status == 200 && json.status == 200)
        #expect(head.headers["content-type"] == "application/json")
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(json.body.count))
        #expect(
            try await RawResponse.fetch(port, "GET /data/builder.csv HTTP/1.1").headers["content-type"]
                == "text/csv; charset=utf-8")

        let missing = try await RawResponse.fetch(port, "GET /essays/nowhere.html HTTP/1.1")
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(missing.text.contains("Page not found"))
        #expect(try await RawResponse.fetch(port, "POST / HTTP/1.1").status == 405)
        await site.stop()
        #expect(!FileManager.default.fileExists(atPath: site.server.folder.path))
    }

    @Test func refusesEveryPathOutsideTheSite() async throws {
        let site = try await Running()
        // A link planted in the private folder, to the secret and over a served page.
        let folder = site.server.folder
        let secret = site.root.appendingPathComponent("secret.txt")
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("link.txt"), withDestinationURL: secret)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("compare.html"))
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("compare.html"), withDestinationURL: secret)
        let relative = "../" + site.root.lastPathComponent + "/secret.txt"
        let attempts = [
            "/../secret.txt", "/\(relative)", "/essays/../../\(relative)", "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/essays%2f..%2f..%2fsecret.txt", "/..%5c..%5csecret.txt",
            "/index.html%00.css", "/%00", "//etc/passwd", "/.token-economics-manifest", "/link.txt", "/compare.html",
            "/essays/.%2e/.%2e/etc/passwd", "http://127.0.0.1/../secret.txt", "/%c0%ae%c0%ae/secret.txt",
        ]
        for target in attempts {
            let response = try await RawResponse.fetch(site.port, "GET \(target) HTTP/1.1")
            #expect(response.status == 400 || response.status == 404, "\(target) gave \(response.status)")
            #expect(!response.text.contains("the secret") && !response.text.contains("root:"), "\(target) leaked")
        }
        await site.stop()
    }

    @Test func refusesRequestsNamingAnotherHost() async throws {
        let site = try await Running()
        let port = site.port
        // What a browser sends to a name of another site rebound to 127.0.0.1.
        for host in [
            "rebind.example", "rebind.example:\(port)", "127.0.0.1.rebind.example", "localhost.rebind.example",
        ] {
            let page = try await RawResponse.fetch(port, "GET /index.html HTTP/1.1", host: host)
            #expect(page.status == 403, "Host \(host) gave \(page.status)")
            #expect(!page.text.contains("Fixture site"), "Host \(host) read the page")
            let events = try await RawResponse.fetch(port, "GET /__reload HTTP/1.1", host: host)
            #expect(events.status == 403, "Host \(host) gave \(events.status) on the reload stream")
        }
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "localhost", "[::1]:\(port)"] {
            let page = try await RawResponse.fetch(port, "GET /index.html HTTP/1.1", host: host)
            #expect(page.status == 200, "Host \(host) gave \(page.status)")
            #expect(page.text.contains("Fixture site"))
        }
        await site.stop()
    }

    @Test func anEditReloadsOpenPagesAndAnErrorShowsOverTheLastGoodPage() async throws {
        let site = try await Running()
        let events = try RawConnection(port: site.port)
        events.send("GET /__reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let opened = await events.read(until: events.contains(": token-economics serve"))
        #expect(String(decoding: opened, as: UTF8.self).contains("text/event-stream"))

        let essay = site.content.appendingPathComponent("essay.md")
        let text = try String(contentsOf: essay, encoding: .utf8)
        try Data((text + "\nA sentence added while serving.\n").utf8).write(to: essay)
        let first = await events.read(until: events.contains("data: reload"))
        #expect(String(decoding: first, as: UTF8.self).contains("data: reload"))
        #expect(
            try await RawResponse.fetch(site.port, "GET /essays/essay.html HTTP/1.1").text.contains(
                "added while serving"))

        // A broken scenario: the overlay with the diagnostic, over the last good page.
        let scenario = site.content.appendingPathComponent("scenarios/builder.yaml")
        let good = try String(contentsOf: scenario, encoding: .utf8)
        try Data(good.replacingOccurrences(of: "price_per_user: 10", with: "price_per_user: -10").utf8).write(
            to: scenario)
        let second = await events.read {
            String(decoding: $0, as: UTF8.self).components(separatedBy: "data: reload").count == 3
        }
        #expect(String(decoding: second, as: UTF8.self).components(separatedBy: "data: reload").count == 3)
        let broken = try await RawResponse.fetch(site.port, "GET /scenarios/builder.html HTTP/1.1")
        #expect(broken.status == 200)
        #expect(broken.text.contains("id=\"token-economics-errors\""))
        #expect(broken.text.contains("scenarios/builder.yaml:5:"))
        #expect(broken.text.contains("<h1>Builder</h1>") || broken.text.contains(">Builder<"))
        // The last good page is still what is built.
        let kept = try String(
            contentsOf: site.server.folder.appendingPathComponent("scenarios/builder.html"), encoding: .utf8)
        #expect(!kept.contains("token-economics-errors"))

        try Data(good.utf8).write(to: scenario)
        let third = await events.read {
            String(decoding: $0, as: UTF8.self).components(separatedBy: "data: reload").count == 4
        }
        #expect(String(decoding: third, as: UTF8.self).components(separatedBy: "data: reload").count == 4)
        let fixed = try await RawResponse.fetch(site.port, "GET /scenarios/builder.html HTTP/1.1")
        #expect(!fixed.text.contains("token-economics-errors"))
        await site.stop()
    }
}
