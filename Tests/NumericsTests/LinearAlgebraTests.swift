import Testing
import DeriveNumerics

@Suite struct MatrixTests {
    @Test func constructionAndShapes() throws {
        let a = matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3 && a[1, 2] == 6)
        #expect(a.transposed() == matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(try a * a.transposed() == matrix([[14, 32], [32, 77]]))
        #expect(throws: MatrixError.self) { try a * a }
        #expect(throws: MatrixError.self) { try a + a.transposed() }
        #expect(throws: MatrixError.self) { try Matrix([[1.0, 2], [3]]) }
        #expect(try (a + a) == 2 * a)
        #expect(try (a - a) == Matrix.zeros(2, 3))
        #expect(try a.hadamard(a) == a.map { $0 * $0 })
        #expect(try Matrix<Double>.identity(3).trace() == 3)
        #expect(Matrix.diagonal([1.0, 2]).elements == [1, 0, 0, 2])
        #expect(Matrix.column([1.0, 2]).columns == 1)
        #expect(close(try matrix([[3, 4]]).frobeniusNorm(), 5))
        #expect(try a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(try Vector.dot([1.0, 2], [3, 4]) == 11)
        #expect(matrix([[1, 2]]).kronecker(matrix([[1], [10]])) == matrix([[1, 2], [10, 20]]))
    }

    @Test func blockAssembly() throws {
        let i2 = Matrix<Double>.identity(2)
        let b = try Matrix.block([[i2, Matrix.column([5, 6])], [Matrix.row([7, 8]), Matrix.identity(1)]])
        #expect(b == matrix([[1, 0, 5], [0, 1, 6], [7, 8, 1]]))
        #expect(throws: MatrixError.self) { try Matrix.block([[i2, Matrix<Double>.identity(3)]]) }
    }
}

@Suite struct LinearAlgebraTests {
    let a = matrix([[2, -1, 0, 3], [1, 4, 2, -2], [0, 5, 1, 1], [3, 0, -1, 2]])

    @Test func luInverseDeterminantSolve() throws {
        let i4 = Matrix<Double>.identity(4)
        #expect(close(try a * a.inverse(), i4, 1e-13))
        #expect(close(try a.inverse() * a, i4, 1e-13))
        // det = 88 (cofactor expansion).
        #expect(close(try a.determinant(), 88, 1e-13))
        #expect(close(try a.logAbsDeterminant(), (try 88.0.log()), 1e-13))
        let x = try a.solve([1, 2, 3, 4])
        #expect(close(Matrix.column(try a.multiplied(by: x)), Matrix.column([1.0, 2, 3, 4]), 1e-13))
        #expect(close(try spd3.determinant(), try LUDecomposition(spd3).determinant(), 1e-13))
    }

    @Test func singularMatrices() throws {
        let s = matrix([[1, 2, 3], [2, 4, 6], [1, 1, 1]])
        #expect(try s.determinant() == 0)
        #expect(try LUDecomposition(s).determinant() == 0)
        #expect(throws: ScalarError.divisionByZero) { try s.inverse() }
        #expect(throws: ScalarError.self) { try s.logAbsDeterminant() }
        #expect(throws: MatrixError.self) { try matrix([[1, 2]]).determinant() }
    }

    @Test func cholesky() throws {
        let l = try spd3.cholesky()
        #expect(close(try l * l.transposed(), spd3, 1e-14))
        #expect(l[0, 1] == 0 && l[0, 0] == 2)
        #expect(close(try spd3.choleskyLogDeterminant(), try spd3.logAbsDeterminant(), 1e-13))
        #expect(throws: ScalarError.outOfDomain("matrix not positive definite")) {
            try matrix([[1, 2], [2, 1]]).cholesky()
        }
        let modular = Matrix<ModularInteger>.identity(2)
        #expect(throws: ScalarError.self) { try modular.cholesky() }
    }

    @Test func symmetricEigen() throws {
        let e = try matrix([[2, 1], [1, 2]]).symmetricEigen()
        #expect(close(e.values[0], 1, 1e-14) && close(e.values[1], 3, 1e-14))
        var g = SeededGenerator(seed: 1)
        for (m, n) in [(spd3, 3), (Sampler.symmetric(8, using: &g), 8)] {
            let eigen = try m.symmetricEigen()
            let q = eigen.vectors
            #expect(close(try q.transposed() * q, .identity(n), 1e-13))
            #expect(close(try q * Matrix.diagonal(eigen.values) * q.transposed(), m, 1e-13))
            #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func squareRootAndFunctions() throws {
        let s = try spd3.symmetricSquareRoot()
        #expect(close(try s * s, spd3, 1e-13))
        #expect(s.isSymmetric(tolerance: 1e-14))
        // A rank-one PSD matrix: rounding may make an eigenvalue −1e-17; it counts as zero.
        let v = Matrix.column([1.0, 2, 3])
        let rankOne = try v * v.transposed()
        let r = try rankOne.symmetricSquareRoot()
        #expect(close(try r * r, rankOne, 1e-12))
        #expect(throws: ScalarError.self) { try matrix([[1, 2], [2, 1]]).symmetricSquareRoot() }
        let inverse = try spd3.symmetricFunction { try 1.0.divided(by: $0) }
        #expect(close(inverse, try spd3.inverse(), 1e-13))
    }

    @Test func householderQR() throws {
        let m = matrix([[1, 2], [3, 4], [5, 6]])
        let qr = try QRDecomposition(m)
        #expect(close(try qr.q * qr.r, m, 1e-13))
        #expect(close(try qr.q.transposed() * qr.q, .identity(3), 1e-14))
        #expect(qr.r[1, 0] == 0 && qr.r[2, 0] == 0 && qr.r[2, 1] == 0)
    }

    #if arch(x86_64) || arch(i386)
    @Test func float80Inverse() throws {
        let m = a.map { Float80($0) }
        let product = try m * m.inverse()
        #expect(try product.maxAbsoluteDifference(.identity(4)) < 1e-17)
    }
    #endif
}

/// Derivatives flowing through the decompositions.
@Suite struct LinearAlgebraDerivativeTests {
    typealias D = Dual<Double>

    /// A + tB as a dual matrix (tangent B).
    func direction(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<D> {
        Matrix(rows: a.rows, columns: a.columns) { i, j in D(a[i, j], derivative: b[i, j]) }
    }

    @Test(arguments: [3, 5])
    func jacobiFormulaForDeterminant(n: Int) throws {
        var g = SeededGenerator(seed: UInt64(n))
        let a = Sampler.gaussianMatrix(rows: n, columns: n, using: &g)
        let b = Sampler.gaussianMatrix(rows: n, columns: n, using: &g)
        let det = try direction(a, b).determinant()
        // d det(A + tB)/dt = det A · tr(A⁻¹B)
        let expected = try a.determinant() * (a.inverse() * b).trace()
        #expect(close(det.derivative, expected, 1e-11))
        let logDet = try direction(a, b).logAbsDeterminant()
        #expect(close(logDet.derivative, try (a.inverse() * b).trace(), 1e-11))
    }

    @Test func inverseDerivative() throws {
        var g = SeededGenerator(seed: 9)
        let a = Sampler.symmetricPositiveDefinite(4, using: &g)
        let b = Sampler.gaussianMatrix(rows: 4, columns: 4, using: &g)
        let inverse = try direction(a, b).inverse()
        // d(A⁻¹) = −A⁻¹ B A⁻¹
        let expected = -(try a.inverse() * b * a.inverse())
        #expect(close(inverse.map { $0.derivative }, expected, 1e-12))
        let l = try direction(a, Sampler.symmetric(4, using: &g)).cholesky()
        #expect(l.elements.contains { $0.derivative != 0 })
    }

    @Test func eigenvalueAndEigenvectorDerivatives() throws {
        var g = SeededGenerator(seed: 21)
        let a = Sampler.symmetric(5, using: &g)
        let b = Sampler.symmetric(5, using: &g)
        let eigen = try direction(a, b).symmetricEigen()
        let plain = try a.symmetricEigen()
        let h = 1e-6
        let ahead = try (try a + h * b).symmetricEigen(), behind = try (try a - h * b).symmetricEigen()
        for k in 0 ..< 5 {
            // dλₖ = qₖᵀ B qₖ
            let q = plain.vectors.column(at: k)
            let expected = try Vector.dot(q, try b.multiplied(by: q))
            #expect(close(eigen.values[k].derivative, expected, 1e-10))
            // Eigenvectors: compare with a central difference, after aligning signs.
            for i in 0 ..< 5 {
                let sign = (ahead.vectors[0, k] * plain.vectors[0, k] >= 0 ? 1.0 : -1.0)
                let signBehind = (behind.vectors[0, k] * plain.vectors[0, k] >= 0 ? 1.0 : -1.0)
                let numeric = (sign * ahead.vectors[i, k] - signBehind * behind.vectors[i, k]) / (2 * h)
                #expect(close(eigen.vectors[i, k].derivative, numeric, 1e-6))
            }
        }
    }

    @Test func eigenDerivativesOfADiagonalMatrix() throws {
        // Off-diagonal values are exactly zero but their tangents are not: the rotations must
        // still turn so that eigenvector tangents come out right.
        let a = Matrix.diagonal([1.0, 2, 4])
        let b = matrix([[0, 1, 0], [1, 0, 2], [0, 2, 0]])
        let eigen = try direction(a, b).symmetricEigen()
        // dq₀ = Σⱼ≠₀ qⱼ (qⱼᵀ B q₀)/(λ₀ − λⱼ) = e₁ · 1/(1 − 2) = −e₁
        #expect(close(eigen.vectors[1, 0].derivative * eigen.vectors[0, 0].value, -1, 1e-12))
        // Second derivative of λ₀: 2 Σⱼ≠₀ (Bⱼ₀)²/(λ₀ − λⱼ) = 2·1/(1 − 2) = −2.
        typealias DD = Dual<Dual<Double>>
        let second = Matrix<DD>(rows: 3, columns: 3) { i, j in
            DD(D(a[i, j], derivative: b[i, j]), derivative: D(b[i, j], derivative: 0))
        }
        let values = try second.symmetricEigen().values
        #expect(close(values[0].derivative.derivative, -2, 1e-10))
        // λ₂ = 4: 2·(B₁₂)²/(4 − 2) = 4.
        #expect(close(values[2].derivative.derivative, 4, 1e-10))
    }

    @Test func squareRootDerivativeSatisfiesSylvester() throws {
        // S² = A ⇒ S dS + dS S = B.
        var g = SeededGenerator(seed: 5)
        let a = Sampler.symmetricPositiveDefinite(4, using: &g)
        let b = Sampler.symmetric(4, using: &g)
        let s = try direction(a, b).symmetricSquareRoot()
        let value = s.map { $0.value }, tangent = s.map { $0.derivative }
        #expect(close(try value * tangent + tangent * value, b, 1e-11))
    }
}
