import Foundation

/// Notices saves by polling: the modification time and size of every file the book is read from
/// (the chapter files named, and every file directly inside a folder named, `book.json` included).
/// Polling needs no platform API and costs a few `stat` calls per tick.
public struct ChapterWatcher: Sendable {
    public let paths: [String]
    private var last: [String: FileStamp]

    public init(paths: [String]) {
        self.paths = paths
        last = Self.snapshot(paths)
    }

    /// True when some file changed, appeared or disappeared since the last call (or `init`).
    public mutating func changed() -> Bool {
        let now = Self.snapshot(paths)
        defer { last = now }
        return now != last
    }

    static func snapshot(_ paths: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let files = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let members = isDirectory.boolValue
                ? ((try? files.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
                : [path]
            for member in members { stamps[member] = FileStamp(member) }
        }
        return stamps
    }
}

/// A file's modification time (to the nanosecond) and size.
struct FileStamp: Equatable, Sendable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int(info.st_size)
    }
}

#if canImport(Glibc)
import Glibc
#endif
