import DeriveNumerics
import MathSyntax

extension Evaluator {
    /// `\|v\|` and `\|v\|_2` of a vector are Euclidean; of a matrix, `\|A\|` and `\|A\|_F` are
    /// Frobenius and `\|A\|_2` is the spectral norm, the largest singular value (the Lipschitz
    /// constant of x ↦ A x, Miyato et al. 2018). Any other subscript is refused rather than read as
    /// one of these.
    func norm(_ m: Matrix<S>, written index: Expr?) throws -> S {
        guard let index else { return try frobeniusNorm(m) }
        switch Self.normKind(index) {
        case .frobenius:
            return try frobeniusNorm(m)
        case .two:
            return m.rows == 1 || m.columns == 1 ? try frobeniusNorm(m) : try spectralNorm(m)
        case .unknown:
            throw error(index, "a norm's subscript must be 2 (Euclidean, or spectral for a matrix) or F (Frobenius)")
        }
    }

    private static func normKind(_ index: Expr) -> NormKind {
        var node = index.node
        while case .group(let inner, _) = node { node = inner.node }
        switch node {
        case .number(let digits) where digits == "2": return .two
        case .symbol(let symbol) where symbol.base == "F" && symbol.decorations.isEmpty: return .frobenius
        default: return .unknown
        }
    }

    private func frobeniusNorm(_ m: Matrix<S>) throws -> S {
        var sum = S.zero
        for x in m.elements { sum += x * x }
        return try sum.squareRoot()
    }

    /// The square root of the largest eigenvalue of the smaller Gram matrix (AᵀA or AAᵀ, which share
    /// their nonzero eigenvalues); the Jacobi eigen-solver carries dual tangents through.
    private func spectralNorm(_ m: Matrix<S>) throws -> S {
        let transpose = m.transposed()
        let gram = m.rows >= m.columns ? try transpose * m : try m * transpose
        let values = try gram.symmetricEigen().values
        guard let largest = values.last else { return S.zero }
        return try (try largest.isPositive() ? largest : S.zero).squareRoot()
    }
}

/// How a norm's subscript reads.
private enum NormKind { case two, frobenius, unknown }
