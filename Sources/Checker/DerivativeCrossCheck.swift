import MathSyntax
import DeriveNumerics

/// The finite-difference cross-check of automatic differentiation (DESIGN §3): at a sample point,
/// each first derivative in a link is compared with a central difference along a random direction.
enum DerivativeNodes {
    /// First-order derivative nodes with one variable (higher orders are built from them).
    static func collect(_ expr: Expr) -> [Expr] {
        ExprWalk.all(expr).filter { node in
            switch node.node {
            case .derivative(_, let variables, _): return variables.count == 1
            case .gradient(_, _, let order): return order == 1
            default: return false
            }
        }
    }

    /// nil when the two agree; a sentence naming the node when they do not. Throws when the node
    /// cannot be evaluated at this point (the caller tries another).
    static func crossCheck(_ node: Expr, evaluator: Evaluator<Double>, generator: inout SeededGenerator) throws -> String? {
        var body: Expr
        var variable: Expr?
        var evaluator = evaluator
        switch node.node {
        case .derivative(let b, let variables, let partial):
            body = b; variable = variables.first
            // The same paths held fixed as in the automatic derivative (Evaluator.holdingPaths).
            if partial, let v = variable { (body, evaluator, _) = try evaluator.holdingPaths(b, variable: v) }
        case .gradient(let b, let v, _): body = b; variable = v
        default: return nil
        }
        if let written = variable, case .transpose(let inner) = written.node { variable = inner }
        guard let variable, let key = NameKey.of(variable), case .matrix(let x)? = evaluator.values[key] else { return nil }
        let automatic = try evaluator.evaluate(node).materialized(size: 1)
        let direction = (0..<x.elements.count).map { _ in Sampler.standardNormal(using: &generator) }
        let scale = max(x.elements.map { abs($0) }.max() ?? 1, 1)
        let h = 1e-5 * scale
        func bodyAt(_ sign: Double) throws -> Matrix<Double> {
            var moved = evaluator
            var shifted = x
            for i in shifted.elements.indices { shifted.elements[i] += sign * h * direction[i] }
            moved.values[key] = .matrix(shifted)
            return try moved.evaluate(body).materialized(size: 1)
        }
        let plus = try bodyAt(1), minus = try bodyAt(-1)
        let difference = plus.elements.indices.map { (plus.elements[$0] - minus.elements[$0]) / (2 * h) }
        // The automatic derivative along the direction: J u for a Jacobian, u·∇ for a gradient.
        var predicted = [Double](repeating: 0, count: difference.count)
        if case .gradient = node.node {
            predicted = [zip(automatic.elements, direction).map(*).reduce(0, +)]
        } else if x.elements.count == 1 {
            predicted = automatic.elements.map { $0 * direction[0] }
        } else {
            for i in 0..<automatic.rows {
                for j in 0..<automatic.columns { predicted[i] += automatic[i, j] * direction[j] }
            }
        }
        guard predicted.count == difference.count else { return nil }
        for (a, f) in zip(predicted, difference) {
            let size = max(abs(a), abs(f), 1e-3)
            if !(abs(a - f) <= 1e-4 * size) {
                return "automatic differentiation and central differences disagree for '\(LaTeXPrinter.latex(node))': \(String(format: "%.6g", a)) vs \(String(format: "%.6g", f))"
            }
        }
        return nil
    }
}

import Foundation
