import MathSyntax
import DeriveNumerics
import Foundation

/// `\approx` with an explicit `tol=`, and `\ne`: a relative tolerance at every sample point.
extension LinkChecker {
    func checkTolerance(_ settings: [[String: Int]]) throws -> LinkReport {
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
}
