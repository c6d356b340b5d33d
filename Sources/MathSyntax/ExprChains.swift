/// The left spines of flat sums and products (`a + b - c`, `a b c`), read without recursion: the
/// parser builds them left-nested, one level per term, so that a formula of 50,000 terms is a tree
/// 50,000 deep, and every walk that recursed on it would overflow the stack.
public enum ExprChains {
    /// One step along a spine: the operator that joins `operand` to everything on its left.
    public enum Joint: Sendable {
        case plus, minus, multiply(MultiplicationStyle)
    }

    /// `a + b - c` as `(a, [(+, b), (-, c)])`: the leftmost operand that is not itself a sum, then
    /// each term with its sign, left to right. A node that is not a sum has no terms.
    public static func sum(_ expr: Expr) -> (first: Expr, rest: [(joint: Joint, operand: Expr, node: Expr)]) {
        var rest: [(joint: Joint, operand: Expr, node: Expr)] = []
        var current = expr
        while true {
            switch current.node {
            case .add(let a, let b):
                rest.append((.plus, b, current))
                current = a
                continue
            case .subtract(let a, let b):
                rest.append((.minus, b, current))
                current = a
                continue
            default:
                break
            }
            break
        }
        return (current, rest.reversed())
    }

    /// `a b \cdot c` as `(a, [(juxtaposition, b), (cdot, c)])`, stopping at a left operand for which
    /// `stop` holds (printers stop where the left factor needs parentheses).
    public static func product(_ expr: Expr, stop: (Expr) -> Bool = { _ in false })
        -> (first: Expr, rest: [(joint: Joint, operand: Expr, node: Expr)]) {
        var rest: [(joint: Joint, operand: Expr, node: Expr)] = []
        var current = expr
        while case .multiply(let a, let b, let style) = current.node {
            rest.append((.multiply(style), b, current))
            current = a
            if stop(current) { break }
        }
        return (current, rest.reversed())
    }
}
