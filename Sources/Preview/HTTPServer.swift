import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on POSIX sockets for the preview: `GET` and `HEAD` of files only, one
/// request per connection, bound to 127.0.0.1 so that nothing outside the machine reaches it.
public final class HTTPServer: @unchecked Sendable {
    /// The port it listens on (the one the system chose when asked for port 0).
    public let port: UInt16
    private let socket: Int32
    private let respond: @Sendable (HTTPRequest) -> HTTPResponse
    private let lock = NSLock()
    private var stopped = false

    /// Binds and listens; `respond` answers each request on a worker thread.
    public init(port: UInt16, respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw HTTPServerError.system("cannot listen on 127.0.0.1:\(port)", code)
        }
        guard listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw HTTPServerError.system("listen", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.socket = fd
        self.respond = respond
    }

    /// Accepts connections on a thread of its own until `stop()`.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "derive-serve-accept"
        thread.start()
    }

    /// Stops accepting; requests being answered finish.
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let respond = self.respond
            DispatchQueue.global().async { Self.serve(client, respond) }
        }
    }

    /// Reads one request head, answers it and closes the connection.
    private static func serve(_ client: Int32, _ respond: (HTTPRequest) -> HTTPResponse) {
        defer { close(client) }
        var head = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 16_384 {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            head.append(contentsOf: buffer[0..<count])
            if head.range(of: Data("\r\n\r\n".utf8)) != nil { break }
        }
        let response: HTTPResponse
        if let request = HTTPRequest(head: head) {
            if request.method == "GET" || request.method == "HEAD" {
                var answer = respond(request)
                if request.method == "HEAD" { answer.omitsBody = true }
                response = answer
            } else {
                response = HTTPResponse(status: 405, reason: "Method Not Allowed", contentType: "text/plain; charset=utf-8",
                                        body: Data("only GET and HEAD are served\n".utf8), headers: ["Allow": "GET, HEAD"])
            }
        } else {
            response = HTTPResponse(status: 400, reason: "Bad Request", contentType: "text/plain; charset=utf-8",
                                    body: Data("bad request\n".utf8))
        }
        let bytes = response.serialized()
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }
}

/// The request line of an HTTP/1.x request.
public struct HTTPRequest: Sendable {
    public var method: String
    public var target: String

    init?(head: Data) {
        guard let end = head.range(of: Data("\r\n".utf8)) else { return nil }
        let line = String(decoding: head[head.startIndex..<end.lowerBound], as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[1].hasPrefix("/") else { return nil }
        method = String(parts[0])
        target = String(parts[1])
    }
}

/// A complete response; every one closes its connection.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var reason: String
    public var contentType: String
    public var body: Data
    public var headers: [String: String] = [:]
    var omitsBody = false

    public init(status: Int, reason: String, contentType: String, body: Data, headers: [String: String] = [:]) {
        self.status = status
        self.reason = reason
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    public static func notFound(_ target: String) -> HTTPResponse {
        HTTPResponse(status: 404, reason: "Not Found", contentType: "text/plain; charset=utf-8",
                     body: Data("not found: \(target)\n".utf8))
    }

    func serialized() -> Data {
        var head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        var data = Data((head + "\r\n").utf8)
        if !omitsBody { data.append(body) }
        return data
    }
}

/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible {
    case system(String, Int32)

    public var description: String {
        switch self {
        case .system(let what, let code): return "\(what): \(String(cString: strerror(code)))"
        }
    }
}
