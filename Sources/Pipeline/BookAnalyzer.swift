import Book
import Checker
import Diagnostics
import MathSyntax

/// From a book read from disk to a checked book: parses every math span and fence, builds each
/// chapter's scope, hands the links to the checker and attaches the verdicts to their fences.
public enum BookAnalyzer {
    /// `plots` carries the plots of an earlier analysis in the same session (`derive serve`).
    public static func analyze(_ book: Book, options: CheckOptions, plots: PlotMemo? = nil) -> CheckedBook {
        var collector = ChapterCollector()
        collector.plotMemo = plots
        var chapters: [CheckedChapter] = []
        for (index, chapter) in book.chapters.enumerated() {
            chapters.append(collector.read(chapter, number: index + 1))
        }
        collector.diagnostics += ReferenceCheck.unresolved(in: book, labels: collector.labels)

        let outcomes = LinkRunner.run(collector.jobs, options: options)
        var diagnostics = collector.diagnostics
        var hasInputErrors = !collector.diagnostics.isEmpty
        for (slot, outcome) in zip(collector.slots, outcomes) {
            guard case .derive(var derivation)? = chapters[slot.chapter].fences[slot.fence] else { continue }
            derivation.links[slot.link] = outcome.report
            chapters[slot.chapter].fences[slot.fence] = .derive(derivation)
            if var error = outcome.inputError {
                // A tree the engine built itself has no place in the file; the link's own place stands in.
                if error.position.isDetached { error.position = collector.jobs[slot.job].position }
                diagnostics.append(error)
                hasInputErrors = true
            } else if let diagnostic = VerdictDiagnostics.diagnostic(for: outcome.report, job: collector.jobs[slot.job]) {
                diagnostics.append(diagnostic)
            }
        }
        diagnostics = deduplicated(diagnostics).sorted { ($0.file, $0.position) < ($1.file, $1.position) }
        return CheckedBook(book: book, chapters: chapters, diagnostics: diagnostics, labels: collector.labels,
                           hasInputErrors: hasInputErrors)
    }

    /// The link jobs of a book, exactly as `analyze` hands them to the checker, with the input
    /// errors found while reading it: for tools that check links one by one (`derive mutate`, tests).
    public static func linkJobs(of book: Book) -> (jobs: [LinkJob], diagnostics: [Diagnostic]) {
        var collector = ChapterCollector()
        for (index, chapter) in book.chapters.enumerated() { _ = collector.read(chapter, number: index + 1) }
        return (collector.jobs, collector.diagnostics)
    }

    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        return diagnostics.filter { seen.insert($0.description).inserted }
    }
}

private func < (a: (String, SourcePosition), b: (String, SourcePosition)) -> Bool {
    a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
}
