import Checker
import Diagnostics

/// The outcome of `derive check` or `derive build`: the checked book, what to print, how to exit.
public struct BuildResult: Sendable {
    /// Nil when the chapters could not be read at all.
    public var book: CheckedBook?
    /// Every diagnostic, in file order.
    public var diagnostics: [Diagnostic]
    /// Nil when the chapters could not be read at all.
    public var summary: LinkSummary?
    public var status: ExitStatus
    /// The folder that now holds the outputs; nil for a check or a build that wrote nothing.
    public var outputDirectory: String?
    /// Why the outputs could not be written, when that is what failed.
    public var outputError: String?

    public init(book: CheckedBook?, diagnostics: [Diagnostic], summary: LinkSummary?, status: ExitStatus,
                outputDirectory: String? = nil, outputError: String? = nil) {
        self.book = book
        self.diagnostics = diagnostics
        self.summary = summary
        self.status = status
        self.outputDirectory = outputDirectory
        self.outputError = outputError
    }
}
