import Book
import Checker
import Diagnostics
import Foundation
import Pipeline
import Testing

/// The `plot` fence: curves sampled by the checker's evaluator, gaps where a curve has no finite
/// value, and an error at its place for every kind of bad input.
@Suite struct PlotTests {
    func analyze(_ text: String) throws -> CheckedBook {
        let chapter = try BookReader.parseChapter(text: text, file: "plot.md")
        return BookAnalyzer.analyze(Book(title: "T", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
    }

    func plots(_ book: CheckedBook) -> [CheckedPlot] {
        book.chapters[0].fences.compactMap { if case .plot(let plot)? = $0 { return plot }; return nil }
    }

    static let header = """
    # Plots

    ```given
    x \\in \\mathbb{R}
    \\sigma > 0
    ```

    ```define
    f(t) = \\log(1 + e^{t})
    g(t) = \\frac{\\sigma}{t}
    ```


    """

    @Test func seriesAreTheDefinitionsValues() throws {
        let book = try analyze(Self.header + """
        ```plot {x=-4..4 samples=9}
        f(x)   % softplus $f(x)$
        \\max(0, x) + \\log 2
        ```
        """)
        #expect(book.diagnostics.isEmpty, "\(book.diagnostics)")
        let plot = try #require(plots(book).first)
        #expect(plot.low == -4 && plot.high == 4)
        #expect(plot.curves.count == 2)
        let softplus = plot.curves[0].series
        #expect(softplus.x == [-4, -3, -2, -1, 0, 1, 2, 3, 4])
        for (x, y) in zip(softplus.x, softplus.y) {
            let expected = Foundation.log(1 + Foundation.exp(x))
            #expect(abs(try #require(y) - expected) <= 1e-14 * max(1, expected), "softplus at \(x)")
        }
        let bound = plot.curves[1].series
        for (x, y) in zip(bound.x, bound.y) {
            #expect(abs(try #require(y) - (max(0, x) + Foundation.log(2))) <= 1e-14)
        }
        // The legend label keeps its math as a tree; the second curve has none.
        guard case .text(let words)? = plot.curves[0].label?.first, case .math? = plot.curves[0].label?.last else {
            Issue.record("expected words then math in the label"); return
        }
        #expect(words == "softplus ")
        #expect(plot.curves[1].label == nil)
    }

    @Test func fixedNamesAndAGapWhereTheCurveIsNotFinite() throws {
        let book = try analyze(Self.header + """
        ```plot {x=-1..1 \\sigma=2 samples=5 range=-10..10}
        g(x)
        \\log x
        ```
        """)
        #expect(book.diagnostics.isEmpty, "\(book.diagnostics)")
        let plot = try #require(plots(book).first)
        #expect(plot.verticalRange == -10...10)
        // σ/x with σ = 2 at -1, -0.5, 0, 0.5, 1: a gap at 0, not a crash.
        #expect(plot.curves[0].series.y == [-2, -4, nil, 4, 2])
        // log x has no real value left of 0 nor at it.
        #expect(plot.curves[1].series.y[0...2] == [nil, nil, nil])
        #expect(plot.curves[1].series.y[4] == 0)
    }

    /// One bad plot after the header; the error is at `line:column` and mentions `message`.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var fence: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    // A fence after the header opens on line 13, and its first body line is line 14.
    static let cases: [Case] = [
        Case(name: "unknown function", fence: "```plot {x=0..1}\nh(x)\n```", line: 14, column: 1,
             message: "undeclared symbol"),
        Case(name: "unknown command", fence: "```plot {x=0..1}\n\\foo(x)\n```", line: 14, column: 1,
             message: "unknown command '\\foo'"),
        Case(name: "a second free variable", fence: "```plot {x=0..1}\nx \\sigma\n```", line: 14, column: 1,
             message: "is a function of x, \\sigma, not of x alone"),
        Case(name: "a second free variable inside a definition", fence: "```plot {x=1..2}\ng(x)\n```", line: 14, column: 1,
             message: "not of x alone"),
        Case(name: "range with low above high", fence: "```plot {x=4..-4}\nf(x)\n```", line: 13, column: 12,
             message: "the range of 'x' must be two numbers low..high with low < high"),
        Case(name: "range that is not numbers", fence: "```plot {x=a..b}\nf(x)\n```", line: 13, column: 12,
             message: "must be two numbers"),
        Case(name: "no range", fence: "```plot\nf(x)\n```", line: 13, column: 1,
             message: "a plot needs its variable and range"),
        Case(name: "two ranges", fence: "```plot {x=0..1 \\sigma=1..2}\nf(x)\n```", line: 13, column: 17,
             message: "a plot has one variable"),
        Case(name: "range outside the declared domain", fence: "```plot {\\sigma=-1..1}\n\\sigma\n```", line: 13, column: 10,
             message: "leaves the domain of '\\sigma'"),
        Case(name: "fixed value outside the domain", fence: "```plot {x=0..1 \\sigma=-2}\nx \\sigma\n```", line: 13, column: 17,
             message: "lies outside the domain of '\\sigma'"),
        Case(name: "fixed value that is not a number", fence: "```plot {x=0..1 \\sigma=big}\nf(x)\n```", line: 13, column: 24,
             message: "must be fixed to a number"),
        Case(name: "too many samples", fence: "```plot {x=0..1 samples=100000}\nf(x)\n```", line: 13, column: 25,
             message: "'samples' must be a whole number from 2 to 2000"),
        Case(name: "a vector curve", fence: "```plot {x=0..1}\n\\begin{pmatrix} x \\\\ x \\end{pmatrix}\n```", line: 14, column: 1,
             message: "a curve needs a number at each point"),
        Case(name: "a label on a plot", fence: "```plot {#fig:a x=0..1}\nf(x)\n```", line: 13, column: 10,
             message: "takes no '#label'"),
        Case(name: "no curve", fence: "```plot {x=0..1}\n% nothing\n```", line: 14, column: 1,
             message: "a plot needs at least one curve"),
    ]

    @Test(arguments: cases) func badPlotIsALocatedError(_ c: Case) throws {
        let diagnostics: [Diagnostic]
        do {
            let book = try analyze(Self.header + c.fence + "\n")
            #expect(book.hasInputErrors)
            #expect(plots(book).isEmpty)
            diagnostics = book.diagnostics
        } catch let list as DiagnosticList {
            // Fence attributes are read with the Markdown, whose errors stop the reading.
            diagnostics = list.diagnostics
        }
        let error = try #require(diagnostics.first { $0.severity == .error }, "no error for \(c.name)")
        #expect(error.position.line == c.line && error.position.column == c.column,
                "\(c.name): at \(error.position.line):\(error.position.column), expected \(c.line):\(c.column): \(error.message)")
        #expect(error.message.contains(c.message), "\(c.name): \(error.message)")
    }

    @Test func aBadPlotExitsWithTheBadInputStatus() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plot-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("01-plot.md")
        try Data((Self.header + "```plot {x=0..1}\nx \\sigma\n```\n").utf8).write(to: file)
        let result = BookCheck.check(paths: [file.path], options: CheckOptions(jobs: 1))
        #expect(result.status == .badInput)
        #expect(result.diagnostics.first?.description.hasPrefix(file.path + ":14:1: error:") == true)
    }

    @Test func aSessionsPlotMemoFollowsTheDefinitions() throws {
        let memo = PlotMemo()
        let fence = "```plot {x=0..1 samples=3}\nf(x)\n```\n"
        func values(_ text: String) throws -> [Double?] {
            let chapter = try BookReader.parseChapter(text: text, file: "plot.md")
            let book = BookAnalyzer.analyze(Book(title: "T", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1), plots: memo)
            return try #require(plots(book).first).curves[0].series.y
        }
        let first = try values(Self.header + fence)
        #expect(try values(Self.header + fence) == first)
        // A changed definition above the plot is a new key: the curve is sampled again.
        let doubled = Self.header.replacingOccurrences(of: "f(t) = \\log(1 + e^{t})", with: "f(t) = 2 \\log(1 + e^{t})")
        #expect(doubled != Self.header)
        #expect(try values(doubled + fence) == first.map { $0.map { 2 * $0 } })
    }

    @Test func aPlotDoesNotChangeTheCacheKeysOfTheLinksAfterIt() throws {
        let derive = "```derive\nf(x) = \\log(1 + e^{x})\n```\n"
        let plain = BookAnalyzer.linkJobs(of: Book(title: "T", author: nil, chapters: [try BookReader.parseChapter(text: Self.header + derive, file: "a.md")]))
        let plotted = BookAnalyzer.linkJobs(of: Book(title: "T", author: nil, chapters: [
            try BookReader.parseChapter(text: Self.header + "```plot {x=0..1}\nf(x)\n```\n\n" + derive, file: "a.md")]))
        #expect(plain.jobs.map(\.scopeText) == plotted.jobs.map(\.scopeText))
    }
}
