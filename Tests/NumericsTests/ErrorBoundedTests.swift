import Testing
import DeriveNumerics

@Suite struct ErrorBoundedTests {
    typealias E = ErrorBounded<Double>

    @Test func boundCoversCancellation() throws {
        // (1e16 + 1) − 1e16 is exactly 1, but doubles give 0: the bound must reach the gap.
        let big = E(10_000_000_000_000_000)
        let result = (big + E(1)) - big
        #expect(result.value == 0)
        #expect(result.error >= 1)
        // And it scales with the cancelled terms, not with the (zero) result.
        #expect(result.error <= 4)
    }

    @Test func exactOperationsStayTight() throws {
        let a = E(3), b = E(4)
        #expect((a * b).value == 12)
        #expect((a * b).error <= 12 * E.unitRoundoff)
        #expect(E(7).error == 0)
        #expect(E(constant: 0.1).error > 0)
        #expect(E(constant: 2).error == 0)
        let injected = E(value: 1.5, error: -0.01)
        #expect(injected.error == 0.01)
    }

    @Test func boundCoversRealErrorsOfARecurrence() throws {
        // Sum 0.1 a thousand times: the true sum is 100·(the double 0.1) within the constant's rounding.
        var s = E(0)
        let tenth = E(constant: 0.1)
        for _ in 0 ..< 1000 { s = s + tenth }
        #expect(abs(s.value - 100) <= s.error)
        #expect(s.error < 1e-10)
    }

    @Test func squareRootNearZeroKeepsAFiniteBound() throws {
        // √ of a value known only to within 1e-20 of zero: the slope is unbounded there, the
        // error is not (√(1e-20) = 1e-10), and the bound must cover that far.
        let near = try E(value: 0, error: 1e-20).squareRoot()
        #expect(near.error.isFinite && near.error >= 1e-10 && near.error <= 2e-10)
        let tiny = try E(value: 1e-22, error: 1e-20).squareRoot()
        #expect(tiny.error >= (1e-20 + 1e-22).squareRoot() - 1e-11 && tiny.error.isFinite)
        // Away from zero the bound is the first-order one, to within its second-order part.
        let far = try E(value: 4, error: 1e-8).squareRoot()
        #expect(abs(far.error - 0.25e-8) <= 1e-6 * 0.25e-8)
    }

    @Test func powerOfANearZeroValueIsNotExact() throws {
        // (0 ± 1e-8)² can be 1e-16: the slope 2x vanishes, the second-order part does not.
        let square = try E(value: 0, error: 1e-8).power(2)
        #expect(square.error >= 1e-16)
        // (1 ± 1e-3)³ reaches 1.001³ = 1.003003001: first order alone (0.003) falls short.
        let cube = try E(value: 1, error: 1e-3).power(3)
        #expect(cube.error >= 0.003003001)
        #expect(cube.error <= 0.00301)
    }

    @Test func elementaryFunctionsPropagate() throws {
        let x = E(value: 2, error: 1e-6)
        let l = try x.log()
        #expect(close(l.error, 0.5e-6, 1e-3))
        let e = try x.exp()
        #expect(close(e.error, (try 2.0.exp()) * 1e-6, 1e-3))
        #expect(throws: ScalarError.divisionByZero) { try E(1).divided(by: E(0)) }
        // A divisor or a logarithm's argument that its bound cannot tell from zero is refused.
        #expect(throws: ScalarError.divisionByZero) { try E(1).divided(by: E(value: 1, error: 2)) }
        #expect(throws: ScalarError.self) { try E(value: 1e-17, error: 1e-16).log() }
        #expect(throws: ScalarError.self) { try E(-1).log() }
        let p = try x.power(E(3))
        #expect(close(p.error, 3 * 4 * 1e-6, 1e-3))
    }

    @Test func linearAlgebraCarriesBounds() throws {
        let a = Matrix<E>(rows: 2, columns: 2, elements: [E(constant: 0.1), E(1), E(1), E(constant: 0.3)])
        let det = try a.determinant()
        #expect(abs(det.value - (0.03 - 1)) <= det.error + 1e-17)
        let inverse = try a.inverse()
        #expect(inverse.elements.allSatisfy { $0.error > 0 && $0.error < 1e-14 })
    }

    #if arch(x86_64) || arch(i386)
    @Test func float80BoundsAreTighter() throws {
        typealias E80 = ErrorBounded<Float80>
        let big = E80(1 << 62)
        let result = (big + E80(1)) - big
        #expect(result.value == 1)  // 64-bit significand: no cancellation here
        let third = try E80(1).divided(by: E80(3))
        #expect(third.error < 1e-19 && third.error > 0)
    }
    #endif
}
