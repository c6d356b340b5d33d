import RealModule

/// A limit of integration: a finite value in the integrand's scalar, or an infinite end.
public enum IntegrationLimit<S: Scalar>: Sendable {
    case finite(S)
    case negativeInfinity
    case positiveInfinity

    /// ±∞ become the infinite cases; a finite double enters through `init(constant:)`.
    @inlinable
    public static func real(_ x: Double) throws -> IntegrationLimit {
        if x == .infinity { return .positiveInfinity }
        if x == -.infinity { return .negativeInfinity }
        return .finite(try S(constant: x))
    }
}

/// A quadrature value, with an error estimate and whether it met its tolerance.
public struct QuadratureResult<S: Scalar>: Sendable {
    public var value: S
    /// Estimated absolute error (of the real value).
    public var errorEstimate: Double
    /// Subintervals used.
    public var intervals: Int
    /// Integrand evaluations.
    public var evaluations: Int
    /// False when the interval budget ran out (or an interval could not be split) first.
    public var converged: Bool

    @inlinable
    public init(value: S, errorEstimate: Double, intervals: Int, evaluations: Int, converged: Bool) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.intervals = intervals
        self.evaluations = evaluations
        self.converged = converged
    }
}

/// Adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) in the manner of QUADPACK's
/// QAGS without extrapolation: the interval with the largest error estimate is bisected until the
/// total meets the tolerance or the interval budget is spent, so kinks and peaks get refined and a
/// bad integrand cannot hang the check.
public enum GaussKronrod {
    /// Kronrod nodes on [0, 1) (the odd indices are the Gauss nodes), and their weights.
    @usableFromInline static let kronrodNodes: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0,
    ]
    @usableFromInline static let kronrodWeights: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for Kronrod nodes 1, 3, 5 and the centre 7.
    @usableFromInline static let gaussWeights: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    /// ∫ₐᵇ f over finite or infinite limits. Infinite ends are mapped to a finite variable u:
    /// x = a + u/(1−u) on [a, ∞), x = b − (1−u)/u on (−∞, b], x = u/(1−u²) on ℝ; the Kronrod nodes
    /// never touch the singular ends. Subdivision looks only at real values of the local estimates,
    /// so dual-number integrands get the derivative of the rule that integrates their values.
    @inlinable
    public static func integrate<S: Scalar>(
        _ f: (S) throws -> S,
        from lower: IntegrationLimit<S>, to upper: IntegrationLimit<S>,
        absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 1e-10, maxIntervals: Int = 200
    ) throws -> QuadratureResult<S> {
        switch (lower, upper) {
        case let (.finite(a), .finite(b)):
            let width = b - a
            return try adapt(on: 0, 1, absoluteTolerance, relativeTolerance, maxIntervals) { u in
                try f(a + width * S(constant: u)) * width
            }
        case let (.finite(a), .positiveInfinity):
            return try adapt(on: 0, 1, absoluteTolerance, relativeTolerance, maxIntervals) { u in
                let v = 1 - u
                return try f(a + S(constant: u / v)) * S(constant: 1 / (v * v))
            }
        case let (.negativeInfinity, .finite(b)):
            return try adapt(on: 0, 1, absoluteTolerance, relativeTolerance, maxIntervals) { u in
                try f(b - S(constant: (1 - u) / u)) * S(constant: 1 / (u * u))
            }
        case (.negativeInfinity, .positiveInfinity):
            return try adapt(on: -1, 1, absoluteTolerance, relativeTolerance, maxIntervals) { u in
                let v = 1 - u * u
                return try f(S(constant: u / v)) * S(constant: (1 + u * u) / (v * v))
            }
        case (.positiveInfinity, _), (_, .negativeInfinity):
            // Reversed limits: ∫ₐᵇ = −∫ᵇₐ (and ∫ between equal infinities is 0).
            if case .positiveInfinity = lower, case .positiveInfinity = upper { return zero() }
            if case .negativeInfinity = lower, case .negativeInfinity = upper { return zero() }
            var r = try integrate(f, from: upper, to: lower, absoluteTolerance: absoluteTolerance,
                                  relativeTolerance: relativeTolerance, maxIntervals: maxIntervals)
            r.value = -r.value
            return r
        }
    }

    /// ∫ₐᵇ f with double limits (±∞ allowed).
    @inlinable
    public static func integrate<S: Scalar>(
        _ f: (S) throws -> S, from a: Double, to b: Double,
        absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 1e-10, maxIntervals: Int = 200
    ) throws -> QuadratureResult<S> {
        try integrate(f, from: .real(a), to: .real(b), absoluteTolerance: absoluteTolerance,
                      relativeTolerance: relativeTolerance, maxIntervals: maxIntervals)
    }

    @inlinable
    static func zero<S: Scalar>() -> QuadratureResult<S> {
        QuadratureResult(value: S(0), errorEstimate: 0, intervals: 0, evaluations: 0, converged: true)
    }

    /// One subinterval's Kronrod value and error estimate.
    @usableFromInline
    struct Piece<S: Scalar> {
        @usableFromInline var lower: Double
        @usableFromInline var upper: Double
        @usableFromInline var value: S
        @usableFromInline var error: Double

        @inlinable
        init(lower: Double, upper: Double, value: S, error: Double) {
            self.lower = lower; self.upper = upper; self.value = value; self.error = error
        }
    }

    @inlinable
    static func adapt<S: Scalar>(
        on a: Double, _ b: Double, _ absoluteTolerance: Double, _ relativeTolerance: Double,
        _ maxIntervals: Int, _ g: (Double) throws -> S
    ) throws -> QuadratureResult<S> {
        var pieces = [try rule(g, a, b)]
        var total = try pieces[0].value.realValue(), error = pieces[0].error
        var evaluations = 15
        var converged = false
        while true {
            if error <= max(absoluteTolerance, relativeTolerance * abs(total)) { converged = true; break }
            if pieces.count >= maxIntervals { break }
            let worst = pieces.indices.max { pieces[$0].error < pieces[$1].error }!
            let p = pieces[worst]
            let mid = (p.lower + p.upper) / 2
            // An interval at the resolution of doubles cannot be split further.
            if mid <= p.lower || mid >= p.upper { break }
            let left = try rule(g, p.lower, mid), right = try rule(g, mid, p.upper)
            total += try left.value.realValue() + right.value.realValue() - p.value.realValue()
            error += left.error + right.error - p.error
            pieces[worst] = left
            pieces.append(right)
            evaluations += 30
        }
        var value = S(0)
        error = 0
        // Sum in order of position so that the result does not depend on the refinement history.
        for p in pieces.sorted(by: { $0.lower < $1.lower }) { value = value + p.value; error += p.error }
        return QuadratureResult(value: value, errorEstimate: error, intervals: pieces.count,
                                evaluations: evaluations, converged: converged)
    }

    /// G7–K15 on [a, b] with QUADPACK's error estimate resasc·min(1, (200|K−G|/resasc)^1.5),
    /// floored at 50ε·∫|f|.
    @inlinable
    static func rule<S: Scalar>(_ g: (Double) throws -> S, _ a: Double, _ b: Double) throws -> Piece<S> {
        let center = (a + b) / 2, half = (b - a) / 2
        var values: [S] = []
        var reals: [Double] = []
        values.reserveCapacity(15); reals.reserveCapacity(15)
        // Order: centre, then ± pairs for nodes 0…6.
        let fc = try g(center)
        values.append(fc); reals.append(try fc.realValue())
        for k in 0 ..< 7 {
            let dx = half * kronrodNodes[k]
            let f1 = try g(center - dx), f2 = try g(center + dx)
            values.append(f1); values.append(f2)
            reals.append(try f1.realValue()); reals.append(try f2.realValue())
        }
        // The Kronrod sum is formed in S (it is the result); the Gauss sum only in reals (it only
        // serves the error estimate).
        var kronrod = values[0] * (try S(constant: kronrodWeights[7] * half))
        var kReal = reals[0] * kronrodWeights[7], gReal = reals[0] * gaussWeights[3]
        var absolute = abs(reals[0]) * kronrodWeights[7]
        for k in 0 ..< 7 {
            let pair = values[1 + 2 * k] + values[2 + 2 * k]
            let pairReal = reals[1 + 2 * k] + reals[2 + 2 * k]
            kronrod = kronrod + pair * (try S(constant: kronrodWeights[k] * half))
            kReal += pairReal * kronrodWeights[k]
            absolute += (abs(reals[1 + 2 * k]) + abs(reals[2 + 2 * k])) * kronrodWeights[k]
            if k % 2 == 1 { gReal += pairReal * gaussWeights[k / 2] }
        }
        let mean = kReal / 2
        var deviation = abs(reals[0] - mean) * kronrodWeights[7]
        for k in 0 ..< 7 {
            deviation += (abs(reals[1 + 2 * k] - mean) + abs(reals[2 + 2 * k] - mean)) * kronrodWeights[k]
        }
        let scale = abs(half)
        var error = abs((kReal - gReal) * half)
        deviation *= scale
        absolute *= scale
        if deviation != 0 && error != 0 { error = deviation * min(1, Double.pow(200 * error / deviation, 1.5)) }
        if absolute > Double.leastNormalMagnitude / (50 * Double.ulpOfOne) {
            error = max(50 * Double.ulpOfOne * absolute, error)
        }
        if !kReal.isFinite { error = .infinity }
        return Piece(lower: a, upper: b, value: kronrod, error: error)
    }
}
