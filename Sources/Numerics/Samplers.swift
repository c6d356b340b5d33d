import RealModule

/// Draws from the distributions and domains that derivations quantify over, as doubles.
public enum Sampler {
    /// Uniform on the open interval (a, b).
    @inlinable
    public static func uniform<G: RandomNumberGenerator>(_ a: Double, _ b: Double, using g: inout G) -> Double {
        a + (b - a) * openUnit(using: &g)
    }

    /// Uniform on (0, 1), never 0 or 1.
    @inlinable
    public static func openUnit<G: RandomNumberGenerator>(using g: inout G) -> Double {
        (Double(g.next() >> 11) + 0.5) * 0x1p-53
    }

    /// Two independent N(0, 1) draws (Box–Muller).
    @inlinable
    public static func standardNormalPair<G: RandomNumberGenerator>(using g: inout G) -> (Double, Double) {
        let radius = Double.sqrt(-2 * Double.log(openUnit(using: &g)))
        let angle = 2 * Double.pi * openUnit(using: &g)
        return (radius * Double.cos(angle), radius * Double.sin(angle))
    }

    /// One N(0, 1) draw.
    @inlinable
    public static func standardNormal<G: RandomNumberGenerator>(using g: inout G) -> Double {
        standardNormalPair(using: &g).0
    }

    /// Independent N(mean, standardDeviation²) draws, using both Box–Muller outputs.
    @inlinable
    public static func gaussianVector<G: RandomNumberGenerator>(
        count: Int, mean: Double = 0, standardDeviation: Double = 1, using g: inout G
    ) -> [Double] {
        var v: [Double] = []
        v.reserveCapacity(count + 1)
        while v.count < count {
            let (z1, z2) = standardNormalPair(using: &g)
            v.append(mean + standardDeviation * z1)
            if v.count < count { v.append(mean + standardDeviation * z2) }
        }
        return v
    }

    /// A matrix of independent N(0, 1) entries.
    @inlinable
    public static func gaussianMatrix<G: RandomNumberGenerator>(rows: Int, columns: Int, using g: inout G) -> Matrix<Double> {
        Matrix(rows: rows, columns: columns, elements: gaussianVector(count: rows * columns, using: &g))
    }

    /// A matrix of independent Uniform(a, b) entries.
    @inlinable
    public static func uniformMatrix<G: RandomNumberGenerator>(
        rows: Int, columns: Int, _ a: Double = -1, _ b: Double = 1, using g: inout G
    ) -> Matrix<Double> {
        Matrix(rows: rows, columns: columns, elements: (0 ..< rows * columns).map { _ in uniform(a, b, using: &g) })
    }

    /// A symmetric matrix (G + Gᵀ)/2 with G Gaussian.
    @inlinable
    public static func symmetric<G: RandomNumberGenerator>(_ n: Int, using g: inout G) -> Matrix<Double> {
        let m = gaussianMatrix(rows: n, columns: n, using: &g)
        return Matrix(rows: n, columns: n) { i, j in (m[i, j] + m[j, i]) / 2 }
    }

    /// A well-conditioned symmetric positive definite matrix, B Bᵀ/n + I with B Gaussian.
    @inlinable
    public static func symmetricPositiveDefinite<G: RandomNumberGenerator>(_ n: Int, using g: inout G) -> Matrix<Double> {
        let b = gaussianMatrix(rows: n, columns: n, using: &g)
        var a = try! b * b.transposed()
        for i in 0 ..< n {
            for j in 0 ..< n { a[i, j] /= Double(n) }
            a[i, i] += 1
        }
        return symmetrised(a)
    }

    /// A symmetric positive definite matrix Q Λ Qᵀ with eigenvalues log-spaced over 1e-3 … 1e3
    /// (condition number 1e6) and a Haar-random Q.
    @inlinable
    public static func illConditionedSymmetricPositiveDefinite<G: RandomNumberGenerator>(
        _ n: Int, using g: inout G
    ) -> Matrix<Double> {
        let q = orthogonal(n, using: &g)
        let lambdas = (0 ..< n).map { n == 1 ? 1 : Double.pow(10, -3 + 6 * Double($0) / Double(n - 1)) }
        let a = try! q * Matrix.diagonal(lambdas) * q.transposed()
        return symmetrised(a)
    }

    /// A Haar-distributed orthogonal matrix: Q from the QR of a Gaussian matrix, with column k
    /// multiplied by sign(Rₖₖ) so that the law is uniform; det Q = −1 half of the time.
    @inlinable
    public static func orthogonal<G: RandomNumberGenerator>(_ n: Int, using g: inout G) -> Matrix<Double> {
        let qr = try! QRDecomposition(gaussianMatrix(rows: n, columns: n, using: &g))
        var q = qr.q
        for k in 0 ..< n where qr.r[k, k] < 0 {
            for i in 0 ..< n { q[i, k] = -q[i, k] }
        }
        return q
    }

    /// A uniform point of the probability simplex with `dimension` coordinates (Dirichlet(1, …, 1)),
    /// by normalising independent exponentials.
    @inlinable
    public static func simplexPoint<G: RandomNumberGenerator>(dimension: Int, using g: inout G) -> [Double] {
        let e = (0 ..< dimension).map { _ in -Double.log(openUnit(using: &g)) }
        let total = e.reduce(0, +)
        // Entries on the grid of multiples of 2⁻⁴⁰ sum to exactly 1 and subtract exactly, so that a
        // step using Σ p = 1 (a tight bound such as |p₁ - q₁| ≤ ½ Σ |pⱼ - qⱼ| for two outcomes) is
        // not refuted by the rounding of the draw itself.
        let grid = 0x1p40
        var rounded = e.dropLast().map { max(($0 / total * grid).rounded(), 1) / grid }
        let last = 1 - rounded.reduce(0, +)
        guard last >= 1 / grid else { return e.map { $0 / total } }
        rounded.append(last)
        return rounded
    }

    /// An exponential draw with the given rate.
    @inlinable
    public static func exponential<G: RandomNumberGenerator>(rate: Double = 1, using g: inout G) -> Double {
        -Double.log(openUnit(using: &g)) / rate
    }

    /// A uniform integer in the closed range.
    @inlinable
    public static func integer<G: RandomNumberGenerator>(in range: ClosedRange<Int>, using g: inout G) -> Int {
        Int.random(in: range, using: &g)
    }

    /// (A + Aᵀ)/2, removing the asymmetry that rounding leaves in products.
    @inlinable
    static func symmetrised(_ a: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: a.rows, columns: a.columns) { i, j in (a[i, j] + a[j, i]) / 2 }
    }
}
