import Testing
import DeriveNumerics

/// A trace records what it computes and a program replays it: bit for bit, errors included;
/// constants fold; a branch on a recorded value's `realValue` leaves no program; guards (a pivot
/// row, a branch rule, a zero test, a caught failure) catch a run that would go another way.
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

    /// The evaluator computes much twice (a derivative's value part per direction, a
    /// definition at each use): an operation on the same slots, and a constant with the same
    /// bits, get the slot they already have; a replay of the shorter program gives the same.
    @Test func anOperationOrConstantRecordedAgainReusesItsSlot() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 0.7, error: 0))
        let first = try (x * x + Traced<B>(3)).exp()
        let again = try (x * x + Traced<B>(3)).exp()
        #expect(again.isRecorded)
        // The input, x², the constant 3, the sum, its exponential: the second chain adds nothing.
        #expect(try #require(tape.program(outputs: [])).instructions.count == 5)
        // 0 and −0 have different bits (a division tells them apart): two constants, two products.
        let timesZero = x * Traced<B>(constant: B(value: 0, error: 0))
        let timesNegativeZero = x * Traced<B>(constant: B(value: -0.0, error: 0))
        let program = try #require(tape.program(outputs: [first, again, timesZero, timesNegativeZero]))
        #expect(program.instructions.count == 9)
        for value in [0.7, 1.3, -2.0] {
            let input = B(value: value, error: value == 1.3 ? 1e-15 : 0)
            let replayed = try program.run([input])
            let expected = try (input * input + B(3)).exp()
            #expect(replayed[0].value == expected.value && replayed[0].error == expected.error)
            #expect(replayed[1].value == expected.value && replayed[1].error == expected.error)
            #expect(replayed[2].value.bitPattern == (input * B(value: 0, error: 0)).value.bitPattern)
            #expect(replayed[3].value.bitPattern == (input * B(value: -0.0, error: 0)).value.bitPattern)
        }
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

    @Test func aRecordedZeroIsAGuardAndANonzeroIsNot() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 2, error: 0))
        #expect(!(x - Traced<B>(1)).isZero)
        let nonzeroTests = try #require(tape.program(outputs: [])).instructions.count
        let difference = x - Traced<B>(2)
        #expect(difference.isZero)
        #expect(tape.invalidation == nil)
        #expect(try #require(tape.program(outputs: [])).instructions.count == nonzeroTests + 3)   // the constant, the difference, the guard
        let program = try #require(tape.program(outputs: [x * x]))
        #expect(try program.run([B(value: 2, error: 0)])[0].value == 4)
        #expect(throws: TraceDivergence.self) { try program.run([B(value: 3, error: 0)]) }
    }

    /// |x| through the recorded sign test, as the evaluator takes it.
    static func absolute(_ x: Traced<B>) throws -> Traced<B> { try x.isNegative() ? -x : x }

    @Test func aBranchRuleIsAGuard() throws {
        let tape = TraceTape<B>()
        let x = tape.input(B(value: -1.5, error: 0))
        let program = try #require(tape.program(outputs: [try Self.absolute(x) * x]))
        let input = B(value: -4, error: 1e-15)
        let replayed = try program.run([input])[0]
        let expected = (-input) * input
        #expect(replayed.value == expected.value && replayed.error == expected.error)
        #expect(throws: TraceDivergence.self) { try program.run([B(value: 4, error: 0)]) }
        // A branch on constants alone records nothing.
        let count = try #require(tape.program(outputs: [])).instructions.count
        #expect(try !Traced<B>(3).isNegative())
        #expect(try #require(tape.program(outputs: [])).instructions.count == count)
    }

    @Test func aCaughtFailureIsAGuard() throws {
        // 1/x where x is not zero, else 0: the division's failure is caught by the traced code.
        func guarded<S: Scalar>(_ x: S) throws -> S {
            do { return try S.one.divided(by: x) } catch ScalarError.divisionByZero { return S.zero }
        }
        let tape = TraceTape<B>()
        let x = tape.input(B(value: 0, error: 0))
        let program = try #require(tape.program(outputs: [try guarded(x) + x]))
        #expect(try program.run([B(value: 0, error: 0)])[0].value == 0)
        // Where the division goes through, the traced way is not the one taken.
        #expect(throws: TraceDivergence.self) { try program.run([B(value: 2, error: 0)]) }
    }

    @Test func anEigenDecompositionReplaysWhileItsSweepsGoTheSameWay() throws {
        func matrix<S: Scalar>(_ a: S, _ b: S, _ c: S) -> Matrix<S> {
            Matrix(rows: 3, columns: 3, elements: [a + S(4), b, c, b, S(2), a * c, c, a * c, S(1)])
        }
        func direct(_ v: [Double]) throws -> [B] {
            let e = try SymmetricEigen(matrix(B(value: v[0], error: 0), B(value: v[1], error: 0), B(value: v[2], error: 0)))
            return e.values + e.vectors.elements
        }
        let tape = TraceTape<B>()
        let inputs = [0.3, 0.2, -0.4].map { tape.input(B(value: $0, error: 0)) }
        let eigen = try SymmetricEigen(matrix(inputs[0], inputs[1], inputs[2]))
        let program = try #require(tape.program(outputs: eigen.values + eigen.vectors.elements))
        var replayed = 0, diverged = 0
        for k in 0 ..< 40 {
            let v = [0.3 + 0.01 * Double(k % 7), 0.2 - 0.013 * Double(k % 5), -0.4 + 0.02 * Double(k % 3)]
            do {
                let run = try program.run(v.map { B(value: $0, error: 0) })
                let expected = try direct(v)
                #expect(run.map(\.value) == expected.map(\.value) && run.map(\.error) == expected.map(\.error), "at \(v)")
                replayed += 1
            } catch is TraceDivergence {
                diverged += 1
            }
        }
        #expect(replayed > 0)
        // Entries that reorder the eigenvalues take another branch.
        #expect(throws: TraceDivergence.self) { try program.run([B(value: -3.5, error: 0), B(value: 0.2, error: 0), B(value: -0.4, error: 0)]) }
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

    @Test func programsForEachWayThroughTheGuardsGoOnFromTheGuardThatMissed() throws {
        // The inverse of [[a, 1], [1, b]]: one program per pivot order, the second hung at the
        // first one's pivot guard.
        func traced(_ a: Double, _ b: Double) throws -> ScalarProgram<B> {
            let tape = TraceTape<B>()
            let m = Matrix(rows: 2, columns: 2, elements: [tape.input(B(value: a, error: 0)), Traced<B>.one, Traced<B>.one, tape.input(B(value: b, error: 0))])
            return try #require(tape.program(outputs: try m.inverse().elements))
        }
        func direct(_ a: Double, _ b: Double) throws -> [B] {
            try Matrix(rows: 2, columns: 2, elements: [B(value: a, error: 0), B.one, B.one, B(value: b, error: 0)]).inverse().elements
        }
        let programs = GuardedPrograms(try traced(3, 2))
        let inputs = { (a: Double, b: Double) in [B(value: a, error: 0), B(value: b, error: 0)] }
        #expect(try programs.run(inputs(5, -1)).program == 0)
        var miss: GuardedPrograms<B>.Miss?
        do { _ = try programs.run(inputs(0.5, 3)) } catch let missed as GuardedPrograms<B>.Miss { miss = missed }
        let missed = try #require(miss)
        #expect(programs.add(try traced(0.5, 3), at: missed))
        #expect(programs.count == 2)
        for (a, b) in [(0.5, 3.0), (0.25, -3.0), (4.0, 1.5)] {
            let run = try programs.run(inputs(a, b))
            let expected = try direct(a, b)
            #expect(run.program == (abs(a) < 1 ? 1 : 0))
            #expect(run.outputs.map(\.value) == expected.map(\.value) && run.outputs.map(\.error) == expected.map(\.error))
        }
        // A program of another computation does not hang there.
        let tape = TraceTape<B>()
        let other = try #require(tape.program(outputs: [tape.input(B(value: 1, error: 0)) * tape.input(B(value: 2, error: 0))]))
        #expect(!programs.add(other, at: missed))
    }

    /// Batched runs compute what depends only on the batch inputs once per batch and give what
    /// plain runs give, bit for bit, through a guard on a batch input and one on a run input;
    /// a batch part that throws is a `BatchFailure` (the caller walks), not the operation's error.
    @Test func batchedRunsGiveWhatPlainRunsGive() throws {
        // y = |a| log a² · x + (x < 0 ? x² : x), with a a batch input and x a run input.
        func body(_ a: Traced<B>, _ x: Traced<B>) throws -> [Traced<B>] {
            let size = try a.isNegative() ? -a : a
            let bend = try x.isNegative() ? x * x : x
            return [size * (try (a * a).log()) * x + bend]
        }
        func traced(_ a: Double, _ x: Double) throws -> ScalarProgram<B> {
            let tape = TraceTape<B>()
            return try #require(tape.program(outputs: try body(tape.input(B(value: a, error: 0)), tape.input(B(value: x, error: 1e-16)))))
        }
        let programs = GuardedPrograms(try traced(2, 1), batchInputCount: 1)
        let inputs = { (a: Double, x: Double) in [B(value: a, error: 0), B(value: x, error: 1e-16)] }
        func runOrAdd(_ a: Double, _ x: Double) throws -> (outputs: [B], program: Int) {
            do { return try programs.runBatched(inputs(a, x)) } catch let miss as GuardedPrograms<B>.Miss {
                #expect(programs.add(try traced(a, x), at: miss))
                return try programs.runBatched(inputs(a, x))
            }
        }
        var batches = 0
        for a in [2.0, -3.0, 0.5, -0.25, 2.0] {
            programs.beginBatch()
            batches += 1
            for x in [1.5, -2.0, 0.75, -0.1, 3.0] {
                let batched = try runOrAdd(a, x)
                let plain = try programs.run(inputs(a, x))
                #expect(batched.program == plain.program, "program at a = \(a), x = \(x)")
                #expect(batched.outputs.map(\.value) == plain.outputs.map(\.value) && batched.outputs.map(\.error) == plain.outputs.map(\.error),
                        "value at a = \(a), x = \(x)")
                let direct = try body(Traced(constant: B(value: a, error: 0)), Traced(constant: B(value: x, error: 1e-16)))[0].base
                #expect(batched.outputs[0].value == direct.value, "direct at a = \(a), x = \(x)")
            }
        }
        #expect(programs.count == 4)
        // log 0 in the batch part: every run of the batch says so, rather than giving log's error.
        programs.beginBatch()
        #expect(throws: BatchFailure.self) { try programs.runBatched(inputs(0, 1)) }
        #expect(throws: BatchFailure.self) { try programs.runBatched(inputs(0, -1)) }
    }

    /// `timesSign(of:)` is one recorded operation, not a branch: a program traced where the sign
    /// operand is positive replays where it is negative, bit for bit as the branching form.
    @Test func timesSignIsAnOperationNotAGuard() throws {
        func stableDenominator(_ d: B, _ r: B) throws -> B { try d.isNegative() ? d - r : d + r }
        let tape = TraceTape<B>()
        let d = tape.input(B(value: 0.8, error: 1e-16)), r = tape.input(B(value: 2.5, error: 0))
        let program = try #require(tape.program(outputs: [d + (try r.timesSign(of: d))]))
        for (dv, rv) in [(0.8, 2.5), (-0.3, 1.7), (0.0, 3.0), (-4.0, 1e-3)] {
            let (x, y) = (B(value: dv, error: 1e-16), B(value: rv, error: 0))
            let replayed = try program.run([x, y])[0]
            let expected = try stableDenominator(x, y)
            #expect(replayed.value == expected.value && replayed.error == expected.error, "at d = \(dv)")
        }
        // A tangent takes the sign too: d/dr (d + sign(d) r) = sign(d).
        let slope = try Dual<Double>(2, derivative: 1).timesSign(of: Dual(-0.5, derivative: 0))
        #expect(slope.value == -2 && slope.derivative == -1)
    }

    /// The symmetric square root through an unsorted eigen-decomposition (no ordering branch)
    /// is still the square root, and a program traced at one matrix replays at others whose
    /// eigenvalues come out in another order.
    @Test func squareRootNeedsNoOrderingGuard() throws {
        func matrix(_ a: Double, _ b: Double, _ c: Double) -> Matrix<B> {
            Matrix(rows: 2, columns: 2, elements: [a, b, b, c].map { B(value: $0, error: 0) })
        }
        let tape = TraceTape<B>()
        let entries = [3.0, 0.5, 1.0].map { tape.input(B(value: $0, error: 0)) }
        let root = try Matrix(rows: 2, columns: 2, elements: [entries[0], entries[1], entries[1], entries[2]]).symmetricSquareRoot()
        let program = try #require(tape.program(outputs: root.elements))
        for (a, b, c) in [(3.0, 0.5, 1.0), (1.0, 0.4, 3.0), (2.0, -0.7, 2.5)] {
            let replayed = try program.run([a, b, c].map { B(value: $0, error: 0) })
            let direct = try matrix(a, b, c).symmetricSquareRoot()
            #expect(replayed.map(\.value) == direct.elements.map(\.value))
            let square = try Matrix(rows: 2, columns: 2, elements: replayed) * Matrix(rows: 2, columns: 2, elements: replayed)
            for (x, y) in zip(square.elements, matrix(a, b, c).elements) { #expect(abs(x.value - y.value) < 1e-13) }
        }
    }
}
