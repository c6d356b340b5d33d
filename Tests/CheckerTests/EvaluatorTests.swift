import DeriveNumerics
import Foundation
import Testing
@testable import Checker

/// The float evaluator against hand-computed values, and the errors it must raise.
@Suite struct EvaluatorTests {
    static let given = "x, y \\in \\mathbb{R}\nA \\in \\mathbb{R}^{2 \\times 2}\na \\in \\mathbb{R}^{3}\nc \\in \\mathbb{R}^{2}"

    /// Evaluates `latex` with the given entries for each named symbol.
    func evaluate(_ latex: String, _ assignment: [String: [Double]]) throws -> Value<Double> {
        let scope = try scope(given: Self.given)
        var values: [String: Value<Double>] = [:]
        for (name, numbers) in assignment {
            let key = try key(name, in: scope)
            let shape = try #require(scope.declarations[key]?.domain.shape.resolve([:]))
            values[key] = .matrix(Matrix(rows: shape.rows, columns: shape.columns, elements: numbers))
        }
        let context = EvaluationContext(scope: scope, dimensions: [:], functions: [:], densities: [:],
                                        seed: 1, deadline: .infinity, monteCarloSamples: 100)
        return try Evaluator<Double>(context: context, values: values, integers: [:]).evaluate(try expression(latex, in: scope))
    }

    @Test func polynomialAtAPoint() throws {
        // 1.5² + 3 · 1.5 · (−2) − (−2)/2 = 2.25 − 9 + 1
        let value = try evaluate("x^2 + 3 x y - \\frac{y}{2}", ["x": [1.5], "y": [-2]])
        #expect(entries(value) == [-5.75])
    }

    @Test func elementaryFunctionsAtAPoint() throws {
        let value = try evaluate("e^{x} \\log y + \\sqrt{y + 1}", ["x": [0.5], "y": [3]])
        let expected = Foundation.exp(0.5) * Foundation.log(3.0) + 2
        #expect(entries(value).count == 1)
        #expect(close(entries(value)[0], expected))
    }

    @Test func matrixExpressionsAtAPoint() throws {
        // A = [[1, 2], [3, 4]]: det A = −2, tr(A A) = 1 + 6 + 6 + 16, Aᵀ c for c = (1, −1) is (−2, −2).
        let a: [String: [Double]] = ["A": [1, 2, 3, 4], "c": [1, -1]]
        #expect(entries(try evaluate("\\det A", a)).map { $0.rounded() } == [-2])
        #expect(entries(try evaluate("\\operatorname{tr}(A A)", a)) == [29])
        #expect(entries(try evaluate("A^\\top c", a)) == [-2, -2])
        #expect(entries(try evaluate("c^\\top c", a)) == [2])
    }

    @Test func mismatchedShapesAreAnInputError() throws {
        #expect {
            _ = try evaluate("a + c", ["a": [1, 2, 3], "c": [1, 2]])
        } throws: { error in
            guard case EvaluationError.input(let diagnostic) = error else { return false }
            return diagnostic.message.contains("cannot add")
        }
    }

    @Test func aLogarithmOfANegativeNumberIsADomainError() throws {
        #expect {
            _ = try evaluate("\\log(x - 1)", ["x": [0.5]])
        } throws: { error in
            guard case ScalarError.outOfDomain = error else { return false }
            return true
        }
    }
}

/// `IntegerBindings` notes the point's whole numbers a trace reads, and only those: a program
/// folds exactly them, so they key it.
@Suite struct IntegerBindingsTests {
    @Test func readsOfThePointAreNotedAndBoundNamesAreNot() {
        let reads = IntegerReads()
        var integers = IntegerBindings(["n": 4, "k": 1, "unused": 7], noting: reads)
        #expect(integers["n"] == 4)
        integers["k"] = 2
        #expect(integers["k"] == 2)
        #expect(integers["missing"] == nil)
        #expect(reads.names == ["n"])
        // A set's ends or a shape may name any of them: every unbound one counts as read.
        _ = integers.merging(["d": 3])
        #expect(reads.names == ["n", "unused"])
    }

    @Test func aBindingInAnInnerScopeDoesNotHideTheOuterRead() {
        let reads = IntegerReads()
        let outer = IntegerBindings(["k": 1], noting: reads)
        var inner = outer
        inner["k"] = 5
        #expect(inner["k"] == 5)
        #expect(reads.names.isEmpty)
        #expect(outer["k"] == 1)
        #expect(reads.names == ["k"])
    }

    @Test func nobodyListeningNotesNothing() {
        var integers = IntegerBindings(["n": 4])
        integers["i"] = 1
        #expect(integers["n"] == 4 && integers["i"] == 1)
        #expect(integers.merging(["n": 9])["n"] == 4)
    }
}
