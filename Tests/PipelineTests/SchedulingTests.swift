import Book
@testable import Checker
import Foundation
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

    @Test func previousTimingsOrderTheNextRun() throws {
        let book = try BookReader.parseChapter(text: Self.chapter, file: "order.md")
        let jobs = BookAnalyzer.linkJobs(of: Book(title: "T", author: nil, chapters: [book])).jobs
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("derive-timings-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A first run records every link's time; faking them shows the order follows the record.
        let first = LinkRunner.run(jobs, options: CheckOptions(jobs: 1, timingsDirectory: folder))
        #expect(first.allSatisfy { $0.report.verdict == .verified })
        var timings = try #require(LinkTimings(directory: folder))
        #expect(jobs.allSatisfy { timings.previous($0) != nil })
        let faked = jobs.indices.map { index in
            var outcome = first[index]
            outcome.report.seconds = [0.001, 0.002, 0.003, 0.5][index]
            return outcome
        }
        timings.record(jobs, faked, fromCache: [false, false, false, false])
        let reread = try #require(LinkTimings(directory: folder))
        #expect(LinkRunner.longestFirst(jobs, previous: reread) == [3, 2, 1, 0])
        // A cached link keeps its earlier figure rather than its near-zero lookup time.
        var cachedRun = reread
        cachedRun.record(jobs, first.map { var o = $0; o.report.seconds = 0; return o }, fromCache: [true, true, true, true])
        #expect(LinkRunner.longestFirst(jobs, previous: try #require(LinkTimings(directory: folder))) == [3, 2, 1, 0])
    }
}
