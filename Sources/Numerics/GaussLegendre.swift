import RealModule

/// Gauss–Legendre rules on [−1, 1] (weight 1), exact for polynomials of degree 2n − 1.
public enum GaussLegendre {
    /// The n-point rule, nodes ascending, by Newton's method on Pₙ from Chebyshev-like guesses.
    public static func rule(_ n: Int) -> QuadratureRule {
        precondition(n >= 1, "a rule needs at least one node")
        var x = Array(repeating: 0.0, count: n), w = x
        let m = (n + 1) / 2
        for i in 1 ... m {
            var z = Double.cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0 ..< 100 {
                // Three-term recurrence: j Pⱼ = (2j − 1) z Pⱼ₋₁ − (j − 1) Pⱼ₋₂.
                var p1 = 1.0, p2 = 0.0
                for j in 1 ... n {
                    let p3 = p2
                    p2 = p1
                    p1 = ((2 * Double(j) - 1) * z * p2 - (Double(j) - 1) * p3) / Double(j)
                }
                derivative = Double(n) * (z * p1 - p2) / (z * z - 1)
                let step = p1 / derivative
                z -= step
                if abs(step) <= 1e-16 { break }
            }
            x[i - 1] = -z
            x[n - i] = z
            w[i - 1] = 2 / ((1 - z * z) * derivative * derivative)
            w[n - i] = w[i - 1]
        }
        return QuadratureRule(nodes: x, weights: w)
    }

    /// The n-point rule mapped to [a, b].
    public static func rule(_ n: Int, from a: Double, to b: Double) -> QuadratureRule {
        let r = rule(n)
        let half = (b - a) / 2, mid = (a + b) / 2
        return QuadratureRule(nodes: r.nodes.map { mid + half * $0 }, weights: r.weights.map { half * $0 })
    }
}
