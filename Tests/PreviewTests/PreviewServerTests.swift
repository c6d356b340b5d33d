import Checker
import Foundation
import Pipeline
@testable import Preview
import Testing
import Writers
#if canImport(Glibc)
import Glibc
#endif

/// `derive serve` as a reader and an author meet it: pages over HTTP, a 404, no way out of the
/// site, and a page that is rebuilt (and announces a new version) after a chapter is saved.
@Suite(.serialized) struct PreviewServerTests {
    static let chapter = """
    # Served

    ```given
    x \\in \\mathbb{R}
    ```

    ```derive {#eq:served}
    (x + 1)^2
      = x^2 + 2 x + 1   % expand
    ```

    """

    /// A book folder with one chapter and an output folder beside it, removed afterwards.
    final class Workspace {
        let root: URL
        var chapters: URL { root.appendingPathComponent("chapters") }
        var chapterFile: URL { chapters.appendingPathComponent("01-served.md") }
        var output: URL { root.appendingPathComponent("output") }
        var cache: URL { root.appendingPathComponent("cache") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-tests-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters"), withIntermediateDirectories: true)
            try Data(PreviewServerTests.chapter.utf8).write(to: chapterFile)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        let lines = Lines()

        func session() throws -> PreviewSession {
            let options = CheckOptions(jobs: 1, cacheDirectory: cache.path)
            let builder = PreviewBuilder(paths: [chapters.path], outputDirectory: output.path, options: options,
                                         writers: [HTMLWriter(mathFont: nil), AuditWriter()])
            let lines = self.lines
            return try PreviewSession(builder: builder, port: 0) { lines.append($0) }
        }
    }

    /// What a session logged, for the message of a failed expectation.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
    }

    /// One raw HTTP/1.1 exchange, so that a request target reaches the server unnormalised.
    static func get(_ target: String, port: UInt16, method: String = "GET") throws -> (status: Int, headers: String, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "cannot connect to port \(port)")
        let request = Array("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, head, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func servesPagesA404AndNothingOutsideTheSite() throws {
        let workspace = try Workspace()
        let session = try workspace.session()
        session.start()
        defer {
            session.stop()
            withExtendedLifetime(workspace) {}
        }
        let port = session.server.port
        #expect(port != 0)

        let page = try Self.get("/01-served.html", port: port)
        #expect(page.status == 200)
        #expect(page.headers.contains("Content-Type: text/html; charset=utf-8"))
        #expect(page.body.contains("eq:served") || page.body.contains("served"))
        #expect(page.body.contains(ReloadScript.versionPath), "served pages carry the reload script")
        let onDisk = try String(contentsOf: workspace.output.appendingPathComponent("html/01-served.html"), encoding: .utf8)
        // The book's own pages load only the local search script; the reload script is the server's.
        #expect(!onDisk.contains(ReloadScript.versionPath), "the files on disk carry no reload script")

        #expect(try Self.get("/", port: port).status == 200)
        #expect(try Self.get("/derive.css", port: port).headers.contains("Content-Type: text/css"))
        #expect(try Self.get("/no-such-page.html", port: port).status == 404)
        #expect(try Self.get("/../audit.json", port: port).status == 404)
        #expect(try Self.get("/%2e%2e/audit.json", port: port).status == 404)
        #expect(try Self.get("/..%2faudit.json", port: port).status == 404)
        #expect(try Self.get("/01-served.html", port: port, method: "POST").status == 405)
        let head = try Self.get("/01-served.html", port: port, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
    }

    @Test func aSavedChapterIsRebuiltAndThePageAnnouncesIt() throws {
        let workspace = try Workspace()
        let session = try workspace.session()
        session.start()
        defer {
            session.stop()
            withExtendedLifetime(workspace) {}
        }
        let port = session.server.port
        let before = try Self.get(ReloadScript.versionPath, port: port).body
        #expect(!(try Self.get("/01-served.html", port: port).body.contains("expand the square")))

        // Edit one step's justification; a later mtime is guaranteed by the size change.
        let edited = Self.chapter.replacingOccurrences(of: "% expand", with: "% expand the square")
        try Data(edited.utf8).write(to: workspace.chapterFile, options: .atomic)
        let deadline = Date().addingTimeInterval(20)
        var page = ""
        while Date() < deadline {
            page = try Self.get("/01-served.html", port: port).body
            if page.contains("expand the square") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(page.contains("expand the square"), "the page was not rebuilt after the save")
        // The page goes out before the rest of the rebuild; the version moves when the rebuild ends.
        var version = before
        while Date() < deadline, version == before {
            version = try Self.get(ReloadScript.versionPath, port: port).body
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(version != before)
        // The page is written (and served) before the rest of the rebuild ends; wait for its end.
        while Date() < deadline, workspace.lines.text.components(separatedBy: "rebuilt in").count < 3 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let outcome = try #require(session.lastOutcome)
        #expect(outcome.result.status == .success)
        // Only the chapter page and the audit changed; the index and the stylesheet were kept.
        #expect(outcome.filesWritten <= 3, "\(workspace.lines.text)")

        // A refuted step keeps the last good page.
        let wrong = Self.chapter.replacingOccurrences(of: "2 x + 1", with: "2 x + 2")
        try Data(wrong.utf8).write(to: workspace.chapterFile, options: .atomic)
        Thread.sleep(forTimeInterval: 1.0)
        #expect(try Self.get("/01-served.html", port: port).body.contains("expand the square"))
    }

    @Test func requestPathsStayInsideTheSite() {
        #expect(StaticSite.relativePath(of: "/a/b.html?x=1#y") == "a/b.html")
        #expect(StaticSite.relativePath(of: "/") == "")
        #expect(StaticSite.relativePath(of: "/a/../b") == nil)
        #expect(StaticSite.relativePath(of: "/a%00b") == nil)
        #expect(StaticSite.relativePath(of: "a.html") == nil)
        #expect(StaticSite.relativePath(of: "/caf%C3%A9.html") == "café.html")
    }
}
