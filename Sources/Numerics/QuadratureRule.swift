/// Nodes and weights of a fixed rule: ∫ w(x) f(x) dx ≈ Σ wᵢ f(xᵢ).
public struct QuadratureRule: Sendable, Equatable {
    public let nodes: [Double]
    public let weights: [Double]

    public init(nodes: [Double], weights: [Double]) {
        precondition(nodes.count == weights.count, "one weight per node")
        self.nodes = nodes
        self.weights = weights
    }

    /// Σ wᵢ f(xᵢ) in any scalar (nodes and weights enter through `init(constant:)`).
    @inlinable
    public func apply<S: Scalar>(_ f: (S) throws -> S) throws -> S {
        var s = S(0)
        for (x, w) in zip(nodes, weights) { s = s + (try S(constant: w) * f(S(constant: x))) }
        return s
    }

    /// The tensor product of one-dimensional rules: points in ℝᵈ with product weights.
    public static func tensorProduct(_ rules: [QuadratureRule]) -> (points: [[Double]], weights: [Double]) {
        var points: [[Double]] = [[]]
        var weights: [Double] = [1]
        for rule in rules {
            var nextPoints: [[Double]] = []
            var nextWeights: [Double] = []
            nextPoints.reserveCapacity(points.count * rule.nodes.count)
            for (p, w) in zip(points, weights) {
                for (x, v) in zip(rule.nodes, rule.weights) {
                    nextPoints.append(p + [x])
                    nextWeights.append(w * v)
                }
            }
            points = nextPoints
            weights = nextWeights
        }
        return (points, weights)
    }
}
