import Book
import Checker
import Diagnostics
import Pipeline
import Testing

/// The pipeline from a chapter's text to a checked chapter: verdicts attached to their fences,
/// numbering, labels and references.
@Suite struct BookAnalyzerTests {
    func analyze(_ text: String, file: String = "pipe.md") throws -> CheckedBook {
        let chapter = try BookReader.parseChapter(text: text, file: file)
        return BookAnalyzer.analyze(Book(title: "T", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
    }

    static let chapter = """
    # Pipe

    ```given
    a, b \\in \\mathbb{R}
    ```

    > ```derive {#eq:square}
    > (a + b)^2
    >   = a^2 + 2 a b + b^2   % expand
    > ```

    See \\eqref{eq:square} and $a + b$.

    - ```derive
      (a - b)^2 = a^2 + b^2   % wrong on purpose
      ```

    """

    @Test func verdictsReachTheFencesTheyBelongTo() throws {
        let book = try analyze(Self.chapter)
        let checked = book.chapters[0]
        #expect(checked.fences.count == 3)
        guard case .given(let declarations)? = checked.fence(0),
              case .derive(let first)? = checked.fence(1),
              case .derive(let second)? = checked.fence(2) else {
            Issue.record("expected given, derive, derive; found \(checked.fences)")
            return
        }
        #expect(declarations.count == 1)
        #expect(first.number == "1.1" && first.label == "eq:square")
        #expect(first.links.map(\.verdict) == [.verified])
        #expect(second.number == "1.2")
        #expect(second.links.map(\.verdict) == [.refuted])
        #expect(book.links.map(\.verdict) == [.verified, .refuted])
        #expect(checked.math(0) != nil && checked.math(1) == nil)
        #expect(book.labels["eq:square"]?.number == "1.1")
        #expect(!book.hasInputErrors)
    }

    @Test func refutationsAreReportedWhereTheLinkIs() throws {
        let book = try analyze(Self.chapter)
        let errors = book.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.file == "pipe.md")
        #expect(errors.first?.position.line == 15)
        #expect(errors.first?.message.contains("step 1 of derivation (1.2) is refuted") == true)
    }

    @Test func unresolvedAndDuplicateLabelsAreInputErrors() throws {
        let text = """
        # Labels

        ```derive {#eq:same}
        1 = 1
        ```

        ```derive {#eq:same}
        2 = 2
        ```

        See \\eqref{eq:other}.

        """
        let book = try analyze(text, file: "labels.md")
        #expect(book.hasInputErrors)
        let messages = book.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("labels.md:7:1: error: the label 'eq:same' is already used") })
        #expect(messages.contains { $0.hasPrefix("labels.md:11:5: error: unresolved reference 'eq:other'") })
    }

    @Test func exitStatusFollowsTheVerdicts() throws {
        let summary = LinkSummary(try analyze(Self.chapter).links)
        #expect(summary.verified == 1 && summary.refuted == 1)
        #expect(ExitStatus(summary, hasInputErrors: false, allowInconclusive: false) == .failedLinks)
        #expect(ExitStatus(summary, hasInputErrors: true, allowInconclusive: false) == .badInput)
    }
}
