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
    private var state: State = .untraced(attemptsLeft: 2)
    /// Whether this rule runs inside a trace (of a link's sides, or of an outer rule's body).
    private let insideTrace: Bool

    private enum State {
        case untraced(attemptsLeft: Int)
        /// The programs traced so far, one per way the body's guards went (both sides of a
        /// kink), with each one's output shapes.
        case replaying(GuardedPrograms<S>, shapes: [[TracedShape]])
        case walking
    }

    init(_ evaluator: Evaluator<S>, variable key: String, bodies: [Expr]) {
        self.evaluator = evaluator
        self.key = key
        self.bodies = bodies
        insideTrace = S.self is any TracedScalar.Type && evaluator.context.tracing
        if !evaluator.context.tracing { state = .walking }
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
        case .replaying(let programs, let shapes):
            let inputs = TracedShape.entries(of: x)
            guard inputs.count == programs.inputCount else { return try walk(at: x) }
            // A domain error goes to the rule, as the walk's would: a rule meets them often in the
            // tails, and walking each such node again costs more than the bodies' own catch
            // sites, which failure guards cover, can win.
            do {
                let (outputs, index) = try programs.run(inputs)
                return TracedShape.unpack(outputs, shapes[index])
            } catch let miss as GuardedPrograms<S>.Miss {
                // Another branch: traced too while few ways have come up (a body's trace costs
                // one node's walk or so), else walked; a body whose every node goes its own way
                // is walked from then on.
                if programs.keepsMissing { state = .walking; return try walk(at: x) }
                if programs.count < 4, let traced = try? trace(at: x) {
                    if programs.add(traced.program, at: miss) { state = .replaying(programs, shapes: shapes + [traced.shapes]) }
                    return traced.values
                }
                return try walk(at: x)
            }
        case .walking:
            return try walk(at: x)
        case .untraced(let attemptsLeft):
            do {
                if let traced = try trace(at: x) {
                    state = .replaying(GuardedPrograms(traced.program), shapes: [traced.shapes])
                    return traced.values
                }
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

    private func walk(at x: Value<S>) throws -> [Value<S>] {
        var inner = evaluator
        inner.values[key] = x
        inner.integers[key] = nil
        return try bodies.map { try inner.evaluate($0) }
    }

    private func trace(at x: Value<S>) throws -> (program: ScalarProgram<S>, shapes: [TracedShape], values: [Value<S>])? {
        try TraceTape<S>.recording { tape in try trace(at: x, on: tape) }
    }

    private func trace(at x: Value<S>, on tape: TraceTape<S>) throws -> (program: ScalarProgram<S>, shapes: [TracedShape], values: [Value<S>])? {
        var inner = Evaluator<Traced<S>>(context: evaluator.context,
                                         bindings: evaluator.values.mapValues { $0.map { Traced(constant: $0) } },
                                         integers: evaluator.integers)
        inner.expanding = evaluator.expanding
        inner.values[key] = x.map { tape.input($0) }
        inner.integers[key] = nil
        let results: [Value<Traced<S>>]
        do {
            results = try bodies.map { try inner.evaluate($0) }
        } catch where tape.invalidation != nil {
            return nil
        }
        let (outputs, shapes) = TracedShape.pack(results)
        guard let program = tape.program(outputs: outputs) else { return nil }
        return (program, shapes, results.map { $0.map { $0.base } })
    }
}

/// Ends a trace at its first rule over nodes (whose refinement would branch on traced values).
struct SideTraceAbandoned: Error {}
