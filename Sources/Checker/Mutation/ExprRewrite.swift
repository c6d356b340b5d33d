import MathSyntax

/// Rebuilds a tree with some nodes replaced, visiting nodes in a fixed pre-order, so that the n-th
/// node visited can be found again: the mutation test counts candidate nodes in one pass and
/// replaces the chosen one in another. Names and the variables that operators bind (`\sum_{i…}`,
/// `dx`, `\frac{d}{dx}`) are not entered: a slip there is not an expression slip.
enum ExprRewrite {
    /// `replace` is asked about each node before its children; a non-nil answer replaces the node
    /// (and its children are not visited).
    static func rewrite(_ expr: Expr, _ replace: (Expr) -> Expr?) -> Expr {
        if let replacement = replace(expr) { return replacement }
        func r(_ e: Expr) -> Expr { rewrite(e, replace) }
        func o(_ e: Expr?) -> Expr? { e.map { rewrite($0, replace) } }
        let node: Expr.Node
        switch expr.node {
        case .number, .constant, .symbol, .subscripted, .text, .blackboard, .calligraphic, .dots:
            return expr
        case .add(let a, let b): node = .add(r(a), r(b))
        case .subtract(let a, let b): node = .subtract(r(a), r(b))
        case .negate(let a): node = .negate(r(a))
        case .plus(let a): node = .plus(r(a))
        case .multiply(let a, let b, let style): node = .multiply(r(a), r(b), style)
        case .divide(let a, let b, let style): node = .divide(r(a), r(b), style)
        case .power(let a, let b): node = .power(r(a), r(b))
        case .transpose(let a): node = .transpose(r(a))
        case .root(let a, let index): node = .root(r(a), index: o(index))
        case .hadamard(let a, let b): node = .hadamard(r(a), r(b))
        case .kronecker(let a, let b): node = .kronecker(r(a), r(b))
        case .group(let a, let delimiter): node = .group(r(a), delimiter)
        case .absolute(let a): node = .absolute(r(a))
        case .norm(let a, let sub): node = .norm(r(a), subscript: sub)
        case .inner(let a, let b): node = .inner(r(a), r(b))
        case .tuple(let items): node = .tuple(items.map(r))
        case .set(let items): node = .set(items.map(r))
        case .indexRange(let a, let b): node = .indexRange(r(a), r(b))
        case .interval(let a, let b, let leftOpen, let rightOpen):
            node = .interval(r(a), r(b), leftOpen: leftOpen, rightOpen: rightOpen)
        case .matrix(let rows, let style): node = .matrix(rows.map { $0.map(r) }, style)
        case .cases(let branches):
            node = .cases(branches.map { CaseBranch(value: r($0.value), condition: o($0.condition)) })
        case .comparison(let a, let relation, let b): node = .comparison(r(a), relation, r(b))
        case .indicator(let a): node = .indicator(r(a))
        case .apply(let callee, let arguments, let conditions, let parenthesized):
            node = .apply(callee, arguments: arguments.map(r), conditions: conditions.map(r), parenthesized: parenthesized)
        case .distribution(let family, let point, let parameters):
            node = .distribution(family, point: o(point), parameters: parameters.map(r))
        case .expectation(let over, let body): node = .expectation(over: o(over), body: r(body))
        case .variance(let over, let body): node = .variance(over: o(over), body: r(body))
        case .covariance(let over, let a, let b): node = .covariance(over: o(over), r(a), r(b))
        case .divergence(let kind, let p, let q): node = .divergence(kind, r(p), r(q))
        case .entropy(let a): node = .entropy(r(a))
        case .sum(let op): node = .sum(bigOperator(op, replace))
        case .product(let op): node = .product(bigOperator(op, replace))
        case .integral(let lower, let upper, let body, let variable):
            node = .integral(lower: o(lower), upper: o(upper), body: r(body), variable: variable)
        case .limit(let variable, let target, let body): node = .limit(variable: variable, target: target, body: r(body))
        case .extremum(let kind, let sub, let body): node = .extremum(kind, subscript: sub, body: r(body))
        case .derivative(let body, let variables, let partial): node = .derivative(body: r(body), variables: variables, partial: partial)
        case .gradient(let body, let variable, let order): node = .gradient(body: r(body), variable: variable, order: order)
        case .divergenceOperator(let body, let variable): node = .divergenceOperator(body: r(body), variable: variable)
        case .laplacian(let body, let variable): node = .laplacian(body: r(body), variable: variable)
        }
        return Expr(node, expr.range)
    }

    private static func bigOperator(_ op: BigOperator, _ replace: (Expr) -> Expr?) -> BigOperator {
        BigOperator(index: op.index, lower: op.lower.map { rewrite($0, replace) }, upper: op.upper.map { rewrite($0, replace) },
                    condition: op.condition, body: rewrite(op.body, replace))
    }
}
