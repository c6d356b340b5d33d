import RealModule

/// Gauss–Hermite rules. `rule(_:)` uses the physicists' convention, weight e^{−x²} on ℝ;
/// `expectationUnderStandardNormal(n:)` rescales it to the N(0, 1) density (weights sum to 1).
public enum GaussHermite {
    /// The n-point physicists' rule (n ≤ 64 is tested), nodes ascending: ∫ e^{−x²} f ≈ Σ wᵢ f(xᵢ).
    /// Newton's method on the orthonormal Hermite functions, whose recurrence does not overflow.
    public static func rule(_ n: Int) -> QuadratureRule {
        precondition(n >= 1, "a rule needs at least one node")
        var x = Array(repeating: 0.0, count: n), w = x
        let piToMinusQuarter = 0.7511255444649425
        let m = (n + 1) / 2
        var z = 0.0
        for i in 1 ... m {
            // Initial guesses for the largest roots first, each from its predecessors.
            switch i {
            case 1: z = Double.sqrt(Double(2 * n + 1)) - 1.85575 * Double.pow(Double(2 * n + 1), -0.16667)
            case 2: z -= 1.14 * Double.pow(Double(n), 0.426) / z
            case 3: z = 1.86 * z - 0.86 * x[0]
            case 4: z = 1.91 * z - 0.91 * x[1]
            default: z = 2 * z - x[i - 3]
            }
            var derivative = 0.0
            for _ in 0 ..< 100 {
                var p1 = piToMinusQuarter, p2 = 0.0
                for j in 1 ... n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * Double.sqrt(2 / Double(j)) * p2 - Double.sqrt(Double(j - 1) / Double(j)) * p3
                }
                derivative = Double.sqrt(Double(2 * n)) * p2
                let step = p1 / derivative
                z -= step
                if abs(step) <= 1e-15 * max(1, abs(z)) { break }
            }
            x[i - 1] = z
            x[n - i] = -z
            w[i - 1] = 2 / (derivative * derivative)
            w[n - i] = w[i - 1]
        }
        return QuadratureRule(nodes: x.reversed(), weights: w.reversed())
    }

    /// The sizes the checker's refinement ladders use (one to three dimensions).
    static let commonSizes = [4, 5, 6, 8, 12, 16, 18, 20, 24, 32, 48, 64, 96, 128]

    /// The rules for N(0, 1) of the common sizes, computed once: checks ask for the same few sizes
    /// thousands of times, and computing every size up to 128 would cost more than a small book's check.
    static let standardNormalRules: [Int: QuadratureRule] = Dictionary(
        uniqueKeysWithValues: commonSizes.map { ($0, computeExpectationRule($0)) })

    /// E[f(Z)] for Z ~ N(0, 1) ≈ Σ wᵢ f(zᵢ), with zᵢ = √2 xᵢ and wᵢ = (physicists' wᵢ)/√π.
    public static func expectationUnderStandardNormal(n: Int) -> QuadratureRule {
        standardNormalRules[n] ?? computeExpectationRule(n)
    }

    private static func computeExpectationRule(_ n: Int) -> QuadratureRule {
        let r = rule(n)
        let inverseSqrtPi = 0.5641895835477563
        return QuadratureRule(nodes: r.nodes.map { Double.sqrt(2) * $0 },
                              weights: r.weights.map { $0 * inverseSqrtPi })
    }
}
