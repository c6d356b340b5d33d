import DeriveNumerics
import MathSyntax

/// Both sides of a link as one program of the sample point: traced at the first point of a
/// dimension setting and replayed at the others (and at every point of the local search), so that
/// a link is walked as a tree once per setting rather than once per point. The program's inputs
/// are the point's entries; what it folded as constants must be the same at every point it runs
/// at, so programs are kept per dimension setting, per whole-number values and per drawn generic
/// function or density (the local search moves values only, so it keeps the start's functions).
/// Where the guards of a program (pivot rows, signs, sweeps) go another way at a point, that way
/// is traced too and kept beside it (`GuardedPrograms`); where the trace branched on a value of
/// the point outside a guard, each point is walked as before.
final class SidePrograms {
    private let lhs: Expr
    private let rhs: Expr
    /// How many points each dimension setting gets: a setting of three or more traces its first
    /// point at once (a walk first would be thrown away by the trace at the second).
    private let pointsPerSetting: Int
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
    private enum InputBlock: Equatable {
        case variable(String, TracedShape)
        case function(String, count: Int)
        case density(String, count: Int)
    }

    /// The programs of one key, one per way their guards went, with what each needs to report.
    private final class ProgramSet {
        let programs: GuardedPrograms<Bounded>
        let layout: [InputBlock]
        var shapes: [[TracedShape]]
        var methods: [Set<CheckMethod>]
        init(_ trace: Trace) {
            programs = GuardedPrograms(trace.program)
            layout = trace.layout
            shapes = [trace.shapes]
            methods = [trace.methods]
        }

        /// Another way through the guards is traced only once the set has paid its way (a trace
        /// of both sides costs a few walks): four replays per program so far, at most four.
        var takesAnother: Bool { programs.count < 4 && programs.replays >= 4 * programs.count }

        func add(_ trace: Trace, at miss: GuardedPrograms<Bounded>.Miss) {
            guard trace.layout == layout, programs.add(trace.program, at: miss) else { return }
            shapes.append(trace.shapes)
            methods.append(trace.methods)
        }
    }

    /// How a trace ended.
    private enum TraceOutcome {
        case program(Trace)
        /// The trace branched on a value of the point, so it is no program; the sides it
        /// evaluated are still the walk's (a trace computes with the walk's own arithmetic).
        case branched((Value<Bounded>, Value<Bounded>, EvaluationContext))
        /// The trace was given up before the sides were evaluated.
        case abandoned
    }

    /// What a trace gives: its program and layout, and the sides it evaluated.
    private struct Trace {
        var program: ScalarProgram<Bounded>
        var layout: [InputBlock]
        var shapes: [TracedShape]
        var methods: Set<CheckMethod>
        /// Whether the program holds a draw's numbers as constants.
        var folded: Bool
        /// The point's whole numbers the trace read.
        var integersRead: Set<String>
        var sides: (Value<Bounded>, Value<Bounded>, EvaluationContext)
    }

    private enum Entry {
        case programs(ProgramSet)
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
    /// The link's traces of new keys, and its replays.
    private var traces = 0, replays = 0

    /// The point's whole numbers that the link's traces read: a program folds these as
    /// constants, so they are part of its key. One the sides never read (a variable declared for
    /// another link of the chapter, or one every use of which a sum or a call binds) cannot
    /// change a program and is no part of a key.
    private var integersRead: Set<String> = []

    init(lhs: Expr, rhs: Expr, pointsPerSetting: Int) {
        self.lhs = lhs
        self.rhs = rhs
        self.pointsPerSetting = pointsPerSetting
    }

    typealias Bounded = ErrorBounded<Double>

    /// Both sides at `point`, as `LinkChecker.sides` gives them, with the context that
    /// evaluated them (whose `methodsUsed` a replay copies from its trace).
    func sides(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> (Value<Bounded>, Value<Bounded>, EvaluationContext) {
        guard checker.options.tracing else { return try walk(point, dimensions, checker: checker) }
        let general = key(point, dimensions, holdingDraws: false)
        // Programs that fold a draw's numbers exist only once a trace has folded them.
        let specific = foldsRandomObjects ? key(point, dimensions, holdingDraws: true) : nil
        var missed: (set: ProgramSet, miss: GuardedPrograms<Bounded>.Miss, holdsDraws: Bool)?
        for key in [general, specific].compactMap({ $0 }) {
            guard case .programs(let set)? = entries[key], !set.programs.keepsMissing, let bindings = Self.bindings(point, set.layout) else { continue }
            let inputs = bindings.flatMap { TracedShape.entries(of: $0.value) }
            guard inputs.count == set.programs.inputCount else { continue }
            do {
                let (outputs, index) = try set.programs.run(inputs)
                replays += 1
                let values = TracedShape.unpack(outputs, set.shapes[index])
                let context = checker.context(for: point, dimensions: dimensions, salt: 0)
                context.methodsUsed = set.methods[index]
                return (values[0], values[1], context)
            } catch let miss as GuardedPrograms<Bounded>.Miss {
                missed = (set, miss, key == specific)
            } catch {
                // A domain error, which the walk may handle (generic code catches some): the
                // walk decides.
            }
        }
        let key = specific ?? general
        // A new key comes back for the rest of its setting's points, so it is traced at once, not
        // walked first: the link's first key where settings get three points or more, and a
        // later one where the link's traces have paid for themselves and no whole numbers are
        // in its keys.
        let tracesAtOnce = !branches && integersRead.isEmpty
            && (traces == 0 ? pointsPerSetting >= 3 : replays >= 3 * traces)
        switch entries[key] {
        case nil where !tracesAtOnce:
            entries[key] = .seenOnce
        case nil, .seenOnce?, .failedOnce?:
            guard !branches else { entries[key] = .walking; break }
            // A trace costs a few walks: once the link's traces have not paid for themselves
            // (keys that come back for too few points), its new keys are walked.
            guard traces < 2 || replays >= 3 * traces else { break }
            traces += 1
            let earlier = entries[key]
            do {
                let outcome = try trace(point, dimensions, checker: checker)
                if case .program(let traced) = outcome {
                    store(traced, point, dimensions: dimensions)
                    return traced.sides
                }
                entries[key] = .walking
                branches = true
                if case .branched(let sides) = outcome { return sides }
            } catch {
                switch earlier { case nil, .seenOnce?: entries[key] = .failedOnce; default: entries[key] = .walking }
            }
        case .programs?, .walking?:
            // The guards went a way no program has taken: trace that way too.
            if let (set, miss, holdsDraws) = missed, !branches, set.takesAnother,
               let outcome = try? trace(point, dimensions, checker: checker) {
                switch outcome {
                case .program(let traced):
                    if !traced.integersRead.isSubset(of: integersRead) {
                        store(traced, point, dimensions: dimensions)
                    } else if holdsDraws || !traced.folded {
                        set.add(traced, at: miss)
                    }
                    return traced.sides
                case .branched(let sides):
                    return sides
                case .abandoned:
                    break
                }
            }
        }
        return try walk(point, dimensions, checker: checker)
    }

    /// Keeps a first trace's program under its key (the draw's own key where it folded the
    /// draw's numbers).
    private func store(_ traced: Trace, _ point: SamplePoint<Double>, dimensions: [String: Int]) {
        noteReads(traced)
        if traced.folded { foldsRandomObjects = true }
        entries[key(point, dimensions, holdingDraws: traced.folded)] = .programs(ProgramSet(traced))
    }

    /// The key of a point: its setting, the whole numbers traces read, and the draws' numbers
    /// (all of them for a program that folded them, else only the families' seeds).
    private func key(_ point: SamplePoint<Double>, _ dimensions: [String: Int], holdingDraws: Bool) -> Key {
        Key(dimensions: dimensions, integers: point.integers.filter { integersRead.contains($0.key) },
            randomObjects: holdingDraws ? Self.drawnNumbers(point) : Self.familySeeds(point))
    }

    /// A trace that read whole numbers no key holds yet makes every key hold them: the programs
    /// kept so far are keyed too coarsely for it and are dropped (their keys are traced again).
    private func noteReads(_ traced: Trace) {
        guard !traced.integersRead.isSubset(of: integersRead) else { return }
        integersRead.formUnion(traced.integersRead)
        entries = [:]
    }

    private func walk(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> (Value<Bounded>, Value<Bounded>, EvaluationContext) {
        try checker.sides(checker.lift(point), dimensions, lhs: lhs, rhs: rhs)
    }

    private func trace(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker)
        throws -> TraceOutcome {
        try TraceTape<Bounded>.recording { tape in try trace(point, dimensions, checker: checker, on: tape) }
    }

    private func trace(_ point: SamplePoint<Double>, _ dimensions: [String: Int], checker: LinkChecker, on tape: TraceTape<Bounded>)
        throws -> TraceOutcome {
        let layout = Self.layout(point)
        guard let bindings = Self.bindings(point, layout) else { return .abandoned }
        var values: [String: Value<Traced<Bounded>>] = [:]
        for (key, value) in bindings { values[key] = value.map { tape.input($0) } }
        let context = checker.context(for: point, dimensions: dimensions, salt: 0)
        let reads = IntegerReads()
        let evaluator = Evaluator<Traced<Bounded>>(context: context, values: values, integers: IntegerBindings(point.integers, noting: reads))
        let left: Value<Traced<Bounded>>, right: Value<Traced<Bounded>>
        do {
            (left, right) = checker.broadcastZero(try evaluator.evaluate(lhs), try evaluator.evaluate(rhs), lhs: lhs, rhs: rhs)
        } catch where tape.invalidation != nil || context.sideTraceAbandoned {
            return .abandoned
        }
        // A rule that gave the trace up may have been caught and gone another way than a walk.
        guard !context.sideTraceAbandoned else { return .abandoned }
        let (outputs, shapes) = TracedShape.pack([left, right])
        let results = TracedShape.unpack(outputs.map(\.base), shapes)
        let sides = (results[0], results[1], context)
        guard let program = tape.program(outputs: outputs) else { return .branched(sides) }
        return .program(Trace(program: program, layout: layout, shapes: shapes, methods: context.methodsUsed,
                              folded: context.foldedRandomObjects, integersRead: reads.names, sides: sides))
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
