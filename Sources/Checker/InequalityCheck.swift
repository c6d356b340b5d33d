import MathSyntax
import DeriveNumerics
import Foundation

/// `≤ ≥ < >`: the margin at every sample point, then a local search from the worst points.
extension LinkChecker {
    func checkInequality(_ settings: [[String: Int]]) throws -> LinkReport {
        var generator = SeededGenerator(seed: seed)
        let perSetting = pointCount()
        var points = 0
        var worstMargin = Double.infinity
        var methods: Set<CheckMethod> = []
        // The points of the current setting, as starts for its local search.
        var candidates: [(margin: Double, point: SamplePoint<Double>)] = []
        let programs = SidePrograms(lhs: job.lhs, rhs: job.rhs, pointsPerSetting: perSetting)
        let rules = SampleRules(perSetting: perSetting, limit: .total(4 * perSetting * settings.count + 8),
                                cyclesConditioning: true)
        let end: SampleLoopEnd<LinkReport> = try sampleLoop(rules).run(
            over: settings, using: &generator,
            draw: { sampler, generator in try sampler.drawReal(using: &generator) },
            judge: { point, dimensions, _, _ in
                let (margin, tolerance) = try self.margin(point, dimensions, programs, methods: &methods)
                points += 1
                if margin < -tolerance { return .failed(try refutedInequality(point, dimensions, margin: margin, tolerance: tolerance, points: points, methods: methods)) }
                candidates.append((margin, point))
                worstMargin = min(worstMargin, margin)
                return .accepted
            },
            afterSetting: { dimensions, sampler, generator in
                // Local search: push the margin down from the three worst points.
                defer { candidates = [] }
                candidates.sort { $0.margin < $1.margin }
                let searchSteps = cost == .cheap ? 24 : 6
                for start in candidates.prefix(cost == .cheap ? 3 : 2) {
                    var current = start
                    var step = 0.5
                    for _ in 0..<searchSteps {
                        try checkTime()
                        let moved = perturb(current.point, scale: step, using: &generator, sampler: sampler)
                        step *= 0.85
                        guard let (margin, tolerance) = try? self.margin(moved, dimensions, programs, methods: &methods) else { continue }
                        points += 1
                        if margin < -tolerance { return try refutedInequality(moved, dimensions, margin: margin, tolerance: tolerance, points: points, methods: methods) }
                        if margin < current.margin { current = (margin, moved) }
                    }
                    worstMargin = min(worstMargin, current.margin)
                }
                return nil
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
        return report(.verified, method(methods), points: points, residual: nil,
                      reason: "smallest margin found \(String(format: "%.3g", worstMargin)) after a local search")
    }

    /// The slack of the inequality at a point (negative when violated) and its tolerance.
    func margin(_ point: SamplePoint<Double>, _ dimensions: [String: Int], _ programs: SidePrograms,
                methods: inout Set<CheckMethod>) throws -> (Double, Double) {
        let (left, right, context) = try programs.sides(point, dimensions, checker: self)
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

    func refutedInequality(_ point: SamplePoint<Double>, _ dimensions: [String: Int], margin: Double, tolerance: Double,
                                   points: Int, methods: Set<CheckMethod>) throws -> LinkReport {
        let (left, right, _) = try sides(lift(point), dimensions, lhs: job.lhs, rhs: job.rhs)
        let example = Counterexample(assignment: describeAssignment(point, dimensions), left: format(left) ?? "?",
                                     right: format(right) ?? "?", difference: -margin, tolerance: tolerance,
                                     partingAt: nil, hint: "the inequality is violated by \(String(format: "%.4g", -margin))")
        return report(.refuted, method(methods), points: points, residual: tolerance > 0 ? -margin / tolerance : .infinity, counterexample: example)
    }

    /// Moves real and box-valued variables a little; structured values (orthogonal, simplex,
    /// positive definite) are redrawn whole.
    func perturb(_ point: SamplePoint<Double>, scale: Double, using generator: inout SeededGenerator,
                         sampler: PointSampler) -> SamplePoint<Double> {
        var moved = point
        // Declaration order, not the dictionary's: each variable must take the same draws on every run.
        for key in job.scope.order {
            guard let declared = job.scope.declarations[key], case .matrix(let m)? = point.values[key] else { continue }
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
                if let redrawn = try? sampler.redraw(key, in: moved, using: &generator) { moved.values[key] = redrawn }
            }
        }
        return moved
    }
}
