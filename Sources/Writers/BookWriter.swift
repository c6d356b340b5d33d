import Pipeline
import Checker
import Foundation

/// One output of a build (the HTML site, the LaTeX book, the audit): the files it makes from a
/// checked book. Writers only render; `OutputFile.write` is the one place that touches the disk.
public protocol BookWriter {
    func files(for book: CheckedBook) throws -> [OutputFile]
    /// After an edit (`derive serve`): only the files that `changes` can have changed since the
    /// book this writer last rendered for the same folder; every other file stays as it was.
    func files(for book: CheckedBook, after changes: BookChanges) throws -> RenderedFiles
}

extension BookWriter {
    /// A writer that cannot tell renders everything.
    public func files(for book: CheckedBook, after changes: BookChanges) throws -> RenderedFiles {
        RenderedFiles(files: try files(for: book), isComplete: true)
    }
}

/// What a writer rendered after an edit: the files, and whether they are all of its files (so that
/// any other file it wrote before is gone) or only those the edit can have changed.
public struct RenderedFiles: Sendable {
    public var files: [OutputFile]
    public var isComplete: Bool

    public init(files: [OutputFile], isComplete: Bool) {
        self.files = files
        self.isComplete = isComplete
    }
}

/// A file a writer produces, by its path inside the output folder.
public struct OutputFile: Sendable {
    /// Relative path with "/" separators, such as `html/index.html`.
    public var path: String
    public var content: Content

    /// What goes into the file: rendered text, or a copy of an existing file (a font, an image).
    public enum Content: Sendable {
        case text(String)
        case copy(URL)
    }

    public init(_ path: String, _ content: Content) {
        self.path = path
        self.content = content
    }

    /// Writes the file under `folder`, creating the folders on its path.
    public func write(into folder: URL) throws {
        let target = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch content {
        case .text(let text):
            try Data(text.utf8).write(to: target)
        case .copy(let source):
            try FileManager.default.copyItem(at: source, to: target)
        }
    }
}
