import RealModule

/// A floating-point value with a first-order bound on its accumulated rounding error, so that a
/// tolerance can be scaled by the terms that cancelled rather than by the result.
public struct ErrorBounded<Value: RealScalar>: Scalar {
    /// The computed value.
    public var value: Value
    /// A bound on |value − exact value|: first order in the unit roundoff, with the higher-order
    /// part kept where the first-order one vanishes or is unbounded (square roots and powers near zero).
    public var error: Value

    /// A value with a known error, for example a quadrature or Monte Carlo error estimate.
    @inlinable
    public init(value: Value, error: Value) {
        self.value = value
        self.error = error.magnitude
    }

    /// The unit roundoff u: one correctly rounded operation errs by at most u·|result|.
    @inlinable
    public static var unitRoundoff: Value { Value.ulpOfOne / 2 }

    @inlinable
    static func rounding(_ result: Value, ulps: Value = 1) -> Value { ulps * unitRoundoff * result.magnitude }

    @inlinable
    public init(_ integer: Int) {
        let v = Value(integer)
        // Large integers round on conversion.
        self.init(value: v, error: Int(exactly: v) == integer ? 0 : Self.rounding(v))
    }

    @inlinable
    public init(numerator: Int, denominator: Int) throws {
        let v: Value = try RealKernels.rational(numerator, denominator)
        let exact = denominator == 1 && Int(exactly: v) == numerator
        self.init(value: v, error: exact ? 0 : 3 * Self.rounding(v))
    }

    /// A constant given as a double carries the double's own rounding (unless it is an integer).
    @inlinable
    public init(constant: Double) {
        let v = Value(constant)
        let exact = constant == constant.rounded()
        self.init(value: v, error: exact ? 0 : Value(Double.ulpOfOne / 2 * constant.magnitude))
    }

    // MARK: Arithmetic

    @inlinable
    public static func + (lhs: ErrorBounded, rhs: ErrorBounded) -> ErrorBounded {
        let v = lhs.value + rhs.value
        return ErrorBounded(value: v, error: lhs.error + rhs.error + rounding(v))
    }

    @inlinable
    public static func - (lhs: ErrorBounded, rhs: ErrorBounded) -> ErrorBounded {
        let v = lhs.value - rhs.value
        return ErrorBounded(value: v, error: lhs.error + rhs.error + rounding(v))
    }

    @inlinable
    public static prefix func - (operand: ErrorBounded) -> ErrorBounded {
        ErrorBounded(value: -operand.value, error: operand.error)
    }

    @inlinable
    public static func * (lhs: ErrorBounded, rhs: ErrorBounded) -> ErrorBounded {
        let v = lhs.value * rhs.value
        let propagated = lhs.value.magnitude * rhs.error + rhs.value.magnitude * lhs.error + lhs.error * rhs.error
        return ErrorBounded(value: v, error: propagated + rounding(v))
    }

    /// |a/b − (a+δa)/(b+δb)| ≤ (δa + |a/b|·δb) / (|b| − δb); unbounded once δb reaches |b|.
    @inlinable
    public func divided(by divisor: ErrorBounded) throws -> ErrorBounded {
        // A divisor that its own error bound cannot tell from zero gives no usable quotient.
        if divisor.error >= divisor.value.magnitude && divisor.error > 0 { throw ScalarError.divisionByZero }
        let v = try RealKernels.divide(value, divisor.value)
        let margin = divisor.value.magnitude - divisor.error
        let propagated = margin > 0 ? (error + v.magnitude * divisor.error) / margin : Value.infinity
        return ErrorBounded(value: v, error: propagated + Self.rounding(v))
    }

    // MARK: Functions

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> ErrorBounded {
        let x = value
        if (function == .log || function == .logGamma || function == .digamma), error > 0, error >= x.magnitude {
            throw ScalarError.outOfDomain("\(function.rawValue) of a number indistinguishable from zero at this precision")
        }
        let fx = try x.elementary(function)
        if error == 0 && (function == .sqrt || fx == 0) {
            return ErrorBounded(value: fx, error: function == .sqrt ? Self.rounding(fx) : 0)
        }
        if function == .sqrt {
            // The slope is unbounded at zero (a norm of a vector that cancels to zero, as x − m at
            // a Gaussian rule's centre node), but the error is not: for any b within `error` of
            // x, |√x − √b| = |x − b| / (√x + √b), which is at most error / √x and at most √error.
            let low = x - error
            var propagated = error.squareRoot()
            if fx > 0 { propagated = Swift.min(propagated, error / (fx + (low > 0 ? low.squareRoot() : 0))) }
            return ErrorBounded(value: fx, error: propagated + Self.rounding(fx))
        }
        let slope: Value
        // libm is not correctly rounded: allow a few ulps, and an absolute ulp near the zeros of
        // log-gamma and digamma, whose relative error is unbounded there.
        var own = Self.rounding(fx, ulps: 2)
        switch function {
        case .exp: slope = fx
        case .log: slope = 1 / x
        case .sqrt: slope = 0  // handled above
        case .sin: slope = Value.cos(x)
        case .cos: slope = Value.sin(x)
        case .tanh: slope = 1 - fx * fx
        case .atan: slope = 1 / (1 + x * x)
        case .erf:
            slope = SplitConstant.real(SplitConstant.twoOverSqrtPi) * Value.exp(-x * x)
        case .logGamma:
            slope = try RealKernels.polygamma(0, x)
            own = Self.rounding(fx, ulps: 4) + 4 * Self.unitRoundoff
        case .digamma:
            slope = try RealKernels.polygamma(1, x)
            own = Self.rounding(fx, ulps: 4) + 4 * Self.unitRoundoff
        }
        return ErrorBounded(value: fx, error: slope.magnitude * error + own)
    }

    @inlinable
    public func power(_ exponent: Int) throws -> ErrorBounded {
        if exponent < 0, error > 0, error >= value.magnitude { throw ScalarError.divisionByZero }
        let fx = try RealKernels.power(value, exponent)
        if exponent == 0 { return ErrorBounded(value: fx, error: 0) }
        guard error > 0 else { return ErrorBounded(value: fx, error: Self.rounding(fx, ulps: 2)) }
        // d(xⁿ)/dx = n·xⁿ⁻¹, and for n ≥ 2 the remainder of Taylor's formula, at most
        // n(n−1)/2 · error² · (|x| + error)ⁿ⁻²: the slope alone says nothing where it vanishes
        // (the square of a value known only to be near zero).
        let n = Value(exponent).magnitude
        var propagated = n * (try RealKernels.power(value, exponent - 1)).magnitude * error
        if exponent >= 2 {
            let reach = try RealKernels.power(value.magnitude + error, exponent - 2)
            propagated += n * (n - 1) / 2 * error * error * reach
        }
        return ErrorBounded(value: fx, error: propagated + Self.rounding(fx, ulps: 2))
    }

    @inlinable
    public func power(_ exponent: ErrorBounded) throws -> ErrorBounded {
        let fx = try RealKernels.power(value, real: exponent.value)
        var e = Self.rounding(fx, ulps: 2)
        if error != 0 {
            e += (exponent.value * (try RealKernels.power(value, real: exponent.value - 1))).magnitude * error
        }
        if exponent.error != 0 {
            // ∂(xʸ)/∂y = xʸ log x, which needs x > 0.
            e += value > 0 ? (fx * Value.log(value)).magnitude * exponent.error : Value.infinity
        }
        return ErrorBounded(value: fx, error: e)
    }

    @inlinable
    public func realValue() -> Double { Double(value) }

    @inlinable
    public var pivotMagnitude: Double { Double(value.magnitude) }

    /// Zero only when known to be zero: a zero value with a nonzero error bound is not.
    @inlinable
    public var isZero: Bool { value == 0 && error == 0 }

    /// error / |value| (infinite for a zero value with a nonzero error).
    @inlinable
    public var relativeError: Value { error == 0 ? 0 : error / value.magnitude }
}

extension ErrorBounded: PolygammaEvaluable {
    public func polygamma(_ order: Int) throws -> ErrorBounded {
        let fx = try RealKernels.polygamma(order, value)
        let slope = error == 0 ? 0 : try RealKernels.polygamma(order + 1, value)
        return ErrorBounded(value: fx, error: slope.magnitude * error + Self.rounding(fx, ulps: 4) + 4 * Self.unitRoundoff)
    }
}
