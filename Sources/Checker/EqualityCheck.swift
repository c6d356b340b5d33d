import MathSyntax
import DeriveNumerics
import Foundation

/// `=`: exactly modulo a prime where the step is rational, otherwise at float points with
/// error-aware tolerances and a rescue in extended precision before a near miss is refuted.
extension LinkChecker {
    func checkEquality(_ settings: [[String: Int]]) throws -> LinkReport {
        if job.options["method"] != "float", let exact = try checkExactly(settings) { return exact }
        return try checkFloat(settings, lhs: job.lhs, rhs: job.rhs)
    }

    /// Schwartz–Zippel: both sides as rational functions evaluated modulo p at random points. Nil
    /// when some operation is not rational (the caller falls back to floating point).
    func checkExactly(_ settings: [[String: Int]]) throws -> LinkReport? {
        guard Rationality.blocker(in: [job.lhs, job.rhs], scope: job.scope) == nil else { return nil }
        var generator = SeededGenerator(seed: seed ^ 0xE7AC7)
        let perSetting = 3
        let needed = reachable
        var points = 0
        // Only a division by zero is redrawn: any other domain error means the step is not a
        // rational identity on the whole domain, and floats decide it.
        let rules = SampleRules(perSetting: perSetting, limit: .attemptsPerSetting(40),
                                redraws: { if case .divisionByZero = $0 { return true }; return false },
                                timed: false, redrawsFailedDraws: true)
        let end: SampleLoopEnd<LinkReport>
        do {
            end = try sampleLoop(rules).run(over: settings, using: &generator,
                                            draw: { sampler, generator in try sampler.drawExact(using: &generator, reaching: needed) },
                                            judge: { point, dimensions, _, _ in
                let (left, right, _) = try sides(point, dimensions, lhs: job.lhs, rhs: job.rhs)
                let (a, b) = try aligned(left, right)
                points += 1
                guard a.elements != b.elements else { return .accepted }
                // Refuted exactly; find readable numbers for the counterexample.
                var floatReport = try checkFloat(settings, lhs: job.lhs, rhs: job.rhs)
                floatReport.method = .exact
                if floatReport.verdict == .refuted { return .failed(floatReport) }
                let example = Counterexample(assignment: [("(mod 2^61−1)", "exact residues")], left: "\(a.elements.first.map { "\($0)" } ?? "")",
                                             right: "\(b.elements.first.map { "\($0)" } ?? "")", difference: .infinity,
                                             tolerance: 0, partingAt: nil, hint: "the sides differ as rational functions")
                return .failed(report(.refuted, .exact, points: points, counterexample: example))
            })
        } catch ScalarError.notRational {
            return nil
        } catch ScalarError.outOfDomain {
            return nil
        }
        switch end {
        case .failed(let refuted): return refuted
        case .outsideDomain: throw EvaluationError.unsupported("most exact sample points divide by zero")
        case .completed: break
        }
        let degree = Double(DegreeBound.of(job.lhs, scope: job.scope, settings: settings) + DegreeBound.of(job.rhs, scope: job.scope, settings: settings))
        let perPoint = min(1, max(degree, 1) / Double(ModularInteger.modulus))
        let bound = Foundation_pow(perPoint, Double(perSetting))
        return report(.verified, .exact, points: points, residual: 0, bound: bound,
                      reason: "Schwartz–Zippel with total degree ≤ \(Int(degree)), \(perSetting) points per dimension setting")
    }

    /// Float64 points with error-bounded arithmetic; a failure is re-evaluated in extended precision.
    func checkFloat(_ settings: [[String: Int]], lhs: Expr, rhs: Expr) throws -> LinkReport {
        var generator = SeededGenerator(seed: seed)
        let perSetting = pointCount()
        var points = 0, rescued = 0
        var worst = 0.0
        var methods: Set<CheckMethod> = []
        let programs = SidePrograms(lhs: lhs, rhs: rhs, pointsPerSetting: perSetting)
        // A step that is not rational has no business here: that error is the caller's.
        let rules = SampleRules(perSetting: perSetting, limit: .total(4 * perSetting * settings.count + 8),
                                redraws: { if case .notRational = $0 { return false }; return true },
                                cyclesConditioning: true)
        let end: SampleLoopEnd<LinkReport> = try sampleLoop(rules).run(
            over: settings, using: &generator,
            draw: { sampler, generator in try sampler.drawReal(using: &generator) },
            judge: { point, dimensions, _, _ in
                let (left, right, context) = try programs.sides(point, dimensions, checker: self)
                methods.formUnion(context.methodsUsed)
                let (a, b) = try aligned(left, right)
                let comparison = compare(a, b)
                // An unbounded error (a value indistinguishable from zero was divided by)
                // makes the point useless, never a pass.
                guard comparison.tolerance.isFinite else { throw ScalarError.outOfDomain("the error bound is unbounded at this point") }
                points += 1
                if comparison.ratio <= 1 { worst = max(worst, comparison.ratio); return .accepted }
                if try rescuedInExtendedPrecision(point, dimensions, lhs: lhs, rhs: rhs) { rescued += 1; return .accepted }
                let example = try counterexample(point, dimensions, a, b, comparison, lhs: lhs, rhs: rhs)
                return .failed(report(.refuted, method(methods), points: points, residual: comparison.ratio, counterexample: example))
            })
        let redraws: Int, lastDomainError: String
        switch end {
        case .failed(let refuted):
            return refuted
        case .outsideDomain(let count, let error):
            return report(.inconclusive, method(methods), points: points,
                          reason: "too many sample points fall outside the domain (\(error.map(Self.describe) ?? "")); \(count) redrawn")
        case .completed(let count, let error):
            redraws = count
            lastDomainError = error.map(Self.describe) ?? ""
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
    func compare<V: RealScalar>(_ a: Matrix<ErrorBounded<V>>, _ b: Matrix<ErrorBounded<V>>) -> Comparison {
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
    func rescuedInExtendedPrecision(_ point: SamplePoint<Double>, _ dimensions: [String: Int], lhs: Expr, rhs: Expr) throws -> Bool {
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

    // MARK: - Derivative cross-check

    /// Compares every derivative in the link, at one point, with a central difference; a
    /// disagreement is reported rather than hidden.
    func crossCheckDerivatives(_ settings: [[String: Int]]) throws -> String? {
        let derivatives = DerivativeNodes.collect(job.lhs) + DerivativeNodes.collect(job.rhs)
        guard !derivatives.isEmpty, let dimensions = settings.first else { return nil }
        var generator = SeededGenerator(seed: seed ^ 0xFD)
        let sampler = PointSampler(scope: job.scope, dimensions: dimensions, reaching: reachable)
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
}

#if canImport(Glibc)
import Glibc
private func Foundation_pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#else
import Darwin
private func Foundation_pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
