import RealModule

/// A binary floating-point type that is also a `Scalar` (`Double`, `Float80`): what `ErrorBounded`
/// and the special functions build on.
public protocol RealScalar: Scalar, Real, BinaryFloatingPoint {}

/// Scalars that can evaluate the polygamma functions ψ⁽ⁿ⁾; `Dual` needs ψ⁽ⁿ⁺¹⁾ to differentiate ψ⁽ⁿ⁾.
public protocol PolygammaEvaluable {
    /// ψ⁽ⁿ⁾(self), the n-th derivative of the digamma function (order 0 is digamma itself).
    func polygamma(_ order: Int) throws -> Self
}

/// Constants that must keep more than double precision in `Float80`, stored as a sum of two doubles.
@usableFromInline
enum SplitConstant {
    @usableFromInline static let pi = (3.141592653589793, 1.2246467991473532e-16)
    @usableFromInline static let twoOverSqrtPi = (1.1283791670955126, 1.533545961316588e-17)
    @usableFromInline static let inverseSqrtTwo = (0.7071067811865476, -4.833646656726457e-17)

    /// The constant rounded once into `S` (for `Double` the low part vanishes in the sum).
    @inlinable
    static func value<S: Scalar>(_ parts: (Double, Double), as _: S.Type = S.self) throws -> S {
        try S(constant: parts.0) + S(constant: parts.1)
    }

    @inlinable
    static func real<T: BinaryFloatingPoint>(_ parts: (Double, Double), as _: T.Type = T.self) -> T {
        T(parts.0) + T(parts.1)
    }
}

/// The elementary functions, domain checks and polygamma series shared by `Double` and `Float80`.
/// Written against `Real & BinaryFloatingPoint` rather than `Scalar` so that names such as `zero`
/// and `squareRoot` resolve to one declaration.
@usableFromInline
enum RealKernels {
    @inlinable
    static func elementary<T: Real & BinaryFloatingPoint>(_ function: ElementaryFunction, _ x: T) throws -> T {
        switch function {
        case .exp: return T.exp(x)
        case .log:
            // NaN passes through (comparisons with NaN are false) so the caller sees it as non-finite.
            if x <= 0 { throw ScalarError.outOfDomain("log of a non-positive number") }
            return T.log(x)
        case .sqrt:
            if x < 0 { throw ScalarError.outOfDomain("square root of a negative number") }
            return T.sqrt(x)
        case .sin: return T.sin(x)
        case .cos: return T.cos(x)
        case .tanh: return T.tanh(x)
        case .atan: return T.atan(x)
        case .erf: return T.erf(x)
        case .logGamma:
            if x <= 0 && x == x.rounded() { throw ScalarError.outOfDomain("log-gamma at a non-positive integer") }
            // For negative non-integers this is log|Γ(x)|, whose derivative is still digamma.
            return T.logGamma(x)
        case .digamma:
            return try polygamma(0, x)
        }
    }

    @inlinable
    static func power<T: Real & BinaryFloatingPoint>(_ x: T, _ n: Int) throws -> T {
        if n < 0 && x == 0 { throw ScalarError.divisionByZero }
        return T.pow(x, n)
    }

    @inlinable
    static func power<T: Real & BinaryFloatingPoint>(_ x: T, real y: T) throws -> T {
        // An integer exponent is allowed for any base, and is computed as such.
        if y == y.rounded() && y.magnitude < 0x1p62 { return try power(x, Int(y)) }
        if x < 0 { throw ScalarError.outOfDomain("real power of a negative base") }
        if x == 0 {
            if y < 0 { throw ScalarError.divisionByZero }
            return y.isNaN ? y : 0
        }
        return T.pow(x, y)
    }

    @inlinable
    static func divide<T: BinaryFloatingPoint>(_ x: T, _ y: T) throws -> T {
        if y == 0 { throw ScalarError.divisionByZero }
        return x / y
    }

    @inlinable
    static func rational<T: BinaryFloatingPoint>(_ numerator: Int, _ denominator: Int) throws -> T {
        if denominator == 0 { throw ScalarError.divisionByZero }
        // Correctly rounded division: exact quotients (integers written as decimals) stay exact.
        return T(numerator) / T(denominator)
    }

    // MARK: Polygamma

    /// Bernoulli numbers B₂, B₄, …, B₂₀ as (numerator, denominator).
    @usableFromInline
    static let bernoulli: [(Double, Double)] = [
        (1, 6), (-1, 30), (1, 42), (-1, 30), (5, 66), (-691, 2730), (7, 6), (-3617, 510),
        (43867, 798), (-174611, 330),
    ]

    /// ψ⁽ⁿ⁾(x): reflection for negative x (orders 0–2), upward recurrence to x ≥ 16, then the
    /// asymptotic series, whose terms up to B₂₀ are below Float80 precision there.
    @inlinable
    static func polygamma<T: Real & BinaryFloatingPoint>(_ n: Int, _ x: T) throws -> T {
        precondition(n >= 0, "polygamma order must be non-negative")
        if x.isNaN { return x }
        if x <= 0 && x == x.rounded() {
            throw ScalarError.outOfDomain(n == 0 ? "digamma at a non-positive integer"
                                                 : "polygamma at a non-positive integer")
        }
        if x < 0 && n <= 2 {
            // Reflection: reduce πx to π·r with |r| ≤ 1/2 so that sin and cot keep full precision.
            let pi: T = SplitConstant.real(SplitConstant.pi)
            let r = x - x.rounded()
            let s = T.sin(pi * r)
            let cot = T.cos(pi * r) / s
            let reflected = try polygamma(n, 1 - x)
            switch n {
            case 0: return reflected - pi * cot
            case 1: return pi * pi / (s * s) - reflected
            default: return reflected - 2 * pi * pi * pi * cot / (s * s)
            }
        }
        var x = x
        var shifted: T = 0
        // ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) − (−1)ⁿ n! / xⁿ⁺¹
        let nFactorial = T(factorial(n))
        let sign: T = n % 2 == 0 ? 1 : -1
        while x < 16 {
            shifted -= sign * nFactorial / T.pow(x, n + 1)
            x += 1
        }
        return shifted + asymptotic(n, x)
    }

    @inlinable
    static func asymptotic<T: Real & BinaryFloatingPoint>(_ n: Int, _ x: T) -> T {
        let z = 1 / x
        let z2 = z * z
        if n == 0 {
            // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ)
            var sum: T = 0
            var zk = z2
            for (k, b) in bernoulli.enumerated() {
                let twoK = T(2 * (k + 1))
                sum += T(b.0) / T(b.1) / twoK * zk
                zk *= z2
            }
            return T.log(x) - z / 2 - sum
        }
        // ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [ (n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σ B₂ₖ (2k+n−1)!/(2k)! / x²ᵏ⁺ⁿ ]
        let zn = T.pow(z, n)
        var sum = T(factorial(n - 1)) * zn + T(factorial(n)) / 2 * zn * z
        var zk = zn * z2
        for (k, b) in bernoulli.enumerated() {
            let twoK = 2 * (k + 1)
            var ratio: T = 1
            if n >= 2 { for j in (twoK + 1)...(twoK + n - 1) { ratio *= T(j) } }
            sum += T(b.0) / T(b.1) * ratio * zk
            zk *= z2
        }
        return n % 2 == 1 ? sum : -sum
    }

    @inlinable
    static func factorial(_ n: Int) -> Double {
        var f = 1.0
        if n > 1 { for i in 2...n { f *= Double(i) } }
        return f
    }
}
