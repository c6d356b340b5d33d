import DeriveNumerics
import MathSyntax

/// The programs of a link's rule bodies, kept for the whole link: a program traced with the
/// bindings around the body (the point's variables, an outer rule's node, a function's
/// arguments) as inputs, besides the rule's own variable, serves every later evaluation of the
/// same body, at the link's other points and at the other nodes of an outer rule, where a
/// program that folded those bindings as constants had to be traced again each time. What a
/// program still folds (the dimension setting, whole numbers, the seed, the bodies themselves)
/// is its key; a trace that folds a generic function's drawn numbers is not kept here.
final class BodyProgramStore {
    /// Everything a body's program folds besides its inputs.
    struct Key: Hashable {
        var scalar: ObjectIdentifier
        var bodies: [Expr]
        var variable: String
        /// The bindings around the body that are the program's first inputs, by name, with shapes.
        var outer: [OuterBinding]
        var integers: [String: Int]
        var dimensions: [String: Int]
        var expanding: [String]
        var seed: UInt64
    }

    struct OuterBinding: Hashable {
        var name: String
        var shape: TracedShape
    }

    /// What is known of a key.
    enum Entry {
        /// The programs traced so far for it (a `BodyProgramSet` of the key's scalar type).
        case programs(AnyObject)
        /// A trace with the bindings as inputs could not be replayed (it branched on one of
        /// them, or folded a drawn function): each evaluation traces with them as constants.
        case foldsBindings
    }

    private var entries: [Key: Entry] = [:]

    subscript(key: Key) -> Entry? {
        get { entries[key] }
        set { entries[key] = newValue }
    }
}

/// The programs of one body, one per way its guards went, with each one's output shapes.
final class BodyProgramSet<S: Scalar> {
    let programs: GuardedPrograms<S>
    private(set) var shapes: [[TracedShape]]

    /// `batchInputCount`: how many first inputs are the bindings around the body, which stay
    /// the same over the nodes of one rule (see `GuardedPrograms.runBatched`).
    init(_ program: ScalarProgram<S>, shapes: [TracedShape], batchInputCount: Int) {
        programs = GuardedPrograms(program, batchInputCount: batchInputCount)
        self.shapes = [shapes]
    }

    /// The outputs at these inputs, batched where the set has batch inputs.
    func run(_ inputs: [S]) throws -> (outputs: [S], program: Int) {
        programs.batchInputCount > 0 ? try programs.runBatched(inputs) : try programs.run(inputs)
    }

    /// Hangs a program traced where a run missed; false where it does not fit there.
    func add(_ program: ScalarProgram<S>, shapes: [TracedShape], at miss: GuardedPrograms<S>.Miss) -> Bool {
        guard programs.add(program, at: miss) else { return false }
        self.shapes.append(shapes)
        return true
    }
}
