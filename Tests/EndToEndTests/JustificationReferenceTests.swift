import Book
import Checker
import Pipeline
import Testing
@testable import Writers

/// `\eqref{label}` in a link's justification is a reference like one in prose: checked against the
/// book's labels, located on error, and rendered as the derivation's number.
@Suite struct JustificationReferenceTests {
    func analyze(_ derive: String) throws -> CheckedBook {
        let text = "# J\n\n```given\nx \\in \\mathbb{R}\n```\n\n```derive {#eq:double}\nx + x\n  = 2 x\n```\n\n```derive\n" + derive + "\n```\n"
        let chapter = try BookReader.parseChapter(text: text, file: "j.md")
        return BookAnalyzer.analyze(Book(title: "J", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
    }

    @Test func aKnownLabelIsAReferenceRenderedAsItsNumber() throws {
        let book = try analyze("3 x\n  = x + 2 x   % by \\eqref{eq:double}, read backwards")
        #expect(book.diagnostics.filter { $0.severity == .error }.isEmpty, "\(book.diagnostics)")
        guard case .derive(let derivation)? = book.chapters[0].fence(2) else { Issue.record("no derivation"); return }
        let pieces = try #require(derivation.justification(ofLink: 0))
        #expect(pieces.count == 3)
        if case .reference(let label) = pieces[1] { #expect(label == "eq:double") } else { Issue.record("expected a reference") }

        let html = try #require(try HTMLWriter(mathFont: nil).files(for: book).compactMap { file -> String? in
            if case .text(let text) = file.content, file.path == "html/j.html" { return text }
            return nil
        }.first)
        #expect(html.contains("<a class=\"eqref\" href=\"j.html#eq:double\">(1.1)</a>"))
        #expect(!html.contains("\\eqref"))
        let latex = try #require(try LaTeXWriter().files(for: book).compactMap { file -> String? in
            if case .text(let text) = file.content, file.path.hasSuffix("/j.tex") { return text }
            return nil
        }.first)
        #expect(latex.contains("\\derivejustification{by \\eqref{eq:double}, read backwards}"))
    }

    @Test func anUnknownLabelIsALocatedError() throws {
        let book = try analyze("3 x\n  = x + 2 x   % by \\eqref{eq:doubel}")
        let error = try #require(book.diagnostics.first { $0.message.contains("unresolved reference 'eq:doubel'") })
        #expect(error.severity == .error)
        // Line 14 of the file; the backslash is the 20th character of "  = x + 2 x   % by \eqref…".
        #expect(error.position.line == 14)
        #expect(error.position.column == 20)
    }
}
