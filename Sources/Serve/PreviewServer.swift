import Basics
import FlyingFox
import FlyingSocks
import Foundation
import TokenEconomics

/// `token-economics serve`: builds the site into a private temporary folder, serves it over
/// HTTP, rebuilds what a change to the sources affects and tells open pages to reload.
///
/// The built files are exactly those `build` writes; the reload script and the error overlay
/// are added to HTML responses only. The folder is removed by `stop()`.
/// Unchecked: `server`, `serverTask` and `watcher` are set by `start()` and cleared by `stop()`,
/// which the command calls one after the other on one thread; the handlers only read `site`.
public final class PreviewServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var content: URL
        public var templates: URL
        public var includeDrafts: Bool
        /// The address to listen on: loopback unless asked otherwise.
        public var host: String
        /// 0 picks a free port (`url` tells which).
        public var port: UInt16

        public init(
            content: URL, templates: URL, includeDrafts: Bool = false, host: String = "127.0.0.1", port: UInt16 = 1313
        ) {
            self.content = content
            self.templates = templates
            self.includeDrafts = includeDrafts
            self.host = host
            self.port = port
        }
    }

    /// Why the server could not start.
    public enum Failure: Error, CustomStringConvertible {
        case folder(String)
        case address(String)
        case listen(String)

        public var description: String {
            switch self {
            case .folder(let reason): return "cannot make a temporary folder: \(reason)"
            case .address(let host): return "'\(host)' is not an IPv4 or IPv6 address (or localhost) to listen on"
            case .listen(let reason): return "cannot listen: \(reason)"
            }
        }
    }

    public let configuration: Configuration
    /// The private folder the site is kept in.
    public let folder: URL
    private let log: @Sendable (String) -> Void
    private let live: LiveSite
    private let shown = Locked(SiteResponder.Site(root: "", files: nil, errors: nil, generation: 0))
    private let hub = ReloadHub()
    private let updating = DispatchQueue(label: "token-economics serve updates")
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var watcher: FolderWatcher?

    /// Makes the private folder; nothing is built or served before `start()`.
    /// - Parameter log: takes each line for the terminal (the diagnostics among them).
    public init(_ configuration: Configuration, log: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        self.log = log
        var template = Array((NSTemporaryDirectory() + "/token-economics-serve-XXXXXX").utf8CString)
        // Unsafe: mkdtemp(3) fills in its C template in place.
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else { throw Failure.folder(String(cString: strerror(errno))) }
        let path = URL(fileURLWithPath: made).standardizedFileURL
        folder = path
        live = LiveSite(
            paths: Paths(content: configuration.content, templates: configuration.templates, output: path),
            options: BuildOptions(includeDrafts: configuration.includeDrafts))
        shown.withLock { $0.root = path.path }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The address pages are served from, once started.
    public private(set) var url: String = ""

    /// Builds the site, starts listening and watching. Returns the first build's outcome (with
    /// errors, the server runs and shows them until they are fixed).
    @discardableResult
    public func start() async throws -> LiveSite.Outcome {
        let address: any SocketAddress
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        if host.contains(":") {
            guard let made = try? sockaddr_in6.inet6(ip6: host, port: configuration.port) else {
                throw Failure.address(configuration.host)
            }
            address = made
        } else {
            guard let made = try? sockaddr_in.inet(ip4: host, port: configuration.port) else {
                throw Failure.address(configuration.host)
            }
            address = made
        }
        let outcome = updating.sync { applyUpdate() }
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled)
        let hub = self.hub
        let shown = self.shown
        let bound = configuration.host
        // Requests naming another site are refused before any route (DNS rebinding).
        let refusal: @Sendable (HTTPRequest) -> HTTPResponse? = { request in
            guard !SiteResponder.allowsHost(request.headers[HTTPHeader("Host")], bound: bound) else { return nil }
            return Self.response(
                SiteResponder(site: shown.withLock { $0 }).misdirected(method: request.method.rawValue))
        }
        await server.appendRoute(HTTPRoute("GET,HEAD \(SiteResponder.reloadPath)")) { request in
            if let refused = refusal(request) { return refused }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: HTTPBodySequence(from: EventStreamBytes(stream: hub.subscribe())))
        }
        await server.appendRoute("*") { request in
            if let refused = refusal(request) { return refused }
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue] = value }
            return Self.response(
                SiteResponder(site: shown.withLock { $0 }).reply(
                    method: request.method.rawValue, target: request.target.rawValue, headers: headers))
        }
        self.server = server
        serverTask = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            serverTask?.cancel()
            throw Failure.listen(
                "\(configuration.host) port \(configuration.port) (in use, or not an address of this machine?)")
        }
        switch await server.listeningAddress {
        case .ip4(let host, let port): url = "http://\(host):\(port)/"
        case .ip6(let host, let port): url = "http://[\(host)]:\(port)/"
        default: url = "http://\(configuration.host):\(configuration.port)/"
        }
        let watcher = FolderWatcher(folders: [
            ("content/", configuration.content), ("templates/", configuration.templates),
        ]) { [weak self] changed in
            guard let self else { return }
            updating.sync {
                if applyUpdate(changed) != .unchanged { hub.broadcast("reload") }
            }
        }
        watcher.start()
        self.watcher = watcher
        return outcome
    }

    /// Starts, calls `listening` with the first build's outcome, serves until SIGINT (Ctrl-C)
    /// or SIGTERM, then stops and removes the private folder. Blocks the calling thread, which
    /// must not be one of Swift concurrency's.
    public func serveUntilInterrupted(listening: @escaping @Sendable (LiveSite.Outcome) -> Void) throws {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let interrupted = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { interrupted.signal() }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        let done = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        Task {
            do {
                listening(try await start())
            } catch {
                failure.withLock { $0 = error }
                interrupted.signal()
            }
            done.signal()
        }
        done.wait()
        interrupted.wait()
        Task {
            await stop()
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Stops watching and serving and removes the private folder.
    public func stop() async {
        watcher?.stop()
        hub.finish()
        await server?.stop(timeout: 1)
        serverTask?.cancel()
        updating.sync {}  // an update under way finishes before the folder goes
        try? FileManager.default.removeItem(at: folder)
    }

    /// Brings the site up to date, shows the result and says it in the terminal. `changed`: the
    /// files the watcher saw change (`LiveSite.update(changed:)`).
    private func applyUpdate(_ changed: Set<String>? = nil) -> LiveSite.Outcome {
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = live.update(changed: changed)
        let elapsed = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        switch outcome {
        case .unchanged:
            break
        case .built(let update):
            let files = live.files
            shown.withLock {
                $0.files = files
                $0.errors = nil
                $0.generation += 1
            }
            let warnings = update.diagnostics.filter { $0.severity == .warning }.count
            let what = update.changed.count == 1 ? update.changed[0] : "\(update.changed.count) files"
            log(
                (update.incremental ? "Rebuilt after \(what): " : "Built the site: ")
                    + "\(update.rendered) files rendered, \(warnings) warning\(warnings == 1 ? "" : "s"), \(elapsed) ms"
            )
        case .failed(let diagnostics, let message):
            var lines = diagnostics.map(\.description)
            if let message { lines.append("error: \(message)") }
            let errors = diagnostics.filter { $0.severity == .error }.count
            lines.append(
                "\(errors) error\(errors == 1 ? "" : "s"): the last good site is still served (\(elapsed) ms)")
            let text = lines.joined(separator: "\n")
            shown.withLock {
                $0.errors = text
                $0.generation += 1
            }
            log(text)
        }
        return outcome
    }

    static func response(_ reply: SiteResponder.Reply) -> HTTPResponse {
        var response = HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: Self.phrase(reply.status)))
        for (name, value) in reply.headers { response.headers[HTTPHeader(name)] = value }
        if !reply.body.isEmpty { response.payload = .httpBody(HTTPBodySequence(data: reply.body)) }
        return response
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        default: return "Service Unavailable"
        }
    }
}

/// The open reload streams: each `/__reload` request subscribes, an update broadcasts.
final class ReloadHub: Sendable {
    private let streams = Locked([Int: AsyncStream<Data>.Continuation]())
    private let counter = Locked(0)

    /// A stream of Server-Sent Events, opened with a comment so that the client knows it is on.
    func subscribe() -> AsyncStream<Data> {
        let number = counter.withLock {
            $0 += 1
            return $0
        }
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        continuation.onTermination = { [streams] _ in _ = streams.withLock { $0.removeValue(forKey: number) } }
        streams.withLock { $0[number] = continuation }
        continuation.yield(Data(": token-economics serve\n\n".utf8))
        return stream
    }

    /// Sends `data: event` to every open stream.
    func broadcast(_ event: String) {
        let message = Data("data: \(event)\n\n".utf8)
        for continuation in streams.withLock({ Array($0.values) }) { continuation.yield(message) }
    }

    /// Ends every stream (the server is stopping).
    func finish() {
        for continuation in streams.withLock({ Array($0.values) }) { continuation.finish() }
    }
}

/// An event stream's bytes, as FlyingFox sends a body of unknown length (chunked).
struct EventStreamBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            while pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = Array(data)
            }
            let taken = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
