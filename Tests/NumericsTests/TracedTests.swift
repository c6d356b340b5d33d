import Testing
import DeriveNumerics

/// A trace records what it computes and a program replays it: bit for bit, errors included;
/// constants fold; a branch on a recorded value leaves no program; a pivot guard catches a run
/// that would pivot differently.
@Suite struct TracedTests {
    typealias B = ErrorBounded<Double>

    /// x ↦ (e^{x} + 3x²) / (1 + x²) and log x, traced at one input.
    static func body(_ x: Traced<B>) throws -> [Traced<B>] {
        let three = Traced<B>(3), one = Traced<B>.one
        return [try (try x.exp() + three * x * x).divided(by: one + x * x), try x.log()]
    }

    static func direct(_ x: B) throws -> [B] {
        [try (try x.exp() + B(3) * x * x).divided(by: B.one + x * x), try x.log()]
    }

    @Test func replayEqualsDirectEvaluationBitForBit() throws {
        let tape = TraceTape<B>()
        let traced = try Self.body(tape.input(B(value: 0.7, error: 0)))
        let program = try #require(tape.program(outputs: traced))
        for x in [0.7, 1.3, 2.5, 1e-3, 40] {
            let input = B(value: x, error: x == 2.5 ? 1e-14 : 0)
            let replayed = try program.run([input])
            let expected = try Self.direct(input)
            #expect(replayed.map(\.value) == expected.map(\.value), "value at \(x)")
            #expect(replayed.map(\.error) == expected.map(\.error), "error bound at \(x)")
        }
        let atTrace = try Self.direct(B(value: 0.7, error: 0))
        #expect(traced.map(\.base.value) == atTrace.map(\.value))
    }

    @Test func aDomainErrorIsThrownByTheSameOperation() throws {
        let tape = TraceTape<B>()
        let program = try #require(tape.program(outputs: try Self.body(tape.input(B(value: 0.7, error: 0)))))
        #expect(throws: ScalarError.self) { try program.run([B(value: -1, error: 0)]) }
        #expect(throws: ScalarError.self) { try Self.direct(B(value: -1, error: 0)) }
    }

    @Test func constantsFoldAndRecordNothing() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 2, error: 0))
        let folded = try (Traced<B>(5).exp() * Traced<B>(2)).divided(by: Traced<B>(7))
        #expect(!folded.isRecorded)
        let program = try #require(tape.program(outputs: [folded * x]))
        // The input, one constant for the folded value, one product.
        #expect(program.instructions.count == 3)
        let replayed = try program.run([B(value: 3, error: 0)])[0]
        let expected = try (B(5).exp() * B(2)).divided(by: B(7)) * B(3)
        #expect(replayed.value == expected.value)
    }

    @Test func aBranchOnARecordedValueLeavesNoProgram() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 2, error: 0))
        _ = try Traced<B>(4).realValue()            // a constant may be compared freely
        #expect(tape.program(outputs: [x * x]) != nil)
        _ = try (x * x).realValue()
        #expect(tape.invalidation != nil)
        #expect(tape.program(outputs: [x * x]) == nil)
    }

    @Test func aRecordedZeroInvalidatesButANonzeroDoesNot() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 2, error: 0))
        #expect(!(x - Traced<B>(1)).isZero)
        #expect(tape.invalidation == nil)
        #expect((x - Traced<B>(2)).isZero)
        #expect(tape.invalidation != nil)
    }

    @Test func aPivotGuardCatchesADifferentPivotOrder() throws {
        // The inverse of [[a, 1], [1, b]] by LU with partial pivoting, traced where |a| > 1.
        let tape = TraceTape<B>()
        let a = tape.input(B(value: 3, error: 0)), b = tape.input(B(value: 2, error: 0))
        let m = Matrix(rows: 2, columns: 2, elements: [a, Traced<B>.one, Traced<B>.one, b])
        let program = try #require(tape.program(outputs: try m.inverse().elements))
        func direct(_ a: Double, _ b: Double) throws -> [B] {
            try Matrix(rows: 2, columns: 2, elements: [B(value: a, error: 0), B.one, B.one, B(value: b, error: 0)]).inverse().elements
        }
        let same = try program.run([B(value: 5, error: 0), B(value: -1, error: 0)])
        let expected = try direct(5, -1)
        #expect(same.map(\.value) == expected.map(\.value) && same.map(\.error) == expected.map(\.error))
        // |a| < 1: partial pivoting would take the second row first.
        #expect(throws: TraceDivergence.self) { try program.run([B(value: 0.5, error: 0), B(value: 2, error: 0)]) }
    }
}
