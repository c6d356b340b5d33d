/// Thrown by a program run whose input took a branch other than the traced one: the caller
/// evaluates that input the slow way.
public struct TraceDivergence: Error {
    /// The guard's instruction (−1 where not known).
    public let instruction: Int
    public init(instruction: Int = -1) { self.instruction = instruction }
}

/// One operation of a traced computation.
public enum TraceOperation: Sendable, Equatable {
    /// The k-th input.
    case input(Int)
    /// The k-th constant of the program.
    case constant(Int)
    case add, subtract, multiply, negate, divide, power
    /// The left operand times the sign of the right (`Scalar.timesSign(of:)`).
    case timesSign
    case elementary(ElementaryFunction)
    case integerPower(Int)
    case polygamma(Int)
    /// The operand's real value as a constant (`Scalar.detachedConstant`).
    case detachedConstant
    /// Partial pivoting chose this candidate (−1: none, all zero) among the guard operands
    /// `left ..< left + right`: a run that would choose another diverges.
    case pivotGuard(choice: Int)
    /// The program's k-th branch rule picked `choice` from the guard operands `left ..< left +
    /// right`: a run where it picks another diverges.
    case branchGuard(rule: Int, choice: Int)
    /// The operand `left` was exactly zero: a run where it is not diverges.
    case zeroGuard
    /// The program's k-th failed operation threw here (a division by a value indistinguishable
    /// from zero, say) and the traced code caught it: a run where it does not throw diverges.
    /// (An index, not the operation itself: an indirect case would make every instruction a
    /// reference-counted value.)
    case failureGuard(Int)
}

/// An operation with its operands' slots (−1 where it has fewer than two); its result goes to
/// the next slot, so that a program is in single-assignment form and slot i is instruction i.
public struct TraceInstruction: Sendable, Equatable {
    public var operation: TraceOperation
    public var left: Int32
    public var right: Int32

    @inlinable
    public init(operation: TraceOperation, left: Int32, right: Int32) {
        self.operation = operation
        self.left = left
        self.right = right
    }
}

/// Where a traced computation is written down while it runs. Reference type, shared by every
/// `Traced` value of one trace (which do not keep it alive: see `recording(_:)`); a trace is
/// made by one thread and discarded after it is read.
public final class TraceTape<Base: Scalar>: @unchecked Sendable {
    // One thread writes a tape and every write is a short append, so the dynamic exclusivity
    // checks that a class's stored properties otherwise get on each access buy nothing.
    @exclusivity(unchecked) @usableFromInline var instructions: [TraceInstruction] = []
    @exclusivity(unchecked) @usableFromInline var constants: [Base] = []
    @exclusivity(unchecked) @usableFromInline var inputCount = 0
    @exclusivity(unchecked) @usableFromInline var guardOperands: [Int32] = []
    @usableFromInline var branchRules: [BranchRule] = []
    @usableFromInline var failedOperations: [TraceOperation] = []
    /// Why the recorded program cannot be replayed, when it cannot.
    public private(set) var invalidation: String?
    /// Set once `recording` returns; only debug builds look (their values keep the tape alive).
    @usableFromInline var isClosed = false
    /// The slots of the operations and constants recorded so far, by content.
    @exclusivity(unchecked) @usableFromInline var slotsByContent = SlotTable()

    public init() {}

    /// Runs `body` with a new tape, alive until `body` returns: a `Traced` value does not keep
    /// its tape alive, so a trace's values must not be used after this (their bases may).
    public static func recording<Result>(_ body: (TraceTape) throws -> Result) rethrows -> Result {
        let tape = TraceTape()
        defer { tape.isClosed = true }
        return try withExtendedLifetime(tape) { try body(tape) }
    }

    /// A fresh input slot holding `value` for this run.
    @inlinable
    public func input(_ value: Base) -> Traced<Base> {
        let slot = record(.input(inputCount), -1, -1)
        inputCount += 1
        return Traced(base: value, tape: self, slot: slot)
    }

    @inlinable
    func record(_ operation: TraceOperation, _ left: Int32, _ right: Int32) -> Int32 {
        assert(!isClosed, "a traced value was used after its trace ended")
        instructions.append(TraceInstruction(operation: operation, left: left, right: right))
        return Int32(instructions.count - 1)
    }

    /// The slot of an operation's result: the slot of the same operation on the same slots
    /// where one was recorded (its result is the same at every input), else a new one.
    @inlinable
    func recordOperation(_ operation: TraceOperation, _ left: Int32, _ right: Int32) -> Int32 {
        guard let code = operation.contentCode else { return record(operation, left, right) }
        let instruction = TraceInstruction(operation: operation, left: left, right: right)
        let hash = SlotTable.hash(code, UInt64(UInt32(bitPattern: left)), UInt64(UInt32(bitPattern: right)))
        if let slot = slotsByContent.slot(hash: hash, matches: { instructions[Int($0)] == instruction }) { return slot }
        let slot = record(operation, left, right)
        slotsByContent.insert(slot, hash: hash)
        return slot
    }

    /// The slot of an operand, recording a constant where it has none (the slot of a constant
    /// with the same bits where one was recorded; bits, not value: 0 and −0 differ).
    @inlinable
    func slot(of value: Traced<Base>) -> Int32 {
        if value.isRecorded { return value.slot }
        guard _isPOD(Base.self) else { return recordConstant(value.base) }
        let hash = Self.bitsHash(value.base)
        let found = slotsByContent.slot(hash: hash) { slot in
            guard case .constant(let k) = instructions[Int(slot)].operation else { return false }
            return Self.sameBits(constants[k], value.base)
        }
        if let found { return found }
        let slot = recordConstant(value.base)
        slotsByContent.insert(slot, hash: hash)
        return slot
    }

    @inlinable
    func recordConstant(_ value: Base) -> Int32 {
        constants.append(value)
        return record(.constant(constants.count - 1), -1, -1)
    }

    @inlinable
    static func bitsHash(_ value: Base) -> UInt64 {
        withUnsafeBytes(of: value) { bytes in
            var hash: UInt64 = 0xC0
            var i = 0
            while i + 8 <= bytes.count {
                hash = SlotTable.hash(hash, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0xC0)
                i += 8
            }
            while i < bytes.count {
                hash = SlotTable.hash(hash, UInt64(bytes[i]), 0xC1)
                i += 1
            }
            return hash
        }
    }

    /// Whether two plain values have the same bytes (padding included, so that equal values may
    /// differ: a missed reuse, never a wrong one).
    @inlinable
    static func sameBits(_ a: Base, _ b: Base) -> Bool {
        withUnsafeBytes(of: a) { x in withUnsafeBytes(of: b) { y in x.elementsEqual(y) } }
    }

    /// Records partial pivoting's choice among `candidates` as a guard.
    @usableFromInline
    func guardPivot(_ candidates: [Traced<Base>], choice: Int?) {
        let start = guardOperands.count
        for candidate in candidates { guardOperands.append(slot(of: candidate)) }
        _ = record(.pivotGuard(choice: choice ?? -1), Int32(start), Int32(candidates.count))
    }

    /// Records a branch's choice among `operands` as a guard.
    @usableFromInline
    func guardBranch(_ operands: [Traced<Base>], _ rule: @escaping BranchRule, choice: Int) {
        let start = guardOperands.count
        for operand in operands { guardOperands.append(slot(of: operand)) }
        branchRules.append(rule)
        _ = record(.branchGuard(rule: branchRules.count - 1, choice: choice), Int32(start), Int32(operands.count))
    }

    /// Records that `operation` threw on these operands, where generic code may catch it.
    @usableFromInline
    func guardFailure(_ operation: TraceOperation, _ left: Int32, _ right: Int32) {
        failedOperations.append(operation)
        _ = record(.failureGuard(failedOperations.count - 1), left, right)
    }

    /// Records that a recorded value was exactly zero.
    @usableFromInline
    func guardZero(_ value: Traced<Base>) {
        _ = record(.zeroGuard, value.slot, -1)
    }

    public func invalidate(_ reason: String) {
        assert(!isClosed, "a traced value was used after its trace ended")
        if invalidation == nil { invalidation = reason }
    }

    /// The program computing `outputs` from the inputs, or nil when the trace was invalidated.
    public func program(outputs: [Traced<Base>]) -> ScalarProgram<Base>? {
        guard invalidation == nil else { return nil }
        let slots = outputs.map { slot(of: $0) }
        return ScalarProgram(instructions: instructions, constants: constants, guardOperands: guardOperands,
                             branchRules: branchRules, failedOperations: failedOperations, inputCount: inputCount, outputs: slots)
    }
}

/// A straight-line program recorded by a trace: the same operations of the base type, in the same
/// order, so that a run gives bit for bit what evaluating the traced body at those inputs gives,
/// domain errors included (they are thrown by the same operation). Guards check that the run
/// takes the traced branches (pivot rows, branch rules, zero tests, caught failures); where one
/// does not, the run throws `TraceDivergence`. A class, not a struct: a program is run at every
/// node of a rule, and each run's copy of a struct retained and released all seven arrays.
public final class ScalarProgram<Base: Scalar>: Sendable {
    public let instructions: [TraceInstruction]
    public let constants: [Base]
    public let inputCount: Int
    public let outputs: [Int32]
    public let guardOperands: [Int32]
    public let branchRules: [BranchRule]
    public let failedOperations: [TraceOperation]

    public init(instructions: [TraceInstruction], constants: [Base], guardOperands: [Int32], branchRules: [BranchRule] = [],
                failedOperations: [TraceOperation] = [], inputCount: Int, outputs: [Int32]) {
        self.instructions = instructions
        self.constants = constants
        self.guardOperands = guardOperands
        self.branchRules = branchRules
        self.failedOperations = failedOperations
        self.inputCount = inputCount
        self.outputs = outputs
    }

    /// The outputs at these inputs.
    @inlinable
    public func run(_ inputs: [Base]) throws -> [Base] {
        precondition(inputs.count == inputCount, "a program runs on the inputs it was traced with")
        var slots = [Base]()
        slots.reserveCapacity(instructions.count)
        try execute(inputs, &slots, from: 0, to: instructions.count)
        return outputs.map { slots[Int($0)] }
    }

    /// Runs the instructions `start ..< end` after `slots` holds the results of those before;
    /// a guard that fails throws `TraceDivergence` with its instruction, leaving the slots
    /// before it in place.
    @inlinable
    public func execute(_ inputs: [Base], _ slots: inout [Base], from start: Int, to end: Int) throws {
        precondition(slots.count >= start && end <= instructions.count, "a run goes on from the slots it has")
        // The slots are written in place, not appended: an append per instruction checks the
        // array's uniqueness and capacity, which cost about as much as the arithmetic.
        if slots.count > start { slots.removeSubrange(start...) }
        slots.append(contentsOf: repeatElement(Base(0), count: end - start))
        var reached = start
        do {
            try instructions.withUnsafeBufferPointer { instructions in
                try slots.withUnsafeMutableBufferPointer { slots in
                    var i = start
                    while i < end {
                        reached = i
                        let instruction = instructions[i]
                        slots[i] = try result(of: instruction.operation, Int(instruction.left), Int(instruction.right), inputs, slots)
                        i += 1
                    }
                }
            }
        } catch is TraceDivergence {
            slots.removeSubrange(reached...)
            throw TraceDivergence(instruction: reached)
        } catch {
            slots.removeSubrange(reached...)
            throw error
        }
    }

    /// One instruction's result from the slots before it.
    @inlinable @inline(__always)
    func result(of operation: TraceOperation, _ a: Int, _ b: Int, _ inputs: [Base], _ slots: UnsafeMutableBufferPointer<Base>) throws -> Base {
        let result: Base
        switch operation {
        case .input(let k): result = inputs[k]
        case .constant(let k): result = constants[k]
        case .add: result = slots[a] + slots[b]
        case .subtract: result = slots[a] - slots[b]
        case .multiply: result = slots[a] * slots[b]
        case .negate: result = -slots[a]
        case .timesSign: result = try slots[a].timesSign(of: slots[b])
        case .divide: result = try slots[a].divided(by: slots[b])
        case .power: result = try slots[a].power(slots[b])
        case .elementary(let function): result = try slots[a].elementary(function)
        case .integerPower(let k): result = try slots[a].power(k)
        case .detachedConstant: result = try slots[a].detachedConstant()
        case .polygamma(let order):
            guard let evaluable = slots[a] as? any PolygammaEvaluable else {
                throw ScalarError.notRational("polygamma of \(Base.self)")
            }
            result = try evaluable.polygamma(order) as! Base
        case .pivotGuard(let choice):
            guard (Base.pivotChoice(count: b, { slots[Int(guardOperands[a + $0])] }) ?? -1) == choice else {
                throw TraceDivergence()
            }
            result = Base(0)
        case .branchGuard(let rule, let choice):
            guard try Base.branch(count: b, { slots[Int(guardOperands[a + $0])] }, branchRules[rule]) == choice else {
                throw TraceDivergence()
            }
            result = Base(0)
        case .zeroGuard:
            guard slots[a].isZero else { throw TraceDivergence() }
            result = Base(0)
        case .failureGuard(let k):
            if try succeeds(failedOperations[k], a, b, inputs, slots) { throw TraceDivergence() }
            result = Base(0)
        }
        return result
    }

    /// Whether an operation that failed in the trace goes through on this run's slots.
    @inlinable @inline(never)
    func succeeds(_ operation: TraceOperation, _ a: Int, _ b: Int, _ inputs: [Base], _ slots: UnsafeMutableBufferPointer<Base>) throws -> Bool {
        (try? result(of: operation, a, b, inputs, slots)) != nil
    }
}
