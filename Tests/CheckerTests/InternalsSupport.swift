import Book
import DeriveNumerics
import Diagnostics
import MathSyntax
import Pipeline
import Testing
@testable import Checker

/// The link jobs of a one-chapter book, exactly as the analyzer hands them to the checker.
func linkJobs(given: String, define: String = "", derive: String, attributes: String = "") throws -> [LinkJob] {
    let markdown = chapter(given: given, define: define, derive: derive, attributes: attributes)
    let chapter = try BookReader.parseChapter(text: markdown, file: "test.md")
    let (jobs, diagnostics) = BookAnalyzer.linkJobs(of: Book(title: "Test", author: nil, chapters: [chapter]))
    #expect(diagnostics.isEmpty, "the test chapter should read cleanly: \(diagnostics)")
    return jobs
}

/// The scope a derivation below these blocks sees.
func scope(given: String, define: String = "") throws -> Scope {
    try #require(try linkJobs(given: given, define: define, derive: "0\n  = 0").first).scope
}

/// A LaTeX expression parsed as a derivation in this scope would parse it.
func expression(_ latex: String, in scope: Scope) throws -> Expr {
    try MathParser.parseExpression(SourceText(file: "test.md", text: latex, origin: SourcePosition(file: "test.md", line: 1, column: 1)),
                                   functions: scope.functionNames)
}

/// The scope's key for a declared name written in LaTeX (`\sigma`, `x`).
func key(_ latex: String, in scope: Scope) throws -> String {
    let name = LaTeXPrinter.latex(try expression(latex, in: scope))
    return try #require(scope.order.first { scope.declarations[$0].map { LaTeXPrinter.latex($0.name) } == name },
                        "'\(latex)' is not declared")
}

/// Every entry of a value, row by row (a bare λI counts as its λ).
func entries(_ value: Value<Double>?) -> [Double] {
    switch value {
    case .matrix(let m)?: return m.elements
    case .identity(let lambda)?: return [lambda]
    case nil: return []
    }
}

/// |a − b| small relative to the size of a and b.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
