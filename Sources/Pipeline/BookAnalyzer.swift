import Book
import Checker
import Diagnostics
import MathSyntax

/// A chapter after reading and checking: its analysis with every report in place, and what its
/// links said (verdict diagnostics and the input errors found while checking them).
struct ChapterResult {
    var analysis: ChapterAnalysis
    var diagnostics: [Diagnostic] = []
    var hasLinkInputErrors = false
    /// Some link ran out of its time budget: the verdict may differ next time, so it is not kept.
    var timedOut = false
}

/// From a book read from disk to a checked book: parses every math span and fence, builds each
/// chapter's scope, hands the links to the checker and attaches the verdicts to their fences.
public enum BookAnalyzer {
    /// `plots` carries the plots of an earlier analysis in the same session (`derive serve`).
    public static func analyze(_ book: Book, options: CheckOptions, plots: PlotMemo? = nil) -> CheckedBook {
        let analyses = readConcurrently(book.chapters.count) { ChapterAnalysis.read(book.chapters[$0], number: $0 + 1, plots: plots) }
        return assemble(book, check(analyses, options: options, memo: nil))
    }

    /// `read(i)` for each chapter index, on all cores: chapters are read independently (cmark,
    /// the parser and scopes share nothing), and reading the whole book one chapter after another
    /// was a tenth of a cold check's wall time spent on one core.
    static func readConcurrently(_ count: Int, _ read: (Int) -> ChapterAnalysis) -> [ChapterAnalysis] {
        var analyses = [ChapterAnalysis?](repeating: nil, count: count)
        analyses.withUnsafeMutableBufferPointer { slots in
            // Each thread writes its own slot only.
            nonisolated(unsafe) let slots = slots
            DeepStack.concurrentPerform(iterations: count) { slots[$0] = read($0) }
        }
        return analyses.map { $0! }
    }

    /// Checks the links of `analyses` in one run (all cores, longest first) and puts each report
    /// back in its fence.
    static func check(_ analyses: [ChapterAnalysis], options: CheckOptions, memo: LinkMemo?) -> [ChapterResult] {
        let jobs = analyses.flatMap(\.jobs)
        // A session's rebuild with nothing to check skips the run (and its timings file) altogether.
        let outcomes = memo != nil && jobs.isEmpty ? [] : LinkRunner.run(jobs, options: options, memo: memo)
        var offset = 0
        return analyses.map { analysis in
            var result = ChapterResult(analysis: analysis)
            for slot in analysis.slots {
                let outcome = outcomes[offset + slot.job]
                let job = analysis.jobs[slot.job]
                guard case .derive(var derivation)? = result.analysis.checked.fences[slot.fence] else { continue }
                derivation.links[slot.link] = outcome.report
                result.analysis.checked.fences[slot.fence] = .derive(derivation)
                if outcome.report.reason?.contains("time budget") == true { result.timedOut = true }
                if var error = outcome.inputError {
                    // A tree the engine built itself has no place in the file; the link's own place stands in.
                    if error.position.isDetached { error.position = job.position }
                    result.diagnostics.append(error)
                    result.hasLinkInputErrors = true
                } else if let diagnostic = VerdictDiagnostics.diagnostic(for: outcome.report, job: job) {
                    result.diagnostics.append(diagnostic)
                }
            }
            offset += analysis.jobs.count
            return result
        }
    }

    /// The book from its checked chapters: the label table (a label defined twice is an error),
    /// unresolved references, and every diagnostic once, in file order.
    static func assemble(_ book: Book, _ results: [ChapterResult]) -> CheckedBook {
        var table = LabelTable()
        for result in results { table.add(result.analysis) }
        let inputErrors = results.flatMap(\.analysis.diagnostics) + table.diagnostics
            + ReferenceCheck.unresolved(results.map(\.analysis.references), labels: table.labels)
        let hasInputErrors = !inputErrors.isEmpty || results.contains(where: \.hasLinkInputErrors)
        let diagnostics = deduplicated(inputErrors + results.flatMap(\.diagnostics))
            .sorted { ($0.file, $0.position) < ($1.file, $1.position) }
        return CheckedBook(book: book, chapters: results.map(\.analysis.checked), diagnostics: diagnostics,
                           labels: table.labels, hasInputErrors: hasInputErrors)
    }

    /// The link jobs of a book, exactly as `analyze` hands them to the checker, with the input
    /// errors found while reading it: for tools that check links one by one (`derive mutate`, tests).
    public static func linkJobs(of book: Book) -> (jobs: [LinkJob], diagnostics: [Diagnostic]) {
        let analyses = book.chapters.enumerated().map { ChapterAnalysis.read($1, number: $0 + 1, plots: nil) }
        var table = LabelTable()
        for analysis in analyses { table.add(analysis) }
        return (analyses.flatMap(\.jobs), analyses.flatMap(\.diagnostics) + table.diagnostics)
    }

    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        return diagnostics.filter { seen.insert($0.description).inserted }
    }
}

private func < (a: (String, SourcePosition), b: (String, SourcePosition)) -> Bool {
    a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
}
