import Book
import Checker
import Diagnostics
import Foundation
import Pipeline
import Testing
@testable import MathSyntax
@testable import Writers
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Prose math renders every command of KaTeX's list (one row each in `ProseTable`) to MathML in
/// HTML and to compilable LaTeX; an unknown command stays a located error.
@Suite struct ProseMathTests {
    static func analyze(_ text: String, file: String = "prose.md") throws -> CheckedBook {
        let chapter = try BookReader.parseChapter(text: text, file: file)
        return BookAnalyzer.analyze(Book(title: "Prose math", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
    }

    static func page(_ book: CheckedBook) throws -> String {
        try #require(SampleBook.texts(HTMLWriter(mathFont: nil), book)["html/prose.html"])
    }

    /// Every `<math>…</math>` of a page.
    static func mathElements(_ html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<math"), let end = rest[start.lowerBound...].range(of: "</math>") {
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    @Test func theTableHasOneRowPerCommandAndTheChapterUsesEach() {
        #expect(ProseTable.count > 600)
        #expect(Set(ProseTable.names).count == ProseTable.count)
        let chapter = ProseMathChapter.markdown
        for name in ProseTable.names { #expect(chapter.contains("\\" + name), "\\\(name) is not used") }
        for name in ProseTable.environmentNames { #expect(chapter.contains("{" + name + "}"), "\(name) is not used") }
    }

    @Test func everyRowRendersAsMathMLWithoutErrors() throws {
        let book = try Self.analyze(ProseMathChapter.markdown)
        #expect(book.diagnostics.filter { $0.severity == .error }.isEmpty, "\(book.diagnostics.prefix(5))")
        let html = try Self.page(book)
        #expect(!html.contains("merror"))
        #expect(!html.contains("math-error"))
        let elements = Self.mathElements(html)
        #expect(elements.count == book.chapters[0].math.count)
        #if canImport(FoundationXML)
        for element in elements {
            let parser = XMLParser(data: Data(element.utf8))
            #expect(parser.parse(), "not well-formed: \(element.prefix(300))")
        }
        #endif
        // A few rows, printed as KaTeX prints them.
        #expect(html.contains("<msup><mi>θ</mi><mo>∗</mo></msup>"))
        #expect(html.contains("<mi>n</mi><mo lspace=\"0\" rspace=\"0\">!</mo>"))
        #expect(html.contains("<mo>≠</mo>"))
        #expect(html.contains("<mo stretchy=\"true\">⏟</mo>"))
        #expect(html.contains("<mi>𝔄</mi><mi>𝔟</mi><mn>0</mn>"))
        #expect(html.contains("<mfrac linethickness=\"0\">"))
    }

    /// A browser drops a space at the edge of an `<mtext>`, so `\text{mean of }x_0` would read
    /// "mean ofx₀": edge spaces are no-break spaces; inner runs of spaces stay one plain space.
    @Test func spacesAtTheEdgesOfTextAreKept() throws {
        let book = try Self.analyze("# P\n\n$\\text{mean of }x_0$ and $a \\text{ and } b$ and $\\text{a  b}$.\n")
        let html = try Self.page(book)
        #expect(html.contains("<mtext>mean of\u{A0}</mtext><msub><mi>x</mi><mn>0</mn></msub>"))
        #expect(html.contains("<mi>a</mi><mtext>\u{A0}and\u{A0}</mtext><mi>b</mi>"))
        #expect(html.contains("<mtext>a b</mtext>"))
        #expect(!html.contains("<mtext>mean of </mtext>"))
        // LaTeX keeps the author's text, where the space is TeX's own.
        let latex = try #require(SampleBook.texts(LaTeXWriter(), book)["latex/prose.tex"])
        #expect(latex.contains("$\\text{mean of }x_0$"))
    }

    @Test func theLaTeXIsTheAuthorsOwnWithAliasesRespelt() throws {
        let book = try Self.analyze("# P\n\n$\\R^n \\ni x \\mapsto \\argmax_y f$ and $\\textcolor{#228B22}{F}$ and $α \\kern{2mu} β$.\n")
        let latex = try #require(SampleBook.texts(LaTeXWriter(), book)["latex/prose.tex"])
        #expect(latex.contains("$\\mathbb{R}^n \\ni x \\mapsto \\operatorname*{arg\\,max}_y f$"))
        #expect(latex.contains("$\\textcolor[HTML]{228B22}{F}$"))
        #expect(latex.contains("$\\alpha  \\kern2mu  \\beta$") || latex.contains("$\\alpha \\kern2mu  \\beta$"))
    }

    @Test(.enabled(if: LaTeXWriterTests.latexmk != nil, "latexmk is not installed (apt-get install latexmk texlive-latex-recommended lmodern)"))
    func everyRowCompilesWithLatexmk() throws {
        let book = try Self.analyze(ProseMathChapter.markdown)
        let run = try SampleBook.latexmk(book, executable: LaTeXWriterTests.latexmk!)
        #expect(run.status == 0, "latexmk failed:\n\(run.errors.prefix(5).joined(separator: "\n---\n"))")
    }

    @Test func anUnknownCommandIsALocatedErrorWithTheNearestName() throws {
        let book = try Self.analyze("# P\n\nSome text, then $a \\alpah b$.\n")
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(book.hasInputErrors)
        #expect(error.file == "prose.md")
        #expect(error.position.line == 3)
        #expect(error.position.column == 20)
        #expect(error.message == "unknown command '\\alpah' in math; did you mean \\alpha?")
    }

    @Test func misspeltCommandsPointAtTheirNames() throws {
        let cases: [(String, String)] = [
            ("\\undebrace{x}", "did you mean \\underbrace?"),
            ("\\xrightarow{f}", "did you mean \\xrightarrow?"),
            ("\\begin{pmatirx} a \\end{pmatirx}", "did you mean pmatrix?"),
            ("\\textcolor{aqua}{x}", "unknown colour 'aqua'"),
            ("\\text{\\textbff{x}}", "did you mean \\textbf?"),
            ("\\text{a & b}", "write \\& for the sign"),
        ]
        for (math, message) in cases {
            let book = try Self.analyze("# P\n\n$$" + math + "$$\n")
            let error = try #require(book.diagnostics.first { $0.severity == .error }, "\(math)")
            #expect(error.message.contains(message), "\(math): \(error.message)")
            #expect(error.position.line == 3)
        }
    }

    @Test func mathInALinkLabelKeepsItsReferenceDefinition() throws {
        let text = "# P\n\nSee [$x$] and [the $y^2$ term][$Y^2$], not [$z$].\n\n[$x$]: /u \"T\"\n[$y^2$]: /v\n\n"
            + "```\n[$z$]: /w\n```\n\nEnd.\n"
        let book = try Self.analyze(text)
        #expect(book.diagnostics.filter { $0.severity == .error }.isEmpty)
        let html = try Self.page(book)
        #expect(html.contains("<a href=\"/u\" title=\"T\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math></a>"))
        #expect(html.contains("<a href=\"/v\">the <math"))
        // A definition inside a code block is code, so `[$z$]` stays brackets, as in cmark.
        #expect(html.contains(", not [<math"))
        #expect(html.contains("<pre><code>[$z$]: /w\n</code></pre>"))
    }

    @Test func misplacedStructureIsALocatedError() throws {
        let cases: [(String, Int, String)] = [
            ("$a & b$", 4, "'&' separates cells"),
            ("$x \\tag{1}$", 4, "\\tag works only in display math"),
            ("$\\left( x$", 2, "\\left without a matching \\right"),
            ("$\\begin{pmatrix} a$", 2, "is not closed"),
            ("$x^a^b$", 5, "double superscript"),
            ("$\\frac{a}$", 10, "needs an argument"),
            ("$a \\\\ b$", 4, "needs an environment"),
            ("$\\begin{align} a \\end{align}$", 2, "must be the whole of a $$…$$ display"),
            ("$" + String(repeating: "{", count: 500) + "x" + String(repeating: "}", count: 500) + "$", 122, "nested deeper than 120"),
        ]
        for (math, column, message) in cases {
            let book = try Self.analyze("# P\n\n" + math + "\n")
            let error = try #require(book.diagnostics.first { $0.severity == .error }, "\(math)")
            #expect(error.message.contains(message), "\(math): \(error.message)")
            #expect(error.position.line == 3 && error.position.column == column, "\(math): \(error.position) \(error.message)")
        }
    }
}
