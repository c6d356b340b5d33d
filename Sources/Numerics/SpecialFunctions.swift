import RealModule

/// Special functions for `Double` and `Float80`, accurate in the tails (through `erfc`,
/// `log(onePlus:)`), for reference values and samplers.
public enum SpecialFunctions {
    @inlinable public static func erf<T: RealScalar>(_ x: T) -> T { T.erf(x) }
    @inlinable public static func erfc<T: RealScalar>(_ x: T) -> T { T.erfc(x) }

    /// log |Γ(x)|; throws `outOfDomain` at the poles 0, −1, −2, ….
    @inlinable
    public static func logGamma<T: RealScalar>(_ x: T) throws -> T { try RealKernels.elementary(.logGamma, x) }

    /// ψ(x) = Γ'(x)/Γ(x).
    @inlinable
    public static func digamma<T: RealScalar>(_ x: T) throws -> T { try RealKernels.polygamma(0, x) }

    /// ψ'(x), by recurrence to x ≥ 16 and the asymptotic series (reflection for x < 0).
    @inlinable
    public static func trigamma<T: RealScalar>(_ x: T) throws -> T { try RealKernels.polygamma(1, x) }

    /// ψ⁽ⁿ⁾(x).
    @inlinable
    public static func polygamma<T: RealScalar>(_ order: Int, _ x: T) throws -> T { try RealKernels.polygamma(order, x) }

    /// Φ(x) = ½ erfc(−x/√2), accurate relative to Φ in the lower tail.
    @inlinable
    public static func normalCDF<T: RealScalar>(_ x: T) -> T {
        T.erfc(-x * SplitConstant.real(SplitConstant.inverseSqrtTwo)) / 2
    }

    /// The standard normal density φ(x).
    @inlinable
    public static func normalPDF<T: RealScalar>(_ x: T) -> T {
        T.exp(-x * x / 2) * SplitConstant.real(SplitConstant.inverseSqrtTwo) / T.sqrt(SplitConstant.real(SplitConstant.pi))
    }

    /// log Σ eˣⁱ without overflow (−∞ for an empty list).
    @inlinable
    public static func logSumExp<T: RealScalar>(_ xs: [T]) -> T {
        guard let m = xs.max(), m.isFinite else { return xs.max() ?? -T.infinity }
        var s: T = 0
        for x in xs { s += T.exp(x - m) }
        return m + T.log(s)
    }

    /// log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}).
    @inlinable
    public static func softplus<T: RealScalar>(_ x: T) -> T {
        Swift.max(x, 0) + T.log(onePlus: T.exp(-x.magnitude))
    }

    /// 1/(1 + e^{−x}), evaluated through e^{−|x|} so that neither branch overflows.
    @inlinable
    public static func sigmoid<T: RealScalar>(_ x: T) -> T {
        let e = T.exp(-x.magnitude)
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    /// log σ(x) = −softplus(−x).
    @inlinable
    public static func logSigmoid<T: RealScalar>(_ x: T) -> T { -softplus(-x) }
}
