import Book
import Checker
import Diagnostics
import Foundation

/// What `derive check` and `derive build` do, kept here so that tests reach all of it and the
/// executable only parses options and prints.
public enum BookBuilder {
    /// The outputs of DESIGN.md §5: `html/`, `latex/` and `audit.json`.
    public static var standardWriters: [any BookWriter] {
        [HTMLWriter(), LaTeXWriter(), AuditWriter()]
    }

    /// Reads the chapters at `paths` (files or folders) and checks every link.
    public static func check(paths: [String], options: CheckOptions, allowInconclusive: Bool = false) -> BuildResult {
        let book: Book
        do {
            book = try BookReader.read(paths: paths)
        } catch let list as DiagnosticList {
            return BuildResult(book: nil, diagnostics: list.diagnostics, summary: nil, status: .badInput)
        } catch let diagnostic as Diagnostic {
            return BuildResult(book: nil, diagnostics: [diagnostic], summary: nil, status: .badInput)
        } catch {
            let place = paths.first ?? "."
            return BuildResult(book: nil, diagnostics: [.error(place, SourcePosition(line: 1, column: 1), "\(error)")],
                               summary: nil, status: .badInput)
        }
        let checked = Analyzer.analyze(book, options: options)
        let summary = LinkSummary(checked.links)
        return BuildResult(book: checked, diagnostics: checked.diagnostics, summary: summary,
                           status: ExitStatus(summary, hasInputErrors: checked.hasInputErrors,
                                              allowInconclusive: allowInconclusive))
    }

    /// Checks, then writes the outputs into `outputDirectory` — only when the check succeeded, so
    /// that a refuted step or bad input never replaces a good book with a wrong one.
    public static func build(paths: [String], outputDirectory: String, options: CheckOptions,
                             allowInconclusive: Bool = false,
                             writers: [any BookWriter] = standardWriters) -> BuildResult {
        var result = check(paths: paths, options: options, allowInconclusive: allowInconclusive)
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
