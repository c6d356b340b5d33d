import Testing
import DeriveNumerics

@Suite struct DualTests {
    typealias D = Dual<Double>
    typealias DD = Dual<Dual<Double>>

    static let points: [(ElementaryFunction, Double)] = [
        (.exp, 0.7), (.log, 1.9), (.sqrt, 2.3), (.sin, 0.4), (.cos, 1.2), (.tanh, 0.6),
        (.atan, -1.3),
        (.erf, 0.8), (.logGamma, 2.7), (.logGamma, 0.3), (.digamma, 1.6), (.digamma, -0.4),
    ]

    /// First derivative: dual tangent against a central difference.
    @Test(arguments: points)
    func firstDerivativeMatchesCentralDifference(function: ElementaryFunction, x: Double) throws {
        let h = 1e-5
        let numeric = (try (x + h).elementary(function) - (x - h).elementary(function)) / (2 * h)
        let dual = try D.variable(x).elementary(function)
        #expect(dual.value == (try x.elementary(function)))
        #expect(close(dual.derivative, numeric, 1e-8), "\(function) at \(x): \(dual.derivative) vs \(numeric)")
    }

    /// Second derivative: Dual<Dual<Double>> against a central difference of the dual first derivative.
    @Test(arguments: points)
    func secondDerivativeMatchesDifferenceOfFirst(function: ElementaryFunction, x: Double) throws {
        let h = 1e-5
        func first(_ t: Double) throws -> Double { try D.variable(t).elementary(function).derivative }
        let numeric = (try first(x + h) - first(x - h)) / (2 * h)
        let seed = DD(D.variable(x), derivative: D(1, derivative: 0))
        let result = try seed.elementary(function)
        #expect(close(result.derivative.derivative, numeric, 1e-7), "\(function) at \(x)")
        // Both first-order parts agree.
        #expect(close(result.derivative.value, result.value.derivative, 1e-14))
    }

    @Test func arithmeticRules() throws {
        let x = D.variable(3)
        let y = x * x * x - D(2) * x                    // 3x² − 2 = 25
        #expect(y.value == 21 && y.derivative == 25)
        let q = try D(1).divided(by: x)                  // −1/x²
        #expect(close(q.derivative, -1.0 / 9))
        #expect(throws: ScalarError.divisionByZero) { try D(1).divided(by: D(0, derivative: 1)) }
        #expect(D(0, derivative: 1).isZero == false)
        #expect(try x.power(4).derivative == 108)        // 4x³
        #expect(try x.power(-1).derivative == -1.0 / 9)
        #expect(try x.power(0).derivative == 0)
    }

    @Test func realPowerUsesLogTermOnlyForVaryingExponents() throws {
        // d/dx x^2.5 at negative base is not allowed, but a constant integer exponent is.
        let negative = D.variable(-2)
        #expect(try negative.power(D(3)).derivative == 12)
        // d/dy 2^y = 2^y log 2.
        let y = D.variable(1.5)
        let r = try D(2).power(y)
        #expect(close(r.derivative, (try 2.0.power(1.5)) * (try 2.0.log())))
        #expect(throws: ScalarError.self) { try D(-2).power(y) }
        // x^x at 1.3: derivative x^x (log x + 1).
        let x = D.variable(1.3)
        let xx = try x.power(x)
        #expect(close(xx.derivative, (try 1.3.power(1.3)) * ((try 1.3.log()) + 1)))
    }

    @Test func sqrtAtZeroWithConstantTangentIsFine() throws {
        #expect(try D(0).squareRoot().value == 0)
        #expect(throws: ScalarError.divisionByZero) { try D.variable(0).squareRoot() }
    }

    @Test func thirdOrderDigammaNests() throws {
        // ψ''(x) through three levels of nesting requires ψ⁽³⁾ of the base.
        typealias DDD = Dual<DD>
        let x = 1.7
        let inner = DD(D.variable(x), derivative: D(1, derivative: 0))
        let seed = DDD(inner, derivative: DD(D(1, derivative: 0), derivative: D(0, derivative: 0)))
        let r = try seed.elementary(.digamma)
        #expect(close(r.derivative.derivative.derivative, try x.polygamma(3), 1e-12))
    }

    @Test func modularDualsDifferentiatePolynomialsExactly() throws {
        typealias MD = Dual<ModularInteger>
        let x = MD.variable(ModularInteger(5))
        let y = try x.power(3).divided(by: x + MD(1))  // d/dx x³/(x+1) = (2x³ + 3x²)/(x+1)²
        let expected = try ModularInteger(2 * 125 + 3 * 25).divided(by: ModularInteger(36))
        #expect(y.derivative == expected)
        #expect(throws: ScalarError.self) { try x.elementary(.exp) }
    }
}
