/// A scalar that computes with its base type and, where it depends on a traced input, records
/// each operation on a tape: evaluating a body once with `Traced` values gives both the body's
/// value and a flat program (`ScalarProgram`) that recomputes it at other inputs without the
/// tree, the names or the allocations of the evaluator. Values that do not depend on an input
/// are plain constants (tape nil): operations among them are folded, never recorded.
///
/// A program is only valid while control flow does not depend on an input. Branches that generic
/// code takes through `branch(count:_:_:)` (and the sign tests built on it), `pivotChoice`, a zero
/// test or a caught failure are recorded as guards, which a replay checks; asking a recorded value
/// for its real value or its pivot size directly marks the tape unreplayable, and the caller
/// evaluates every input the slow way.
public struct Traced<Base: Scalar>: Scalar {
    /// The value, computed with the base type's own arithmetic (so identical to an untraced run).
    public let base: Base
    /// Where the tape this value is recorded on lies; 0 for a constant. An uncounted address,
    /// not a reference: whoever makes a tape keeps it alive while its values are used
    /// (`TraceTape.recording`), and a counted reference made every copy of a value, of a matrix
    /// of them or of a dual built on them retain and release the tape, close to half a trace's
    /// time. (An `unowned(unsafe)` reference, tried first, gave corrupt programs in chapter 8,
    /// for reasons not found; a plain address does not.) Debug builds also hold the tape, so
    /// that using a finished tape is caught (`TraceTape.record`, `invalidate`), not undefined.
    @usableFromInline let tapeAddress: UInt
    #if DEBUG
    @usableFromInline let tapeKeptAlive: TraceTape<Base>?
    #endif

    /// The tape this value is recorded on; nil for a constant.
    @inlinable
    var tape: TraceTape<Base>? {
        guard let address = UnsafeRawPointer(bitPattern: tapeAddress) else { return nil }
        return Unmanaged<TraceTape<Base>>.fromOpaque(address).takeUnretainedValue()
    }

    /// The value's slot on the tape (meaningless for a constant).
    @usableFromInline let slot: Int32

    @inlinable
    init(base: Base, tape: TraceTape<Base>?, slot: Int32) {
        self.base = base
        tapeAddress = tape.map { UInt(bitPattern: Unmanaged.passUnretained($0).toOpaque()) } ?? 0
        #if DEBUG
        tapeKeptAlive = tape
        #endif
        self.slot = slot
    }

    /// A value that does not depend on any input.
    @inlinable
    public init(constant base: Base) { self.init(base: base, tape: nil, slot: -1) }

    @inlinable
    public init(_ integer: Int) { self.init(constant: Base(integer)) }
    @inlinable
    public init(numerator: Int, denominator: Int) throws { self.init(constant: try Base(numerator: numerator, denominator: denominator)) }
    @inlinable
    public init(constant: Double) throws { self.init(constant: try Base(constant: constant)) }

    /// Whether the value depends on a traced input.
    @inlinable
    public var isRecorded: Bool { tapeAddress != 0 }

    /// Marks the trace unreplayable: an operation the tape cannot express was done on this value.
    @inlinable
    public func invalidateTape(_ reason: String) { tape?.invalidate(reason) }

    /// Another base value in this value's place, for an operation that invalidated the tape.
    @inlinable
    public init(replacingBaseOf other: Traced, with base: Base) { self.init(base: base, tape: other.tape, slot: other.slot) }

    // MARK: Recording

    /// The tape two operands share, or nil when both are constants.
    @inlinable
    static func sharedTape(_ a: Traced, _ b: Traced) -> TraceTape<Base>? {
        guard let first = a.tape else { return b.tape }
        if let second = b.tape, second !== first { first.invalidate("two traces met") }
        return first
    }

    @inlinable
    static func unary(_ a: Traced, _ operation: TraceOperation, _ result: Base) -> Traced {
        guard let tape = a.tape else { return Traced(constant: result) }
        return Traced(base: result, tape: tape, slot: tape.recordOperation(operation, a.slot, -1))
    }

    @inlinable
    static func binary(_ a: Traced, _ b: Traced, _ operation: TraceOperation, _ result: Base) -> Traced {
        guard let tape = sharedTape(a, b) else { return Traced(constant: result) }
        return Traced(base: result, tape: tape, slot: tape.recordOperation(operation, tape.slot(of: a), tape.slot(of: b)))
    }

    /// A throwing operation's result; where it throws on a recorded operand, the failure is a
    /// guard (the traced code may catch it and go on another way).
    @inlinable
    static func unary(_ a: Traced, _ operation: TraceOperation, _ result: () throws -> Base) throws -> Traced {
        do {
            return unary(a, operation, try result())
        } catch {
            a.tape?.guardFailure(operation, a.slot, -1)
            throw error
        }
    }

    @inlinable
    static func binary(_ a: Traced, _ b: Traced, _ operation: TraceOperation, _ result: () throws -> Base) throws -> Traced {
        do {
            return binary(a, b, operation, try result())
        } catch {
            if let tape = sharedTape(a, b) { tape.guardFailure(operation, tape.slot(of: a), tape.slot(of: b)) }
            throw error
        }
    }

    // MARK: Arithmetic

    @inlinable
    public static func + (lhs: Traced, rhs: Traced) -> Traced { binary(lhs, rhs, .add, lhs.base + rhs.base) }
    @inlinable
    public static func - (lhs: Traced, rhs: Traced) -> Traced { binary(lhs, rhs, .subtract, lhs.base - rhs.base) }
    @inlinable
    public static func * (lhs: Traced, rhs: Traced) -> Traced { binary(lhs, rhs, .multiply, lhs.base * rhs.base) }
    @inlinable
    public static prefix func - (operand: Traced) -> Traced { unary(operand, .negate, -operand.base) }

    @inlinable
    public func divided(by divisor: Traced) throws -> Traced {
        try Self.binary(self, divisor, .divide) { try base.divided(by: divisor.base) }
    }

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> Traced {
        try Self.unary(self, .elementary(function)) { try base.elementary(function) }
    }

    @inlinable
    public func power(_ exponent: Int) throws -> Traced {
        try Self.unary(self, .integerPower(exponent)) { try base.power(exponent) }
    }

    @inlinable
    public func power(_ exponent: Traced) throws -> Traced {
        try Self.binary(self, exponent, .power) { try base.power(exponent.base) }
    }

    // MARK: Inspection

    /// The trace goes on after a branch on a recorded value (throwing here would send the
    /// evaluation down fallback paths far dearer than finishing it), but cannot be replayed.
    @inlinable
    public func realValue() throws -> Double {
        tape?.invalidate("a branch on a traced value")
        return try base.realValue()
    }

    @inlinable
    public static func pivotChoice(count: Int, _ candidate: (Int) -> Traced) -> Int? {
        let choice = Base.pivotChoice(count: count) { candidate($0).base }
        for i in 0 ..< count {
            guard let tape = candidate(i).tape else { continue }
            tape.guardPivot((0 ..< count).map { candidate($0) }, choice: choice)
            break
        }
        return choice
    }

    @inlinable
    public static func branch(count: Int, _ operand: (Int) -> Traced, _ rule: @escaping BranchRule) throws -> Int {
        let choice = try Base.branch(count: count, { operand($0).base }, rule)
        for i in 0 ..< count {
            guard let tape = operand(i).tape else { continue }
            tape.guardBranch((0 ..< count).map(operand), rule, choice: choice)
            break
        }
        return choice
    }

    @inlinable
    public func isNegative() throws -> Bool { try Self.branch(count: 1, { _ in self }) { $0[0] < 0 ? 1 : 0 } == 1 }

    @inlinable
    public func isPositive() throws -> Bool { try Self.branch(count: 1, { _ in self }) { $0[0] > 0 ? 1 : 0 } == 1 }

    @inlinable
    public func timesSign(of other: Traced) throws -> Traced {
        // A constant sign is no branch of the trace: plain negation or nothing.
        guard other.isRecorded else { return try other.base.isNegative() ? -self : self }
        return Self.binary(self, other, .timesSign, try base.timesSign(of: other.base))
    }

    @inlinable
    public func detachedConstant() throws -> Traced {
        try Self.unary(self, .detachedConstant) { try base.detachedConstant() }
    }

    @inlinable
    public var pivotMagnitude: Double {
        tape?.invalidate("pivoting on a traced value")
        return base.pivotMagnitude
    }

    /// A recorded nonzero value stays "not zero" with no guard: generic code asks only to skip
    /// work (a zero term of a product), and doing that work at an input where the value happens
    /// to be zero gives the same sum. A recorded zero drops work from the program, so it is a
    /// guard: a replay where the value is not zero diverges.
    @inlinable
    public var isZero: Bool {
        let zero = base.isZero
        if zero, let tape { tape.guardZero(self) }
        return zero
    }
}

extension Traced: PolygammaEvaluable where Base: PolygammaEvaluable {
    @inlinable
    public func polygamma(_ order: Int) throws -> Traced {
        try Self.unary(self, .polygamma(order)) { try base.polygamma(order) }
    }
}

/// What generic code asks to learn that it is already inside a trace (traces do not nest).
public protocol TracedScalar {}
extension Traced: TracedScalar {}
/// A derivative taken inside a trace is inside it too: a rule over nodes there would trace its
/// body on duals of traced values, and its refinement, which branches on them, would spoil the
/// outer trace only after evaluating every level in doubly traced arithmetic.
extension Dual: TracedScalar where Base: TracedScalar {}
