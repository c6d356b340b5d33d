import DeriveNumerics
import Diagnostics
import MathSyntax

/// Where an optimum is sought: a real interval (its ends open or closed) or a finite set of points.
enum SearchDomain {
    case interval(low: Double, high: Double, lowClosed: Bool, highClosed: Bool)
    /// Points of a finite set, each a scalar or a column: `\{0, 1\}`, `\{1, \dots, K\}`, `\{0, 1\}^{m}`.
    case finite([[Int]], vector: Bool)
    /// A box of a few dimensions, the same interval in each: `\mathbb{R}^{2}`, `[0, 1]^{2}`.
    case box(low: Double, high: Double, lowClosed: Bool, highClosed: Bool, dimension: Int)
}

/// `\max_{y \in A}`, `\min`, `\sup`, `\inf`, `\arg\max`, `\arg\min` over one scalar variable, a
/// finite set, or a vector of at most three entries, decided numerically: every point of a finite
/// set is evaluated; an interval gets a dense start grid (crowded towards the ends, where optima of
/// log-barriers sit) and golden-section refinement around the best grid point; a box gets a grid
/// and Nelder–Mead (BoxOptimiser.swift). The optimiser's own uncertainty travels with the value as
/// a method error, so the comparison's tolerance covers it.
extension Evaluator {

    func optimum(_ kind: ExtremumKind, subscript sub: Expr, body: Expr, at expr: Expr) throws -> Value<S> {
        let (key, domain) = try searchDomain(sub)
        context.methodsUsed.insert(.optimisation)
        if kind.yieldsPoint, MethodError.parts(S.one).count > 1 {
            throw EvaluationError.unsupported("the derivative of an \(kind.mathML) with respect to its parameters is not evaluated")
        }
        switch domain {
        case .finite(let points, let vector):
            return try finiteOptimum(kind, key: key, points: points, vector: vector, body: body, at: expr)
        case .interval(let low, let high, let lowClosed, let highClosed):
            return try intervalOptimum(kind, key: key, low: low, high: high, lowClosed: lowClosed, highClosed: highClosed,
                                       body: body, at: expr)
        case .box(let low, let high, let lowClosed, let highClosed, let dimension):
            context.methodsUsed.insert(.vectorOptimisation)
            return try boxOptimum(kind, key: key, interval: (low, high, lowClosed, highClosed), dimension: dimension, body: body)
        }
    }

    // MARK: - Domains

    /// The variable and its search domain from `y \in (0, 1)`, `h \in \{0, 1\}^{m}`, or a bare name
    /// with a declared bounded domain.
    func searchDomain(_ sub: Expr) throws -> (String, SearchDomain) {
        if case .comparison(let name, .element, let set) = sub.ungrouped.node {
            guard let key = NameKey.of(name) else { throw error(name, "the variable of an optimum must be a name") }
            return (key, try searchSet(set))
        }
        guard let key = NameKey.of(sub) else {
            throw error(sub, "write the variable and its domain under the operator: \\max_{y \\in [0, 1]}")
        }
        guard let declared = context.scope.declarations[key] else {
            throw error(sub, "'\(key)' is not declared; write its domain under the operator: \\max_{\(key) \\in [0, 1]}")
        }
        switch declared.domain {
        case .real(let shape) where shape.rows == nil:
            return (key, .interval(low: -.infinity, high: .infinity, lowClosed: false, highClosed: false))
        case .box(let low, let high, let shape) where shape.rows == nil:
            return (key, .interval(low: low, high: high, lowClosed: false, highClosed: false))
        case .real(let shape) where shape.columns == nil:
            return (key, .box(low: -.infinity, high: .infinity, lowClosed: false, highClosed: false,
                              dimension: try searchDimension(shape, at: sub)))
        case .box(let low, let high, let shape) where shape.columns == nil:
            return (key, .box(low: low, high: high, lowClosed: false, highClosed: false,
                              dimension: try searchDimension(shape, at: sub)))
        case .integers(let set):
            guard let members = set.members(integers.merging(context.dimensions)), !members.isEmpty else {
                throw error(sub, "the set of '\(key)' is empty or its ends are unknown")
            }
            return (key, .finite(members.map { [$0] }, vector: false))
        case .function:
            throw error(sub, "an optimum over the function '\(key)' is not evaluated; optimise pointwise over its value, \\arg\\max_{y \\in (0, 1)}")
        default:
            throw error(sub, "optimising over the domain of '\(key)' is not supported; use a bounded interval or a finite set")
        }
    }

    private func searchSet(_ raw: Expr) throws -> SearchDomain {
        let set = raw.ungrouped
        switch set.node {
        case .interval(let low, let high, let leftOpen, let rightOpen):
            let a = try scalar(low, "an end of the interval").realValue()
            let b = try scalar(high, "an end of the interval").realValue()
            guard a < b else { throw error(set, "the interval is empty") }
            return .interval(low: a, high: b, lowClosed: !leftOpen, highClosed: !rightOpen)
        case .blackboard("R"):
            return .interval(low: -.infinity, high: .infinity, lowClosed: false, highClosed: false)
        case .power(let base, let exponent) where Self.isContinuumSet(base):
            guard case .interval(let low, let high, let lowClosed, let highClosed) = try searchSet(base) else {
                throw error(base, "expected an interval or \\mathbb{R} as the base of a product set")
            }
            let n = try integer(exponent, role: "the dimension of the search domain")
            return .box(low: low, high: high, lowClosed: lowClosed, highClosed: highClosed, dimension: try checkedSearchDimension(n, at: exponent))
        case .set, .power:
            let (points, vector) = try finiteSetPoints(set)
            return .finite(points, vector: vector)
        default:
            throw error(set, "unknown search domain '\(LaTeXPrinter.latex(set))'; expected an interval such as (0, 1) or [0, 1], or a finite set such as \\{0, 1\\}^{m}")
        }
    }

    static func isContinuumSet(_ base: Expr) -> Bool {
        switch base.ungrouped.node {
        case .interval, .blackboard("R"): return true
        default: return false
        }
    }

    private func searchDimension(_ shape: ShapeSpec, at sub: Expr) throws -> Int {
        guard let resolved = shape.resolve(integers.merging(context.dimensions)) else {
            throw error(sub, "the dimension of the search domain is unknown")
        }
        return try checkedSearchDimension(resolved.rows, at: sub)
    }

    private func checkedSearchDimension(_ n: Int, at expr: Expr) throws -> Int {
        guard (1...BoxOptimiser.largestDimension).contains(n) else {
            throw error(expr, "optima are sought numerically over at most \(BoxOptimiser.largestDimension) dimensions, found \(n); optimise coordinate by coordinate or in closed form")
        }
        return n
    }

    /// The points of `\{0, 1\}`, `\{1, \dots, K\}` or `\{0, 1\}^{m}`, enumerated up to the bound on
    /// enumerated terms; `vector` tells a power (whose points are columns) from a set of scalars.
    func finiteSetPoints(_ raw: Expr) throws -> ([[Int]], vector: Bool) {
        let set = raw.ungrouped
        func members(_ expr: Expr) throws -> [Int] {
            guard case .set(let items) = expr.ungrouped.node else {
                throw error(expr, "expected a finite set of whole numbers such as \\{0, 1\\}")
            }
            var values: [Int] = []
            if items.count == 3, case .dots = items[1].node {
                let a = try integer(items[0], role: "the first element"), b = try integer(items[2], role: "the last element")
                guard a <= b else { return [] }
                guard b - a < CheckLimits.enumeratedTerms else {
                    throw error(expr, "this set has \(b - a + 1) elements, more than the \(CheckLimits.enumeratedTerms) that are enumerated")
                }
                return Array(a...b)
            }
            for item in items { values.append(try integer(item, role: "an element of the set")) }
            return values
        }
        if case .power(let base, let exponent) = set.node {
            let values = try members(base)
            let m = try integer(exponent, role: "the dimension of the set")
            guard m >= 1 else { throw error(exponent, "the dimension of a product set must be at least 1") }
            var total = 1.0
            for _ in 0..<m { total *= Double(values.count) }
            guard total <= Double(CheckLimits.enumeratedTerms) else {
                throw error(set, "\(LaTeXPrinter.latex(set)) has \(values.count)^\(m) = \(Int(min(total, 1e18))) points, more than the \(CheckLimits.enumeratedTerms) that are enumerated exactly; take a smaller dimension")
            }
            var points: [[Int]] = [[]]
            for _ in 0..<m { points = points.flatMap { prefix in values.map { prefix + [$0] } } }
            return (points, vector: true)
        }
        return (try members(set).map { [$0] }, vector: false)
    }

    /// The value of a point of a finite set: a scalar, or a column for a product set.
    func finitePointValue(_ point: [Int], vector: Bool) -> Value<S> {
        vector ? .matrix(Matrix.column(point.map { S($0) })) : .scalar(S(point[0]))
    }

    // MARK: - Finite sets

    private func finiteOptimum(_ kind: ExtremumKind, key: String, points: [[Int]], vector: Bool,
                               body: Expr, at expr: Expr) throws -> Value<S> {
        var best: (point: [Int], value: S, real: Double)? = nil
        var tie = false
        for point in points {
            var inner = self
            inner.values[key] = finitePointValue(point, vector: vector)
            inner.integers[key] = vector ? nil : point[0]
            let value = try inner.scalar(body, "the objective of an optimum")
            let real = try value.realValue()
            guard real.isFinite else { continue }
            if let current = best {
                let better = kind.seeksLargest ? real > current.real : real < current.real
                if better { best = (point, value, real); tie = false } else if real == current.real { tie = true }
            } else {
                best = (point, value, real)
            }
        }
        guard let best else { throw EvaluationError.unsupported("the objective is undefined at every point of the set") }
        if kind.yieldsPoint {
            if tie { throw EvaluationError.unsupported("the \(kind.mathML) is not unique here: two points of the set tie") }
            return finitePointValue(best.point, vector: vector)
        }
        return .scalar(best.value)
    }

    // MARK: - Intervals

    /// `sign · body` at the bound point; undefined points count as −∞ (outside a logarithm's
    /// domain, say), but bad input and the time budget end the search.
    func signedObjective(_ body: Expr, sign: Double) throws -> Double {
        do {
            let value = try scalar(body, "the objective of an optimum").realValue()
            return value.isFinite ? sign * value : -.infinity
        } catch let failure as EvaluationError {
            if case .input = failure { throw failure }
            if case .timeout = failure { throw failure }
            return -.infinity
        } catch {
            return -.infinity
        }
    }

    /// Infinite ends are searched through a map onto a bounded interval of t, as in quadrature:
    /// x = t/(1 − t²) on ℝ, x = a + t/(1 − t) on [a, ∞), x = b − (1 − t)/t on (−∞, b]; with the
    /// map's slope, which turns the optimiser's uncertainty in t into one in x.
    static func boundedSearchMap(low: Double, high: Double)
        -> (low: Double, high: Double, map: (Double) -> Double, slope: (Double) -> Double) {
        switch (low.isFinite, high.isFinite) {
        case (true, true): return (low, high, { $0 }, { _ in 1 })
        case (false, false):
            return (-1, 1, { $0 / (1 - $0 * $0) }, { (1 + $0 * $0) / ((1 - $0 * $0) * (1 - $0 * $0)) })
        case (true, false):
            return (0, 1, { low + $0 / (1 - $0) }, { 1 / ((1 - $0) * (1 - $0)) })
        case (false, true):
            return (0, 1, { high - (1 - $0) / $0 }, { 1 / ($0 * $0) })
        }
    }

    private func intervalOptimum(_ kind: ExtremumKind, key: String, low: Double, high: Double, lowClosed: Bool,
                                 highClosed: Bool, body: Expr, at expr: Expr) throws -> Value<S> {
        let (tLow, tHigh, map, slope) = Self.boundedSearchMap(low: low, high: high)
        return try mappedOptimum(kind, key: key, low: tLow, high: tHigh, lowClosed: lowClosed && low.isFinite,
                                 highClosed: highClosed && high.isFinite, map: map, slope: slope, body: body)
    }

    private func mappedOptimum(_ kind: ExtremumKind, key: String, low: Double, high: Double, lowClosed: Bool,
                               highClosed: Bool, map: (Double) -> Double, slope: (Double) -> Double,
                               body: Expr) throws -> Value<S> {
        // Maximise `sign · f`; undefined points count as −∞ (outside a logarithm's domain, say).
        let sign: Double = kind.seeksLargest ? 1 : -1
        func objective(_ t: Double) throws -> Double {
            let x = map(t)
            guard x.isFinite else { return -.infinity }
            var inner = self
            inner.values[key] = .scalar(try S(constant: x))
            inner.integers[key] = nil
            return try inner.signedObjective(body, sign: sign)
        }
        let count = 240
        var grid: [Double] = []
        if lowClosed { grid.append(low) }
        for i in 0..<count {
            // Chebyshev points of the first kind: none on the ends, dense next to them.
            let c = (1 - Foundation_cos(Double.pi * (Double(i) + 0.5) / Double(count))) / 2
            grid.append(low + (high - low) * c)
        }
        if highClosed { grid.append(high) }
        let values = try grid.map(objective)
        guard let bestIndex = values.indices.max(by: { values[$0] < values[$1] }), values[bestIndex] > -.infinity else {
            throw EvaluationError.unsupported("the objective is undefined on the whole search interval")
        }
        // Golden-section search on the bracket of grid neighbours; a best end point stays put.
        // Past the last grid point of an open end, the bracket reaches the end itself.
        var a = bestIndex > 0 ? grid[bestIndex - 1] : low
        var b = bestIndex + 1 < grid.count ? grid[bestIndex + 1] : high
        var best = grid[bestIndex], bestValue = values[bestIndex]
        let atEnd = (lowClosed && bestIndex == 0) || (highClosed && bestIndex == grid.count - 1)
        if !atEnd {
            let ratio = (5.0.squareRoot() - 1) / 2
            var c = b - ratio * (b - a), d = a + ratio * (b - a)
            var fc = try objective(c), fd = try objective(d)
            var iterations = 0
            while b - a > 1e-13 * max(1, abs(a) + abs(b)), iterations < 200 {
                iterations += 1
                if fc >= fd { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = try objective(c) }
                else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = try objective(d) }
            }
            for (t, f) in [(c, fc), (d, fd)] where f > bestValue { best = t; bestValue = f }
        }
        // How far the optimiser can be trusted: the spread of the objective over its last bracket
        // and, for the point, the width of the plateau that rounding leaves around a smooth optimum
        // (|f''| δ²/2 = noise), judged from the grid's second difference.
        let spread = try [a, b].map(objective).filter(\.isFinite).map { abs($0 - bestValue) }.max() ?? 0
        var pointError = (b - a) / 2
        if kind.yieldsPoint {
            if !atEnd, bestIndex > 0, bestIndex + 1 < grid.count {
                let (l, r) = (grid[bestIndex - 1], grid[bestIndex + 1])
                let (fl, fr) = (values[bestIndex - 1], values[bestIndex + 1])
                let h1 = grid[bestIndex] - l, h2 = r - grid[bestIndex]
                let curvature = 2 * ((fr - values[bestIndex]) / h2 - (values[bestIndex] - fl) / h1) / (h1 + h2)
                let noise = 64 * Double.ulpOfOne * max(abs(bestValue), 1)
                if curvature.isFinite, curvature < 0 { pointError = max(pointError, (2 * noise / -curvature).squareRoot()) }
                else { pointError = max(pointError, (b - a)) }
            }
            // A second grid point as good as the best, far from it, means the optimum is not unique.
            let threshold = bestValue - max(abs(bestValue), 1) * 1e-9
            if let rival = values.indices.first(where: { abs($0 - bestIndex) > 2 && values[$0] >= threshold }) {
                throw EvaluationError.unsupported("the \(kind.mathML) is not unique on the interval: the objective is as large near \(map(grid[rival])) as near \(map(best))")
            }
            return .scalar(MethodError.adding(pointError * slope(best), to: try S(constant: map(best))))
        }
        var inner = self
        inner.values[key] = .scalar(try S(constant: map(best)))
        inner.integers[key] = nil
        let value = try inner.scalar(body, "the objective of an optimum")
        // At an open end the supremum is approached, not attained: the search says how close it got.
        return .scalar(MethodError.adding(spread, to: value))
    }
}

#if canImport(Glibc)
import Glibc
private func Foundation_cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
import Darwin
private func Foundation_cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif

// MARK: - Boxes of a few dimensions

extension Evaluator {
    /// `\max_{w \in \mathbb{R}^{2}}`, `\arg\min_{y \in [0, 1]^{2}}`: the box optimiser in coordinates t
    /// mapped onto the domain as for intervals, the variable bound to a column.
    func boxOptimum(_ kind: ExtremumKind, key: String, interval: (low: Double, high: Double, lowClosed: Bool, highClosed: Bool),
                    dimension: Int, body: Expr) throws -> Value<S> {
        let (low, high) = (interval.low, interval.high)
        let (tLow, tHigh, map, slope) = Self.boundedSearchMap(low: low, high: high)
        let sign: Double = kind.seeksLargest ? 1 : -1
        func bound(_ t: [Double]) throws -> Evaluator {
            var inner = self
            inner.values[key] = .matrix(Matrix.column(try t.map { try S(constant: map($0)) }))
            inner.integers[key] = nil
            return inner
        }
        func objective(_ t: [Double]) throws -> Double {
            guard t.allSatisfy({ map($0).isFinite }) else { return -.infinity }
            // Outside the catch: a scalar that cannot hold the point (exact arithmetic) is no verdict.
            let inner = try bound(t)
            return try inner.signedObjective(body, sign: sign)
        }
        try context.checkTime()
        let optimiser = BoxOptimiser(dimension: dimension, low: tLow, high: tHigh,
                                     lowClosed: interval.lowClosed && low.isFinite, highClosed: interval.highClosed && high.isFinite)
        let result = try optimiser.maximise(objective, locating: kind.yieldsPoint)
        if kind.yieldsPoint {
            if let rival = result.rival {
                throw EvaluationError.unsupported("the \(kind.mathML) is not unique on the box: the objective is as large near \(rival.map(map)) as near \(result.point.map(map))")
            }
            let entries = try zip(result.point, result.pointError).map { t, e in
                MethodError.adding(e * slope(t), to: try S(constant: map(t)))
            }
            return .matrix(Matrix.column(entries))
        }
        let value = try bound(result.point).scalar(body, "the objective of an optimum")
        return .scalar(MethodError.adding(result.valueError, to: value))
    }
}
