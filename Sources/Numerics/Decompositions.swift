/// PA = LU with partial pivoting by `pivotMagnitude` (for modular integers: the first nonzero
/// entry), L unit lower triangular and U upper triangular, packed in one matrix.
public struct LUDecomposition<S: Scalar>: Sendable {
    /// L below the diagonal (its unit diagonal implied), U on and above it.
    public let packed: Matrix<S>
    /// Row i of PA is row `permutation[i]` of A.
    public let permutation: [Int]
    /// The sign of the permutation, ±1.
    public let permutationSign: Int
    /// Whether a column without a nonzero pivot was met (then det = 0 and there is no inverse).
    public let isSingular: Bool

    @inlinable
    public init(_ a: Matrix<S>) throws {
        guard a.isSquare else { throw MatrixError.shapeMismatch("LU decomposition of \(a.shapeText)") }
        let n = a.rows
        var m = a.elements
        var permutation = Array(0 ..< n)
        var sign = 1
        var singular = false
        for k in 0 ..< n {
            guard let offset = S.pivotChoice(count: n - k, { m[(k + $0) * n + k] }) else {
                // Nothing to eliminate below a zero pivot; record and go on so det is still 0.
                singular = true
                continue
            }
            let best = k + offset
            if best != k {
                for j in 0 ..< n { m.swapAt(k * n + j, best * n + j) }
                permutation.swapAt(k, best)
                sign = -sign
            }
            // One division per column: modular inversion costs ~120 multiplications.
            let inversePivot = try S(1).divided(by: m[k * n + k])
            for i in (k + 1) ..< max(n, k + 1) {
                let factor = m[i * n + k] * inversePivot
                m[i * n + k] = factor
                if factor.isZero { continue }
                for j in (k + 1) ..< n { m[i * n + j] = m[i * n + j] - factor * m[k * n + j] }
            }
        }
        packed = Matrix(rows: n, columns: n, elements: m)
        self.permutation = permutation
        permutationSign = sign
        isSingular = singular
    }

    /// det A = sign(P) · Π uᵢᵢ (zero when singular).
    @inlinable
    public func determinant() -> S {
        if isSingular { return S(0) }
        var d = S(permutationSign)
        for i in 0 ..< packed.rows { d = d * packed.elements[i * packed.rows + i] }
        return d
    }

    /// log |det A| = Σ log |uᵢᵢ|, summed per pivot so that large matrices do not overflow.
    @inlinable
    public func logAbsDeterminant() throws -> S {
        try signedLogDeterminant().logAbs
    }

    /// (sign of det A, log |det A|); throws `outOfDomain` for a singular matrix.
    @inlinable
    public func signedLogDeterminant() throws -> (sign: Int, logAbs: S) {
        if isSingular { throw ScalarError.outOfDomain("log-determinant of a singular matrix") }
        var sign = permutationSign
        var sum = S(0)
        for i in 0 ..< packed.rows {
            let u = packed.elements[i * packed.rows + i]
            if try u.isNegative() {
                sign = -sign
                sum = sum + (try (-u).log())
            } else {
                sum = sum + (try u.log())
            }
        }
        return (sign, sum)
    }

    /// X with AX = B; throws `divisionByZero` when A is singular.
    @inlinable
    public func solve(_ b: Matrix<S>) throws -> Matrix<S> {
        let n = packed.rows
        guard b.rows == n else { throw MatrixError.shapeMismatch("solve with \(packed.shapeText) and \(b.shapeText)") }
        if isSingular { throw ScalarError.divisionByZero }
        let p = b.columns
        var x = Array(repeating: S(0), count: n * p)
        for i in 0 ..< n {
            for j in 0 ..< p { x[i * p + j] = b.elements[permutation[i] * p + j] }
        }
        let lu = packed.elements
        // Forward substitution with the unit lower triangle.
        for i in 0 ..< n {
            for k in 0 ..< i {
                let l = lu[i * n + k]
                if l.isZero { continue }
                for j in 0 ..< p { x[i * p + j] = x[i * p + j] - l * x[k * p + j] }
            }
        }
        // Back substitution with U.
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1) ..< max(n, i + 1) {
                let u = lu[i * n + k]
                if u.isZero { continue }
                for j in 0 ..< p { x[i * p + j] = x[i * p + j] - u * x[k * p + j] }
            }
            let inverseDiagonal = try S(1).divided(by: lu[i * n + i])
            for j in 0 ..< p { x[i * p + j] = x[i * p + j] * inverseDiagonal }
        }
        return Matrix(rows: n, columns: p, elements: x)
    }

    @inlinable
    public func inverse() throws -> Matrix<S> { try solve(.identity(packed.rows)) }
}

/// A = QR by Householder reflections, Q orthogonal (m×m) and R upper triangular (m×n).
public struct QRDecomposition<S: Scalar>: Sendable {
    public let q: Matrix<S>
    public let r: Matrix<S>

    /// Reflection signs come from `realValue`, so modular matrices throw `notRational`.
    @inlinable
    public init(_ a: Matrix<S>) throws {
        let m = a.rows, n = a.columns
        var r = a
        var q = Matrix<S>.identity(m)
        for k in 0 ..< min(m - 1, n) {
            var normSquared = S(0)
            for i in k ..< m { normSquared = normSquared + r[i, k] * r[i, k] }
            if normSquared.isZero { continue }
            let norm = try normSquared.squareRoot()
            // v = x − α e₁ with α = −sign(x₀)‖x‖ avoids cancellation in v₀.
            let alpha = try r[k, k].isNegative() ? norm : -norm
            var v = (k ..< m).map { r[$0, k] }
            v[0] = v[0] - alpha
            var vv = S(0)
            for x in v { vv = vv + x * x }
            if vv.isZero { continue }
            let scale = try S(2).divided(by: vv)
            // R ← (I − 2vvᵀ/vᵀv) R, Q ← Q (I − 2vvᵀ/vᵀv)
            for j in 0 ..< n {
                var dot = S(0)
                for i in k ..< m { dot = dot + v[i - k] * r[i, j] }
                if dot.isZero { continue }
                let f = scale * dot
                for i in k ..< m { r[i, j] = r[i, j] - f * v[i - k] }
            }
            for i in 0 ..< m {
                var dot = S(0)
                for l in k ..< m { dot = dot + q[i, l] * v[l - k] }
                if dot.isZero { continue }
                let f = scale * dot
                for l in k ..< m { q[i, l] = q[i, l] - f * v[l - k] }
            }
            for i in (k + 1) ..< m { r[i, k] = S(0) }
        }
        self.q = q
        self.r = r
    }
}

/// A = Q Λ Qᵀ for a symmetric A, by cyclic Jacobi rotations.
public struct SymmetricEigen<S: Scalar>: Sendable {
    /// Eigenvalues in ascending order of their real values (in the solver's own order when
    /// the decomposition was asked for unsorted).
    public let values: [S]
    /// Orthogonal matrix whose column k is the eigenvector of `values[k]`.
    public let vectors: Matrix<S>

    /// Reads the upper triangle. Rotation angles are computed in `S` itself, so the tangents of
    /// dual numbers follow the eigen-decomposition; real values serve only the convergence test,
    /// the choice between the two roots and the ordering, each taken as a recorded branch (so
    /// that a trace replays while the sweeps go the same way). Throws `notRational` for modular
    /// entries.
    ///
    /// `sorted: false` leaves the pairs in the order the rotations left them: for Q f(Λ) Qᵀ the
    /// order does not matter, and sorting is a branch with n! outcomes, so that a trace would
    /// meet a new way through its guards at almost every point.
    @inlinable
    public init(_ matrix: Matrix<S>, maxSweeps: Int = 60, sorted: Bool = true) throws {
        guard matrix.isSquare else { throw MatrixError.shapeMismatch("eigen-decomposition of \(matrix.shapeText)") }
        let n = matrix.rows
        var a = matrix.elements
        for i in 0 ..< n { for j in 0 ..< i { a[i * n + j] = a[j * n + i] } }
        var v = Matrix<S>.identity(n).elements
        let original = a
        let two = S(2), four = S(4), one = S(1)
        // Converged when the squared off-diagonal entries (after the original ones) sum to at
        // most 1e-30 of the original squared entries.
        let count = original.count
        let converged: BranchRule = { values in
            var scale = 0.0, off = 0.0
            for r in values[..<count] { scale += r * r }
            for r in values[count...] { off += r * r }
            return off <= 1e-30 * scale ? 1 : 0
        }
        // Once the real parts have converged, two more sweeps drive the tangent parts of the
        // off-diagonal entries (which a real-valued test cannot see) to rounding level.
        var polishingSweeps = 0
        // Operand k after the original entries: the k-th entry of the strict upper triangle.
        let upper = (0 ..< n).flatMap { p in ((p + 1) ..< max(n, p + 1)).map { p * n + $0 } }
        for _ in 0 ..< maxSweeps {
            let current = a
            if try S.branch(count: count + upper.count, { $0 < count ? original[$0] : current[upper[$0 - count]] }, converged) == 1 {
                if polishingSweeps == 2 { break }
                polishingSweeps += 1
            }
            for p in 0 ..< n {
                for q in (p + 1) ..< max(n, p + 1) {
                    let apq = a[p * n + q]
                    if apq.isZero { continue }
                    let d = a[q * n + q] - a[p * n + p]
                    // t = tan φ, the smaller root of t² + (d/a)t − 1 = 0, written without dividing
                    // by a so that an entry whose value is zero but whose tangent is not still turns.
                    let t: S, c: S
                    do {
                        let root = try (d * d + four * apq * apq).squareRoot()
                        // d − r where d < 0, else d + r (bit for bit: a − b is a + (−b)).
                        let denominator = d + (try root.timesSign(of: d))
                        t = try (two * apq).divided(by: denominator)
                        c = try one.divided(by: (one + t * t).squareRoot())
                    } catch ScalarError.divisionByZero {
                        continue  // equal eigenvalues with a zero coupling: nothing to rotate
                    }
                    let s = t * c
                    a[p * n + p] = a[p * n + p] - t * apq
                    a[q * n + q] = a[q * n + q] + t * apq
                    a[p * n + q] = S(0)
                    a[q * n + p] = S(0)
                    for r in 0 ..< n where r != p && r != q {
                        let arp = a[r * n + p], arq = a[r * n + q]
                        let newP = c * arp - s * arq, newQ = s * arp + c * arq
                        a[r * n + p] = newP; a[p * n + r] = newP
                        a[r * n + q] = newQ; a[q * n + r] = newQ
                    }
                    for r in 0 ..< n {
                        let vrp = v[r * n + p], vrq = v[r * n + q]
                        v[r * n + p] = c * vrp - s * vrq
                        v[r * n + q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let diagonal = (0 ..< n).map { a[$0 * n + $0] }
        let order: [Int]
        if !sorted {
            order = Array(0 ..< n)
        } else if n <= 15 {
            // The ascending order as one branch: its digits in base n (15¹⁵ < 2⁶³).
            var code = try S.branch(on: diagonal) { keys in
                (0 ..< n).sorted { keys[$0] < keys[$1] }.reversed().reduce(0) { $0 * n + $1 }
            }
            order = (0 ..< n).map { _ in defer { code /= n }; return code % n }
        } else {
            let keys = try diagonal.map { try $0.realValue() }
            order = (0 ..< n).sorted { keys[$0] < keys[$1] }
        }
        values = order.map { diagonal[$0] }
        vectors = Matrix(rows: n, columns: n) { i, k in v[i * n + order[k]] }
    }

    /// Q f(Λ) Qᵀ.
    @inlinable
    public func applying(_ f: (S) throws -> S) rethrows -> Matrix<S> {
        let n = values.count
        let fx = try values.map(f)
        var result = Array(repeating: S(0), count: n * n)
        for i in 0 ..< n {
            for j in i ..< n {
                var s = S(0)
                for k in 0 ..< n { s = s + vectors.elements[i * n + k] * fx[k] * vectors.elements[j * n + k] }
                result[i * n + j] = s
                result[j * n + i] = s
            }
        }
        return Matrix(rows: n, columns: n, elements: result)
    }
}
