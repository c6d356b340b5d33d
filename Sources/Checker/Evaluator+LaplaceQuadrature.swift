import DeriveNumerics
import Foundation
import MathSyntax

/// Integrals over all of ℝⁿ by a Gauss–Hermite rule centred and scaled on a Laplace approximation
/// of the integrand: Newton's method on log f finds the mode m and curvature H, and
/// ∫ f = E_{x ~ N(m, −H⁻¹)}[f(x) / N(x; m, −H⁻¹)]. A Gaussian-shaped integrand makes the ratio
/// constant, so the rule settles at once; anything the approximation does not fit falls back to
/// nested adaptive Gauss–Kronrod (a nil result).
extension Evaluator {
    func laplaceCentredIntegral(dimension n: Int, key: String, isVector: Bool, body: Expr) throws -> S? {
        guard let proposal = try laplaceProposal(dimension: n, key: key, isVector: isVector, body: body) else { return nil }
        context.methodsUsed.insert(.quadrature)
        var positive = true
        let nodes = BodyAtNodes(self, variable: key, bodies: [body])
        let (value, settled, _) = try refinedProductRule(dimension: n, point: proposal.point) { x in
            let f = try nodes.values(at: isVector ? .matrix(x) : .scalar(x.elements[0]))[0]
            guard let s = f.scalarValue else { throw error(body, "an integrand must be a scalar, found \(describe(f))") }
            if !((try? s.realValue()) ?? 0 > 0) { positive = false }
            return .scalar(s * (try proposal.inverseDensity(x)))
        }
        // A sign change means the integrand is not Gaussian-shaped: leave it to adaptive quadrature.
        guard settled, positive, let s = value.scalarValue else { return nil }
        return s
    }

    /// The Gaussian N(m, Σ) fitted to a positive integrand at its mode: Gauss–Hermite nodes
    /// mapped onto it, and 1 / N(x; m, Σ) to turn an integral into an expectation under it.
    struct LaplaceProposal {
        let mean: Matrix<S>
        let lower: Matrix<S>
        let sigmaInverse: Matrix<S>
        let normaliser: S

        func point(_ z: [S]) -> Matrix<S> { Evaluator.affinePoint(mean, lower, z) }

        /// sqrt((2π)ⁿ det Σ) · exp(½ (x − m)ᵀ Σ⁻¹ (x − m)).
        func inverseDensity(_ x: Matrix<S>) throws -> S {
            var quadratic = S.zero
            let n = mean.rows
            for i in 0..<n {
                for j in 0..<n {
                    quadratic += (x.elements[i] - mean.elements[i]) * sigmaInverse[i, j] * (x.elements[j] - mean.elements[j])
                }
            }
            return normaliser * (try (try S(numerator: 1, denominator: 2) * quadratic).exp())
        }
    }

    /// The Laplace fit of a positive `body` in the variable `key`: Newton's method on log body from
    /// the best of a few probes; nil when the fit fails or a probe beats the mode found.
    func laplaceProposal(dimension n: Int, key: String, isVector: Bool, body: Expr) throws -> LaplaceProposal? {
        // The centre and scale are constants of the change of variables: found in doubles.
        let real = Evaluator<Double>(context: context,
                                     bindings: values.mapValues { $0.map { (try? $0.realValue()) ?? .nan } },
                                     integers: integers)
        let nodes = BodyAtNodes(real, variable: key, bodies: [body])
        func logIntegrand(_ x: [Double]) -> Double? {
            guard let value = (try? nodes.values(at: isVector ? .matrix(Matrix.column(x)) : .scalar(x[0]))[0])?.scalarValue,
                  value > 0, value.isFinite else { return nil }
            return Foundation.log(value)
        }
        // Start from the best of a few probes; a mode that some probe beats is only a local one.
        let probes = Self.probePoints(n)
        let best = probes.compactMap { x in logIntegrand(x).map { (x, $0) } }.max { $0.1 < $1.1 }
        guard let start = best else { return nil }
        guard let (mode, covariance) = laplaceApproximation(n, from: start.0, logIntegrand),
              let peak = logIntegrand(mode), peak >= start.1 - 1e-9 * max(1, abs(start.1)) else { return nil }
        guard let factor = try? Matrix(rows: n, columns: n, elements: covariance).cholesky() else { return nil }
        let mean = Matrix(rows: n, columns: 1, elements: try mode.map { try S(constant: $0) })
        let sigma = Matrix(rows: n, columns: n, elements: try covariance.map { try S(constant: $0) })
        let twoPi = try S(constant: 2 * Double.pi)
        return LaplaceProposal(mean: mean, lower: try factor.map { try S(constant: $0) },
                               sigmaInverse: try sigma.inverse(),
                               normaliser: try (try twoPi.power(n) * sigma.determinant()).squareRoot())
    }

    /// The origin, a sinh-sinh grid along each axis (dense near 0, reaching ±10⁶) and, in several
    /// dimensions, points of a fixed spiral: where the search for the mode may start.
    static func probePoints(_ n: Int) -> [[Double]] {
        var points: [[Double]] = [Array(repeating: 0, count: n)]
        var t = -3.0
        while t <= 3.0 {
            let r = Foundation.sinh(Double.pi / 2 * Foundation.sinh(t))
            for axis in 0..<n {
                var p = [Double](repeating: 0, count: n)
                p[axis] = r
                points.append(p)
            }
            t += n == 1 ? 0.02 : 0.05
        }
        if n > 1 {
            for k in 1...64 {
                let radius = 0.25 * Double(k) / 4
                points.append((0..<n).map { Foundation.cos(Double(k) * (2.39996 + Double($0))) * radius })
            }
        }
        return points
    }

    /// Mode and covariance (−Hessian⁻¹, row-major) of a log-density-like function by damped Newton
    /// steps with central-difference derivatives; nil when it is not locally concave.
    private func laplaceApproximation(_ n: Int, from start: [Double], _ g: ([Double]) -> Double?) -> ([Double], [Double])? {
        var x = start
        guard var value = g(x) else { return nil }
        var covariance: [Double] = []
        for _ in 0..<50 {
            let h = x.map { 1e-4 * max(1, abs($0)) }
            var gradient = [Double](repeating: 0, count: n)
            var hessian = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                var plus = x, minus = x
                plus[i] += h[i]
                minus[i] -= h[i]
                guard let p = g(plus), let m = g(minus) else { return nil }
                gradient[i] = (p - m) / (2 * h[i])
                hessian[i * n + i] = (p - 2 * value + m) / (h[i] * h[i])
                for j in 0..<i {
                    var pp = x, pm = x, mp = x, mm = x
                    pp[i] += h[i]; pp[j] += h[j]
                    pm[i] += h[i]; pm[j] -= h[j]
                    mp[i] -= h[i]; mp[j] += h[j]
                    mm[i] -= h[i]; mm[j] -= h[j]
                    guard let a = g(pp), let b = g(pm), let c = g(mp), let d = g(mm) else { return nil }
                    let mixed = (a - b - c + d) / (4 * h[i] * h[j])
                    hessian[i * n + j] = mixed
                    hessian[j * n + i] = mixed
                }
            }
            let negative = Matrix(rows: n, columns: n, elements: hessian.map { -$0 })
            guard let inverse = try? negative.inverse(), (try? negative.cholesky()) != nil else { return nil }
            covariance = inverse.elements
            // Newton direction: Σ · gradient, with Σ = (−H)⁻¹.
            var direction = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { direction[i] += inverse.elements[i * n + j] * gradient[j] } }
            var t = 1.0
            var moved = false
            while t > 1e-6 {
                let candidate = zip(x, direction).map { $0 + t * $1 }
                if let next = g(candidate), next >= value - 1e-12 * max(1, abs(value)) {
                    let size = zip(candidate, x).map { abs($0 - $1) }.max() ?? 0
                    x = candidate
                    value = next
                    moved = size > 1e-9 * (1 + (x.map(abs).max() ?? 0))
                    break
                }
                t /= 2
            }
            if !moved { break }
        }
        return covariance.isEmpty ? nil : (x, covariance)
    }
}
