import Checker
import Pipeline
import Diagnostics
import Foundation

/// What `derive build` does beyond `BookCheck`: write the outputs, all of them or none.
public enum BookBuilder {
    /// The outputs of DESIGN.md §5: `html/`, `latex/` and `audit.json`.
    public static var standardWriters: [any BookWriter] {
        [HTMLWriter(), LaTeXWriter(), AuditWriter()]
    }

    /// Checks, then writes the outputs into `outputDirectory` — only when the check succeeded, so
    /// that a refuted step or bad input never replaces a good book with a wrong one.
    public static func build(paths: [String], outputDirectory: String, options: CheckOptions,
                             allowInconclusive: Bool = false,
                             writers: [any BookWriter] = standardWriters) -> BuildResult {
        var result = BookCheck.check(paths: paths, options: options, allowInconclusive: allowInconclusive)
        guard result.status == .success, let book = result.book else { return result }
        do {
            try write(book, to: outputDirectory, writers: writers)
            result.outputDirectory = outputDirectory
        } catch {
            result.outputError = "cannot write '\(outputDirectory)': \(error)"
            result.status = .badInput
        }
        return result
    }

    /// Renders every writer's files, then replaces `directory` with them in one step.
    public static func write(_ book: CheckedBook, to directory: String, writers: [any BookWriter]) throws {
        // Render everything before touching the disk: a writer that throws costs no I/O at all.
        let files = try writers.flatMap { try $0.files(for: book) }
        try OutputFolder(directory).replace { folder in
            for file in files { try file.write(into: folder) }
        }
    }
}
