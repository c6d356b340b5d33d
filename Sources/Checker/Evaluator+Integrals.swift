import DeriveNumerics
import Diagnostics
import Foundation
import MathSyntax

/// Integrals over intervals and over the whole space: Laplace-centred Gauss–Hermite where the
/// integrand allows it, adaptive Gauss–Kronrod otherwise.
extension Evaluator {

    /// Where |f| is largest on a sinh-sinh grid over ℝ (dense near the origin, reaching ±10⁶).
    func largestOnGrid(_ f: (S) throws -> S) throws -> Double? {
        var best: (x: Double, size: Double)? = nil
        var t = -3.0
        while t <= 3.0 {
            let x = Foundation.sinh(Double.pi / 2 * Foundation.sinh(t))
            if let value = try? f(try S(constant: x)).realValue(), value.isFinite, abs(value) > (best?.size ?? 0) {
                best = (x, abs(value))
            }
            t += 0.02
        }
        return best?.x
    }

    /// A bound of an integral: ±\infty or a scalar's real value (bounds are not differentiated).
    private func bound(_ expr: Expr) throws -> Double {
        switch expr.ungrouped.node {
        case .constant(.infinity): return .infinity
        case .plus(let inner): if case .constant(.infinity) = inner.ungrouped.node { return .infinity }
        case .negate(let inner): if case .constant(.infinity) = inner.ungrouped.node { return -.infinity }
        default: break
        }
        return try scalar(expr, "a bound").realValue()
    }

    /// Where the integrand's switching quantities (see `EvaluationContext.switches`) change sign
    /// on (a, b): each found on a grid and bisected to the resolution of doubles. Each quantity is
    /// followed on its own, so two jumps closer than the grid's spacing are both found.
    func kinks(of integrand: (S) throws -> S, from a: Double, to b: Double) throws -> [Double] {
        func switches(at t: Double) -> [Double]? {
            let saved = context.switches
            context.switches = []
            defer { context.switches = saved }
            guard let point = try? S(constant: t), (try? integrand(point)) != nil else { return nil }
            return context.switches
        }
        let middle = a.isFinite && b.isFinite ? (a + b) / 2 : (a.isFinite ? a + 1 : (b.isFinite ? b - 1 : 0))
        guard let probe = switches(at: middle), !probe.isEmpty else { return [] }
        let count = 128
        // A uniform grid on a finite interval; on an infinite one a sinh-sinh grid (dense near the
        // origin, reaching ±10⁶), cut to the interval.
        var grid: [Double] = []
        if a.isFinite && b.isFinite {
            for i in 0...count { grid.append(a + (b - a) * Double(i) / Double(count)) }
        } else {
            for i in -count...count {
                let t: Double = 3 * Double(i) / Double(count)
                let x: Double = Foundation.sinh(Double.pi / 2 * Foundation.sinh(t))
                if x > a, x < b { grid.append(x) }
            }
        }
        let samples = grid.map(switches)
        // A quantity's sign flips at rounding level (two CDFs that are both 1 in a tail) are noise.
        var scale: [Double] = []
        for sample in samples.compactMap({ $0 }) {
            for (k, v) in sample.enumerated() {
                if k < scale.count { scale[k] = max(scale[k], abs(v)) } else { scale.append(abs(v)) }
            }
        }
        var cuts: [Double] = []
        for i in 0..<(grid.count - 1) {
            guard let left = samples[i], let right = samples[i + 1], left.count == right.count else { continue }
            for k in left.indices where left[k] == 0 || (left[k] < 0) != (right[k] < 0) {
                if max(abs(left[k]), abs(right[k])) <= 1e-12 * scale[k] { continue }
                if left[k] == 0 { cuts.append(grid[i]); continue }
                var (low, high) = (grid[i], grid[i + 1])
                for _ in 0..<80 {
                    let mid = (low + high) / 2
                    guard mid > low, mid < high, let values = switches(at: mid), values.count == left.count else { break }
                    if (values[k] < 0) == (left[k] < 0), values[k] != 0 { low = mid } else { high = mid }
                }
                cuts.append(high)
            }
            if cuts.count > CheckLimits.integrandKinks { break }
        }
        let span = a.isFinite && b.isFinite ? max(abs(a), abs(b), b - a) : 1
        let resolution = 1e-13 * span
        var distinct: [Double] = []
        for cut in cuts.sorted() where cut > a + resolution && cut < b - resolution && cut.isFinite {
            if let last = distinct.last, cut - last <= resolution { continue }
            distinct.append(cut)
        }
        guard distinct.count <= CheckLimits.integrandKinks else {
            throw EvaluationError.unsupported("the integrand has more than \(CheckLimits.integrandKinks) kinks or jumps on the interval; they are not all resolved")
        }
        return distinct
    }

    func integral(lower: Expr?, upper: Expr?, body: Expr, variable: Expr, at expr: Expr) throws -> Value<S> {
        guard let key = NameKey.of(variable) else { throw error(variable, "the variable of an integral must be a name") }
        context.methodsUsed.insert(.quadrature)
        var bounds: [(Double, Double)]
        if let lower, let upper {
            bounds = [(try bound(lower), try bound(upper))]
        } else if lower == nil, upper == nil {
            guard let declared = context.scope.declarations[key] else {
                throw error(variable, "integrate over a declared variable, or give the bounds")
            }
            let shape = declared.domain.shape.resolve(context.dimensions) ?? Shape(rows: 1, columns: 1)
            let count = shape.rows * shape.columns
            guard count <= 3 else { throw EvaluationError.unsupported("integrals over more than three dimensions are not evaluated") }
            switch declared.domain {
            case .real: bounds = Array(repeating: (-.infinity, .infinity), count: count)
            case .box(let low, let high, _): bounds = Array(repeating: (low, high), count: count)
            default: throw error(variable, "integrals over this domain are not supported; give the bounds")
            }
            if case .real(let spec) = declared.domain, spec.rows == nil { bounds = [(-.infinity, .infinity)] }
        } else {
            throw error(expr, "give both bounds of the integral, or neither")
        }
        let isVector = bounds.count > 1 || (context.scope.declarations[key]?.domain.shape.rows != nil && lower == nil)
        if bounds.allSatisfy({ $0.0 == -.infinity && $0.1 == .infinity }),
           let value = try laplaceCentredIntegral(dimension: bounds.count, key: key, isVector: isVector, body: body) {
            return .scalar(value)
        }
        let nodes = BodyAtNodes(self, variable: key, bodies: [body])
        func integrate(_ dimension: Int, _ prefix: [S]) throws -> S {
            let (a, b) = bounds[dimension]
            let integrand = { (x: S) throws -> S in
                let point = prefix + [x]
                if dimension + 1 < bounds.count { return try integrate(dimension + 1, point) }
                let value = try nodes.values(at: isVector ? .matrix(Matrix.column(point)) : .scalar(x))[0]
                guard let s = value.scalarValue else { throw self.error(body, "an integrand must be a scalar, found \(self.describe(value))") }
                return s
            }
            let inner = dimension + 1 < bounds.count
            var pieces = [(a, b)]
            if a == -.infinity, b == .infinity, let peak = try largestOnGrid(integrand) {
                // Adaptive rules can step over a narrow peak far from the origin: split there.
                pieces = [(a, peak), (peak, b)]
            }
            if !inner, a < b {
                // Kinks and jumps (indicators, |·|, max, ReLU) become ends of pieces, so that each
                // piece is smooth and its rule's error estimate means what it says.
                let cuts = try kinks(of: integrand, from: a, to: b)
                if !cuts.isEmpty {
                    let ends = Array(Set(cuts + pieces.dropFirst().map(\.0))).sorted()
                    pieces = zip([a] + ends, ends + [b]).map { ($0, $1) }
                }
            }
            var result = QuadratureResult<S>(value: S.zero, errorEstimate: 0, intervals: 0, evaluations: 0, converged: true)
            for (low, high) in pieces {
                let part = try GaussKronrod.integrate(integrand, from: low, to: high, absoluteTolerance: 0,
                                                      relativeTolerance: 1e-9, maxIntervals: inner ? 60 : 200)
                result.value += part.value
                result.errorEstimate += part.errorEstimate
                result.converged = result.converged && part.converged
            }
            let magnitude = abs((try? result.value.realValue()) ?? 0)
            if !result.converged, !(result.errorEstimate <= 1e-6 * magnitude) {
                throw EvaluationError.unsupported("the integral over \(key) did not converge (error estimate \(result.errorEstimate) for a value of \(magnitude))")
            }
            // The estimate travels with the value, so inner integrals' errors reach the outer one.
            return MethodError.adding(result.errorEstimate, to: result.value)
        }
        return .scalar(try integrate(0, []))
    }
}
