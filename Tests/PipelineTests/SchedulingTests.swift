import Book
@testable import Checker
import Pipeline
import Testing

/// Links are checked costly ones first, and the outcomes still come back in book order.
@Suite struct SchedulingTests {
    static let chapter = """
    # Order

    ```given
    x \\in \\mathbb{R}
    ```

    ```derive
    x + x = 2 x
    ```

    ```derive
    \\int_0^1 t \\, dt = \\frac{1}{2}
    ```

    ```derive
    \\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[z^2] = 1
    ```

    ```derive
    x \\cdot 3 = 3 x
    ```

    """

    @Test func costlyLinksRunFirstAndResultsKeepBookOrder() throws {
        let book = try BookReader.parseChapter(text: Self.chapter, file: "order.md")
        let jobs = BookAnalyzer.linkJobs(of: Book(title: "T", author: nil, chapters: [book])).jobs
        #expect(LinkRunner.longestFirst(jobs) == [1, 2, 0, 3])
        let outcomes = LinkRunner.run(jobs, options: CheckOptions(jobs: 2))
        #expect(outcomes.map(\.report.step) == [1, 1, 1, 1])
        #expect(outcomes.map(\.report.position.line) == jobs.map(\.position.line))
        #expect(outcomes.allSatisfy { $0.report.verdict == .verified })
    }
}
