/// How tightly a node binds when printed, loosest first; printers add parentheses where a child
/// binds more loosely than its place allows (only trees built by hand need them: parsed trees keep
/// their groups).
enum Precedence: Int, Comparable, Sendable {
    case item, relation, sum, term, product, factor, atom

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    static func of(_ expr: Expr) -> Precedence {
        switch expr.node {
        case .tuple, .indexRange: return .item
        case .comparison: return .relation
        case .add, .subtract: return .sum
        case .negate, .plus: return .term
        case .multiply, .hadamard, .kronecker: return .product
        case .divide(_, _, let style): return style == .slash ? .product : .atom
        case .power, .transpose, .subscripted: return .factor
        case .sum, .product, .limit, .extremum, .gradient, .divergenceOperator, .laplacian: return .factor
        case .derivative(let body, _, _): return derivativeInNumerator(body) ? .atom : .factor
        case .apply(_, _, _, let parenthesized): return parenthesized ? .atom : .factor
        default: return .atom
        }
    }

    /// Whether the node takes everything to its right within the term (`\sum_i x_i y` sums `x_i y`),
    /// so that it needs parentheses anywhere but last in a product.
    static func isOpenEnded(_ expr: Expr) -> Bool {
        switch expr.node {
        case .sum, .product, .limit, .extremum, .gradient, .divergenceOperator, .laplacian: return true
        case .derivative(let body, _, _): return !derivativeInNumerator(body)
        case .apply(_, let arguments, _, let parenthesized):
            return !parenthesized && (arguments.last.map(isOpenEnded) ?? false)
        case .negate(let inner), .plus(let inner): return isOpenEnded(inner)
        case .multiply(_, let right, _), .hadamard(_, let right), .kronecker(_, let right),
             .divide(_, let right, .slash):
            return isOpenEnded(right)
        default: return false
        }
    }

    /// A derivative prints its body in the numerator (`\frac{\partial f}{\partial x}`) when the body
    /// is a bare name; otherwise as an operator before it (`\frac{d}{dx} f(g(x))`).
    static func derivativeInNumerator(_ body: Expr) -> Bool {
        switch body.node {
        case .symbol, .subscripted: return true
        default: return false
        }
    }

    /// Whether a node is tall enough that its delimiters read better stretched (`\left( … \right)`).
    static func isTall(_ expr: Expr, depth: Int = 0) -> Bool {
        if depth > 6 { return false }
        switch expr.node {
        case .divide(_, _, let style): return style != .slash
        case .sum, .product, .integral, .matrix, .cases, .derivative: return true
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b, _), .hadamard(let a, let b),
             .kronecker(let a, let b), .comparison(let a, _, let b), .inner(let a, let b):
            return isTall(a, depth: depth + 1) || isTall(b, depth: depth + 1)
        case .negate(let a), .plus(let a), .transpose(let a), .group(let a, _), .absolute(let a):
            return isTall(a, depth: depth + 1)
        case .power(let base, _), .subscripted(let base, _):
            return isTall(base, depth: depth + 1)
        case .tuple(let items), .set(let items):
            return items.contains { isTall($0, depth: depth + 1) }
        case .apply(_, let arguments, let conditions, _):
            return (arguments + conditions).contains { isTall($0, depth: depth + 1) }
        case .expectation(_, let body), .variance(_, let body), .limit(_, _, let body):
            return isTall(body, depth: depth + 1)
        case .norm(let inner, _): return isTall(inner, depth: depth + 1)
        case .root: return false
        default: return false
        }
    }
}
