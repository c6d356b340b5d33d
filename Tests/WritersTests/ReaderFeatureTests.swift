import Book
import Checker
import Diagnostics
import Foundation
import MathSyntax
import Pipeline
import Testing
@testable import Writers

/// The reader's side of the site: the map of results, the sidebar, search, cross-reference
/// previews, and the page check that CI runs in Chromium.
@Suite struct ReaderFeatureTests {
    /// Two chapters whose citations are known by construction:
    /// chapter 1: (1.1) eq:a; prose citing eq:a; (1.2) eq:b whose justification cites eq:c;
    ///            (1.3) unlabelled, citing nothing; (1.4) eq:self citing itself;
    /// chapter 2: (2.1) eq:c, refuted, whose justification cites eq:a; then prose citing eq:b
    ///            after the chapter's last derivation.
    static func citingBook() -> CheckedBook {
        let first = "chapters/01-one.md", second = "chapters/02-two.md"
        func at(_ file: String, _ line: Int) -> SourcePosition { SourcePosition(file: file, line: line, column: 1) }
        func derivation(_ file: String, _ line: Int, label: String?, number: String, justification: String?,
                        verdict: Verdict = .verified) -> (Block, CheckedDerivation) {
            let chain = Chain(first: SampleBook.symbol("x"), links: [
                Link(relation: .equal, rhs: SampleBook.symbol("x"), relationRange: SourceRange(at: at(file, line + 1)),
                     justification: justification, options: [:]),
            ])
            let report = SampleBook.report(file, line: line + 1, label: label, step: 1, .equal, verdict, method: .exact,
                                           justification: justification)
            let attributes = BlockAttributes(label: label, uncheckedReason: nil)
            let fence = FencedBlock(kind: .derive, body: SourceText(file: file, text: "…", origin: at(file, line + 1)),
                                    attributes: attributes, position: at(file, line))
            return (.fenced(fence), CheckedDerivation(label: label, number: number, chain: chain, links: [report], attributes: attributes))
        }
        let a = derivation(first, 3, label: "eq:a", number: "1.1", justification: "by definition")
        let b = derivation(first, 9, label: "eq:b", number: "1.2", justification: "as in \\eqref{eq:c}")
        let plain = derivation(first, 13, label: nil, number: "1.3", justification: nil)
        let own = derivation(first, 17, label: "eq:self", number: "1.4", justification: "unlike \\eqref{eq:self}")
        let c = derivation(second, 3, label: "eq:c", number: "2.1", justification: "from \\eqref{eq:a}", verdict: .refuted)
        let one = Chapter(file: first, title: "One", blocks: [
            .heading(level: 1, [.text("One")], position: at(first, 1)),
            a.0,
            .paragraph([.text("Building on "), .reference(label: "eq:a", position: at(first, 7)), .text(" we go on.")],
                       position: at(first, 7)),
            b.0, plain.0, own.0,
        ])
        let two = Chapter(file: second, title: "Two", blocks: [
            .heading(level: 1, [.text("Two")], position: at(second, 1)),
            c.0,
            .heading(level: 2, [.text("Afterwards")], position: at(second, 7)),
            .paragraph([.text("Compare "), .reference(label: "eq:b", position: at(second, 9)), .text(".")], position: at(second, 9)),
        ])
        let book = Book(title: "Citations", author: nil, chapters: [one, two])
        return CheckedBook(book: book, chapters: [
            CheckedChapter(chapter: one, number: 1, math: [], fences: [.derive(a.1), .derive(b.1), .derive(plain.1), .derive(own.1)]),
            CheckedChapter(chapter: two, number: 2, math: [], fences: [.derive(c.1)]),
        ], diagnostics: [], labels: ["eq:a": ("1.1", 1), "eq:b": ("1.2", 1), "eq:self": ("1.4", 1), "eq:c": ("2.1", 2)],
        hasInputErrors: false)
    }

    // The map of results

    @Test func mapEdgesComeFromProseAndJustificationCitations() {
        let graph = ResultGraph(Self.citingBook())
        #expect(graph.nodes.map(\.anchor) == ["eq:a", "eq:b", "eq:self", "eq:c"])
        let edges = Set(graph.edges.map { "\(graph.nodes[$0.from].anchor) -> \(graph.nodes[$0.to].anchor)" })
        // The prose before (1.2) counts for it; (1.2)'s justification reaches forward to chapter 2.
        #expect(edges == ["eq:b -> eq:a", "eq:b -> eq:c", "eq:c -> eq:a"])
    }

    @Test func proseAfterTheLastDerivationAndSelfCitationsAreNoEdges() {
        let graph = ResultGraph(Self.citingBook())
        let c = graph.nodes.firstIndex { $0.anchor == "eq:c" }!
        let own = graph.nodes.firstIndex { $0.anchor == "eq:self" }!
        // Chapter 2's closing "Compare (1.2)" follows its last derivation: (2.1) does not cite (1.2).
        #expect(graph.cited(by: c).map { graph.nodes[$0].anchor } == ["eq:a"])
        #expect(graph.cited(by: own).isEmpty && graph.citing(own).isEmpty)
    }

    @Test func nodesTakeTheirWorstLinksVerdict() {
        let graph = ResultGraph(Self.citingBook())
        #expect(graph.nodes.first { $0.anchor == "eq:c" }?.verdict == .refuted)
        #expect(graph.nodes.first { $0.anchor == "eq:a" }?.verdict == .verified)
    }

    @Test func layoutPutsChaptersInBandsAndCurvesLeaveTheCitingBox() {
        let graph = ResultGraph(Self.citingBook())
        let layout = ResultGraphLayout(graph, titles: [1: "1 One", 2: "2 Two"], perRow: 2)
        #expect(layout.bands.map(\.chapter) == [1, 2])
        // Three nodes in chapter 1 with two per row: the third wraps under the first.
        #expect(layout.boxes[2].x == layout.boxes[0].x && layout.boxes[2].y > layout.boxes[0].y)
        #expect(layout.boxes[3].y > layout.boxes[2].y)
        for (edge, curve) in zip(graph.edges, layout.curves) {
            let from = layout.boxes[edge.from], to = layout.boxes[edge.to]
            #expect(curve.start.x == from.centre.x && (curve.start.y == from.y || curve.start.y == from.y + from.height))
            #expect(curve.end.x == to.centre.x && (curve.end.y == to.y || curve.end.y == to.y + to.height))
        }
        #expect(layout == ResultGraphLayout(graph, titles: [1: "1 One", 2: "2 Two"], perRow: 2))
    }

    @Test func mapPageDrawsEachNodeAsALinkColouredByItsVerdict() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil), Self.citingBook())
        let map = try #require(pages["html/map.html"])
        #expect(map.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"result-map\""))
        #expect(map.contains("<a href=\"02-two.html#eq:c\"><title>eq:c (2.1): refuted</title><rect class=\"node refuted\""))
        #expect(map.components(separatedBy: "<path class=\"edge\"").count - 1 == 3)
        #expect(map.contains("(1.2)</a> <code>eq:b</code> cites"))
    }

    @Test func pdfDrawsTheSameMapInTikZ() throws {
        let latex = try SampleBook.texts(LaTeXWriter(), Self.citingBook())
        let book = try #require(latex["latex/book.tex"])
        #expect(book.contains("\\usepackage{tikz}"))
        #expect(book.contains("\\begin{tikzpicture}"))
        #expect(book.contains("{\\hyperref[eq:c]{\\textcolor{white}{2.1}}}"))
        #expect(book.contains("fill=deriverefuted"))
        #expect(book.components(separatedBy: "\\draw[->").count - 1 == 3)
    }

    // Sidebar, search and previews

    @Test func sidebarMarksTheCurrentPageAndOpensOnlyItsChapter() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
        let second = try #require(pages["html/02-second.html"])
        let first = try #require(pages["html/01-first.html"])
        #expect(second.contains("<a href=\"02-second.html\" class=\"current\" aria-current=\"page\">"))
        #expect(second.contains("<li><a href=\"02-second.html#a-section\">A section</a></li>"))
        #expect(second.contains("<h2 id=\"a-section\">A section</h2>"))
        #expect(second.components(separatedBy: "aria-current").count - 1 == 1)
        #expect(!first.contains("02-second.html#a-section"))
        #expect(first.contains("<a href=\"01-first.html\" class=\"current\" aria-current=\"page\">"))
        let map = try #require(pages["html/map.html"])
        #expect(map.contains("<a href=\"map.html\" class=\"current\" aria-current=\"page\">Map of results</a>"))
    }

    @Test func sectionIdsAreThoseThePageGives() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
        let book = SampleBook.make()
        for chapter in book.chapters {
            let page = try #require(pages["html/\(BookLayout(book).stem(of: chapter.number)).html"])
            for section in HTMLSection.sections(of: chapter) {
                #expect(page.contains("id=\"\(section.id)\""), "\(section.id)")
            }
        }
    }

    @Test func searchIndexHoldsLabelsAndProseWords() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
        let index = try #require(pages["html/search-index.js"])
        #expect(index.hasPrefix("// Generated by Derive"))
        #expect(index.contains("\"t\":\"(2.1) eq:second\",\"u\":\"02-second.html#eq:second\""))
        #expect(index.contains("Quoted μ ≤ σ — fine."))
        #expect(index.contains("\"u\":\"02-second.html#a-section\""))
        // Justifications are searched too, and nothing in the index can close a script element.
        #expect(index.contains("squares & sums"))
        #expect(!index.contains("<"))
        let search = try #require(pages["html/search.html"])
        #expect(search.contains("<a href=\"02-second.html#eq:second\"><code>eq:second</code></a> (2.1)"))
        #expect(search.contains("form class=\"search page-search\" action=\"search.html\""))
    }

    @Test func crossReferencesCarryAPreviewOfTheirDerivation() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
        let first = try #require(pages["html/01-first.html"])
        #expect(first.contains("<span class=\"xref\"><a class=\"eqref\" href=\"02-second.html#eq:second\">(2.1)</a>"
                               + "<span class=\"preview\" role=\"tooltip\"><span class=\"preview-head\">(2.1) <code>eq:second</code>"))
        #expect(first.contains("<math display=\"block\"><mtable class=\"chain\""))
    }

    @Test func justificationCitationsAreLinksWithPreviews() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil), Self.citingBook())
        let one = try #require(pages["html/01-one.html"])
        // One mtext holds the whole reason, words and link together, so that it wraps as one paragraph.
        #expect(one.contains("<mtext class=\"justification\">as in "
                             + "<span class=\"xref\"><a class=\"eqref\" href=\"02-two.html#eq:c\">(2.1)</a>"))
        #expect(!one.contains("\\eqref"))
    }

    @Test func stylesheetHasPrintAndDarkRules() throws {
        let css = HTMLStylesheet.css(withMathFont: false)
        #expect(css.contains("@media print"))
        #expect(css.contains("nav.sidebar, nav.pager, form.search"))
        #expect(css.contains("@media (prefers-color-scheme: dark)"))
    }

    /// No page scrolls sideways as a whole on a phone: wide tables sit in a frame that scrolls, and
    /// display math scrolls in its own box (the derivation's display already does).
    @Test func wideTablesAndDisplaysScrollInTheirOwnBox() throws {
        let pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
        let first = try #require(pages["html/01-first.html"])
        #expect(first.contains("<div class=\"table-frame\"><table class=\"checks\">"))
        let audit = try #require(pages["html/audit.html"])
        #expect(audit.contains("<div class=\"table-frame\"><table class=\"audit\">"))
        let css = HTMLStylesheet.css(withMathFont: false)
        #expect(css.contains(".table-frame { max-width: 100%; overflow-x: auto; }"))
        #expect(css.contains("math[display=\"block\"] { overflow-x: auto;"))
        // A justification's own box carries its measure: a table cell would ignore max-width.
        #expect(css.contains("mtext.justification { display: inline-block;"))
    }

    // The page check

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// scripts/check-pages.py --self-test plants a broken anchor, a missing page, a derivation
    /// without MathML, TeX left as text and a network request, and fails unless each is reported.
    @Test(.enabled(if: chromium != nil, "needs Chromium"), .timeLimit(.minutes(1)))
    func pageCheckCatchesABrokenAnchor() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository.appendingPathComponent("scripts/check-pages.py").path, "--self-test",
                             "--chromium", Self.chromium!]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("planted faults caught"))
    }
}
