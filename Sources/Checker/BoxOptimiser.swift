/// Maximises a function on a box of a few dimensions, in coordinates t of the bounded box
/// `[low, high]^n` (infinite domains are mapped onto it by the caller): a start grid of Chebyshev
/// points per axis, then Nelder–Mead from the best grid point, restarted once from where it stopped.
/// What it reports about its own convergence (the spread of the final simplex, the plateau that
/// rounding leaves around a smooth optimum) is what the caller adds to the tolerance.
struct BoxOptimiser {
    /// Beyond three dimensions a start grid dense enough to trust is too costly per sample point.
    static let largestDimension = 3

    var dimension: Int
    var low: Double
    var high: Double
    var lowClosed: Bool
    var highClosed: Bool

    struct Result {
        var point: [Double]
        var value: Double
        /// Half-width, per coordinate of t, of the region the optimiser cannot tell from the optimum.
        var pointError: [Double]
        /// How far the objective still spreads over the final simplex.
        var valueError: Double
        /// A grid point far from the optimum that is as good as it: the optimum is not unique.
        var rival: [Double]?
    }

    var pointsPerAxis: Int { dimension == 2 ? 24 : 10 }

    /// The axis grid: Chebyshev points of the first kind, plus closed ends.
    var axis: [Double] {
        var grid: [Double] = []
        if lowClosed { grid.append(low) }
        let count = pointsPerAxis
        for i in 0..<count {
            let c = (1 - cosine(Double.pi * (Double(i) + 0.5) / Double(count))) / 2
            grid.append(low + (high - low) * c)
        }
        if highClosed { grid.append(high) }
        return grid
    }

    /// Keeps a trial point inside the box; open ends are approached, never reached.
    func clamped(_ t: [Double]) -> [Double] {
        let inset = 1e-13 * (high - low)
        let a = lowClosed ? low : low + inset, b = highClosed ? high : high - inset
        return t.map { min(max($0, a), b) }
    }

    func maximise(_ f: ([Double]) throws -> Double, locating: Bool) throws -> Result {
        let axis = self.axis
        // The start grid, every combination of axis points.
        var bestIndex: [Int] = [], bestValue = -Double.infinity
        var gridValues: [([Int], Double)] = []
        var index = [Int](repeating: 0, count: dimension)
        while true {
            let value = try f(index.map { axis[$0] })
            gridValues.append((index, value))
            if value > bestValue { bestValue = value; bestIndex = index }
            var d = 0
            while d < dimension {
                index[d] += 1
                if index[d] < axis.count { break }
                index[d] = 0
                d += 1
            }
            if d == dimension { break }
        }
        guard bestValue > -.infinity else {
            throw EvaluationError.unsupported("the objective is undefined on the whole search box")
        }
        let threshold = bestValue - max(abs(bestValue), 1) * 1e-9
        let rival = gridValues.first { candidate in
            candidate.1 >= threshold && zip(candidate.0, bestIndex).contains { abs($0 - $1) > 2 }
        }.map { $0.0.map { axis[$0] } }
        // Nelder–Mead, started with steps of the local grid spacing.
        let start = bestIndex.map { axis[$0] }
        let steps = bestIndex.map { i -> Double in
            let neighbour = i + 1 < axis.count ? axis[i + 1] : axis[i - 1]
            return neighbour - axis[i]
        }
        var (simplex, values) = try nelderMead(f, start: start, steps: steps)
        (simplex, values) = try nelderMead(f, start: simplex[0], steps: steps.map { $0 * 1e-3 })
        let best = simplex[0], value = values[0]
        let spread = values.filter(\.isFinite).map { abs($0 - value) }.max() ?? 0
        var pointError = (0..<dimension).map { d in
            simplex.map { abs($0[d] - best[d]) }.max() ?? 0
        }
        if !locating {
            // The value alone is wanted: its spread is the whole error.
        } else if let plateau = try plateau(f, at: best, value: value) {
            pointError = zip(pointError, plateau).map { max($0, $1) }
        } else {
            // No curvature to judge by: the optimum is known to the grid's spacing only.
            pointError = zip(pointError, steps).map { max($0, abs($1)) }
        }
        return Result(point: best, value: value, pointError: pointError, valueError: spread, rival: rival)
    }

    /// Nelder–Mead on `f` (maximised), the simplex sorted best first on return.
    private func nelderMead(_ f: ([Double]) throws -> Double, start: [Double], steps: [Double]) throws -> ([[Double]], [Double]) {
        var simplex = [clamped(start)]
        for d in 0..<dimension {
            var vertex = start
            vertex[d] += steps[d]
            simplex.append(clamped(vertex))
        }
        var values = try simplex.map(f)
        for _ in 0..<4000 {
            let order = values.indices.sorted { values[$0] > values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let top = values[0]
            let diameter = simplex.dropFirst().map { vertex in zip(vertex, simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            let scale = max(1, simplex[0].map(abs).max() ?? 0)
            if diameter <= 1e-13 * scale, values.allSatisfy({ abs($0 - top) <= 1e-15 * max(1, abs(top)) || !$0.isFinite }) { break }
            if diameter <= 1e-15 * scale { break }
            let worst = simplex[dimension]
            var centroid = [Double](repeating: 0, count: dimension)
            for vertex in simplex.dropLast() { for d in 0..<dimension { centroid[d] += vertex[d] / Double(dimension) } }
            func along(_ factor: Double) -> [Double] {
                clamped((0..<dimension).map { centroid[$0] + factor * (centroid[$0] - worst[$0]) })
            }
            let reflected = along(1), reflectedValue = try f(reflected)
            if reflectedValue > values[0] {
                let expanded = along(2), expandedValue = try f(expanded)
                if expandedValue > reflectedValue { simplex[dimension] = expanded; values[dimension] = expandedValue }
                else { simplex[dimension] = reflected; values[dimension] = reflectedValue }
                continue
            }
            if reflectedValue > values[dimension - 1] {
                simplex[dimension] = reflected; values[dimension] = reflectedValue
                continue
            }
            let contracted = reflectedValue > values[dimension] ? along(0.5) : along(-0.5)
            let contractedValue = try f(contracted)
            if contractedValue > max(values[dimension], reflectedValue) {
                simplex[dimension] = contracted; values[dimension] = contractedValue
                continue
            }
            for i in 1...dimension {
                simplex[i] = clamped((0..<dimension).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) })
                values[i] = try f(simplex[i])
            }
        }
        let order = values.indices.sorted { values[$0] > values[$1] }
        return (order.map { simplex[$0] }, order.map { values[$0] })
    }

    /// Around a smooth interior maximum, rounding noise ε hides a region ½ δᵀ(−H)δ ≤ ε: its
    /// half-width along axis i is √(2ε (−H)⁻¹ᵢᵢ). Nil when the Hessian (by central differences) is
    /// not negative definite there, or the optimum sits on the box's edge.
    private func plateau(_ f: ([Double]) throws -> Double, at t: [Double], value: Double) throws -> [Double]? {
        let n = dimension
        let h = t.map { 1e-4 * max(1, abs($0)) }
        guard zip(t, h).allSatisfy({ $0 - $1 > low && $0 + $1 < high }) else { return nil }
        func at(_ shifts: [(Int, Double)]) throws -> Double {
            var p = t
            for (d, s) in shifts { p[d] += s * h[d] }
            return try f(p)
        }
        var negative = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            negative[i][i] = -(try at([(i, 1)]) - 2 * value + (try at([(i, -1)]))) / (h[i] * h[i])
            for j in (i + 1)..<max(i + 1, n) {
                let mixed = (try at([(i, 1), (j, 1)]) - (try at([(i, 1), (j, -1)])) - (try at([(i, -1), (j, 1)])) + (try at([(i, -1), (j, -1)]))) / (4 * h[i] * h[j])
                negative[i][j] = -mixed
                negative[j][i] = -mixed
            }
        }
        guard let inverse = Self.inverse(negative), (0..<n).allSatisfy({ inverse[$0][$0] > 0 && inverse[$0][$0].isFinite }) else { return nil }
        let noise = 64 * Double.ulpOfOne * max(abs(value), 1)
        return (0..<n).map { (2 * noise * inverse[$0][$0]).squareRoot() }
    }

    /// Gauss–Jordan inverse of a small symmetric matrix that should be positive definite; nil when it is not.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var m = a, inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for c in 0..<n {
            guard m[c][c] > 0 else { return nil }
            let pivot = m[c][c]
            for k in 0..<n { m[c][k] /= pivot; inv[c][k] /= pivot }
            for r in 0..<n where r != c {
                let factor = m[r][c]
                for k in 0..<n { m[r][k] -= factor * m[c][k]; inv[r][k] -= factor * inv[c][k] }
            }
        }
        return inv
    }
}

#if canImport(Glibc)
import Glibc
private func cosine(_ x: Double) -> Double { Glibc.cos(x) }
#else
import Darwin
private func cosine(_ x: Double) -> Double { Darwin.cos(x) }
#endif
