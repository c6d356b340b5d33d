/// The programs traced from one computation where their guards went different ways (another
/// pivot row, another sign, one more sweep of an eigen-solver), kept as a tree. A program traced
/// where another diverged at a guard shares every instruction before that guard, so it hangs
/// there: a run that misses a guard goes on from it in the program whose guard passes, with the
/// slots computed so far, instead of starting over or walking the tree of the expression.
public final class GuardedPrograms<Base: Scalar> {
    @usableFromInline
    final class Node {
        @usableFromInline let program: ScalarProgram<Base>
        /// Which program of the set this is, in the order they were added.
        @usableFromInline let index: Int
        /// The programs traced where this one diverged, by the guard's instruction.
        @usableFromInline var branches: [Int: [Node]] = [:]

        // One thread runs a set, so the dynamic exclusivity checks on these buy nothing.
        // Batched runs (`runBatched`): the instructions that read only the batch's inputs, the
        // others, and this program's slots, whose batch part holds the batch `stamp`'s values.
        @usableFromInline let batchInstructions: [Int32]
        @usableFromInline let runInstructions: [Int32]
        @exclusivity(unchecked) @usableFromInline var slots: [Base] = []
        @exclusivity(unchecked) @usableFromInline var stamp = -1
        /// Where this batch's pass stopped at a guard that went another way (no such guard: past the end).
        @exclusivity(unchecked) @usableFromInline var batchEnd = Int.max
        /// The batch whose pass threw.
        @exclusivity(unchecked) @usableFromInline var failedStamp = -1

        @usableFromInline init(_ program: ScalarProgram<Base>, index: Int, batchInputCount: Int) {
            self.program = program
            self.index = index
            if batchInputCount > 0 {
                let varies = program.varies(fromInput: batchInputCount)
                batchInstructions = varies.indices.filter { !varies[$0] }.map { Int32($0) }
                runInstructions = varies.indices.filter { varies[$0] }.map { Int32($0) }
            } else {
                batchInstructions = []
                runInstructions = []
            }
        }
    }

    /// Where a run found no program whose guard passes: the place a program traced at that
    /// input belongs.
    public struct Miss: Error, @unchecked Sendable {
        @usableFromInline let node: Node
        /// The guard's instruction.
        public let instruction: Int
        /// Whether the guard reads only a batch's inputs (`runBatched`): every run of the batch
        /// would miss there.
        public let inBatchPart: Bool

        @usableFromInline init(node: Node, instruction: Int, inBatchPart: Bool = false) {
            self.node = node
            self.instruction = instruction
            self.inBatchPart = inBatchPart
        }
    }

    @usableFromInline let root: Node
    /// How many programs the set holds.
    public private(set) var count = 1
    @usableFromInline var replayCount = 0, missCount = 0
    /// The last run's slots, kept for their storage: a body is run at every node of a rule, and
    /// a fresh array per run cost about as much as a short program's arithmetic.
    @usableFromInline var spareSlots: [Base] = []
    /// Runs that found a program, and runs that missed: what callers weigh a new trace against.
    public var replays: Int { replayCount }
    public var misses: Int { missCount }

    /// Whether runs keep missing (every input goes its own way, as when each pivot order comes
    /// up), so that the caller does better to evaluate without first running a program that
    /// will miss.
    public var keepsMissing: Bool { misses >= 4 && misses > 2 * replays }

    /// How many of the inputs, from the first, stay the same over a batch of runs (0: none).
    public let batchInputCount: Int
    /// The current batch (`beginBatch`).
    public private(set) var batch = 0

    /// With `batchInputCount` above zero, `runBatched` computes what depends only on the first
    /// inputs once per batch (`beginBatch`) instead of at every run.
    public init(_ program: ScalarProgram<Base>, batchInputCount: Int = 0) {
        self.batchInputCount = batchInputCount
        root = Node(program, index: 0, batchInputCount: batchInputCount)
    }

    /// Starts a batch: the batch inputs of the runs that follow may differ from the last ones.
    @discardableResult
    public func beginBatch() -> Int {
        batch += 1
        return batch
    }

    @inlinable
    public var inputCount: Int { root.program.inputCount }

    /// The outputs at these inputs, with the index of the program that computed them. Throws
    /// `Miss` where no program's guards pass, and the operations' own errors. Inlinable, so that
    /// it is specialised for the caller's scalar type like `ScalarProgram.run`.
    @inlinable
    public func run(_ inputs: [Base]) throws -> (outputs: [Base], program: Int) {
        precondition(inputs.count == inputCount, "programs run on the inputs they were traced with")
        var slots = spareSlots
        spareSlots = []
        slots.removeAll(keepingCapacity: true)
        slots.reserveCapacity(root.program.instructions.count)
        defer { spareSlots = slots }
        var node = root
        var start = 0
        runs: while true {
            do {
                try node.program.execute(inputs, &slots, from: start, to: node.program.instructions.count)
                replayCount += 1
                return (node.program.outputs.map { slots[Int($0)] }, node.index)
            } catch let divergence as TraceDivergence {
                let guardInstruction = divergence.instruction
                for candidate in node.branches[guardInstruction] ?? [] {
                    slots.removeSubrange(guardInstruction...)
                    do {
                        try candidate.program.execute(inputs, &slots, from: guardInstruction, to: guardInstruction + 1)
                    } catch is TraceDivergence {
                        continue
                    }
                    node = candidate
                    start = guardInstruction + 1
                    continue runs
                }
                missCount += 1
                throw Miss(node: node, instruction: guardInstruction)
            }
        }
    }

    /// Adds a program traced at an input whose run missed at `miss`. False (and nothing added)
    /// when its instructions before the guard are not those of the program it would hang from,
    /// or when its instruction there is not a guard.
    public func add(_ program: ScalarProgram<Base>, at miss: Miss) -> Bool {
        let prefix = miss.instruction
        let parent = miss.node.program
        guard program.inputCount == inputCount, program.instructions.count > prefix,
              program.instructions[prefix].isGuard, parent.instructions[prefix].isGuard else { return false }
        for i in 0 ..< prefix where program.instructions[i] != parent.instructions[i] { return false }
        miss.node.branches[prefix, default: []].append(Node(program, index: count, batchInputCount: batchInputCount))
        count += 1
        return true
    }
}

extension TraceInstruction {
    /// Whether the instruction checks a branch rather than computing a value.
    public var isGuard: Bool {
        switch operation {
        case .pivotGuard, .branchGuard, .zeroGuard, .failureGuard: return true
        default: return false
        }
    }
}
