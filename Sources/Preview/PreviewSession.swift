import Foundation
import Pipeline

/// `derive serve` as a library: a first build, the server, and a watch loop that rebuilds after a
/// save and bumps the version that served pages poll, so that they reload. Everything the command
/// does is here, where tests reach it; the command only parses options and waits for Ctrl-C.
public final class PreviewSession: @unchecked Sendable {
    public let server: HTTPServer
    private let site: StaticSite
    private let lock = NSLock()
    private var builder: PreviewBuilder
    private var watcher: ChapterWatcher
    private var version = 0
    private var running = true
    private let format: OutputFormat
    private let log: @Sendable (String) -> Void
    private let done = DispatchSemaphore(value: 0)
    private var latest: PreviewBuilder.Outcome?

    /// Builds once, then listens on 127.0.0.1:`port` (0: any free port). After a failed build the
    /// pages of the last good one are served (none, until there is one).
    public init(builder: PreviewBuilder, port: UInt16, format: OutputFormat = .text,
                log: @escaping @Sendable (String) -> Void) throws {
        self.builder = builder
        self.format = format
        self.log = log
        watcher = ChapterWatcher(paths: builder.paths)
        site = StaticSite(root: URL(fileURLWithPath: builder.outputDirectory).appendingPathComponent("html"))
        let box = VersionBox()
        server = try HTTPServer(port: port) { request in box.session?.answer(request) ?? .notFound(request.target) }
        box.session = self
        rebuild()
    }

    /// The outcome of the latest rebuild.
    public var lastOutcome: PreviewBuilder.Outcome? {
        lock.lock()
        defer { lock.unlock() }
        return latest
    }

    /// The version served pages poll: it grows by one with every rebuild that changed the output.
    public var currentVersion: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
    }

    /// Serves, and watches the chapters every `interval` seconds on a thread of its own.
    public func start(interval: Double = 0.05) {
        server.start()
        let thread = Thread { [self] in
            while isRunning {
                Thread.sleep(forTimeInterval: interval)
                guard isRunning else { break }
                if watcher.changed() { rebuild() }
            }
            done.signal()
        }
        thread.name = "derive-serve-watch"
        thread.start()
    }

    /// Stops watching and serving; returns once the watch loop has ended.
    public func stop() {
        lock.lock()
        let wasRunning = running
        running = false
        lock.unlock()
        server.stop()
        if wasRunning { done.wait() }
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    private func rebuild() {
        var bumped = false
        let outcome = builder.rebuild { [self] changed in
            // The pages are on disk: let open pages reload while the rest is written.
            guard changed else { return }
            lock.lock()
            version += 1
            lock.unlock()
            bumped = true
        }
        let report = RunReport(outcome.result, format: format)
        for line in report.standardError { log(line) }
        if outcome.result.status == .success {
            log(outcome.timing)
        } else {
            log("the book was not rebuilt; the pages served are those of the last good build")
        }
        lock.lock()
        latest = outcome
        if outcome.changed, !bumped { version += 1 }
        lock.unlock()
    }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.target
        if path == ReloadScript.versionPath {
            return HTTPResponse(status: 200, reason: "OK", contentType: "text/plain; charset=utf-8",
                                body: Data(String(currentVersion).utf8))
        }
        guard let file = site.file(for: request.target) else { return .notFound(request.target) }
        let body = file.contentType.hasPrefix("text/html") ? ReloadScript.inject(into: file.body) : file.body
        return HTTPResponse(status: 200, reason: "OK", contentType: file.contentType, body: body)
    }
}

/// Lets the server's handler reach the session that owns the server, without a cycle at init.
private final class VersionBox: @unchecked Sendable {
    weak var session: PreviewSession?
}
