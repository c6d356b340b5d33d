import Testing
import DeriveNumerics

@Suite struct ModularIntegerTests {
    typealias M = ModularInteger
    let p = ModularInteger.modulus

    @Test func reductionOfLargeAndNegativeIntegers() throws {
        #expect(M(raw: p).isZero)
        #expect(M(raw: UInt64.max).residue == UInt64.max % p)
        #expect(M(-1).residue == p - 1)
        #expect(M(-1) + M(1) == M(0))
        #expect(M(Int.min) + M(raw: UInt64(Int.min.magnitude)) == M(0))
        #expect(M(-5).signedRepresentative == -5)
    }

    @Test func fieldLawsAtRandomPoints() throws {
        var g = SeededGenerator(seed: 7)
        for _ in 0 ..< 200 {
            let a = M.random(using: &g), b = M.random(using: &g), c = M.random(using: &g)
            #expect(a * (b + c) == a * b + a * c)
            #expect((a * b) * c == a * (b * c))
            #expect(a * b == b * a)
            #expect(a - b == -(b - a))
            if !a.isZero { #expect(try a * a.inverse() == M(1)) }
        }
    }

    @Test func multiplicationMatchesWideArithmetic() {
        var g = SeededGenerator(seed: 11)
        for _ in 0 ..< 200 {
            let a = M.random(using: &g), b = M.random(using: &g)
            let (high, low) = a.residue.multipliedFullWidth(by: b.residue)
            let expected = p.dividingFullWidth((high, low)).remainder
            #expect((a * b).residue == expected)
        }
    }

    @Test func rationalsAndPowers() throws {
        let half = try M(numerator: 1, denominator: 2)
        #expect(half + half == M(1))
        #expect(try M(numerator: -3, denominator: 6) == -half)
        #expect(try M(numerator: 3, denominator: -6) == -half)
        #expect(try M(3).power(-2) * M(9) == M(1))
        #expect(try M(2).power(61) == M(1))  // 2⁶¹ ≡ 1
        #expect(try M(0).power(0) == M(1))
        #expect(throws: ScalarError.divisionByZero) { try M(0).power(-1) }
        #expect(throws: ScalarError.divisionByZero) { try M(numerator: 1, denominator: 0) }
        #expect(throws: ScalarError.divisionByZero) { try M(4).divided(by: M(raw: p)) }
    }

    @Test func irrationalOperationsRefuse() throws {
        #expect(throws: ScalarError.self) { try M(constant: 0.5) }
        #expect(throws: ScalarError.self) { try M(2).elementary(.exp) }
        #expect(throws: ScalarError.self) { try M(2).power(M(3)) }
        #expect(throws: ScalarError.self) { try M(2).realValue() }
        #expect(try M(constant: -3) == M(-3))
        #expect(M(0).pivotMagnitude == 0 && M(5).pivotMagnitude == 1)
    }

    @Test func determinantModPMatchesExactInteger() throws {
        // det = 1·(5·10 − 6·8) − 2·(4·10 − 6·7) + 3·(4·8 − 5·7) = 2 + 4 − 9 = −3
        let a = Matrix<M>(rows: 3, columns: 3, elements: [1, 2, 3, 4, 5, 6, 7, 8, 10].map { M($0) })
        #expect(try a.determinant() == M(-3))
        #expect(try LUDecomposition(a).determinant() == M(-3))
        // A 5×5 integer matrix with a known determinant (upper triangular times a permutation).
        var g = SeededGenerator(seed: 3)
        var upper = Matrix<M>.zeros(5, 5)
        var product = 1
        for i in 0 ..< 5 {
            for j in i ..< 5 { upper[i, j] = M(Sampler.integer(in: -9 ... 9, using: &g)) }
            let d = Sampler.integer(in: 1 ... 9, using: &g)
            upper[i, i] = M(d)
            product *= d
        }
        // Swapping the first two rows flips the sign.
        let swap = try Matrix<M>.block([[Matrix.zeros(1, 1), Matrix.identity(1), Matrix.zeros(1, 3)],
                                        [Matrix.identity(1), Matrix.zeros(1, 1), Matrix.zeros(1, 3)],
                                        [Matrix.zeros(3, 1), Matrix.zeros(3, 1), Matrix.identity(3)]])
        let a5 = try swap * upper
        #expect(try a5.determinant() == M(-product))
        let inverse = try a5.inverse()
        #expect(try a5 * inverse == Matrix.identity(5))
    }
}

