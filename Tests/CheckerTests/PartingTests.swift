import DeriveNumerics
import MathSyntax
import Testing
@testable import Checker

/// The parting search names the slip of a wrong link: the sub-expression and a guess at the fix.
@Suite struct PartingTests {
    static let given = "x, y \\in \\mathbb{R}"

    /// Where the two sides of the single link of `derive` part, at a drawn point.
    func parting(_ derive: String) throws -> (Parting.Result, Scope) {
        let job = try #require(try linkJobs(given: Self.given, derive: derive).first)
        let checker = LinkChecker(job: job, options: CheckOptions())
        var generator = SeededGenerator(seed: 5)
        let point = try PointSampler(scope: job.scope, dimensions: [:]).drawReal(using: &generator)
        let result = try #require(Parting.find(job.lhs, job.rhs, point: point, dimensions: [:], checker: checker))
        return (result, job.scope)
    }

    func latex(_ text: String, _ scope: Scope) throws -> String {
        LaTeXPrinter.latex(try expression(text, in: scope))
    }

    @Test func aMissingFactorOfTwoIsNamed() throws {
        let (result, scope) = try parting("(x + y)^2\n  = x^2 + x y + y^2")
        #expect(LaTeXPrinter.latex(result.left) == (try latex("x y", scope)))
        #expect(result.hint == "a factor of 2?")
    }

    @Test func aFlippedSignIsNamed() throws {
        let (result, scope) = try parting("(x - y)^2\n  = x^2 + 2 x y + y^2")
        #expect(LaTeXPrinter.latex(result.left) == (try latex("2 x y", scope)))
        #expect(result.hint == "a sign?")
    }

    @Test func aTermTooManyIsNamed() throws {
        let (result, scope) = try parting("(x + y)^2\n  = x^2 + 2 x y + y^2 + x")
        #expect(LaTeXPrinter.latex(result.left) == (try latex("x", scope)))
        #expect(result.hint == "a term too many?")
    }

    @Test func theCounterexampleOfARefutedLinkCarriesTheParting() throws {
        let job = try #require(try linkJobs(given: Self.given, derive: "(x + y)^2\n  = x^2 + x y + y^2").first)
        let report = LinkChecker(job: job, options: CheckOptions()).run().report
        #expect(report.verdict == .refuted)
        let example = try #require(report.counterexample)
        #expect(example.partingAt == (try latex("x y", job.scope)))
        #expect(example.hint == "a factor of 2?")
        #expect(Set(example.assignment.map(\.name)) == ["x", "y"])
    }

    @Test func signedTermsFollowTheSignsOfASum() throws {
        let scope = try scope(given: Self.given)
        let terms = Parting.signedTerms(try expression("x - (y + 2 x) + y", in: scope))
        #expect(terms.map { LaTeXPrinter.latex($0.0) } == [try latex("x", scope), try latex("y", scope), try latex("2 x", scope), try latex("y", scope)])
        #expect(terms.map(\.1) == [1, -1, -1, 1])
    }

    @Test func valueHintsGuessSignFactorAndTranspose() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4]])
        #expect(Parting.hint(a, a.map { -$0 }) == "a sign?")
        #expect(Parting.hint(a, a.map { 2 * $0 }) == "a factor of 2?")
        #expect(Parting.hint(a.map { 2 * $0 }, a) == "a factor of 2?")
        #expect(Parting.hint(a, a.transposed()) == "a transpose?")
        #expect(Parting.hint(a, a.map { $0 + 1 }) == nil)
    }
}
