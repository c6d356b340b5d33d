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
        let perSetting = pointCount()
        let programs = SidePrograms(lhs: job.lhs, rhs: job.rhs, pointsPerSetting: perSetting)
        let rules = SampleRules(perSetting: perSetting, limit: .perSetting(100))
        let end: SampleLoopEnd<LinkReport> = try sampleLoop(rules).run(
            over: settings, using: &generator,
            draw: { sampler, generator in try sampler.drawReal(using: &generator) },
            judge: { point, dimensions, _, _ in
                let (left, right, context) = try programs.sides(point, dimensions, checker: self)
                methods.formUnion(context.methodsUsed)
                let (a, b) = try aligned(left, right)
                points += 1
                for i in a.elements.indices {
                    let difference = abs(a.elements[i].value - b.elements[i].value)
                    let allowed = tolerance * max(1, abs(a.elements[i].value))
                    let holds = job.relation == .approx ? difference <= allowed : difference > allowed
                    if !holds {
                        let example = Counterexample(assignment: describeAssignment(point, dimensions), left: format(left) ?? "?",
                                                     right: format(right) ?? "?", difference: difference, tolerance: allowed,
                                                     partingAt: nil, hint: job.relation == .approx ? nil : "the sides coincide here")
                        return .failed(report(.refuted, method(methods), points: points, residual: difference / allowed, counterexample: example))
                    }
                    worst = max(worst, difference / allowed)
                }
                return .accepted
            })
        switch end {
        case .failed(let refuted):
            return refuted
        case .outsideDomain:
            return report(.inconclusive, method(methods), points: points, reason: "too many sample points fall outside the domain")
        case .completed:
            break
        }
        return report(.verified, method(methods), points: points, residual: worst,
                      reason: "tolerance \(tolerance) relative to max(1, |left|)")
    }
}
