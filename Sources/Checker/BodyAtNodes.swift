import DeriveNumerics
import MathSyntax

/// Bodies (an integrand, an expectation's argument) as functions of one bound variable, for a
/// rule that evaluates them at many nodes: the first node is evaluated on `Traced` scalars, which
/// records a flat `ScalarProgram`, and the other nodes run that program instead of walking the
/// tree again. The program repeats the base type's operations in the evaluator's order, so every
/// node's value (and every domain error) is what the tree walk gives; where the trace branched on
/// the variable (a comparison, |·|, pivoting) every node is walked as before.
final class BodyAtNodes<S: Scalar> {
    private let evaluator: Evaluator<S>
    private let key: String
    private let bodies: [Expr]
    // A rule's nodes run on one thread: the dynamic exclusivity checks on the state it touches
    // per node buy nothing there.
    @exclusivity(unchecked) private var state: State = .untraced(attemptsLeft: 2)
    /// Whether this rule runs inside a trace (of a link's sides, or of an outer rule's body).
    private let insideTrace: Bool
    /// Where the link keeps its body programs, and this body's key there; nil where the rule
    /// traces its own program with the bindings around it folded (no store, or a key whose
    /// bindings cannot be inputs).
    @exclusivity(unchecked) private var shared: (store: BodyProgramStore, key: BodyProgramStore.Key)?
    /// The bindings around the body, in the key's order, and their entries: a shared program's
    /// first inputs, before the variable's.
    private var outer: [(name: String, value: Value<S>)] = []
    private var outerInputs: [S] = []
    /// A shared program's inputs at the current node.
    @exclusivity(unchecked) private var inputBuffer: [S] = []
    /// This rule's batch of a shared program set: its nodes share the bindings around the body.
    @exclusivity(unchecked) private var batch = -1

    private enum State {
        case untraced(attemptsLeft: Int)
        /// The programs traced so far, one per way the body's guards went (both sides of a
        /// kink), with each one's output shapes.
        case replaying(BodyProgramSet<S>)
        case walking
    }

    init(_ evaluator: Evaluator<S>, variable key: String, bodies: [Expr]) {
        self.evaluator = evaluator
        self.key = key
        self.bodies = bodies
        insideTrace = S.self is any TracedScalar.Type && evaluator.context.tracing
        if !evaluator.context.tracing { state = .walking; return }
        guard !insideTrace, let store = evaluator.context.bodyPrograms else { return }
        var around = evaluator.values.dictionary
        around[key] = nil
        // The drawn functions' and densities' coefficients are inputs too, as in a trace of the
        // sides, so that a program does not hold one draw's numbers.
        for (name, function) in evaluator.context.functions where function.family == nil {
            if let c = try? function.coefficients.map({ try S(constant: $0) }) { around[RandomObjects.coefficientKey(name)] = around[RandomObjects.coefficientKey(name)] ?? .matrix(Matrix.column(c)) }
        }
        for (name, density) in evaluator.context.densities {
            if let c = try? density.coefficients.map({ try S(constant: $0) }) { around[RandomObjects.coefficientKey(name)] = around[RandomObjects.coefficientKey(name)] ?? .matrix(Matrix.column(c)) }
        }
        outer = around.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let storeKey = BodyProgramStore.Key(
            scalar: ObjectIdentifier(S.self), bodies: bodies, variable: key,
            outer: outer.map { BodyProgramStore.OuterBinding(name: $0.name, shape: TracedShape(of: $0.value)) },
            integers: evaluator.integers.all, dimensions: evaluator.context.dimensions,
            expanding: evaluator.expanding, seed: evaluator.context.seed)
        switch store[storeKey] {
        case .foldsBindings?:
            return
        case .programs(let set)?:
            guard let set = set as? BodyProgramSet<S> else { return }
            state = .replaying(set)
            batch = set.programs.beginBatch()
        case nil:
            break
        }
        shared = (store, storeKey)
        outerInputs = outer.flatMap { TracedShape.entries(of: $0.value) }
        inputBuffer = outerInputs
    }

    /// Every body at the variable's value `x`.
    func values(at x: Value<S>) throws -> [Value<S>] {
        if insideTrace {
            // Traces do not nest, and this rule refines by branching on the traced values: give
            // the outer trace up now (see `sideTraceAbandoned`).
            evaluator.context.sideTraceAbandoned = true
            throw SideTraceAbandoned()
        }
        // A kink search listens to the branches that the walk reports.
        if evaluator.context.switches != nil { return try walk(at: x) }
        switch state {
        case .replaying(let set):
            let inputs: [S]
            if shared == nil {
                inputs = TracedShape.entries(of: x)
            } else {
                // The bindings' entries stay; the variable's replace the last node's in place.
                inputBuffer.replaceSubrange(outerInputs.count..., with: TracedShape.entries(of: x))
                inputs = inputBuffer
            }
            guard inputs.count == set.programs.inputCount else { return try walk(at: x) }
            // A domain error goes to the rule, as the walk's would: a rule meets them often in the
            // tails, and walking each such node again costs more than the bodies' own catch
            // sites, which failure guards cover, can win.
            // Another rule's nodes ran the set since this one's last (a rule inside this one's
            // body with the same key): the bindings around the body may differ again.
            if shared != nil, set.programs.batch != batch { batch = set.programs.beginBatch() }
            do {
                let (outputs, index) = try set.run(inputs)
                return TracedShape.unpack(outputs, set.shapes[index])
            } catch is BatchFailure {
                // What depends only on the bindings threw: the walk decides what that gives.
                return try walk(at: x)
            } catch let miss as GuardedPrograms<S>.Miss {
                // Another branch: traced too while few ways have come up (a body's trace costs
                // one node's walk or so), else walked; a body whose every node goes its own way
                // is walked from then on.
                if miss.inBatchPart, let (store, key) = shared {
                    // The bindings around the body branch (a pivot row of a covariance, an
                    // eigen-solver's sweeps): a program folding them serves this rule's nodes
                    // without guards on them, here and wherever the key comes again.
                    store[key] = .foldsBindings
                    shared = nil
                    state = .untraced(attemptsLeft: 2)
                    return try values(at: x)
                }
                if set.programs.keepsMissing { state = .walking; return try walk(at: x) }
                if set.programs.count < 4, let traced = try? trace(at: x, bindingsAsInputs: shared != nil) {
                    _ = set.add(traced.program, shapes: traced.shapes, at: miss)
                    return traced.values
                }
                return try walk(at: x)
            }
        case .walking:
            return try walk(at: x)
        case .untraced(let attemptsLeft):
            do {
                if shared != nil {
                    if let traced = try trace(at: x, bindingsAsInputs: true) { return begin(traced) }
                    // A branch on a binding (or a drawn function folded): the rule traces with
                    // the bindings as constants, here and wherever the key comes again.
                    shared.map { $0.store[$0.key] = .foldsBindings }
                    shared = nil
                }
                if let traced = try trace(at: x, bindingsAsInputs: false) { return begin(traced) }
                // The trace branched on the variable: no program can stand for the body.
                state = .walking
            } catch is SideTraceAbandoned {
                // A rule inside the body: no program can stand for it.
                state = .walking
            } catch {
                // The walk decides what this node gives; a later node may still trace.
                state = attemptsLeft > 1 ? .untraced(attemptsLeft: attemptsLeft - 1) : .walking
            }
            return try walk(at: x)
        }
    }

    /// Replays from now on the first program traced, kept in the link's store where it takes
    /// the bindings as inputs.
    private func begin(_ traced: (program: ScalarProgram<S>, shapes: [TracedShape], values: [Value<S>])) -> [Value<S>] {
        let set = BodyProgramSet(traced.program, shapes: traced.shapes, batchInputCount: shared == nil ? 0 : outerInputs.count)
        batch = set.programs.batch
        state = .replaying(set)
        shared.map { $0.store[$0.key] = .programs(set) }
        return traced.values
    }

    private func walk(at x: Value<S>) throws -> [Value<S>] {
        var inner = evaluator
        inner.values[key] = x
        inner.integers[key] = nil
        return try bodies.map { try inner.evaluate($0) }
    }

    private func trace(at x: Value<S>, bindingsAsInputs: Bool) throws -> (program: ScalarProgram<S>, shapes: [TracedShape], values: [Value<S>])? {
        try TraceTape<S>.recording { tape in try trace(at: x, bindingsAsInputs: bindingsAsInputs, on: tape) }
    }

    /// The body traced at `x`, with the bindings around it as the first inputs (in `outer`'s
    /// order) or as constants; nil where the program could not be replayed.
    private func trace(at x: Value<S>, bindingsAsInputs: Bool, on tape: TraceTape<S>) throws
        -> (program: ScalarProgram<S>, shapes: [TracedShape], values: [Value<S>])? {
        let bindings: Bindings<Value<Traced<S>>>
        if bindingsAsInputs {
            var values: [String: Value<Traced<S>>] = [:]
            for (name, value) in outer { values[name] = value.map { tape.input($0) } }
            bindings = Bindings(values)
        } else {
            bindings = evaluator.values.mapValues { $0.map { Traced(constant: $0) } }
        }
        var inner = Evaluator<Traced<S>>(context: evaluator.context, bindings: bindings, integers: evaluator.integers)
        inner.expanding = evaluator.expanding
        inner.values[key] = x.map { tape.input($0) }
        inner.integers[key] = nil
        let context = evaluator.context
        let foldedBefore = context.foldedRandomObjects
        context.foldedRandomObjects = false
        defer { context.foldedRandomObjects = context.foldedRandomObjects || foldedBefore }
        let results: [Value<Traced<S>>]
        do {
            results = try bodies.map { try inner.evaluate($0) }
        } catch where tape.invalidation != nil {
            return nil
        }
        // A program that folded a drawn function's numbers holds only for this draw: not for
        // the link's other points.
        if bindingsAsInputs, context.foldedRandomObjects { return nil }
        let (outputs, shapes) = TracedShape.pack(results)
        guard let program = tape.program(outputs: outputs) else { return nil }
        return (program, shapes, results.map { $0.map { $0.base } })
    }
}

/// Ends a trace at its first rule over nodes (whose refinement would branch on traced values).
struct SideTraceAbandoned: Error {}
