import Foundation
import Pipeline
import Testing
@testable import Writers

@Suite struct LaTeXWriterTests {
    let files: [String: String]

    init() throws {
        files = try SampleBook.texts(LaTeXWriter())
    }

    @Test func bookInputsEachChapterAndTheAudit() throws {
        let book = try #require(files["latex/book.tex"])
        #expect(book.contains("\\documentclass"))
        #expect(book.contains("\\usepackage{amsmath,amssymb,mathtools}"))
        #expect(book.contains("\\newcommand{\\derivemark}"))
        #expect(book.contains("\\title{A Sample \\& Book}"))
        #expect(book.contains("\\input{01-first}\n\\input{02-second}"))
        #expect(book.contains("\\appendix\n\\input{audit}"))
        #expect(book.contains("\\DeclareUnicodeCharacter{03BC}{\\ensuremath{\\mu}}"))
    }

    @Test func derivationsAreAlignsWithTagsLabelsAndMarks() throws {
        let first = try #require(files["latex/01-first.tex"])
        let second = try #require(files["latex/02-second.tex"])
        #expect(first.contains("\\begin{align}\n\\MoveEqLeft "))
        #expect(first.contains(" \\tag{1.1}\\label{eq-1-1} \\\\\n&= "))
        #expect(first.contains("\\tag*{\\derivejustification{wrong on purpose}\\quad \\derivemark{refuted}} \\\\"))
        #expect(first.contains("&\\ge 0 \\tag*{\\derivejustification{squares \\& sums}\\quad \\derivemark{verified}}"))
        #expect(first.contains("&\\approx 1 \\tag*{\\derivemark{unchecked}}\n\\end{align}"))
        #expect(second.contains("\\tag{2.1}\\label{eq:second}"))
    }

    @Test func proseIsConvertedAndReferencesUseEqref() throws {
        let first = try #require(files["latex/01-first.tex"])
        let second = try #require(files["latex/02-second.tex"])
        #expect(first.contains("\\setcounter{chapter}{0}\n\\chapter{First steps}"))
        #expect(first.contains("We add one: $x + 1$ \\& more \\texttt{\\textbackslash{}oops}"))
        #expect(first.contains("see \\eqref{eq:second}."))
        #expect(first.contains("\\noindent\\emph{Let} $x, y \\in \\mathbb{R}$."))
        #expect(first.contains("\\begin{align*}\ns &= x + y\n\\end{align*}"))
        #expect(first.contains("\\begin{itemize}\n\\item \\emph{one}\n\\item \\textbf{two}\n\\end{itemize}"))
        #expect(second.contains("\\section{A section}"))
        #expect(second.contains("\\chapter{Second \\textless{}thoughts\\textgreater{}}"))
        #expect(second.contains("\\hyperref[eq:second]{this one}"))
        #expect(second.contains("\\href{https://example.org/a_b?c=1\\#x}{\\texttt{\\$x\\_1\\$ \\& 50\\%}}"))
        #expect(second.contains("\\begin{quote}\nQuoted μ ≤ σ --- fine.\n\\end{quote}") ||
                second.contains("\\begin{quote}\nQuoted μ ≤ σ — fine.\n\\end{quote}"))
        #expect(second.contains("\\begin{verbatim}\nprint("))
        #expect(second.contains("\\setcounter{enumi}{2}"))
    }

    @Test func auditAppendixListsEveryLink() throws {
        let audit = try #require(files["latex/audit.tex"])
        #expect(audit.contains("\\begin{longtable}"))
        #expect(audit.contains("\\hyperref[eq-1-1]{(1.1)} & 1 & $=$ & \\derivemark{refuted} refuted & exact"))
        #expect(audit.contains("\\hyperref[eq:second]{(2.1)} & 1 & $=$ & \\derivemark{verified} verified & exact & 48 & 0.25 & 1e-30"))
        #expect(audit.components(separatedBy: "\\derivemark{").count - 1 == 4)
    }

    @Test func unicodeOutsideTheDeclaredSetIsReplaced() {
        #expect(LaTeXText.escape("a ≤ b 😀 é") == "a ≤ b ? é")
        #expect(LaTeXText.escape("50% of $x_1 & {y}^2 #~\\") ==
                "50\\% of \\$x\\_1 \\& \\{y\\}\\textasciicircum{}2 \\#\\textasciitilde{}\\textbackslash{}")
    }

    static let latexmk: String? = ["/usr/bin/latexmk", "/usr/local/bin/latexmk"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: latexmk != nil, "latexmk is not installed (apt-get install latexmk texlive-latex-recommended lmodern)"))
    func compilesWithLatexmk() throws {
        let run = try SampleBook.latexmk(SampleBook.make(), executable: Self.latexmk!)
        #expect(run.status == 0, "latexmk failed:\n\(run.output.suffix(3000))")
        #expect(run.producedPDF)
    }
}
