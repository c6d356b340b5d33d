import Testing
import DeriveNumerics
import RealModule

@Suite struct GaussKronrodTests {
    @Test func polynomialOnUnitInterval() throws {
        let r: QuadratureResult<Double> = try GaussKronrod.integrate({ x in x * x }, from: 0, to: 1)
        #expect(close(r.value, 1.0 / 3, 1e-15))
        #expect(r.converged && r.intervals == 1)
    }

    @Test func gaussianOverTheRealLine() throws {
        let r: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try (-(x * x)).exp() },
                                                                      from: -.infinity, to: .infinity)
        #expect(close(r.value, Double.sqrt(Double.pi), 1e-12))
        #expect(r.converged && r.errorEstimate < 1e-9)
        let half: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try (-(x * x)).exp() },
                                                                         from: 0, to: .infinity)
        #expect(close(half.value, Double.sqrt(Double.pi) / 2, 1e-12))
        let left: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try x.exp() }, from: -.infinity, to: 0)
        #expect(close(left.value, 1, 1e-12))
        let reversed: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try x.exp() }, from: 0, to: -.infinity)
        #expect(close(reversed.value, -1, 1e-12))
    }

    @Test func kinkIsRefinedBySubdivision() throws {
        // ∫₀¹ |x − 0.3| dx = 0.3²/2 + 0.7²/2 = 0.29
        let r: QuadratureResult<Double> = try GaussKronrod.integrate({ x in
            x.realValue() >= 0.3 ? x - 0.3 : 0.3 - x
        }, from: 0, to: 1)
        #expect(close(r.value, 0.29, 1e-10))
        #expect(r.converged && r.intervals > 1)
        #expect(abs(r.value - 0.29) <= max(r.errorEstimate, 1e-14))
    }

    @Test func budgetStopsAHopelessIntegrand() throws {
        // 1/x on (0, 1] diverges: the budget runs out and the result says so.
        let r: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try 1.0.divided(by: x) },
                                                                      from: 0, to: 1, maxIntervals: 50)
        #expect(!r.converged && r.intervals == 50)
    }

    @Test func dualIntegrandsDifferentiateUnderTheIntegral() throws {
        // d/dθ ∫₀^θ sin(θx) dx at θ = 1.2 by Leibniz: sin(θ²) + ∫₀^θ x cos(θx) dx.
        typealias D = Dual<Double>
        let theta = D.variable(1.2)
        let r = try GaussKronrod.integrate({ x in try (theta * x).elementary(.sin) },
                                           from: .finite(D(0)), to: .finite(theta))
        let t = 1.2
        let inner: QuadratureResult<Double> = try GaussKronrod.integrate({ x in try x * (t * x).elementary(.cos) }, from: 0, to: t)
        #expect(close(r.value.derivative, Double.sin(t * t) + inner.value, 1e-10))
        #expect(close(r.value.value, (1 - Double.cos(t * t)) / t, 1e-12))
    }

    @Test func modularIntegrandsRefuse() {
        #expect(throws: ScalarError.self) {
            let _: QuadratureResult<ModularInteger> = try GaussKronrod.integrate({ $0 }, from: 0, to: 1)
        }
    }
}

@Suite struct GaussRuleTests {
    @Test func hermiteMomentsUnderStandardNormal() throws {
        let rule = GaussHermite.expectationUnderStandardNormal(n: 10)
        #expect(close(rule.weights.reduce(0, +), 1, 1e-14))
        let fourth: Double = try rule.apply { z in try z.power(4) }
        #expect(close(fourth, 3, 1e-13))
        let second: Double = try rule.apply { z in z * z }
        #expect(close(second, 1, 1e-13))
        // E[cos Z] = e^{−1/2}
        let c: Double = try rule.apply { z in try z.elementary(.cos) }
        #expect(close(c, Double.exp(-0.5), 1e-10))
    }

    @Test(arguments: [1, 2, 5, 20, 40, 64])
    func hermiteRulesAreSymmetricAndNormalised(n: Int) throws {
        let rule = GaussHermite.rule(n)
        #expect(rule.nodes.count == n)
        #expect(close(rule.weights.reduce(0, +), Double.sqrt(Double.pi), 1e-13))
        #expect(zip(rule.nodes, rule.nodes.dropFirst()).allSatisfy { $0 < $1 })
        for i in 0 ..< n { #expect(abs(rule.nodes[i] + rule.nodes[n - 1 - i]) < 1e-12) }
        // ∫ e^{−x²} x² = √π/2 (n ≥ 2).
        if n >= 2 {
            let m2 = zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }
            #expect(close(m2, Double.sqrt(Double.pi) / 2, 1e-13))
        }
    }

    @Test(arguments: [1, 3, 8, 32])
    func legendreIntegratesPolynomialsExactly(n: Int) {
        let rule = GaussLegendre.rule(n)
        #expect(close(rule.weights.reduce(0, +), 2, 1e-14))
        // ∫₋₁¹ x^(2n−2) = 2/(2n−1), degree within 2n − 1.
        let degree = 2 * n - 2
        let s = zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * Double.pow($1.0, degree) }
        #expect(close(s, 2 / Double(degree + 1), 1e-13))
        let mapped = GaussLegendre.rule(n, from: 0, to: 2)
        #expect(close(mapped.weights.reduce(0, +), 2, 1e-14))
    }

    @Test func twoDimensionalProductRule() {
        // ∫₀¹∫₀² x y² dy dx = (1/2)(8/3) = 4/3
        let (points, weights) = QuadratureRule.tensorProduct([GaussLegendre.rule(4, from: 0, to: 1),
                                                              GaussLegendre.rule(4, from: 0, to: 2)])
        #expect(points.count == 16)
        let s = zip(points, weights).reduce(0) { $0 + $1.1 * $1.0[0] * $1.0[1] * $1.0[1] }
        #expect(close(s, 4.0 / 3, 1e-14))
        // E[Z₁² Z₂²] = 1 for independent standard normals.
        let h = GaussHermite.expectationUnderStandardNormal(n: 6)
        let (zs, ws) = QuadratureRule.tensorProduct([h, h])
        let e = zip(zs, ws).reduce(0) { $0 + $1.1 * $1.0[0] * $1.0[0] * $1.0[1] * $1.0[1] }
        #expect(close(e, 1, 1e-13))
    }
}
