import Book
import Checker
import Foundation
import Pipeline
import Testing

/// Traced evaluation (`BodyAtNodes` for quadrature bodies, `SidePrograms` for the sides across
/// sample points) must change nothing but the time: every report, counterexamples included, is
/// the same with tracing on and off, on true chapters and on their wrong twins.
@Suite struct TracingEquivalenceTests {
    static let outsider = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/outsider")

    static func reports(_ markdown: String, file: String, tracing: Bool) throws -> [String] {
        let chapter = try BookReader.parseChapter(text: markdown, file: file)
        var options = CheckOptions(jobs: 1, timeBudgetPerLink: 120)
        options.tracing = tracing
        let book = BookAnalyzer.analyze(Book(title: "Test", author: nil, chapters: [chapter]), options: options)
        return book.links.map { link in
            [link.label ?? "", "\(link.step)", link.verdict.rawValue, link.method.rawValue, "\(link.points)",
             link.residual.map { "\($0.bitPattern)" } ?? "-", link.reason ?? "-",
             link.counterexample.map { "\($0.assignment) \($0.left) \($0.right) \($0.difference.bitPattern)" } ?? "-"]
                .joined(separator: " | ")
        }
    }

    static func expectSameReports(_ markdown: String, file: String) throws {
        let traced = try reports(markdown, file: file, tracing: true)
        let walked = try reports(markdown, file: file, tracing: false)
        #expect(!traced.isEmpty)
        #expect(traced == walked, "\(file): traced and walked reports differ")
    }

    @Test(arguments: ["02-weng-posterior", "02-weng-posterior-wrong", "04-rezende-planar", "04-rezende-planar-wrong",
                      "06-gutmann-nce", "06-gutmann-nce-wrong", "07-hinton-rbm-wrong"])
    func outsiderChaptersReportTheSame(_ name: String) throws {
        let text = try String(contentsOf: Self.outsider.appendingPathComponent(name + ".md"), encoding: .utf8)
        try Self.expectSameReports(text, file: name + ".md")
    }

    /// Sides with matrix inverses and determinants (pivot guards), generic functions (their
    /// coefficients as inputs), expectations (traced bodies), each true and with a slip.
    @Test(arguments: [
        ("\\Sigma \\in \\mathbb{S}_{++}^{3}, \\quad x \\in \\mathbb{R}^{3}",
         "\\log\\det(\\Sigma^{-1}) + x^\\top \\Sigma^{-1} x\n  = -\\log\\det \\Sigma + x^\\top \\Sigma^{-1} x"),
        ("\\Sigma \\in \\mathbb{S}_{++}^{3}, \\quad x \\in \\mathbb{R}^{3}",
         "\\log\\det(\\Sigma^{-1}) + x^\\top \\Sigma^{-1} x\n  = \\log\\det \\Sigma + x^\\top \\Sigma^{-1} x"),
        ("f : \\mathbb{R} \\to \\mathbb{R}, \\quad x \\in \\mathbb{R}",
         "\\frac{d}{dx} e^{f(x)}\n  = f'(x) e^{f(x)}"),
        ("f : \\mathbb{R} \\to \\mathbb{R}, \\quad x \\in \\mathbb{R}",
         "\\frac{d}{dx} e^{f(x)}\n  = f(x) e^{f(x)}"),
        ("\\mu \\in \\mathbb{R}, \\quad \\sigma > 0",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}[z^2]\n  = \\mu^2 + \\sigma^2"),
        ("\\mu \\in \\mathbb{R}, \\quad \\sigma > 0",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}[z^2]\n  = \\mu^2 + \\sigma"),
        ("a \\in \\mathbb{R}, \\quad b \\in \\mathbb{R}",
         "\\lvert a b \\rvert\n  \\le \\frac{a^2 + b^2}{2}"),
        ("a \\in \\mathbb{R}, \\quad b \\in \\mathbb{R}",
         "\\lvert a b \\rvert\n  \\le \\frac{a^2 + b^2}{4}"),
        // A drawn whole number the sides read must key the programs (a program folds it); one
        // that a sum binds at every use must not (else every point would be walked). Not
        // rational, so that the points are floating point.
        ("n \\in \\{1, \\dots, 6\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{i=1}^{n} e^{x + i}\n  = e^{x} \\sum_{i=1}^{n} e^{i}"),
        ("n \\in \\{1, \\dots, 6\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{i=1}^{n} e^{x + i}\n  = e^{x} \\sum_{i=1}^{n - 1} e^{i}"),
        ("k \\in \\{0, 1, 2\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{k=0}^{2} e^{x k} + e^{k}\n  = 1 + e^{x} + e^{2 x} + e^{k}"),
        ("k \\in \\{0, 1, 2\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{k=0}^{2} e^{x k} + e^{k}\n  = 1 + e^{x} + e^{2 x} + e"),
        ("m \\in \\{2, 3\\}, \\quad j \\in \\{1, \\dots, m\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{i=1}^{j} \\sin(x)^2\n  = j \\sin(x)^2"),
        ("m \\in \\{2, 3\\}, \\quad j \\in \\{1, \\dots, m\\}, \\quad x \\in \\mathbb{R}",
         "\\sum_{i=1}^{j} \\sin(x)^2\n  = m \\sin(x)^2"),
           // Rule bodies whose programs take the bindings around them as inputs, kept for the
        // link: a matrix function of the point's covariance (computed once per rule, in the
        // batch part), an expectation inside another's body, a kink at a point's value.
        ("m \\in \\mathbb{R}^{2}, \\quad \\Sigma \\in \\mathbb{S}_{++}^{2}",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(m, I)}\\left[\\|\\Sigma^{1/2} z\\|^2\\right]\n  = \\operatorname{tr}(\\Sigma) + m^\\top \\Sigma m"),
        ("m \\in \\mathbb{R}^{2}, \\quad \\Sigma \\in \\mathbb{S}_{++}^{2}",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(m, I)}\\left[\\|\\Sigma^{1/2} z\\|^2\\right]\n  = \\operatorname{tr}(\\Sigma) + m^\\top m"),
        ("\\mu \\in \\mathbb{R}, \\quad \\sigma > 0",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, 1)}\\left[\\mathbb{E}_{w \\sim \\mathcal{N}(z, \\sigma^2)}[w^2]\\right]\n  = \\mu^2 + 1 + \\sigma^2"),
        ("\\mu \\in \\mathbb{R}, \\quad \\sigma > 0",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, 1)}\\left[\\mathbb{E}_{w \\sim \\mathcal{N}(z, \\sigma^2)}[w^2]\\right]\n  = \\mu^2 + \\sigma^2"),
        ("a \\in \\mathbb{R}",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[\\max(z, a) + \\max(-z, a)]\n  = \\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[2 \\max(z, a)]"),
        ("a \\in \\mathbb{R}",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[\\max(z, a) + \\max(-z, a)]\n  = \\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[2 \\max(z, -a)]"),
    ])
    func smallChaptersReportTheSame(given: String, derive: String) throws {
        try Self.expectSameReports(chapter(given: given, derive: derive), file: "small.md")
    }

    @Test func sidesThatReadADrawnWholeNumberVerifyAndTheirSlipIsRefuted() throws {
        let given = "n \\in \\{1, \\dots, 6\\}, \\quad x \\in \\mathbb{R}"
        let right = try checkChapter(chapter(given: given, derive: "\\sum_{i=1}^{n} e^{x + i}\n  = e^{x} \\sum_{i=1}^{n} e^{i}")).links
        let wrong = try checkChapter(chapter(given: given, derive: "\\sum_{i=1}^{n} e^{x + i}\n  = e^{x} \\sum_{i=1}^{n - 1} e^{i}")).links
        #expect(right.map(\.verdict) == [.verified] && right.first?.method == .floatPoints)
        #expect(wrong.map(\.verdict) == [.refuted])
    }

    /// Bodies replayed from the link's store across points (the bindings around them as
    /// inputs) verify, and their slips are refuted.
    @Test(arguments: [
        ("m \\in \\mathbb{R}^{2}, \\quad \\Sigma \\in \\mathbb{S}_{++}^{2}",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(m, I)}\\left[\\|\\Sigma^{1/2} z\\|^2\\right]",
         "\\operatorname{tr}(\\Sigma) + m^\\top \\Sigma m", "\\operatorname{tr}(\\Sigma) + m^\\top m"),
        ("\\mu \\in \\mathbb{R}, \\quad \\sigma > 0",
         "\\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, 1)}\\left[\\mathbb{E}_{w \\sim \\mathcal{N}(z, \\sigma^2)}[w^2]\\right]",
         "\\mu^2 + 1 + \\sigma^2", "\\mu^2 + \\sigma^2"),
    ])
    func storedBodyProgramsVerifyAndRefute(given: String, left: String, right: String, slip: String) throws {
        let good = try checkChapter(chapter(given: given, derive: left + "\n  = " + right)).links
        let bad = try checkChapter(chapter(given: given, derive: left + "\n  = " + slip)).links
        #expect(good.map(\.verdict) == [.verified] && good.first?.method == .quadrature)
        #expect(bad.map(\.verdict) == [.refuted])
    }

    @Test func aSlipIsStillRefutedWhenTheSidesAreReplayed() throws {
        let reports = try checkChapter(chapter(given: "\\Sigma \\in \\mathbb{S}_{++}^{3}, \\quad x \\in \\mathbb{R}^{3}",
                                               derive: "x^\\top \\Sigma^{-1} \\Sigma x\n  = x^\\top \\Sigma x")).links
        #expect(reports.map(\.verdict) == [.refuted])
        #expect(reports.first?.counterexample != nil)
    }
}
