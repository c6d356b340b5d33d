import DeriveNumerics
import MathSyntax

/// Both sides of a link as one program of the sample point: traced at the first point of a
/// dimension setting and replayed at the others (and at every point of the local search), so that
/// a link is walked as a tree once per setting rather than once per point. The program's inputs
/// are the point's entries; what it folded as constants must be the same at every point it runs
/// at, so programs are kept per dimension setting, per whole-number values and per drawn generic
/// function or density (the local search moves values only, so it keeps the start's functions).
/// Where the trace branched on a value of the point, each point is walked as before.
final class SidePrograms {
    private let lhs: Expr
    private let rhs: Expr
    private var entries: [Key: Entry] = [:]

    private struct Key: Hashable {
        var dimensions: [String: Int]
        var integers: [String: Int]
        /// The drawn numbers of the point's generic functions and densities, for a program that
        /// holds them as constants; for one that takes them as inputs, only the seeds of families
        /// (whose members are drawn where they are used).
        var randomObjects: [Double]
    }

    /// One input block: a variable's entries, or a random object's coefficients.
    private enum InputBlock {
        case variable(String, TracedShape)
        case function(String, count: Int)
        case density(String, count: Int)
    }

    private enum Entry {
        case program(ScalarProgram<Bounded>, layout: [InputBlock], shapes: [TracedShape], methods: Set<CheckMethod>)
        /// Seen once: a trace costs a few walks, so it is made only where a second point comes.
        case seenOnce
        /// The trace threw; one more try.
        case failedOnce
        /// The trace branched on a value of the point, or failed twice.
        case walking
    }

    /// Set once a trace branched on the point: the sides' structure is the same at every key, so
    /// no other key is traced either.
    private var branches = false
    /// Set once a trace folded a random object's numbers: its programs are then kept per draw.
    private var foldsRandomObjects = false

    init(lhs: Expr, rhs: Expr) {
        self.lhs = lhs
        self.rhs = rhs
    }

    typealias Bounded = ErrorBounded<Double>

    /// Both sides at `point`, as `LinkChecker.sides` gives them, with the context that
    /// evaluated them (whose `methodsUsed` a replay copies from its trace).
    func sides(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> (Value<Bounded>, Value<Bounded>, EvaluationContext) {
        guard checker.options.tracing else { return try walk(point, dimensions, checker: checker) }
        let general = Key(dimensions: dimensions, integers: point.integers, randomObjects: Self.familySeeds(point))
        // Programs that fold a draw's numbers exist only once a trace has folded them.
        let specific = foldsRandomObjects
            ? Key(dimensions: dimensions, integers: point.integers, randomObjects: Self.drawnNumbers(point)) : nil
        for key in [general, specific].compactMap({ $0 }) {
            if case .program(let program, let layout, let shapes, let methods)? = entries[key],
               let bindings = Self.bindings(point, layout) {
                let inputs = bindings.flatMap { TracedShape.entries(of: $0.value) }
                guard inputs.count == program.inputCount else { continue }
                do {
                    let values = TracedShape.unpack(try program.run(inputs), shapes)
                    let context = checker.context(for: point, dimensions: dimensions, salt: 0)
                    context.methodsUsed = methods
                    return (values[0], values[1], context)
                } catch is TraceDivergence {
                    break
                }
            }
        }
        let key = specific ?? general
        switch entries[key] {
        case nil:
            entries[key] = .seenOnce
        case .seenOnce?, .failedOnce?:
            guard !branches else { entries[key] = .walking; break }
            let earlier = entries[key]
            do {
                if let traced = try trace(point, dimensions, checker: checker) {
                    if traced.folded {
                        foldsRandomObjects = true
                        entries[Key(dimensions: dimensions, integers: point.integers, randomObjects: Self.drawnNumbers(point))] = traced.entry
                    } else {
                        entries[general] = traced.entry
                    }
                    return traced.sides
                }
                entries[key] = .walking
                branches = true
            } catch {
                if case .seenOnce? = earlier { entries[key] = .failedOnce } else { entries[key] = .walking }
            }
        case .program?, .walking?:
            break
        }
        return try walk(point, dimensions, checker: checker)
    }

    private func walk(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> (Value<Bounded>, Value<Bounded>, EvaluationContext) {
        try checker.sides(checker.lift(point), dimensions, lhs: lhs, rhs: rhs)
    }

    private func trace(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> (entry: Entry, folded: Bool, sides: (Value<Bounded>, Value<Bounded>, EvaluationContext))? {
        let tape = TraceTape<Bounded>()
        let layout = Self.layout(point)
        guard let bindings = Self.bindings(point, layout) else { return nil }
        var values: [String: Value<Traced<Bounded>>] = [:]
        for (key, value) in bindings { values[key] = value.map { tape.input($0) } }
        let context = checker.context(for: point, dimensions: dimensions, salt: 0)
        let evaluator = Evaluator<Traced<Bounded>>(context: context, values: values, integers: point.integers)
        let left: Value<Traced<Bounded>>, right: Value<Traced<Bounded>>
        do {
            (left, right) = checker.broadcastZero(try evaluator.evaluate(lhs), try evaluator.evaluate(rhs), lhs: lhs, rhs: rhs)
        } catch where tape.invalidation != nil || context.sideTraceAbandoned {
            return nil
        }
        let (outputs, shapes) = TracedShape.pack([left, right])
        guard !context.sideTraceAbandoned, let program = tape.program(outputs: outputs) else { return nil }
        let results = TracedShape.unpack(outputs.map(\.base), shapes)
        return (.program(program, layout: layout, shapes: shapes, methods: context.methodsUsed), context.foldedRandomObjects,
                (results[0], results[1], context))
    }

    /// The variables in name order, then the coefficients of the functions and densities (a
    /// family has none: its members are drawn where they are used).
    private static func layout(_ point: SamplePoint<Double>) -> [InputBlock] {
        point.values.keys.sorted().map { InputBlock.variable($0, TracedShape(of: point.values[$0]!)) }
            + point.functions.keys.sorted().compactMap { key in
                let function = point.functions[key]!
                return function.family == nil ? .function(key, count: function.coefficientCount) : nil
            }
            + point.densities.keys.sorted().map { .density($0, count: point.densities[$0]!.coefficientCount) }
    }

    /// Each block's binding with its value made as the walk makes it (variables lifted with no
    /// error, coefficients as constants), in the layout's order: a program's inputs are their
    /// entries. Nil when the point's variables, shapes or random objects are not the layout's.
    private static func bindings(_ point: SamplePoint<Double>, _ layout: [InputBlock]) -> [(key: String, value: Value<Bounded>)]? {
        var bindings: [(key: String, value: Value<Bounded>)] = []
        var variables = 0
        for block in layout {
            switch block {
            case .variable(let key, let shape):
                guard let value = point.values[key], TracedShape(of: value) == shape else { return nil }
                bindings.append((key, value.map { Bounded(value: $0, error: 0) }))
                variables += 1
            case .function(let key, let count):
                guard let function = point.functions[key], function.family == nil, function.coefficientCount == count else { return nil }
                bindings.append((RandomObjects.coefficientKey(key), .matrix(Matrix.column(function.coefficients.map { Bounded(constant: $0) }))))
            case .density(let key, let count):
                guard let density = point.densities[key], density.coefficientCount == count else { return nil }
                bindings.append((RandomObjects.coefficientKey(key), .matrix(Matrix.column(density.coefficients.map { Bounded(constant: $0) }))))
            }
        }
        return variables == point.values.count ? bindings : nil
    }

    private static func familySeeds(_ point: SamplePoint<Double>) -> [Double] {
        point.functions.keys.sorted().compactMap { key in point.functions[key]!.family.map { Double(bitPattern: $0.seed) } }
    }

    /// Every drawn number of the point's generic functions and densities (a family: its seed).
    private static func drawnNumbers(_ point: SamplePoint<Double>) -> [Double] {
        point.functions.keys.sorted().flatMap { key in
            point.functions[key]!.family.map { [Double(bitPattern: $0.seed)] } ?? point.functions[key]!.coefficients
        } + point.densities.keys.sorted().flatMap { point.densities[$0]!.coefficients }
    }
}
