import Diagnostics
import Foundation
import MathSyntax
import DeriveNumerics
import Testing
@testable import Checker

/// The meanings of the built-in functions: each evaluated at a point against Foundation, and each
/// rationality flag against what exact arithmetic actually does.
@Suite struct BuiltinMeaningTests {
    /// Per function: an expression that applies it, and the value Foundation gives at the point
    /// x = 0.7, y = −0.3, v = (1, 2), A = [[2, 1], [1, 3]] (entries in row-major order).
    static let references: [BuiltinFunction: (String, [Double])] = [
        .exp: (#"\exp(x)"#, [Foundation.exp(0.7)]),
        .log: (#"\log(x)"#, [Foundation.log(0.7)]),
        .ln: (#"\ln x"#, [Foundation.log(0.7)]),
        .sin: (#"\sin(x)"#, [Foundation.sin(0.7)]),
        .cos: (#"\cos(y)"#, [Foundation.cos(-0.3)]),
        .tanh: (#"\tanh(y)"#, [Foundation.tanh(-0.3)]),
        .erf: (#"\operatorname{erf}(y)"#, [Foundation.erf(-0.3)]),
        .Phi: (#"\Phi(y)"#, [0.5 * (1 + Foundation.erf(-0.3 / 2.0.squareRoot()))]),
        .Gamma: (#"\Gamma(x)"#, [Foundation.tgamma(0.7)]),
        .sinh: (#"\sinh(x)"#, [Foundation.sinh(0.7)]),
        .cosh: (#"\mathrm{cosh}(y)"#, [Foundation.cosh(-0.3)]),
        .arctan: (#"\arctan x"#, [Foundation.atan(0.7)]),
        .arctanh: (#"\operatorname{arctanh}(y)"#, [Foundation.atanh(-0.3)]),
        .sigmoid: (#"\operatorname{sigmoid}(y)"#, [1 / (1 + Foundation.exp(0.3))]),
        .softplus: (#"\operatorname{softplus}(x)"#, [Foundation.log1p(Foundation.exp(0.7))]),
        .relu: (#"\operatorname{ReLU}(y)"#, [0]),
        .sign: (#"\operatorname{sign}(y)"#, [-1]),
        .floor: (#"\lfloor y \rfloor"#, [-1]),
        .ceil: (#"\lceil x \rceil"#, [1]),
        .factorial: (#"x!"#, [Foundation.tgamma(1.7)]),
        .binom: (#"\binom{x}{2}"#, [0.7 * (0.7 - 1) / 2]),
        .max: (#"\max(x, y, v)"#, [2]),
        .min: (#"\min(x, y)"#, [-0.3]),
        .det: (#"\det A"#, [5]),
        .logdet: (#"\log\det A"#, [Foundation.log(5)]),
        .tr: (#"\operatorname{tr}(A)"#, [5]),
        .adj: (#"\operatorname{adj}(A)"#, [3, -1, -1, 2]),
        .diag: (#"\operatorname{diag}(v)"#, [1, 0, 0, 2]),
        .softmax: (#"\operatorname{softmax}(v)"#, [1 / (1 + Foundation.exp(1)), Foundation.exp(1) / (1 + Foundation.exp(1))]),
        .logsumexp: (#"\operatorname{logsumexp}(v)"#, [Foundation.log(Foundation.exp(1) + Foundation.exp(2))]),
    ]

    /// Built-ins that are parsed and printed but have no value.
    static let unevaluated: Set<BuiltinFunction> = [.rank]

    static func evaluator<S: Scalar>(_: S.Type) throws -> Evaluator<S> {
        let context = EvaluationContext(scope: Scope(), dimensions: [:], functions: [:], densities: [:],
                                        seed: 1, deadline: .infinity, monteCarloSamples: 16)
        func constant(_ values: [Double], rows: Int, columns: Int) throws -> Value<S> {
            .matrix(Matrix(rows: rows, columns: columns, elements: try values.map { try S(constant: $0) }))
        }
        let values: [String: Value<S>] = [
            "x": .scalar(try S(numerator: 7, denominator: 10)),
            "y": .scalar(try S(numerator: -3, denominator: 10)),
            "v": try constant([1, 2], rows: 2, columns: 1),
            "A": try constant([2, 1, 1, 3], rows: 2, columns: 2),
        ]
        return Evaluator(context: context, values: values, integers: [:])
    }

    static func expression(_ text: String) throws -> Expr {
        try MathParser.parseExpression(SourceText(file: "test.md", text: text, origin: SourcePosition(file: "test.md", line: 1, column: 1)))
    }

    @Test func everyFunctionHasAReferenceOrIsUnevaluated() {
        for function in BuiltinFunction.allCases {
            #expect((Self.references[function] != nil) != Self.unevaluated.contains(function), "\(function)")
        }
    }

    @Test(arguments: BuiltinFunction.allCases)
    func valueAtAPoint(_ function: BuiltinFunction) throws {
        guard let (text, expected) = Self.references[function] else { return }
        let expr = try Self.expression(text)
        guard case .apply(.builtin(let parsed), _, _, _) = expr.node else {
            Issue.record("\(text) is not an application of a built-in")
            return
        }
        #expect(parsed == function)
        let value = try Self.evaluator(Double.self).evaluate(expr)
        guard case .matrix(let m) = value else {
            Issue.record("\(text) gave a bare identity")
            return
        }
        #expect(m.elements.count == expected.count, "\(text)")
        for (got, want) in zip(m.elements, expected) {
            #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "\(text): \(got) instead of \(want)")
        }
    }

    @Test func unevaluatedFunctionsAreInputErrors() throws {
        let expr = try Self.expression(#"\operatorname{rank}(A)"#)
        #expect(throws: EvaluationError.self) { _ = try Self.evaluator(Double.self).evaluate(expr) }
    }

    @Test func wrongArgumentCountsAndShapesAreInputErrors() throws {
        let evaluator = try Self.evaluator(Double.self)
        for text in [#"\exp(x, y)"#, #"\det v"#, #"\operatorname{tr}(v)"#, #"\operatorname{adj}(x, A)"#] {
            let expr = try Self.expression(text)
            #expect(throws: EvaluationError.self, "\(text)") { _ = try evaluator.evaluate(expr) }
        }
    }

    @Test func theRationalFunctionsAreExactlyTheLinearAlgebraOnes() {
        #expect(Set(BuiltinFunction.allCases.filter(\.isRational)) == [.det, .adj, .tr, .diag])
        #expect(BuiltinFunction.det.exactDegree == .timesSize)
        #expect(BuiltinFunction.tr.exactDegree == .same)
    }

    /// The flag must agree with modular evaluation: a rational function gives a residue, any
    /// other throws `notRational`, so deciding up front changes no verdict.
    @Test(arguments: BuiltinFunction.allCases)
    func rationalityFlagAgreesWithExactArithmetic(_ function: BuiltinFunction) throws {
        guard let (text, _) = Self.references[function] else { return }
        let evaluator = try Self.evaluator(ModularInteger.self)
        let expr = try Self.expression(text)
        do {
            _ = try evaluator.evaluate(expr)
            #expect(function.isRational, "\(text) evaluated exactly but is flagged not rational")
        } catch ScalarError.notRational {
            #expect(!function.isRational, "\(text) is flagged rational but exact arithmetic refused it")
        }
    }

    @Test func blockersAreFoundUpFrontThroughDefinitions() throws {
        var scope = Scope()
        let definitions = try MathParser.parseDefinitions(
            SourceText(file: "test.md", text: "g = \\det A\nh = \\exp(x)\nf(t) = \\tanh(t)", origin: SourcePosition(file: "test.md", line: 1, column: 1)),
            functions: ["f"])
        for definition in definitions { try scope.define(definition) }
        func blocker(_ text: String) throws -> String? {
            Rationality.blocker(in: [try Self.expression(text)], scope: scope)
        }
        #expect(try blocker(#"\det(A) + \operatorname{tr}(A) x"#) == nil)
        #expect(try blocker(#"x + \sqrt{x}"#) == nil)
        #expect(try blocker(#"\operatorname{tr}(A) + \log(x)"#) == BuiltinFunction.log.rawValue)
        #expect(try blocker("g + 1") == nil)
        #expect(try blocker("g + h") == BuiltinFunction.exp.rawValue)
        let call = try MathParser.parseExpression(SourceText(file: "t", text: "2 f(x)", origin: SourcePosition(file: "t", line: 1, column: 1)),
                                                  functions: ["f"])
        #expect(Rationality.blocker(in: [call], scope: scope) == BuiltinFunction.tanh.rawValue)
    }

    @Test func constructsThatModularArithmeticNeverEvaluatesBlockUpFront() throws {
        func blocker(_ text: String) throws -> String? {
            Rationality.blocker(in: [try Self.expression(text)], scope: Scope())
        }
        #expect(try blocker(#"x + \|v\|^2"#) == "a norm")
        #expect(try blocker(#"\mathbb{E}_{x \sim \mathcal{N}(0, 1)}[x^2]"#) == "an expectation under a continuous law")
        #expect(try blocker(#"\mathcal{N}(x; 0, 1)"#) == "a normal density")
        #expect(try blocker(#"\int_0^1 t \, \mathrm{d}t"#) == "an integral")
        // What can be rational is left to evaluation: a discrete law's expectation, a uniform density.
        #expect(try blocker(#"\mathbb{E}_{b \sim \operatorname{Bern}(p)}[b]"#) == nil)
        #expect(try blocker(#"\mathcal{U}(x; 0, 2)"#) == nil)
    }

    @Test func exactChecksRunOnlyWhereEveryBuiltinIsRational() throws {
        let given = "n \\in \\{2, 3\\}\nA, B \\in \\mathbb{R}^{n \\times n}\na, b \\in \\mathbb{R}"
        let exact = try checkChapter(chapter(given: given, derive: "\\det(A B)\n  = \\det A \\det B")).links
        #expect(exact.map(\.verdict) == [.verified])
        #expect(exact.map(\.method) == [.exact])
        let float = try checkChapter(chapter(given: given, derive: "\\exp(a + b)\n  = \\exp(a) \\exp(b)")).links
        #expect(float.map(\.verdict) == [.verified])
        #expect(float.map(\.method) == [.floatPoints])
    }
}
