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
        var collector = ChapterCollectorProbe()
        let jobs = collector.jobs(of: book)
        #expect(LinkRunner.longestFirst(jobs) == [1, 2, 0, 3])
        let outcomes = LinkRunner.run(jobs, options: CheckOptions(jobs: 2))
        #expect(outcomes.map(\.report.step) == [1, 1, 1, 1])
        #expect(outcomes.map(\.report.position.line) == jobs.map(\.position.line))
        #expect(outcomes.allSatisfy { $0.report.verdict == .verified })
    }
}

/// Reaches the link jobs of a chapter through the public pipeline.
struct ChapterCollectorProbe {
    mutating func jobs(of chapter: Chapter) -> [LinkJob] {
        let checked = BookAnalyzer.analyze(Book(title: "T", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
        var jobs: [LinkJob] = []
        var scope = Scope()
        for fence in checked.chapters[0].fences {
            switch fence {
            case .given(let declarations)?:
                for declaration in declarations { try? scope.declare(declaration, file: "order.md") }
            case .derive(let derivation)?:
                for (index, link) in derivation.chain.links.enumerated() {
                    jobs.append(LinkJob(file: "order.md", label: nil, number: derivation.number, step: index + 1,
                                        relation: link.relation, lhs: derivation.chain.first, rhs: link.rhs, scope: scope,
                                        options: [:], uncheckedReason: nil, justification: nil,
                                        position: link.relationRange.start, sourceLines: [], scopeText: ""))
                }
            default: break
            }
        }
        return jobs
    }
}
