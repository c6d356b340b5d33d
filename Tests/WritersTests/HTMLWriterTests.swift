import Checker
import Foundation
import Pipeline
import Testing
@testable import Writers
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct HTMLWriterTests {
    let pages: [String: String]

    init() throws {
        pages = try SampleBook.texts(HTMLWriter(mathFont: nil))
    }

    @Test func writesOnePagePerChapterPlusIndexAuditAndStylesheet() {
        #expect(Set(pages.keys) == ["html/01-first.html", "html/02-second.html", "html/index.html",
                                    "html/audit.html", "html/derive.css", "html/map.html", "html/search.html",
                                    "html/search.js", "html/search-index.js"])
    }

    @Test func indexListsChaptersWithNumbersAndTheVerdictCounts() throws {
        let index = try #require(pages["html/index.html"])
        #expect(index.contains("<h1>A Sample &amp; Book</h1>"))
        #expect(index.contains("A. Author"))
        #expect(index.contains("<span class=\"chapter-number\">1</span> <a href=\"01-first.html\">First steps</a>"))
        #expect(index.contains("<span class=\"chapter-number\">2</span> <a href=\"02-second.html\">Second &lt;thoughts&gt;</a>"))
        #expect(index.contains("4 checked links: 2 verified, 1 unchecked, 1 refuted, 0 inconclusive"))
    }

    @Test func chapterPagesLinkToTheirNeighbours() throws {
        let first = try #require(pages["html/01-first.html"])
        let second = try #require(pages["html/02-second.html"])
        #expect(first.contains("rel=\"next\" href=\"02-second.html\""))
        #expect(!first.contains("rel=\"prev\""))
        #expect(second.contains("rel=\"prev\" href=\"01-first.html\""))
        #expect(!second.contains("rel=\"next\""))
    }

    @Test func eachLinkCarriesAMarkOfItsVerdict() throws {
        let first = try #require(pages["html/01-first.html"])
        #expect(first.contains("<mtable class=\"chain\""))
        #expect(first.contains("<mtext class=\"mark refuted\" title=\"refuted\" aria-label=\"refuted\">✗</mtext>"))
        #expect(first.contains("<mtext class=\"mark verified\" title=\"verified\" aria-label=\"verified\">✓</mtext>"))
        #expect(first.contains("<mtext class=\"mark unchecked\" title=\"unchecked\" aria-label=\"unchecked\">○</mtext>"))
        #expect(first.contains("<mtext class=\"justification\">squares &amp; sums</mtext>"))
        // A row of figures per link; the table opens by itself when a step failed, and so does
        // the refuted step's counterexample.
        #expect(first.contains("<details class=\"checks\" open=\"open\"><summary>how each step was checked</summary>"))
        #expect(first.contains("<tr id=\"eq-1-1-step-1\" class=\"refuted\"><th scope=\"row\">1</th>"))
        #expect(first.contains("<details open=\"open\"><summary>counterexample</summary>"))
        #expect(first.contains("<tr id=\"eq-1-1-step-2\" class=\"verified\"><th scope=\"row\">2</th>"))
        #expect(first.contains("<td>float-points</td>"))
        #expect(first.contains("<code>x = 0.5</code>, <code>y = -1.25</code>"))
        #expect(first.contains("the sides part at <code>2 x y</code> (a missing term?)"))
        #expect(first.contains("\\approx without tol="))
    }

    @Test func derivationsAreNumberedAndCrossReferencesResolve() throws {
        let first = try #require(pages["html/01-first.html"])
        let second = try #require(pages["html/02-second.html"])
        #expect(first.contains("<div class=\"derivation\" id=\"eq-1-1\">"))
        #expect(first.contains("<span class=\"equation-number\">(1.1)</span>"))
        #expect(second.contains("<div class=\"derivation\" id=\"eq:second\">"))
        #expect(second.contains("<span class=\"equation-number\">(2.1)</span>"))
        #expect(first.contains("<a class=\"eqref\" href=\"02-second.html#eq:second\">(2.1)</a>"))
        #expect(second.contains("<a href=\"02-second.html#eq:second\">this one</a>"))
        #expect(second.contains("class=\"reference-error\""))
    }

    @Test func proseIsEscapedAndMathComesFromTheCheckedTrees() throws {
        let first = try #require(pages["html/01-first.html"])
        let second = try #require(pages["html/02-second.html"])
        #expect(first.contains("<h1 class=\"chapter-title\" id=\"first-steps\"><span class=\"chapter-number\">1</span> First steps</h1>"))
        #expect(first.contains(" &amp; more "))
        #expect(first.contains("<math"))
        #expect(first.contains("<code class=\"math-error\">$\\oops$</code>"))
        #expect(first.contains("<p class=\"given\"><span class=\"given-word\">Let</span> <math>"))
        #expect(first.contains("<div class=\"define\">"))
        #expect(first.contains("<ul>\n<li><em>one</em></li>"))
        #expect(second.contains("display=\"block\""))
        #expect(second.contains("<h2 id=\"a-section\">A section</h2>"))
        #expect(second.contains("<ol start=\"3\">"))
        #expect(second.contains("<pre><code class=\"language-python\">print(&quot;a &lt; b&quot; and 'μ')") ||
                second.contains("<pre><code class=\"language-python\">print(\"a &lt; b\" and 'μ')"))
        #expect(second.contains("<a href=\"https://example.org/a_b?c=1#x\" title=\"Example\"><code>$x_1$ &amp; 50%</code></a>"))
    }

    @Test func auditPageHasARowPerLinkPointingBack() throws {
        let audit = try #require(pages["html/audit.html"])
        #expect(audit.components(separatedBy: "<tr class=").count - 1 == 4)
        #expect(audit.contains("<a href=\"01-first.html#eq-1-1-step-1\">(1.1)</a>"))
        #expect(audit.contains("<a href=\"02-second.html#eq:second-step-1\">(2.1)</a> <code>eq:second</code>"))
        #expect(audit.contains("<td>1e-30</td>"))
    }

    @Test func bundlesTheMathFontOnlyWhenGivenOne() throws {
        let font = try SampleBook.temporaryFolder().appendingPathComponent("math.otf")
        try Data("font".utf8).write(to: font)
        let files = try HTMLWriter(mathFont: font).files(for: SampleBook.make())
        #expect(files.contains { $0.path == "html/fonts/latinmodern-math.otf" })
        let css = files.first { $0.path == "html/derive.css" }
        if case .text(let text)? = css?.content { #expect(text.contains("@font-face")) }
        #expect(pages["html/derive.css"]?.contains("@font-face") == false)
    }

    /// The one script is the optional search, a local file; nothing comes from the network.
    @Test func pagesLoadOnlyTheLocalSearchScriptAndNothingFromTheNetwork() {
        for (path, page) in pages where path.hasSuffix(".html") {
            #expect(page.components(separatedBy: "<script").count == 2, "\(path) has another script")
            #expect(page.contains("<script src=\"search.js\" defer=\"defer\"></script>"))
            #expect(!page.contains("src=\"http"), "\(path) loads from the network")
        }
    }

    #if canImport(FoundationXML)
    @Test func everyPageIsWellFormedXML() throws {
        for (path, page) in pages where path.hasSuffix(".html") {
            let parser = XMLParser(data: Data(page.utf8))
            let parsed = parser.parse()
            #expect(parsed, "\(path): \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
    }
    #endif
}
