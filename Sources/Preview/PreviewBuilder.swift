import Book
import Checker
import Foundation
import MathSyntax
import Pipeline
import Writers

/// Rebuilds the book for the preview and says where the time went. The first build replaces the
/// output folder as `derive build` does; later ones go through the session's `IncrementalBook`
/// (an unchanged chapter is not read or checked again, an unchanged link keeps its verdict from
/// memory), render only the files the edit can have changed, and write those whose content
/// changed (each atomically), so that an edit to one step touches little on disk.
public struct PreviewBuilder {
    public let paths: [String]
    public let outputDirectory: String
    public let options: CheckOptions
    public let allowInconclusive: Bool
    public let writers: [any BookWriter]
    /// The chapters, trees and verdicts of earlier rebuilds, reused while their text is unchanged.
    private var book: IncrementalBook
    /// What each output file held after the last successful build, by path.
    private var written: [String: OutputFile.Content] = [:]

    public init(paths: [String], outputDirectory: String, options: CheckOptions, allowInconclusive: Bool = false,
                writers: [any BookWriter] = BookBuilder.standardWriters) {
        self.paths = paths
        self.outputDirectory = outputDirectory
        self.options = options
        self.allowInconclusive = allowInconclusive
        self.writers = writers
        book = IncrementalBook(options: options, allowInconclusive: allowInconclusive)
    }

    /// What one rebuild did.
    public struct Outcome: Sendable {
        public var result: BuildResult
        /// Seconds reading the chapters into blocks (files, cmark, math protection).
        public var readSeconds: Double
        /// Seconds analysing them: parsing math, scopes, the link cache, links checked afresh, plots.
        public var checkSeconds: Double
        /// Seconds rendering every output file in memory.
        public var renderSeconds: Double
        /// The render time of each writer, in the order they ran.
        public var renderSecondsByWriter: [(writer: String, seconds: Double)] = []
        /// Seconds writing the changed files.
        public var writeSeconds: Double
        /// Seconds from the start of the rebuild until the first writer's files (the pages) were written.
        public var pageSeconds: Double = 0
        /// Output files written (changed or new) and removed.
        public var filesWritten: Int
        public var filesRemoved: Int
        /// The paths written, in the order written.
        public var pathsWritten: [String] = []
        /// Output files rendered (written or found unchanged); the rest were not rendered at all.
        public var filesRendered = 0
        /// What the edit changed, as the writers were told.
        public var changes = BookChanges.all
        /// Chapters analysed afresh, links settled in them, and links of those that memory did not
        /// answer (read from the disk cache or checked).
        public var chaptersAnalysed = 0
        public var linksSettled = 0
        public var linksNotFromMemory = 0
        /// Whether the output changed at all (the served pages then reload).
        public var changed: Bool { filesWritten + filesRemoved > 0 }

        /// "rebuilt in 84 ms, pages after 70 ms: read 9 ms, check 52 ms, render 19 ms (…), write 4 ms (2 files written)".
        public var timing: String {
            func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
            return "rebuilt in \(ms(readSeconds + checkSeconds + renderSeconds + writeSeconds)), pages after \(ms(pageSeconds)): "
                + "read \(ms(readSeconds)), check \(ms(checkSeconds)) (\(chaptersAnalysed) chapter\(chaptersAnalysed == 1 ? "" : "s") analysed, "
                + "\(linksNotFromMemory) of \(linksSettled) link\(linksSettled == 1 ? "" : "s") not from memory), "
                + "render \(ms(renderSeconds)) (" + renderSecondsByWriter.map { "\($0.writer) \(ms($0.seconds))" }.joined(separator: ", ")
                + ", \(filesRendered) files rendered), write \(ms(writeSeconds)) (\(filesWritten) file\(filesWritten == 1 ? "" : "s") written"
                + (filesRemoved > 0 ? ", \(filesRemoved) removed" : "") + ")"
        }
    }

    /// Checks and, when the check succeeds, writes what changed; a failed check writes nothing.
    /// After a first build, each writer's files are written as soon as they are rendered, and
    /// `pagesWritten` runs once the first writer's (the HTML site's) are on disk, told whether any
    /// changed, so that the page can reload while the LaTeX book is still being rendered.
    public mutating func rebuild(pagesWritten: (_ changed: Bool) -> Void = { _ in }) -> Outcome {
        // What BookCheck.check does, in two timed halves: reading the files, then checking them.
        let start = Self.now()
        let update = self.book.check(paths: paths)
        var result = update.result
        var outcome = Outcome(result: result, readSeconds: update.readSeconds, checkSeconds: update.checkSeconds,
                              renderSeconds: 0, writeSeconds: 0, filesWritten: 0, filesRemoved: 0)
        outcome.changes = update.changes
        outcome.chaptersAnalysed = update.chaptersAnalysed
        outcome.linksSettled = update.linksSettled
        outcome.linksNotFromMemory = update.linksNotFromMemory
        guard result.status == .success, let book = result.book else {
            // Nothing is written; the next good build is compared with the last written one.
            return outcome
        }
        do {
            let folder = URL(fileURLWithPath: outputDirectory)
            if written.isEmpty || !FileManager.default.fileExists(atPath: folder.path) {
                // The first build replaces the folder as a whole, as `derive build` does.
                var files: [OutputFile] = []
                for writer in writers { files += try render(writer, book, after: .all, into: &outcome).files }
                let rendered = Self.now()
                try OutputFolder(outputDirectory).replace { temporary in
                    for file in files { try file.write(into: temporary) }
                }
                outcome.filesWritten = files.count
                outcome.pathsWritten = files.map(\.path)
                written = Dictionary(files.map { ($0.path, $0.content) }, uniquingKeysWith: { _, last in last })
                outcome.writeSeconds = Self.now() - rendered
                outcome.pageSeconds = Self.now() - start
                pagesWritten(true)
            } else {
                var next: [String: OutputFile.Content] = [:]
                var complete = true
                for (index, writer) in writers.enumerated() {
                    let output = try render(writer, book, after: update.changes, into: &outcome)
                    let files = output.files
                    complete = complete && output.isComplete
                    let rendered = Self.now()
                    try writeChanged(files, into: folder, outcome: &outcome)
                    for file in files { next[file.path] = file.content }
                    outcome.writeSeconds += Self.now() - rendered
                    if index == 0 {
                        outcome.pageSeconds = Self.now() - start
                        pagesWritten(outcome.filesWritten > 0)
                    }
                }
                if complete {
                    for path in written.keys where next[path] == nil {
                        try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
                        outcome.filesRemoved += 1
                    }
                    written = next
                } else {
                    // Files not rendered are as the last build left them (an image a chapter no
                    // longer shows stays until the next complete build).
                    written.merge(next) { _, new in new }
                }
            }
            result.outputDirectory = outputDirectory
        } catch {
            result.outputError = "cannot write '\(outputDirectory)': \(error)"
            result.status = .badInput
            written = [:]
        }
        outcome.result = result
        return outcome
    }

    private func render(_ writer: any BookWriter, _ book: CheckedBook, after changes: BookChanges,
                        into outcome: inout Outcome) throws -> RenderedFiles {
        let started = Self.now()
        let files = try writer.files(for: book, after: changes)
        outcome.filesRendered += files.files.count
        let seconds = Self.now() - started
        outcome.renderSeconds += seconds
        outcome.renderSecondsByWriter.append((String(describing: type(of: writer)), seconds))
        return files
    }

    /// Writes the files whose content differs from the last build's, each atomically.
    private func writeChanged(_ files: [OutputFile], into folder: URL, outcome: inout Outcome) throws {
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            if let previous = written[file.path], Self.same(previous, file.content, at: target) { continue }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch file.content {
            case .text(let text): try Data(text.utf8).write(to: target, options: .atomic)
            case .copy(let source):
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source, to: target)
            }
            outcome.filesWritten += 1
            outcome.pathsWritten.append(file.path)
        }
    }

    /// Whether `target`, written from `a`, already holds `b`.
    private static func same(_ a: OutputFile.Content, _ b: OutputFile.Content, at target: URL) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return UTF8Search.sameBytes(x, y)
        // A copied file (the font, an image) is the same unless its source is newer than the copy.
        case (.copy(let x), .copy(let y)):
            guard x == y, let source = FileStamp(x.path), let copy = FileStamp(target.path) else { return false }
            return (source.seconds, source.nanoseconds) <= (copy.seconds, copy.nanoseconds)
        default: return false
        }
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}

#if canImport(Glibc)
import Glibc
#endif
