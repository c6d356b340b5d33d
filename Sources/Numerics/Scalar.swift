/// The elementary functions the evaluator applies, named once so that every scalar type answers
/// for all of them (or refuses with `ScalarError.notRational`).
public enum ElementaryFunction: String, Sendable, CaseIterable {
    case exp, log, sqrt, sin, cos, tanh, atan, erf, logGamma, digamma
}

/// Why a scalar operation could not produce a value.
public enum ScalarError: Error, Equatable, Sendable {
    /// Exact (modular) arithmetic met an operation that is not rational (`\exp`, a comparison,
    /// an irrational constant): the caller falls back to floating point.
    case notRational(String)
    /// Division by zero (exactly zero, or zero modulo the prime): the caller redraws the point.
    case divisionByZero
    /// An argument outside the function's domain (`\log` of a non-positive number, `\sqrt` of a
    /// negative one): the caller redraws the point and records the side condition.
    case outOfDomain(String)
}

/// What the evaluator and the linear algebra need of a number. Implemented by `Double`, `Float80`
/// (re-evaluation of near misses), `ModularInteger` (exact checks), `Dual` (automatic
/// differentiation, nestable) and `ErrorBounded` (values carrying a rounding-error bound).
public protocol Scalar: Sendable {
    init(_ integer: Int)
    /// A rational constant (decimals like `0.5` arrive as 5/10). Throws `divisionByZero` for a zero denominator.
    init(numerator: Int, denominator: Int) throws
    /// A real constant such as π or a quadrature node. Modular integers throw `notRational`.
    init(constant: Double) throws

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// Division that refuses a zero divisor instead of producing an infinity.
    func divided(by divisor: Self) throws -> Self

    func elementary(_ function: ElementaryFunction) throws -> Self
    /// `self ^ exponent` for an integer exponent (negative powers invert).
    func power(_ exponent: Int) throws -> Self
    /// `self ^ exponent` for a real exponent (needs a positive base unless the exponent is an integer).
    func power(_ exponent: Self) throws -> Self

    /// The real value used for comparisons and branching (`|x|`, `\max`, cases, pivoting of real
    /// matrices). Dual numbers give their primal value; modular integers throw `notRational`.
    func realValue() throws -> Double
    /// Size used to choose pivots: |value| for reals, 0 or 1 for modular integers.
    var pivotMagnitude: Double { get }
    /// Whether the value is exactly zero (for modular integers: zero modulo the prime).
    var isZero: Bool { get }
    /// See the extension's default; a requirement so that `Traced` can record the choice.
    static func pivotChoice(count: Int, _ candidate: (Int) -> Self) -> Int?
    /// See the extension's defaults; requirements so that `Traced` can record the branch (and
    /// so that the sign tests of the walk allocate nothing).
    static func branch(count: Int, _ operand: (Int) -> Self, _ rule: @escaping BranchRule) throws -> Int
    func isNegative() throws -> Bool
    func isPositive() throws -> Bool
    /// See the extension's default; a requirement so that `Traced` can record it.
    func detachedConstant() throws -> Self
    /// See the extension's default; a requirement so that `Traced` can record it as one
    /// operation rather than a branch.
    func timesSign(of other: Self) throws -> Self
}

/// How generic code picks a branch from the real values of some operands (the sign of a
/// pivot, which of two numbers is larger, whether an iteration has converged).
public typealias BranchRule = @Sendable ([Double]) -> Int

public extension Scalar {
    /// Partial pivoting's choice among a column's candidates: the index of the first largest
    /// `pivotMagnitude`, or nil when all are zero. A traced scalar records it as a guard.
    @inlinable
    static func pivotChoice(count: Int, _ candidate: (Int) -> Self) -> Int? {
        guard count > 0 else { return nil }
        var best = 0
        var bestMagnitude = candidate(0).pivotMagnitude
        for i in 1 ..< max(count, 1) {
            let magnitude = candidate(i).pivotMagnitude
            if magnitude > bestMagnitude { best = i; bestMagnitude = magnitude }
        }
        return bestMagnitude == 0 ? nil : best
    }

    /// The branch `rule` picks from the operands' real values. Code that branches on values
    /// says so through this rather than through `realValue`, so that a trace can record the
    /// choice as a guard (a replay that would pick another branch diverges) instead of giving
    /// the whole program up.
    @inlinable
    static func branch(count: Int, _ operand: (Int) -> Self, _ rule: @escaping BranchRule) throws -> Int {
        var values: [Double] = []
        values.reserveCapacity(count)
        for i in 0 ..< count { values.append(try operand(i).realValue()) }
        return rule(values)
    }

    @inlinable
    static func branch(on operands: [Self], _ rule: @escaping BranchRule) throws -> Int {
        try branch(count: operands.count, { operands[$0] }, rule)
    }

    /// The real value as a constant of this type (no error bound, no tangent): a shift that
    /// only steers rounding, such as log-sum-exp's largest entry.
    @inlinable
    func detachedConstant() throws -> Self { try Self(constant: realValue()) }

    /// This value times the sign of `other` (−1 where it is negative, +1 otherwise, zero
    /// included): the stable root of a quadratic, d + sign(d) r, without a branch that a trace
    /// would record as a guard (whose outcome changes from point to point).
    @inlinable
    func timesSign(of other: Self) throws -> Self { try other.isNegative() ? -self : self }

    /// Whether the real value is negative (a recorded branch in a trace).
    @inlinable
    func isNegative() throws -> Bool { try realValue() < 0 }

    /// Whether the real value is positive (a recorded branch in a trace).
    @inlinable
    func isPositive() throws -> Bool { try realValue() > 0 }

    static var zero: Self { Self(0) }
    static var one: Self { Self(1) }

    static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    func exp() throws -> Self { try elementary(.exp) }
    func log() throws -> Self { try elementary(.log) }
    @_disfavoredOverload
    func squareRoot() throws -> Self { try elementary(.sqrt) }
}
