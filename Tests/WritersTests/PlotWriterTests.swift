import Book
import Checker
import Diagnostics
import Foundation
import MathSyntax
import Pipeline
import Testing
@testable import Writers

/// Plots as the writers draw them: series in, SVG paths and TikZ coordinates out.
@Suite struct PlotWriterTests {
    static func plot(range: ClosedRange<Double>? = nil) -> CheckedPlot {
        let xs = [-2.0, -1, 0, 1, 2]
        let line = CheckedCurve(expr: SampleBook.symbol("x"), label: [.text("a line "), .math(SampleBook.prose("x"))],
                                series: PlotSeries(x: xs, y: xs))
        // 1/x: a gap at 0 splits it in two.
        let reciprocal = CheckedCurve(expr: SampleBook.expr(.divide(SampleBook.number("1"), SampleBook.symbol("x"), .fraction)),
                                      label: nil, series: PlotSeries(x: xs, y: [-0.5, -1, nil, 1, 0.5]))
        return CheckedPlot(variable: SampleBook.symbol("x"), low: -2, high: 2, verticalRange: range,
                           caption: [.text("Two curves & a gap")], curves: [line, reciprocal])
    }

    @Test func svgHasOnePathPerCurveAndOneSubpathPerPiece() {
        let svg = PlotSVG(plot: Self.plot()).render()
        let paths = svg.components(separatedBy: "<path class=\"curve\"").dropFirst()
        #expect(paths.count == 2)
        let moves = paths.map { $0.prefix { $0 != ">" }.filter { $0 == "M" }.count }
        #expect(moves == [1, 2])
        #expect(svg.contains("stroke=\"currentColor\""), "axes follow the page's text colour")
        #expect(svg.contains("<figcaption>") && svg.contains("a line <math>"))
        #expect(svg.contains("Two curves &amp; a gap"))
        // Tick labels at round values, with a true minus sign.
        #expect(svg.contains(">−2</text>") && svg.contains(">0</text>"))
    }

    @Test func curvesAreClippedToTheVerticalRange() {
        let geometry = PlotGeometry(Self.plot(range: -0.75...0.75))
        let lines = geometry.polylines(Self.plot().curves[0].points)
        // y = x from -2 to 2 shows only from -0.75 to 0.75, cut exactly at the frame.
        #expect(lines.count == 1)
        #expect(lines[0].first!.x == -0.75 && lines[0].first!.y == -0.75)
        #expect(lines[0].last!.x == 0.75 && lines[0].last!.y == 0.75)
        // A jump from below the frame to above it between two samples is a pole, not a line.
        let pole = geometry.polylines([(x: -0.1, y: -50), (x: 0.1, y: 50)])
        #expect(pole.isEmpty)
    }

    @Test func ticksAreRoundNumbers() {
        #expect(PlotGeometry.ticks(from: -4, to: 4) == [-4, -2, 0, 2, 4])
        #expect(PlotGeometry.ticks(from: 0.3, to: 3) == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect(PlotGeometry.label(0.30000000000000004) == "0.3")
    }

    @Test func tikzDrawsEachPieceAsPlotCoordinates() {
        let tikz = PlotTikZ(plot: Self.plot()).render()
        #expect(tikz.components(separatedBy: "plot coordinates").count - 1 == 3)
        #expect(tikz.contains("\\begin{tikzpicture}") && tikz.contains("Two curves \\& a gap"))
        #expect(!tikz.contains("nan") && !tikz.contains("inf"))
    }

    /// The sample book with a plot appended to its first chapter.
    static func bookWithPlot() -> CheckedBook {
        var book = SampleBook.make()
        let fence = FencedBlock(kind: .plot, body: SourceText(file: SampleBook.firstFile, text: "x", origin: SampleBook.at(30)),
                                attributes: BlockAttributes(), position: SampleBook.at(29))
        book.chapters[0].chapter.blocks.append(.fenced(fence))
        book.chapters[0].fences.append(.plot(plot()))
        return book
    }

    @Test func bothWritersDrawThePlotOfAChapter() throws {
        let html = try SampleBook.texts(HTMLWriter(mathFont: nil), Self.bookWithPlot())
        #expect(html["html/01-first.html"]?.contains("<figure class=\"plot\"") == true)
        let latex = try SampleBook.texts(LaTeXWriter(), Self.bookWithPlot())
        #expect(latex["latex/01-first.tex"]?.contains("\\begin{tikzpicture}") == true)
        #expect(latex["latex/book.tex"]?.contains("\\usepackage{tikz}") == true)
    }

    @Test(.enabled(if: LaTeXWriterTests.latexmk != nil, "latexmk is not installed"))
    func aPlotCompilesWithLatexmk() throws {
        let run = try SampleBook.latexmk(Self.bookWithPlot(), executable: LaTeXWriterTests.latexmk!)
        #expect(run.status == 0, "latexmk failed:\n\(run.output.suffix(3000))")
        #expect(run.producedPDF)
    }
}
