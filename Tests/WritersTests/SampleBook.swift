import Book
import Checker
import Diagnostics
import Foundation
import MathSyntax
import Pipeline
import Writers

/// A two-chapter book checked by hand: a derivation with a verified, a refuted and an unchecked
/// link, a labeled derivation in chapter 2, prose math and a cross-reference each way.
enum SampleBook {
    static let firstFile = "chapters/01-first.md"
    static let secondFile = "chapters/02-second.md"

    static func at(_ line: Int, _ column: Int = 1) -> SourcePosition { SourcePosition(file: firstFile, line: line, column: column) }
    static func expr(_ node: Expr.Node, line: Int = 1) -> Expr { Expr(node, SourceRange(at: at(line))) }
    static func symbol(_ name: String) -> Expr { expr(.symbol(Symbol(name))) }
    /// Prose math as a chapter would hold it, from its LaTeX.
    static func prose(_ latex: String) -> ProseMath {
        try! ProseMath.parse(SourceText(file: "sample.md", text: latex, origin: SourcePosition(file: "sample.md", line: 1, column: 1)), display: false)
    }
    static func number(_ text: String) -> Expr { expr(.number(text)) }
    static func sum(_ a: Expr, _ b: Expr) -> Expr { expr(.add(a, b)) }
    static func square(_ a: Expr) -> Expr { expr(.power(a, number("2"))) }

    static func report(_ file: String, line: Int, label: String?, step: Int, _ relation: Relation, _ verdict: Verdict,
                       method: CheckMethod, bound: Double? = nil, reason: String? = nil,
                       counterexample: Counterexample? = nil, justification: String? = nil) -> LinkReport {
        LinkReport(position: SourcePosition(file: file, line: line, column: 3), label: label, step: step, relation: relation, verdict: verdict,
                   method: method, points: verdict == .unchecked ? 0 : 48, residual: verdict == .unchecked ? nil : 0.25,
                   seed: 1234, seconds: 0.002, bound: bound, reason: reason, counterexample: counterexample,
                   justification: justification)
    }

    static func make() -> CheckedBook {
        // Chapter 1: prose with math and a reference forward, given, define, and a three-link chain.
        let inlineMath = SourceText(file: firstFile, text: "x + 1", origin: at(3, 8))
        let brokenMath = SourceText(file: firstFile, text: "\\oops", origin: at(3, 30))
        let givenFence = FencedBlock(kind: .given, body: SourceText(file: firstFile, text: "x, y \\in \\mathbb{R}", origin: at(6)),
                                     attributes: BlockAttributes(), position: at(5))
        let defineFence = FencedBlock(kind: .define, body: SourceText(file: firstFile, text: "s = x + y", origin: at(10)),
                                      attributes: BlockAttributes(), position: at(9))
        let deriveFence = FencedBlock(kind: .derive, body: SourceText(file: firstFile, text: "…", origin: at(14)),
                                      attributes: BlockAttributes(), position: at(13))
        let first = Chapter(file: firstFile, title: "First steps", blocks: [
            .heading(level: 1, [.text("First steps")], position: at(1)),
            .paragraph([.text("We add one: "), .math(source: inlineMath, display: false), .text(" & more "),
                        .math(source: brokenMath, display: false), .text(", see "),
                        .reference(label: "eq:second", position: at(3, 40)), .text(".")], position: at(3)),
            .fenced(givenFence),
            .fenced(defineFence),
            .fenced(deriveFence),
            .list(ordered: false, start: 1, tight: true, items: [[.paragraph([.emphasis([.text("one")])], position: at(20))],
                                                                 [.paragraph([.strong([.text("two")])], position: at(21))]],
                  position: at(20)),
        ])
        let chain = Chain(first: square(sum(symbol("x"), symbol("y"))), links: [
            Link(relation: .equal, rhs: sum(square(symbol("x")), square(symbol("y"))), relationRange: SourceRange(at: at(15, 3)),
                 justification: "wrong on purpose", options: [:]),
            Link(relation: .greaterEqual, rhs: number("0"), relationRange: SourceRange(at: at(16, 3)),
                 justification: "squares & sums", options: [:]),
            Link(relation: .approx, rhs: number("1"), relationRange: SourceRange(at: at(17, 3)),
                 justification: nil, options: [:]),
        ])
        let counterexample = Counterexample(assignment: [("x", "0.5"), ("y", "-1.25")], left: "0.5625", right: "1.8125",
                                            difference: 1.25, tolerance: 3e-12, partingAt: "2 x y", hint: "a missing term?")
        let derivation = CheckedDerivation(label: nil, number: "1.1", chain: chain, links: [
            report(firstFile, line: 15, label: nil, step: 1, .equal, .refuted, method: .exact, counterexample: counterexample,
                   justification: "wrong on purpose"),
            report(firstFile, line: 16, label: nil, step: 2, .greaterEqual, .verified, method: .floatPoints,
                   justification: "squares & sums"),
            report(firstFile, line: 17, label: nil, step: 3, .approx, .unchecked, method: .none,
                   reason: "\\approx without tol="),
        ], attributes: BlockAttributes())
        let declaration = Declaration(names: [symbol("x"), symbol("y")], relation: .element,
                                      domain: expr(.blackboard("R")), range: SourceRange(at: at(6)))
        let definition = Definition(head: symbol("s"), body: sum(symbol("x"), symbol("y")), range: SourceRange(at: at(10)))
        let checkedFirst = CheckedChapter(chapter: first, number: 1, math: [try? ProseMath.parse(inlineMath, display: false), nil],
                                          fences: [.given([declaration]), .define([definition]), .derive(derivation)])

        // Chapter 2: a labeled derivation, display math, a reference back and ordinary Markdown.
        let displayMath = SourceText(file: secondFile, text: "\\mu^2", origin: at(5, 3))
        let secondFence = FencedBlock(kind: .derive, body: SourceText(file: secondFile, text: "…", origin: at(8)),
                                      attributes: BlockAttributes(label: "eq:second", uncheckedReason: nil), position: at(7))
        let second = Chapter(file: secondFile, title: "Second <thoughts>", blocks: [
            .heading(level: 1, [.text("Second <thoughts>")], position: at(1)),
            .heading(level: 2, [.text("A section")], position: at(3)),
            .paragraph([.text("Display: "), .math(source: displayMath, display: true), .softBreak,
                        .text("not "), .reference(label: "eq:missing", position: at(6, 9)), .text(" but "),
                        .link(destination: "#eq:second", title: "", [.text("this one")]), .text(" or "),
                        .link(destination: "https://example.org/a_b?c=1#x", title: "Example", [.code("$x_1$ & 50%")])],
                       position: at(5)),
            .fenced(secondFence),
            .blockQuote([.paragraph([.text("Quoted μ ≤ σ — fine.")], position: at(12))], position: at(12)),
            .code(info: "python", text: "print(\"a < b\" and 'μ')\n", position: at(14)),
            .list(ordered: true, start: 3, tight: false, items: [[.paragraph([.text("three")], position: at(18))]],
                  position: at(18)),
            .thematicBreak(position: at(20)),
        ])
        let secondChain = Chain(first: symbol("μ"), links: [
            Link(relation: .equal, rhs: symbol("μ"), relationRange: SourceRange(at: at(9, 3)), justification: "trivially", options: [:]),
        ])
        let secondDerivation = CheckedDerivation(label: "eq:second", number: "2.1", chain: secondChain, links: [
            report(secondFile, line: 9, label: "eq:second", step: 1, .equal, .verified, method: .exact, bound: 1e-30,
                   justification: "trivially"),
        ], attributes: secondFence.attributes)
        let checkedSecond = CheckedChapter(chapter: second, number: 2,
                                           math: [try? ProseMath.parse(displayMath, display: true)],
                                           fences: [.derive(secondDerivation)])

        let book = Book(title: "A Sample & Book", author: "A. Author", chapters: [first, second])
        return CheckedBook(book: book, chapters: [checkedFirst, checkedSecond], diagnostics: [],
                           labels: ["eq:second": ("2.1", 2)], hasInputErrors: false)
    }

    /// A folder in the system's temporary directory, unique to the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("writers-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The text files a writer makes, by path.
    static func texts(_ writer: any BookWriter, _ book: CheckedBook = make()) throws -> [String: String] {
        var texts: [String: String] = [:]
        for file in try writer.files(for: book) {
            if case .text(let text) = file.content { texts[file.path] = text }
        }
        return texts
    }

    /// One latexmk run on a book's LaTeX in a scratch folder (removed afterwards): what the tests of
    /// the PDF look at.
    struct LatexmkRun {
        var status: Int32
        var output: String
        var log: String
        var producedPDF: Bool
        /// Each `!` error of the TeX log with the three lines after it.
        var errors: [String] {
            let lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines.indices.filter { lines[$0].hasPrefix("!") }.map { lines[$0...].prefix(4).joined(separator: "\n") }
        }
    }

    static func latexmk(_ book: CheckedBook, executable: String) throws -> LatexmkRun {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try LaTeXWriter().files(for: book) { try file.write(into: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-pdf", "-interaction=nonstopmode", "-halt-on-error", "book.tex"]
        process.currentDirectoryURL = folder.appendingPathComponent("latex")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let log = (try? Data(contentsOf: folder.appendingPathComponent("latex/book.log"))).map { String(decoding: $0, as: UTF8.self) } ?? output
        return LatexmkRun(status: process.terminationStatus, output: output, log: log,
                          producedPDF: FileManager.default.fileExists(atPath: folder.appendingPathComponent("latex/book.pdf").path))
    }
}
