import Book
import Checker
import Diagnostics

/// What `derive check` does, kept here so that tests reach all of it and the executable only
/// parses options and prints: read the chapters, check every link, decide the exit status.
public enum BookCheck {
    /// Reads the chapters at `paths` (files or folders) and checks every link.
    public static func check(paths: [String], options: CheckOptions, allowInconclusive: Bool = false) -> BuildResult {
        let book: Book
        do {
            book = try BookReader.read(paths: paths)
        } catch {
            return BuildResult(book: nil, diagnostics: InputError.diagnostics(from: error, file: paths.first ?? "."),
                               summary: nil, status: .badInput)
        }
        let checked = BookAnalyzer.analyze(book, options: options)
        let summary = LinkSummary(checked.links)
        return BuildResult(book: checked, diagnostics: checked.diagnostics, summary: summary,
                           status: ExitStatus(summary, hasInputErrors: checked.hasInputErrors,
                                              allowInconclusive: allowInconclusive))
    }
}
