/// Linear algebra on matrices of any `Scalar`: the same code for doubles, dual numbers, error
/// bounds and modular integers (where the operation is rational).
extension Matrix {
    /// Throws `shapeMismatch` unless square.
    @inlinable
    func requireSquare(_ operation: String) throws {
        guard isSquare else { throw MatrixError.shapeMismatch("\(operation) of \(shapeText)") }
    }

    /// The determinant. Orders 1–3 use the explicit formulas (no division, no pivoting), larger
    /// ones LU.
    @inlinable
    public func determinant() throws -> S {
        try requireSquare("determinant")
        let e = elements
        switch rows {
        case 0: return S(1)
        case 1: return e[0]
        case 2: return e[0] * e[3] - e[1] * e[2]
        case 3:
            return e[0] * (e[4] * e[8] - e[5] * e[7])
                - e[1] * (e[3] * e[8] - e[5] * e[6])
                + e[2] * (e[3] * e[7] - e[4] * e[6])
        default:
            return try LUDecomposition(self).determinant()
        }
    }

    /// A⁻¹; throws `divisionByZero` for a singular matrix (the evaluator redraws the point).
    @inlinable
    public func inverse() throws -> Matrix {
        try requireSquare("inverse")
        return try LUDecomposition(self).inverse()
    }

    /// X with AX = B.
    @inlinable
    public func solve(_ b: Matrix) throws -> Matrix {
        try requireSquare("solve")
        return try LUDecomposition(self).solve(b)
    }

    /// x with Ax = b.
    @inlinable
    public func solve(_ b: [S]) throws -> [S] { try solve(Matrix.column(b)).elements }

    /// log |det A|; throws `outOfDomain` when singular and `notRational` for modular entries.
    @inlinable
    public func logAbsDeterminant() throws -> S {
        try requireSquare("log-determinant")
        return try LUDecomposition(self).logAbsDeterminant()
    }

    /// The lower-triangular L with A = L Lᵀ, from the lower triangle of A. Throws
    /// `outOfDomain("matrix not positive definite")`, and `notRational` for modular entries.
    @inlinable
    public func cholesky() throws -> Matrix {
        try requireSquare("Cholesky decomposition")
        let n = rows
        var l = Array(repeating: S(0), count: n * n)
        for j in 0 ..< n {
            var d = elements[j * n + j]
            for k in 0 ..< j { d = d - l[j * n + k] * l[j * n + k] }
            guard try d.isPositive() else { throw ScalarError.outOfDomain("matrix not positive definite") }
            let ljj = try d.squareRoot()
            l[j * n + j] = ljj
            let inverse = try S(1).divided(by: ljj)
            for i in (j + 1) ..< max(n, j + 1) {
                var s = elements[i * n + j]
                for k in 0 ..< j { s = s - l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s * inverse
            }
        }
        return Matrix(rows: n, columns: n, elements: l)
    }

    /// log det A of a positive definite A, as 2 Σ log Lⱼⱼ.
    @inlinable
    public func choleskyLogDeterminant() throws -> S {
        let l = try cholesky()
        var s = S(0)
        for x in l.diagonalElements { s = s + (try x.log()) }
        return s + s
    }

    @inlinable
    public func symmetricEigen() throws -> SymmetricEigen<S> { try SymmetricEigen(self) }

    /// Q f(Λ) Qᵀ for a symmetric A.
    @inlinable
    public func symmetricFunction(_ f: (S) throws -> S) throws -> Matrix {
        try SymmetricEigen(self, sorted: false).applying(f)
    }

    /// The symmetric positive semidefinite square root. Eigenvalues negative only by rounding
    /// (within 1e-12 of the largest) count as zero; clearly negative ones throw `outOfDomain`.
    @inlinable
    public func symmetricSquareRoot() throws -> Matrix {
        let eigen = try SymmetricEigen(self, sorted: false)
        let values = eigen.values
        var index = 0
        return try eigen.applying { lambda in
            // The eigenvalue's kind, as a recorded branch on all of them (the tolerance is
            // relative to the largest): 0 its root is taken, 1 a negative at rounding level is
            // taken as 0, 2 a negative refutes semidefiniteness.
            let k = index
            index += 1
            let kind = try S.branch(on: values) { v in
                let largest = v.map { abs($0) }.max() ?? 0
                return v[k] < 0 ? (v[k] >= -1e-12 * largest ? 1 : 2) : 0
            }
            switch kind {
            case 0: return try lambda.squareRoot()
            case 1: return S(0)
            default: throw ScalarError.outOfDomain("matrix not positive semidefinite")
            }
        }
    }

    /// Whether |aᵢⱼ − aⱼᵢ| ≤ tolerance·(1 + max|a|) for all entries (false for modular entries
    /// that differ).
    @inlinable
    public func isSymmetric(tolerance: Double = 0) -> Bool {
        guard isSquare else { return false }
        let largest = elements.map(\.pivotMagnitude).max() ?? 0
        for i in 0 ..< rows {
            for j in 0 ..< i {
                let d = self[i, j] - self[j, i]
                if d.isZero { continue }
                guard let r = try? d.realValue(), abs(r) <= tolerance * (1 + largest) else { return false }
            }
        }
        return true
    }
}
