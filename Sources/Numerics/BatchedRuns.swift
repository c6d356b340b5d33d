/// Thrown by a batched run where the part of a program that depends only on the batch's inputs
/// threw: the order of the operations then differs from the traced evaluation's, so the error
/// need not be the one that evaluation would give, and the caller evaluates the slow way.
public struct BatchFailure: Error {
    public init() {}
}

extension ScalarProgram {
    /// For each instruction, whether it depends on an input at `first` or later (a guard: on
    /// any of its operands).
    public func varies(fromInput first: Int) -> [Bool] {
        var varies = [Bool](repeating: false, count: instructions.count)
        for (i, instruction) in instructions.enumerated() {
            let a = Int(instruction.left), b = Int(instruction.right)
            switch instruction.operation {
            case .input(let k):
                varies[i] = k >= first
            case .constant:
                varies[i] = false
            case .pivotGuard, .branchGuard:
                varies[i] = (0 ..< b).contains { varies[Int(guardOperands[a + $0])] }
            default:
                varies[i] = (a >= 0 && varies[a]) || (b >= 0 && varies[b])
            }
        }
        return varies
    }

    /// Runs the listed instructions that lie in `start ..< end`, in order, on slots already as
    /// long as the program; a guard that fails throws `TraceDivergence` with its instruction.
    @inlinable
    func execute(_ inputs: [Base], _ slots: inout [Base], listed: [Int32], from start: Int, to end: Int) throws {
        var position = listed.partitioningIndex { Int($0) >= start }
        try instructions.withUnsafeBufferPointer { instructions in
            try slots.withUnsafeMutableBufferPointer { slots in
                while position < listed.count {
                    let i = Int(listed[position])
                    if i >= end { break }
                    let instruction = instructions[i]
                    do {
                        slots[i] = try result(of: instruction.operation, Int(instruction.left), Int(instruction.right), inputs, slots)
                    } catch is TraceDivergence {
                        throw TraceDivergence(instruction: i)
                    }
                    position += 1
                }
            }
        }
    }
}

extension Array where Element == Int32 {
    /// The first index whose element satisfies `belongs`, for a predicate false then true along the array.
    @inlinable
    func partitioningIndex(where belongs: (Int32) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension GuardedPrograms {
    /// The outputs at these inputs, as `run` gives them, computing the instructions that depend
    /// only on the first `batchInputCount` inputs once per batch: a rule's body at each node of
    /// the rule, whose bindings around it (a covariance's square root, say) stay the same over
    /// the nodes. Each program keeps its own slots, whose batch part is filled at its first run
    /// in a batch; the run part is written at every run before it is read (single assignment).
    /// Throws `Miss` where no program's guards pass, `BatchFailure` where the batch part threw,
    /// and the run part's own errors (those of the traced evaluation: the batch part went through).
    @inlinable
    public func runBatched(_ inputs: [Base]) throws -> (outputs: [Base], program: Int) {
        precondition(inputs.count == inputCount && batchInputCount > 0, "programs run on the inputs they were traced with")
        var node = root
        var start = 0
        while true {
            try prepare(node, from: start, inputs)
            let count = node.program.instructions.count
            let end = min(count, node.batchEnd)
            var divergedAt = end
            do {
                try node.program.execute(inputs, &node.slots, listed: node.runInstructions, from: start, to: end)
            } catch let divergence as TraceDivergence {
                divergedAt = divergence.instruction
            }
            if divergedAt == count {
                replayCount += 1
                return (node.program.outputs.map { node.slots[Int($0)] }, node.index)
            }
            guard let next = try candidate(after: node, at: divergedAt, inputs) else {
                missCount += 1
                throw Miss(node: node, instruction: divergedAt, inBatchPart: divergedAt == node.batchEnd)
            }
            node = next
            start = divergedAt + 1
        }
    }

    /// Fills the batch part of a program's slots from `start` on, once per batch.
    @inlinable
    func prepare(_ node: Node, from start: Int, _ inputs: [Base]) throws {
        if node.failedStamp == batch { throw BatchFailure() }
        guard node.stamp != batch else { return }
        if node.slots.count != node.program.instructions.count {
            node.slots = [Base](repeating: Base(0), count: node.program.instructions.count)
        }
        node.batchEnd = .max
        do {
            try node.program.execute(inputs, &node.slots, listed: node.batchInstructions, from: start, to: node.program.instructions.count)
        } catch let divergence as TraceDivergence {
            node.batchEnd = divergence.instruction
        } catch {
            node.failedStamp = batch
            throw BatchFailure()
        }
        node.stamp = batch
    }

    /// The program hanging from `node` at the guard `instruction` whose guard passes here, with
    /// the slots before the guard carried over; nil where none does.
    @inlinable
    func candidate(after node: Node, at instruction: Int, _ inputs: [Base]) throws -> Node? {
        for candidate in node.branches[instruction] ?? [] {
            if candidate.slots.count != candidate.program.instructions.count {
                candidate.slots = [Base](repeating: Base(0), count: candidate.program.instructions.count)
            }
            for i in 0 ..< instruction { candidate.slots[i] = node.slots[i] }
            // The candidate's batch part after the guard is its own; before it, the slots just
            // carried over (the programs share those instructions).
            if candidate.stamp != batch {
                do { try prepare(candidate, from: instruction, inputs) } catch is BatchFailure { continue }
            }
            if candidate.batchEnd == instruction { continue }
            do {
                try candidate.program.execute(inputs, &candidate.slots, listed: candidate.runInstructions, from: instruction, to: instruction + 1)
            } catch is TraceDivergence {
                continue
            }
            return candidate
        }
        return nil
    }
}
