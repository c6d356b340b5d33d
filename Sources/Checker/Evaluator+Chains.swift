import DeriveNumerics
import MathSyntax

extension Evaluator {
    /// A flat sum or difference evaluated along its left spine, left to right, without recursion
    /// (a sum of 50,000 terms is a tree 50,000 deep; see `ExprChains`).
    func evaluateSum(_ expr: Expr) throws -> Value<S> {
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
        let (first, rest) = ExprChains.product(expr)
        var total = try evaluate(first)
        var left = first
        for (_, factor, node) in rest {
            total = try multiply(total, try evaluate(factor), left: left, right: factor)
            left = node
        }
        return total
    }
}
