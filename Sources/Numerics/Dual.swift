/// A value with one tangent, a + b·ε with ε² = 0: forward-mode differentiation. Nesting
/// (`Dual<Dual<Double>>`) gives second derivatives.
public struct Dual<Base: Scalar>: Scalar {
    /// The primal value.
    public var value: Base
    /// The derivative along the seeded direction.
    public var derivative: Base

    @inlinable
    public init(_ value: Base, derivative: Base) {
        self.value = value
        self.derivative = derivative
    }

    /// The independent variable at `value`: tangent 1.
    @inlinable
    public static func variable(_ value: Base) -> Dual { Dual(value, derivative: Base(1)) }

    /// A constant: tangent 0.
    @inlinable
    public static func constant(_ value: Base) -> Dual { Dual(value, derivative: Base(0)) }

    @inlinable
    public init(_ integer: Int) { self.init(Base(integer), derivative: Base(0)) }

    @inlinable
    public init(numerator: Int, denominator: Int) throws {
        self.init(try Base(numerator: numerator, denominator: denominator), derivative: Base(0))
    }

    @inlinable
    public init(constant: Double) throws {
        self.init(try Base(constant: constant), derivative: Base(0))
    }

    // MARK: Arithmetic

    @inlinable
    public static func + (lhs: Dual, rhs: Dual) -> Dual {
        Dual(lhs.value + rhs.value, derivative: lhs.derivative + rhs.derivative)
    }

    @inlinable
    public static func - (lhs: Dual, rhs: Dual) -> Dual {
        Dual(lhs.value - rhs.value, derivative: lhs.derivative - rhs.derivative)
    }

    @inlinable
    public static prefix func - (operand: Dual) -> Dual {
        Dual(-operand.value, derivative: -operand.derivative)
    }

    @inlinable
    public static func * (lhs: Dual, rhs: Dual) -> Dual {
        Dual(lhs.value * rhs.value, derivative: lhs.value * rhs.derivative + lhs.derivative * rhs.value)
    }

    /// Refuses a divisor whose value part is zero, even when its tangent is not.
    @inlinable
    public func divided(by divisor: Dual) throws -> Dual {
        let q = try value.divided(by: divisor.value)
        return Dual(q, derivative: try (derivative - q * divisor.derivative).divided(by: divisor.value))
    }

    // MARK: Functions

    /// `f(x) + f'(x)·dx`; a zero tangent stays zero without evaluating f' (which may be infinite,
    /// as for √x at 0).
    @inlinable
    func chain(_ fx: Base, _ slope: () throws -> Base) rethrows -> Dual {
        derivative.isZero ? Dual(fx, derivative: derivative) : Dual(fx, derivative: try slope() * derivative)
    }

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> Dual {
        let x = value
        let fx = try x.elementary(function)
        switch function {
        case .exp:
            return chain(fx) { fx }
        case .log:
            return try chain(fx) { try Base(1).divided(by: x) }
        case .sqrt:
            return try chain(fx) { try Base(1).divided(by: fx + fx) }
        case .sin:
            return try chain(fx) { try x.elementary(.cos) }
        case .cos:
            return try chain(fx) { -(try x.elementary(.sin)) }
        case .tanh:
            return chain(fx) { Base(1) - fx * fx }
        case .atan:
            return try chain(fx) { try Base(1).divided(by: Base(1) + x * x) }
        case .erf:
            // erf'(x) = 2/√π · e^{−x²}
            return try chain(fx) {
                try SplitConstant.value(SplitConstant.twoOverSqrtPi) * (-(x * x)).elementary(.exp)
            }
        case .logGamma:
            return try chain(fx) { try x.elementary(.digamma) }
        case .digamma:
            return try chain(fx) { try Dual.polygamma(1, of: x) }
        }
    }

    /// ψ⁽ⁿ⁾ of a base value, through `PolygammaEvaluable` (a protocol `Scalar` does not require).
    @usableFromInline
    static func polygamma(_ order: Int, of x: Base) throws -> Base {
        guard let evaluable = x as? any PolygammaEvaluable else {
            throw ScalarError.notRational("polygamma of \(Base.self)")
        }
        return try evaluable.polygamma(order) as! Base
    }

    @inlinable
    public func power(_ exponent: Int) throws -> Dual {
        if exponent == 0 { return Dual(Base(1), derivative: Base(0)) }
        // x^n = x^(n−1)·x, and d(x^n) = n·x^(n−1)·dx: one power serves both.
        let lower = try value.power(exponent - 1)
        let fx = exponent < 0 ? try value.power(exponent) : lower * value
        return chain(fx) { Base(exponent) * lower }
    }

    /// `x^y = e^{y log x}`; the `log x` term enters only when the exponent has a tangent, so a
    /// negative base with a constant integer exponent stays allowed.
    @inlinable
    public func power(_ exponent: Dual) throws -> Dual {
        let fx = try value.power(exponent.value)
        var tangent = Base(0)
        if !derivative.isZero {
            tangent = try exponent.value * value.power(exponent.value - Base(1)) * derivative
        }
        if !exponent.derivative.isZero {
            tangent = tangent + fx * (try value.elementary(.log)) * exponent.derivative
        }
        return Dual(fx, derivative: tangent)
    }

    @inlinable
    public func realValue() throws -> Double { try value.realValue() }

    @inlinable
    public var pivotMagnitude: Double { value.pivotMagnitude }

    /// By the value parts, as `pivotMagnitude` is, so that a traced base records the choice.
    @inlinable
    public static func pivotChoice(count: Int, _ candidate: (Int) -> Dual) -> Int? {
        Base.pivotChoice(count: count) { candidate($0).value }
    }

    /// The value part's constant, with no tangent.
    @inlinable
    public func detachedConstant() throws -> Dual { Dual(try value.detachedConstant(), derivative: Base(0)) }

    /// By the value parts, as `realValue` is.
    @inlinable
    public static func branch(count: Int, _ operand: (Int) -> Dual, _ rule: @escaping BranchRule) throws -> Int {
        try Base.branch(count: count, { operand($0).value }, rule)
    }

    @inlinable
    public func isNegative() throws -> Bool { try value.isNegative() }

    /// The sign is constant near a nonzero `other`, so the tangent takes it too.
    @inlinable
    public func timesSign(of other: Dual) throws -> Dual {
        Dual(try value.timesSign(of: other.value), derivative: try derivative.timesSign(of: other.value))
    }

    @inlinable
    public func isPositive() throws -> Bool { try value.isPositive() }

    /// True only when both parts vanish; division needs only a nonzero value part.
    @inlinable
    public var isZero: Bool { value.isZero && derivative.isZero }
}

extension Dual: PolygammaEvaluable where Base: PolygammaEvaluable {
    public func polygamma(_ order: Int) throws -> Dual {
        let fx = try value.polygamma(order)
        return try chain(fx) { try value.polygamma(order + 1) }
    }
}

extension Dual: Equatable where Base: Equatable {}
