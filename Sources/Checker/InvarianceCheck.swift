import Diagnostics
import MathSyntax
import DeriveNumerics
import Foundation

/// `∝` and `= … + \text{const}`: the ratio or difference of the sides must not change when the
/// `wrt` variables are redrawn.
extension LinkChecker {
    func checkInvariance(_ settings: [[String: Int]], lhs: Expr, rhs: Expr, ratio: Bool) throws -> LinkReport {
        let wrt = try wrtKeys()
        var generator = SeededGenerator(seed: seed)
        let perSetting = max(pointCount() / 2, 2)
        var points = 0, worst = 0.0
        var methods: Set<CheckMethod> = []
        let programs = SidePrograms(lhs: lhs, rhs: rhs, pointsPerSetting: 4 * perSetting)
        // Each base point is compared with three redraws of `wrt`; a domain error in any of the
        // four redraws the base, so more redraws are allowed than for a single comparison.
        let rules = SampleRules(perSetting: perSetting, limit: .total(8 * perSetting * settings.count + 8),
                                redrawsFailedDraws: true)
        let end: SampleLoopEnd<LinkReport> = try sampleLoop(rules).run(
            over: settings, using: &generator,
            draw: { sampler, generator in try sampler.drawReal(using: &generator) },
            judge: { base, dimensions, sampler, generator in
                let reference = try invariant(base, dimensions, programs, ratio: ratio, methods: &methods)
                for _ in 0..<3 {
                    let other = try sampler.drawReal(using: &generator)
                    var moved = base
                    for key in wrt {
                        moved.values[key] = other.values[key]
                        if let i = other.integers[key] { moved.integers[key] = i }
                    }
                    let value = try invariant(moved, dimensions, programs, ratio: ratio, methods: &methods)
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
                        return .failed(report(.refuted, method(methods), points: points, residual: r, counterexample: example))
                    }
                    worst = max(worst, r)
                }
                return .accepted
            })
        switch end {
        case .failed(let refuted):
            return refuted
        case .outsideDomain(_, let error):
            return report(.inconclusive, method(methods), points: points,
                          reason: "too many sample points fall outside the domain (\(error.map(Self.describe) ?? ""))")
        case .completed:
            break
        }
        let wrtText = wrt.map(displayName).joined(separator: ", ")
        return report(.verified, method(methods), points: points, residual: worst,
                      reason: (ratio ? "ratio" : "difference") + " constant in \(wrtText)")
    }

    func invariant(_ point: SamplePoint<Double>, _ dimensions: [String: Int], _ programs: SidePrograms, ratio: Bool,
                           methods: inout Set<CheckMethod>) throws -> (value: Double, error: Double) {
        let (left, right, context) = try programs.sides(point, dimensions, checker: self)
        methods.formUnion(context.methodsUsed)
        let (a, b) = try aligned(left, right)
        guard a.elements.count == 1 else {
            throw EvaluationError.input(.error(job.position, "'\(LaTeXPrinter.latex(job.relation))' compares scalars; the sides are \(Shape(rows: a.rows, columns: a.columns))"))
        }
        let x = a.elements[0], y = b.elements[0]
        let q = ratio ? try x.divided(by: y) : x - y
        guard q.error.isFinite else { throw ScalarError.outOfDomain("the error bound is unbounded at this point") }
        return (q.value, q.error)
    }

    func wrtKeys() throws -> [String] {
        if let text = job.options["wrt"] {
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var keys: [String] = []
            for name in names {
                let source = SourceText(file: job.file, text: name, origin: job.position)
                guard let expr = try? MathParser.parseExpression(source), let key = NameKey.of(expr),
                      job.scope.declarations[key] != nil else {
                    throw EvaluationError.input(.error(job.position, "wrt names '\(name)', which is not a declared variable"))
                }
                keys.append(key)
            }
            return keys
        }
        // Default for ∝: the variables left of \mid in the left-hand density.
        if case .apply(.named, let arguments, let conditions, _) = job.lhs.ungrouped.node, !conditions.isEmpty {
            let keys = arguments.compactMap { NameKey.of($0) }
            if !keys.isEmpty { return keys }
        }
        throw EvaluationError.input(.error(job.position, "say which variables this '\(LaTeXPrinter.latex(job.relation))' is with respect to: add wrt=… to the block or '% wrt: …' to the line"))
    }
}
