import Foundation

/// What the preview server answers for a request path: a file under the site's folder, with its
/// content type, or nothing. Only plain files below the root are served: a path with `..`, a NUL
/// or a percent-encoded slash is refused, and a link that leads outside the root is not followed.
public struct StaticSite: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// A file to send: its bytes and content type.
    public struct File: Sendable {
        public var body: Data
        public var contentType: String
    }

    /// The file a request target names (`/`, `/01-notation.html?x=1`), or nil for a 404.
    public func file(for target: String) -> File? {
        guard let relative = Self.relativePath(of: target) else { return nil }
        var url = relative.isEmpty ? root : root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { url = url.appendingPathComponent("index.html") }
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.path + "/") else { return nil }
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let body = try? Data(contentsOf: resolved) else { return nil }
        return File(body: body, contentType: Self.contentType(of: resolved.pathExtension))
    }

    /// The path below the root that a request target names, decoded; nil when it tries to leave
    /// the root or cannot be read.
    static func relativePath(of target: String) -> String? {
        var path = Substring(target)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard !raw.lowercased().contains("%2f"), !raw.lowercased().contains("%5c"),
                  let segment = String(raw).removingPercentEncoding,
                  !segment.contains("\0"), !segment.contains("/"), !segment.contains("\\"),
                  segment != "..", segment != "." else { return nil }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    static func contentType(of pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "otf": return "font/otf"
        case "ttf": return "font/ttf"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        case "txt", "tex", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

/// The script that reloads a served page after a rebuild: it asks for the site's version every
/// 0.3 s and reloads when the number changes. Added to pages as they are served, never to
/// the files on disk, which stay free of JavaScript.
public enum ReloadScript {
    public static let versionPath = "/__derive/version"

    static let script = """
    <script>
    (function () {
      var seen = null;
      function poll() {
        fetch("\(versionPath)", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
          if (seen !== null && v !== seen) { location.reload(); }
          seen = v;
        }).catch(function () {}).finally(function () { setTimeout(poll, 300); });
      }
      poll();
    })();
    </script>
    """

    /// The page with the script before its `</body>` (at the end when it has none).
    public static func inject(into html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script + "\n", at: end.lowerBound)
        } else {
            text += script
        }
        return Data(text.utf8)
    }
}
