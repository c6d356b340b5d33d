import Diagnostics
import MathSyntax
import DeriveNumerics

/// What checking one link produced: its report, and an input error when the link could not be
/// evaluated because of the author's input (the command line then exits 2).
struct LinkOutcome: Sendable {
    var report: LinkReport
    var inputError: Diagnostic?
}

/// Float comparisons accept |L − R| ≤ tolerance factor × (error bound of L + error bound of R).
let toleranceFactor = 8.0

/// Checks one link by its relation, as DESIGN.md §3 says: exactly where the step is rational,
/// otherwise at random points with error-aware tolerances; inequalities with a local search for
/// the worst point; ∝ and `+ const` by the invariance of the ratio or difference in `wrt`.
struct LinkChecker {
    let job: LinkJob
    let options: CheckOptions

    private var started: Double
    private var deadline: Double
    private var seed: UInt64

    init(job: LinkJob, options: CheckOptions) {
        self.job = job
        self.options = options
        started = Clock.now()
        deadline = started + options.timeBudgetPerLink
        var seed = hash64(job.contentKey) ^ options.seed
        if let text = job.options["seed"], let extra = UInt64(text) { seed ^= extra &* 0x9E37_79B9_7F4A_7C15 }
        self.seed = seed
    }

    func run() -> LinkOutcome {
        if let reason = job.uncheckedReason {
            return LinkOutcome(report: report(.unchecked, .none, points: 0, reason: reason))
        }
        if job.relation == .approx, job.options["tol"] == nil {
            return LinkOutcome(report: report(.unchecked, .none, points: 0,
                                              reason: "an \\approx link is checked only with tol=…"))
        }
        do {
            try validateOptions()
            let settings = try dimensionSettings()
            // `… + \text{const}` on either side (the left one carried over from the previous link)
            // makes the link a statement about the difference of the sides.
            let (core, rightConstant) = Self.splitConstant(job.rhs)
            let (leftCore, leftConstant) = Self.splitConstant(job.lhs)
            switch job.relation {
            case .equal where rightConstant || leftConstant:
                return LinkOutcome(report: try checkInvariance(settings, lhs: leftCore, rhs: core, ratio: false))
            case .equal:
                return LinkOutcome(report: try checkEquality(settings))
            case .proportional:
                return LinkOutcome(report: try checkInvariance(settings, lhs: leftCore, rhs: core, ratio: true))
            case .less, .lessEqual, .greater, .greaterEqual:
                return LinkOutcome(report: try checkInequality(settings))
            case .approx, .notEqual:
                return LinkOutcome(report: try checkTolerance(settings))
            default:
                throw EvaluationError.input(.error(job.file, job.position, "'\(LaTeXPrinter.latex(job.relation))' cannot link the steps of a derivation"))
            }
        } catch EvaluationError.input(let diagnostic) {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "bad input: " + diagnostic.message),
                               inputError: diagnostic)
        } catch EvaluationError.unsupported(let reason) {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: reason))
        } catch EvaluationError.timeout {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0,
                                              reason: "the time budget of \(options.timeBudgetPerLink) s per link ran out"))
        } catch let error as ScalarError {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: Self.describe(error)))
        } catch let diagnostic as Diagnostic {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "bad input: " + diagnostic.message),
                               inputError: diagnostic)
        } catch {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "\(error)"))
        }
    }

    // MARK: - Settings and points

    /// Every combination of the dimension symbols' values (at most 12, drawn when there are more).
    func dimensionSettings() throws -> [[String: Int]] {
        var settings: [[String: Int]] = [[:]]
        let scope = job.scope
        let relevant = relevantDimensions()
        for key in scope.order where scope.dimensionSymbols.contains(key) {
            guard let declared = scope.declarations[key] else { continue }
            var choices: [Int]
            switch declared.domain {
            case .fixed(let expr):
                guard case .number(let text) = expr.node, let n = Int(text) else {
                    throw EvaluationError.input(.error(job.file, declared.range.start, "a dimension must be a whole number"))
                }
                guard (1...64).contains(n) else {
                    throw EvaluationError.input(.error(job.file, declared.range.start, "the dimension '\(key)' must be between 1 and 64, found \(n)"))
                }
                choices = [n]
            case .integers(let set):
                var next: [[String: Int]] = []
                for setting in settings {
                    guard let members = set.members(setting), !members.isEmpty else {
                        throw EvaluationError.input(.error(job.file, declared.range.start, "the values of dimension '\(key)' are unknown"))
                    }
                    guard members.allSatisfy({ (1...64).contains($0) }) else {
                        throw EvaluationError.input(.error(job.file, declared.range.start, "the values of dimension '\(key)' must lie between 1 and 64"))
                    }
                    // Dimensions the link does not reach keep one value: varying them only repeats work.
                    let picked = !relevant.contains(key) ? [members[0]]
                        : members.count <= 4 ? members : [members[0], members[members.count / 3], members[2 * members.count / 3], members[members.count - 1]]
                    for value in picked {
                        var s = setting
                        s[key] = value
                        next.append(s)
                    }
                }
                settings = next
                continue
            default:
                throw EvaluationError.input(.error(job.file, declared.range.start, "'\(key)' sizes a vector or matrix, so it must be a whole number or a set of them"))
            }
            settings = settings.flatMap { setting in choices.map { var s = setting; s[key] = $0; return s } }
            choices = []
        }
        if settings.count > 12 {
            var generator = SeededGenerator(seed: seed ^ 0xD1)
            settings.shuffle(using: &generator)
            settings = Array(settings.prefix(12))
        }
        return settings
    }

    /// Dimension symbols that size something the link reaches (or that it uses directly).
    private func relevantDimensions() -> Set<String> {
        var result: Set<String> = []
        let reachable = reachableNames()
        for key in reachable {
            if job.scope.dimensionSymbols.contains(key) { result.insert(key) }
            guard let declared = job.scope.declarations[key] else { continue }
            switch declared.domain {
            case .positiveDefinite(let d), .orthogonal(let d), .simplex(let d):
                if case .symbol(let name) = d { result.insert(name) }
            case .function(let from, let to, _):
                for shape in from + [to] { result.formUnion(shape.dimensionSymbols) }
            case .integers(.range(let low, let high)):
                for bound in [low, high] { if let symbol = bound.symbol { result.insert(symbol) } }
            default:
                result.formUnion(declared.domain.shape.dimensionSymbols)
            }
        }
        return result
    }

    private var cost: LinkCost { LinkCost.of(job.lhs).combined(with: LinkCost.of(job.rhs)) }

    /// Points per dimension setting: 16 by default, fewer for quadrature-heavy links.
    private func pointCount() -> Int {
        if let text = job.options["samples"], let n = Int(text), n > 0 { return n }
        if let n = options.samples { return n }
        switch cost {
        case .cheap: return 16
        case .expectation: return 6
        case .integral: return 3
        }
    }

    private func context(for point: SamplePoint<some Scalar>, dimensions: [String: Int], salt: UInt64) -> EvaluationContext {
        EvaluationContext(scope: job.scope, file: job.file, dimensions: dimensions, functions: point.functions,
                          densities: point.densities, seed: seed ^ salt, deadline: deadline,
                          monteCarloSamples: 20000)
    }

    typealias Bounded = ErrorBounded<Double>

    private func lift(_ point: SamplePoint<Double>) -> SamplePoint<Bounded> {
        SamplePoint(values: point.values.mapValues { $0.map { Bounded(value: $0, error: 0) } }, integers: point.integers,
                    functions: point.functions, densities: point.densities)
    }

    /// A literal 0 on one side stands for the zero of the other side's shape.
    private func broadcastZero<S: Scalar>(_ left: Value<S>, _ right: Value<S>, lhs: Expr, rhs: Expr) -> (Value<S>, Value<S>) {
        func isZero(_ e: Expr) -> Bool { if case .number("0") = Self.strip(e).node { return true }; return false }
        if isZero(rhs), case .matrix(let m) = left, m.elements.count > 1 {
            return (left, .matrix(Matrix(rows: m.rows, columns: m.columns, repeating: S.zero)))
        }
        if isZero(lhs), case .matrix(let m) = right, m.elements.count > 1 {
            return (.matrix(Matrix(rows: m.rows, columns: m.columns, repeating: S.zero)), right)
        }
        return (left, right)
    }

    /// Both sides at a point, in a given scalar type.
    private func sides<S: Scalar>(_ point: SamplePoint<S>, _ dimensions: [String: Int], lhs: Expr, rhs: Expr,
                                  salt: UInt64 = 0) throws -> (Value<S>, Value<S>, EvaluationContext) {
        let context = context(for: point, dimensions: dimensions, salt: salt)
        let evaluator = Evaluator<S>(context: context, values: point.values, integers: point.integers)
        let (left, right) = broadcastZero(try evaluator.evaluate(lhs), try evaluator.evaluate(rhs), lhs: lhs, rhs: rhs)
        return (left, right, context)
    }

    /// The two sides as equally shaped matrices (sizing a bare λI from the other side).
    private func aligned<S: Scalar>(_ left: Value<S>, _ right: Value<S>) throws -> (Matrix<S>, Matrix<S>) {
        switch (left, right) {
        case (.identity, .identity):
            return (left.materialized(size: 1), right.materialized(size: 1))
        case (.identity, .matrix(let m)):
            guard m.rows == m.columns else { throw shapeError(left, right) }
            return (left.materialized(size: m.rows), m)
        case (.matrix(let m), .identity):
            guard m.rows == m.columns else { throw shapeError(left, right) }
            return (m, right.materialized(size: m.rows))
        case (.matrix(let a), .matrix(let b)):
            guard a.rows == b.rows, a.columns == b.columns else { throw shapeError(left, right) }
            return (a, b)
        }
    }

    private func shapeError<S: Scalar>(_ left: Value<S>, _ right: Value<S>) -> EvaluationError {
        func text(_ v: Value<S>) -> String { v.shape?.description ?? "I" }
        return .input(.error(job.file, job.position, "the two sides have different shapes: the left is \(text(left)), the right is \(text(right))"))
    }

    // MARK: - Equality

    private func checkEquality(_ settings: [[String: Int]]) throws -> LinkReport {
        if job.options["method"] != "float", let exact = try checkExactly(settings) { return exact }
        return try checkFloat(settings, lhs: job.lhs, rhs: job.rhs)
    }

    /// Schwartz–Zippel: both sides as rational functions evaluated modulo p at random points. Nil
    /// when some operation is not rational (the caller falls back to floating point).
    private func checkExactly(_ settings: [[String: Int]]) throws -> LinkReport? {
        var generator = SeededGenerator(seed: seed ^ 0xE7AC7)
        let perSetting = 3
        let needed = reachableNames()
        var points = 0
        for dimensions in settings {
            let sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
            var accepted = 0, attempts = 0
            while accepted < perSetting {
                attempts += 1
                guard attempts <= 40 else {
                    throw EvaluationError.unsupported("most exact sample points divide by zero")
                }
                do {
                    let point = try sampler.drawExact(using: &generator, reaching: needed)
                    let (left, right, _) = try sides(point, dimensions, lhs: job.lhs, rhs: job.rhs)
                    let (a, b) = try aligned(left, right)
                    accepted += 1
                    points += 1
                    if a.elements != b.elements {
                        // Refuted exactly; find readable numbers for the counterexample.
                        var floatReport = try checkFloat(settings, lhs: job.lhs, rhs: job.rhs)
                        floatReport.method = .exact
                        if floatReport.verdict == .refuted { return floatReport }
                        let example = Counterexample(assignment: [("(mod 2^61−1)", "exact residues")], left: "\(a.elements.first.map { "\($0)" } ?? "")",
                                                     right: "\(b.elements.first.map { "\($0)" } ?? "")", difference: .infinity,
                                                     tolerance: 0, partingAt: nil, hint: "the sides differ as rational functions")
                        return report(.refuted, .exact, points: points, counterexample: example)
                    }
                } catch ScalarError.divisionByZero {
                    continue
                } catch ScalarError.notRational {
                    return nil
                } catch ScalarError.outOfDomain {
                    return nil
                }
            }
        }
        let degree = Double(DegreeBound.of(job.lhs, scope: job.scope, settings: settings) + DegreeBound.of(job.rhs, scope: job.scope, settings: settings))
        let perPoint = min(1, max(degree, 1) / Double(ModularInteger.modulus))
        let bound = Foundation_pow(perPoint, Double(perSetting))
        return report(.verified, .exact, points: points, residual: 0, bound: bound,
                      reason: "Schwartz–Zippel with total degree ≤ \(Int(degree)), \(perSetting) points per dimension setting")
    }

    /// Float64 points with error-bounded arithmetic; a failure is re-evaluated in extended precision.
    private func checkFloat(_ settings: [[String: Int]], lhs: Expr, rhs: Expr) throws -> LinkReport {
        var generator = SeededGenerator(seed: seed)
        let perSetting = pointCount()
        var points = 0, redraws = 0, rescued = 0
        var worst = 0.0
        var methods: Set<CheckMethod> = []
        var lastDomainError = ""
        for dimensions in settings {
            var sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
            var accepted = 0
            while accepted < perSetting {
                try checkTime()
                sampler.drawIndex = accepted
                let point = try sampler.drawReal(using: &generator)
                do {
                    let (left, right, context) = try sides(lift(point), dimensions, lhs: lhs, rhs: rhs)
                    methods.formUnion(context.methodsUsed)
                    let (a, b) = try aligned(left, right)
                    let comparison = compare(a, b)
                    // An unbounded error (a value indistinguishable from zero was divided by)
                    // makes the point useless, never a pass.
                    guard comparison.tolerance.isFinite else { throw ScalarError.outOfDomain("the error bound is unbounded at this point") }
                    accepted += 1
                    points += 1
                    if comparison.ratio <= 1 { worst = max(worst, comparison.ratio); continue }
                    if try rescuedInExtendedPrecision(point, dimensions, lhs: lhs, rhs: rhs) { rescued += 1; continue }
                    let example = try counterexample(point, dimensions, a, b, comparison, lhs: lhs, rhs: rhs)
                    return report(.refuted, method(methods), points: points, residual: comparison.ratio, counterexample: example)
                } catch let error as ScalarError {
                    if case .notRational = error { throw error }
                    redraws += 1
                    lastDomainError = Self.describe(error)
                    if redraws > 4 * perSetting * settings.count + 8 {
                        return report(.inconclusive, method(methods), points: points,
                                      reason: "too many sample points fall outside the domain (\(lastDomainError)); \(redraws) redrawn")
                    }
                }
            }
        }
        var notes: [String] = []
        if redraws > 0 { notes.append("\(redraws) points redrawn (\(lastDomainError))") }
        if rescued > 0 { notes.append("\(rescued) near misses agreed in extended precision") }
        if let disagreement = try crossCheckDerivatives(settings) { 
            return report(.inconclusive, .automaticDifferentiation, points: points, reason: disagreement)
        }
        return report(.verified, method(methods), points: points, residual: worst,
                      reason: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    struct Comparison {
        var ratio: Double
        var difference: Double
        var tolerance: Double
        var index: Int
    }

    /// The largest |L − R| / tolerance over the entries, where tolerance comes from both error bounds.
    private func compare<V: RealScalar>(_ a: Matrix<ErrorBounded<V>>, _ b: Matrix<ErrorBounded<V>>) -> Comparison {
        var result = Comparison(ratio: 0, difference: 0, tolerance: 0, index: 0)
        for i in a.elements.indices {
            let x = a.elements[i], y = b.elements[i]
            let difference = Double(abs(x.value - y.value))
            let tolerance = toleranceFactor * Double(x.error + y.error)
            let ratio: Double
            if difference.isNaN { ratio = .infinity }
            else if difference == 0 { ratio = 0 }
            else if tolerance == 0 { ratio = .infinity }
            else { ratio = difference / tolerance }
            if i == 0 || ratio > result.ratio {
                result = Comparison(ratio: ratio, difference: difference, tolerance: tolerance, index: i)
            }
        }
        return result
    }

    /// A near miss is re-evaluated with 64-bit significands before it is called refuted.
    private func rescuedInExtendedPrecision(_ point: SamplePoint<Double>, _ dimensions: [String: Int], lhs: Expr, rhs: Expr) throws -> Bool {
        #if arch(x86_64) || arch(i386)
        typealias Extended = ErrorBounded<Float80>
        let extended = SamplePoint(values: point.values.mapValues { $0.map { Extended(value: Float80($0), error: 0) } },
                                   integers: point.integers, functions: point.functions, densities: point.densities)
        guard let (left, right, _) = try? sides(extended, dimensions, lhs: lhs, rhs: rhs),
              let (a, b) = try? aligned(left, right) else { return false }
        let comparison = compare(a, b)
        return comparison.tolerance.isFinite && comparison.ratio <= 1
        #else
        return false
        #endif
    }

    // MARK: - Proportionality and "+ const"

    private func checkInvariance(_ settings: [[String: Int]], lhs: Expr, rhs: Expr, ratio: Bool) throws -> LinkReport {
        let wrt = try wrtKeys()
        var generator = SeededGenerator(seed: seed)
        let perSetting = max(pointCount() / 2, 2)
        var points = 0, redraws = 0, worst = 0.0
        var methods: Set<CheckMethod> = []
        for dimensions in settings {
            let sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
            var accepted = 0
            while accepted < perSetting {
                try checkTime()
                do {
                    let base = try sampler.drawReal(using: &generator)
                    let reference = try invariant(base, dimensions, lhs: lhs, rhs: rhs, ratio: ratio, methods: &methods)
                    for _ in 0..<3 {
                        let other = try sampler.drawReal(using: &generator)
                        var moved = base
                        for key in wrt {
                            moved.values[key] = other.values[key]
                            if let i = other.integers[key] { moved.integers[key] = i }
                        }
                        let value = try invariant(moved, dimensions, lhs: lhs, rhs: rhs, ratio: ratio, methods: &methods)
                        points += 1
                        let difference = abs(value.value - reference.value)
                        let tolerance = toleranceFactor * (value.error + reference.error)
                        let r = difference == 0 ? 0 : (tolerance == 0 ? Double.infinity : difference / tolerance)
                        if r > 1 {
                            let what = ratio ? "the ratio of the sides" : "the difference of the sides"
                            var assignment = describeAssignment(base, dimensions)
                            assignment += wrt.map { key in ("then " + displayName(key), format(moved.values[key]) ?? "?") }
                            let example = Counterexample(
                                assignment: assignment, left: String(format: "%.6g", reference.value),
                                right: String(format: "%.6g", value.value), difference: difference, tolerance: tolerance,
                                partingAt: nil,
                                hint: "\(what) changes with \(wrt.map(displayName).joined(separator: ", ")): \(String(format: "%.6g", reference.value)) becomes \(String(format: "%.6g", value.value))")
                            return report(.refuted, method(methods), points: points, residual: r, counterexample: example)
                        }
                        worst = max(worst, r)
                    }
                    accepted += 1
                } catch let error as ScalarError {
                    redraws += 1
                    if redraws > 8 * perSetting * settings.count + 8 {
                        return report(.inconclusive, method(methods), points: points,
                                      reason: "too many sample points fall outside the domain (\(Self.describe(error)))")
                    }
                }
            }
        }
        let wrtText = wrt.map(displayName).joined(separator: ", ")
        return report(.verified, method(methods), points: points, residual: worst,
                      reason: (ratio ? "ratio" : "difference") + " constant in \(wrtText)")
    }

    private func invariant(_ point: SamplePoint<Double>, _ dimensions: [String: Int], lhs: Expr, rhs: Expr, ratio: Bool,
                           methods: inout Set<CheckMethod>) throws -> (value: Double, error: Double) {
        let (left, right, context) = try sides(lift(point), dimensions, lhs: lhs, rhs: rhs)
        methods.formUnion(context.methodsUsed)
        let (a, b) = try aligned(left, right)
        guard a.elements.count == 1 else {
            throw EvaluationError.input(.error(job.file, job.position, "'\(LaTeXPrinter.latex(job.relation))' compares scalars; the sides are \(Shape(rows: a.rows, columns: a.columns))"))
        }
        let x = a.elements[0], y = b.elements[0]
        let q = ratio ? try x.divided(by: y) : x - y
        guard q.error.isFinite else { throw ScalarError.outOfDomain("the error bound is unbounded at this point") }
        return (q.value, q.error)
    }

    private func wrtKeys() throws -> [String] {
        if let text = job.options["wrt"] {
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var keys: [String] = []
            for name in names {
                let source = SourceText(file: job.file, text: name, origin: job.position)
                guard let expr = try? MathParser.parseExpression(source), let key = NameKey.of(expr),
                      job.scope.declarations[key] != nil else {
                    throw EvaluationError.input(.error(job.file, job.position, "wrt names '\(name)', which is not a declared variable"))
                }
                keys.append(key)
            }
            return keys
        }
        // Default for ∝: the variables left of \mid in the left-hand density.
        if case .apply(.named, let arguments, let conditions, _) = Self.strip(job.lhs).node, !conditions.isEmpty {
            let keys = arguments.compactMap { NameKey.of($0) }
            if !keys.isEmpty { return keys }
        }
        throw EvaluationError.input(.error(job.file, job.position, "say which variables this '\(LaTeXPrinter.latex(job.relation))' is with respect to: add wrt=… to the block or '% wrt: …' to the line"))
    }

    // MARK: - Inequalities

    private func checkInequality(_ settings: [[String: Int]]) throws -> LinkReport {
        var generator = SeededGenerator(seed: seed)
        let perSetting = pointCount()
        var points = 0, redraws = 0
        var worstMargin = Double.infinity
        var methods: Set<CheckMethod> = []
        for dimensions in settings {
            var sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
            var candidates: [(margin: Double, point: SamplePoint<Double>)] = []
            var accepted = 0
            while accepted < perSetting {
                try checkTime()
                sampler.drawIndex = accepted
                let point = try sampler.drawReal(using: &generator)
                do {
                    let (margin, tolerance) = try self.margin(point, dimensions, methods: &methods)
                    accepted += 1
                    points += 1
                    if margin < -tolerance { return try refutedInequality(point, dimensions, margin: margin, tolerance: tolerance, points: points, methods: methods) }
                    candidates.append((margin, point))
                    worstMargin = min(worstMargin, margin)
                } catch let error as ScalarError {
                    redraws += 1
                    if redraws > 4 * perSetting * settings.count + 8 {
                        return report(.inconclusive, method(methods), points: points, reason: "too many sample points fall outside the domain (\(Self.describe(error)))")
                    }
                }
            }
            // Local search: push the margin down from the three worst points.
            candidates.sort { $0.margin < $1.margin }
            let searchSteps = cost == .cheap ? 24 : 6
            for start in candidates.prefix(cost == .cheap ? 3 : 2) {
                var current = start
                var step = 0.5
                for _ in 0..<searchSteps {
                    try checkTime()
                    let moved = perturb(current.point, scale: step, using: &generator, sampler: sampler)
                    step *= 0.85
                    guard let (margin, tolerance) = try? self.margin(moved, dimensions, methods: &methods) else { continue }
                    points += 1
                    if margin < -tolerance { return try refutedInequality(moved, dimensions, margin: margin, tolerance: tolerance, points: points, methods: methods) }
                    if margin < current.margin { current = (margin, moved) }
                }
                worstMargin = min(worstMargin, current.margin)
            }
        }
        return report(.verified, method(methods), points: points, residual: nil,
                      reason: "smallest margin found \(String(format: "%.3g", worstMargin)) after a local search")
    }

    /// The slack of the inequality at a point (negative when violated) and its tolerance.
    private func margin(_ point: SamplePoint<Double>, _ dimensions: [String: Int], methods: inout Set<CheckMethod>) throws -> (Double, Double) {
        let (left, right, context) = try sides(lift(point), dimensions, lhs: job.lhs, rhs: job.rhs)
        methods.formUnion(context.methodsUsed)
        let (a, b) = try aligned(left, right)
        var smallest = Double.infinity, tolerance = 0.0
        for i in a.elements.indices {
            let x = a.elements[i], y = b.elements[i]
            let slack: Double
            switch job.relation {
            case .less, .lessEqual: slack = y.value - x.value
            default: slack = x.value - y.value
            }
            if slack < smallest || slack.isNaN {
                smallest = slack.isNaN ? -.infinity : slack
                tolerance = toleranceFactor * (x.error + y.error)
            }
            if !(x.error + y.error).isFinite { throw ScalarError.outOfDomain("the error bound is unbounded at this point") }
        }
        return (smallest, tolerance)
    }

    private func refutedInequality(_ point: SamplePoint<Double>, _ dimensions: [String: Int], margin: Double, tolerance: Double,
                                   points: Int, methods: Set<CheckMethod>) throws -> LinkReport {
        let (left, right, _) = try sides(lift(point), dimensions, lhs: job.lhs, rhs: job.rhs)
        let example = Counterexample(assignment: describeAssignment(point, dimensions), left: format(left) ?? "?",
                                     right: format(right) ?? "?", difference: -margin, tolerance: tolerance,
                                     partingAt: nil, hint: "the inequality is violated by \(String(format: "%.4g", -margin))")
        return report(.refuted, method(methods), points: points, residual: tolerance > 0 ? -margin / tolerance : .infinity, counterexample: example)
    }

    /// Moves real and box-valued variables a little; structured values (orthogonal, simplex,
    /// positive definite) are redrawn whole.
    private func perturb(_ point: SamplePoint<Double>, scale: Double, using generator: inout SeededGenerator,
                         sampler: PointSampler) -> SamplePoint<Double> {
        var moved = point
        for (key, value) in point.values {
            guard let declared = job.scope.declarations[key], case .matrix(let m) = value else { continue }
            switch declared.domain {
            case .real:
                moved.values[key] = .matrix(m.map { $0 + scale * Sampler.standardNormal(using: &generator) })
            case .box(let low, let high, _):
                moved.values[key] = .matrix(m.map { x in
                    var y = x + scale * Sampler.standardNormal(using: &generator) * (high.isFinite && low.isFinite ? (high - low) : max(abs(x), 1))
                    if y <= low { y = low + (low.isFinite && high.isFinite ? (high - low) : 1) * 1e-3 }
                    if y >= high { y = high - (low.isFinite && high.isFinite ? (high - low) : 1) * 1e-3 }
                    return y
                })
            default:
                if let redrawn = try? sampler.drawReal(using: &generator).values[key] { moved.values[key] = redrawn }
            }
        }
        return moved
    }

    // MARK: - \approx with tol= and \ne

    private func checkTolerance(_ settings: [[String: Int]]) throws -> LinkReport {
        let tolerance = Double(job.options["tol"] ?? "") ?? 1e-9
        var generator = SeededGenerator(seed: seed)
        var points = 0, worst = 0.0
        var methods: Set<CheckMethod> = []
        for dimensions in settings {
            let sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
            var accepted = 0, redraws = 0
            while accepted < pointCount() {
                try checkTime()
                let point = try sampler.drawReal(using: &generator)
                do {
                    let (left, right, context) = try sides(lift(point), dimensions, lhs: job.lhs, rhs: job.rhs)
                    methods.formUnion(context.methodsUsed)
                    let (a, b) = try aligned(left, right)
                    accepted += 1
                    points += 1
                    for i in a.elements.indices {
                        let difference = abs(a.elements[i].value - b.elements[i].value)
                        let allowed = tolerance * max(1, abs(a.elements[i].value))
                        let holds = job.relation == .approx ? difference <= allowed : difference > allowed
                        if !holds {
                            let example = Counterexample(assignment: describeAssignment(point, dimensions), left: format(left) ?? "?",
                                                         right: format(right) ?? "?", difference: difference, tolerance: allowed,
                                                         partingAt: nil, hint: job.relation == .approx ? nil : "the sides coincide here")
                            return report(.refuted, method(methods), points: points, residual: difference / allowed, counterexample: example)
                        }
                        worst = max(worst, difference / allowed)
                    }
                } catch is ScalarError {
                    redraws += 1
                    if redraws > 100 { return report(.inconclusive, method(methods), points: points, reason: "too many sample points fall outside the domain") }
                }
            }
        }
        return report(.verified, method(methods), points: points, residual: worst,
                      reason: "tolerance \(tolerance) relative to max(1, |left|)")
    }

    // MARK: - Derivative cross-check

    /// Compares every derivative in the link, at one point, with a central difference; a
    /// disagreement is reported rather than hidden.
    private func crossCheckDerivatives(_ settings: [[String: Int]]) throws -> String? {
        let derivatives = DerivativeNodes.collect(job.lhs) + DerivativeNodes.collect(job.rhs)
        guard !derivatives.isEmpty, let dimensions = settings.first else { return nil }
        var generator = SeededGenerator(seed: seed ^ 0xFD)
        let sampler = PointSampler(scope: job.scope, file: job.file, dimensions: dimensions)
        for _ in 0..<5 {
            guard let point = try? sampler.drawReal(using: &generator) else { continue }
            let context = context(for: point, dimensions: dimensions, salt: 0)
            let evaluator = Evaluator<Double>(context: context, values: point.values, integers: point.integers)
            var allEvaluated = true
            for node in derivatives {
                do {
                    if let disagreement = try DerivativeNodes.crossCheck(node, evaluator: evaluator, generator: &generator) {
                        return disagreement
                    }
                } catch {
                    allEvaluated = false
                }
            }
            if allEvaluated { return nil }
        }
        return nil
    }

    // MARK: - Reports

    private func checkTime() throws {
        if Clock.now() > deadline { throw EvaluationError.timeout }
    }

    private func method(_ used: Set<CheckMethod>) -> CheckMethod {
        if used.contains(.monteCarlo) { return .monteCarlo }
        if used.contains(.quadrature) { return .quadrature }
        if !DerivativeNodes.collect(job.lhs).isEmpty || !DerivativeNodes.collect(job.rhs).isEmpty { return .automaticDifferentiation }
        return .floatPoints
    }

    func report(_ verdict: Verdict, _ method: CheckMethod, points: Int, residual: Double? = nil, bound: Double? = nil,
                reason: String? = nil, counterexample: Counterexample? = nil) -> LinkReport {
        LinkReport(file: job.file, position: job.position, label: job.label, step: job.step, relation: job.relation,
                   verdict: verdict, method: method, points: points, residual: residual, seed: seed,
                   seconds: Clock.now() - started, bound: bound, reason: reason, counterexample: counterexample,
                   justification: job.justification)
    }

    static func describe(_ error: ScalarError) -> String {
        switch error {
        case .notRational(let what): return "not rational: \(what)"
        case .divisionByZero: return "division by zero"
        case .outOfDomain(let what): return what
        }
    }

    /// `X + \text{const}` → (X, true).
    static func splitConstant(_ rhs: Expr) -> (Expr, Bool) {
        if case .add(let rest, let last) = rhs.node, case .text(let word) = strip(last).node, word == "const" {
            return (rest, true)
        }
        if case .subtract(let rest, let last) = rhs.node, case .text(let word) = strip(last).node, word == "const" {
            return (rest, true)
        }
        return (rhs, false)
    }

    static func strip(_ expr: Expr) -> Expr {
        if case .group(let inner, _) = expr.node { return strip(inner) }
        return expr
    }
}

#if canImport(Glibc)
import Glibc
private func Foundation_pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
import Darwin
private func Foundation_pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
import Foundation
