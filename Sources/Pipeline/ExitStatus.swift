/// The exit status of a run, as DESIGN.md §6 fixes it.
public enum ExitStatus: Int32, Sendable {
    /// Every link verified (or author-marked unchecked; inconclusive ones too when allowed).
    case success = 0
    /// Some link refuted, or inconclusive without `--allow-inconclusive`.
    case failedLinks = 1
    /// Bad input (unreadable file, parse error, undeclared symbol…), bad usage or unwritable output.
    case badInput = 2

    /// Input errors outrank failed links: a book that does not parse has no verdicts worth counting.
    public init(_ summary: LinkSummary, hasInputErrors: Bool, allowInconclusive: Bool) {
        if hasInputErrors {
            self = .badInput
        } else if summary.refuted > 0 || (summary.inconclusive > 0 && !allowInconclusive) {
            self = .failedLinks
        } else {
            self = .success
        }
    }
}
