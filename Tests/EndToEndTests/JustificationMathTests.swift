import Book
import Checker
import Pipeline
import Testing
@testable import Writers

/// `$…$` in a link's justification is math: parsed, rendered in MathML and LaTeX, located on error.
@Suite struct JustificationMathTests {
    func analyze(_ derive: String) throws -> CheckedBook {
        let text = "# J\n\n```given\nx, \\mu \\in \\mathbb{R}\n\\sigma > 0\n```\n\n```derive\n" + derive + "\n```\n"
        let chapter = try BookReader.parseChapter(text: text, file: "j.md")
        return BookAnalyzer.analyze(Book(title: "J", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
    }

    @Test func mathInAJustificationIsParsedAndRendered() throws {
        let book = try analyze("(x - \\mu)^2\n  = x^2 - 2 x \\mu + \\mu^2   % expand $(a - b)^2$; the density $\\mathcal{N}(x; \\mu, \\sigma^2)$ is not used")
        #expect(book.diagnostics.filter { $0.severity == .error }.isEmpty, "\(book.diagnostics)")
        guard case .derive(let derivation)? = book.chapters[0].fence(1) else { Issue.record("no derivation"); return }
        let pieces = try #require(derivation.justification(ofLink: 0))
        // The `;` inside the density's math does not split the justification.
        #expect(pieces.count == 5)
        if case .text(let words) = pieces[0] { #expect(words == "expand ") } else { Issue.record("expected words first") }
        if case .math = pieces[3] {} else { Issue.record("expected the density as math") }

        let html = try #require(try HTMLWriter(mathFont: nil).files(for: book).compactMap { file -> String? in
            if case .text(let text) = file.content, file.path == "html/j.html" { return text }
            return nil
        }.first)
        // Words and math share one mtext (inline math in its HTML), so the reason wraps as a paragraph.
        #expect(html.contains("<mtext class=\"justification\">expand <math class=\"justification-math\">"))
        #expect(html.contains("</math>; the density <math class=\"justification-math\">"))
        #expect(html.contains("<mi mathvariant=\"script\">") || html.contains("𝒩"))
        let latex = try #require(try LaTeXWriter().files(for: book).compactMap { file -> String? in
            if case .text(let text) = file.content, file.path.hasSuffix("/j.tex") { return text }
            return nil
        }.first)
        // Prose math reaches LaTeX as the author wrote it.
        #expect(latex.contains("\\derivejustification{expand $(a - b)^2$; the density $\\mathcal{N}(x; \\mu, \\sigma^2)$ is not used}"))
    }

    @Test func badMathInAJustificationIsALocatedError() throws {
        let book = try analyze("x\n  = x   % because $\\oops y$")
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(book.hasInputErrors)
        #expect(error.file == "j.md")
        // Line 10 of the file; the span's text starts after "  = x   % because $".
        #expect(error.position.line == 10)
        #expect(error.position.column == 20)
    }

    @Test func anEscapedDollarAndOtherBackslashesStayWords() throws {
        let book = try analyze("x\n  = x   % costs \\$5 \\& more")
        guard case .derive(let derivation)? = book.chapters[0].fence(1),
              case .text(let words)? = derivation.justification(ofLink: 0)?.first else { Issue.record("no words"); return }
        #expect(words == "costs $5 \\& more")
    }
}
