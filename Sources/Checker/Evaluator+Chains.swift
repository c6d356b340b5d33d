import DeriveNumerics
import MathSyntax

extension Evaluator {
    /// A flat sum or difference evaluated along its left spine, left to right, without recursion
    /// (a sum of 50,000 terms is a tree 50,000 deep; see `ExprChains`).
    func evaluateSum(_ expr: Expr) throws -> Value<S> {
        // Most sums are short: two operands need no spine (and no arrays, in the hot loop of a
        // Monte Carlo expectation).
        switch expr.node {
        case .add(let a, let b) where !Self.isSum(a):
            return try combine(try evaluate(a), try evaluate(b), left: a, right: b, verb: "add") { $0 + $1 }
        case .subtract(let a, let b) where !Self.isSum(a):
            return try combine(try evaluate(a), try evaluate(b), left: a, right: b, verb: "subtract") { $0 - $1 }
        default:
            break
        }
        let (first, rest) = ExprChains.sum(expr)
        var total = try evaluate(first)
        var left = first
        for (joint, term, node) in rest {
            let value = try evaluate(term)
            if case .minus = joint {
                total = try combine(total, value, left: left, right: term, verb: "subtract") { $0 - $1 }
            } else {
                total = try combine(total, value, left: left, right: term, verb: "add") { $0 + $1 }
            }
            left = node
        }
        return total
    }

    /// A product of juxtaposed or `\cdot`-joined factors evaluated along its left spine, without
    /// recursion.
    func evaluateProduct(_ expr: Expr) throws -> Value<S> {
        if case .multiply(let a, let b, _) = expr.node {
            if case .multiply = a.node {} else { return try multiply(try evaluate(a), try evaluate(b), left: a, right: b) }
        }
        let (first, rest) = ExprChains.product(expr)
        var total = try evaluate(first)
        var left = first
        for (_, factor, node) in rest {
            total = try multiply(total, try evaluate(factor), left: left, right: factor)
            left = node
        }
        return total
    }

    private static func isSum(_ expr: Expr) -> Bool {
        switch expr.node {
        case .add, .subtract: return true
        default: return false
        }
    }
}
