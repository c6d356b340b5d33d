import MathSyntax

/// The realistic slips the mutation test plants, one at a time, in a link's right-hand side.
public enum MutationKind: String, CaseIterable, Sendable, Codable {
    /// `a + b` ↔ `a - b`, and a leading minus dropped.
    case sign
    /// A factor of 2 dropped (`2 a` → `a`) or inserted into a denominator (`\frac{a}{b}` → `\frac{a}{2b}`).
    case factorOfTwo = "factor of 2"
    /// `\sigma^2` → `\sigma`: a square dropped.
    case squareDropped = "σ for σ²"
    /// `\frac{1}{2} a` → `a`, `\frac{a}{2}` → `a`.
    case halfDropped = "dropped ½"
    /// `A^\top` → `A`.
    case transpose
    /// `x_{t}` ↔ `x_{t-1}`, `x_{t+1}` → `x_{t}`; a sum's upper bound `n` → `n - 1`.
    case offByOne = "off-by-one index"
    /// `\mathrm{KL}(q \| p)` → `\mathrm{KL}(p \| q)`.
    case swappedDivergence = "swapped KL arguments"
    /// One term of a sum left out.
    case droppedTerm = "dropped term"
    /// `\sqrt{x}` → `x`, and `\bar\alpha_t` → `\sqrt{\bar\alpha_t}` for a barred name.
    case squareRoot = "square root"

    /// Every mutation of this kind at `expr` itself (not its children), as replacements for it.
    func mutations(of expr: Expr) -> [Expr] {
        func make(_ node: Expr.Node) -> Expr { Expr(node, expr.range) }
        func number(_ text: String) -> Expr { Expr(.number(text), expr.range) }
        switch (self, expr.node) {
        case (.sign, .add(let a, let b)): return [make(.subtract(a, b))]
        case (.sign, .subtract(let a, let b)): return [make(.add(a, b))]
        case (.sign, .negate(let a)): return [a]
        case (.factorOfTwo, .multiply(let a, let b, _)):
            if isNumber(a, "2") { return [b] }
            if isNumber(b, "2") { return [a] }
            return []
        case (.factorOfTwo, .divide(let a, let b, let style)) where !isNumber(b, "2"):
            return [make(.divide(a, make(.multiply(number("2"), parenthesized(b), .juxtaposition)), style))]
        case (.squareDropped, .power(let base, let exponent)) where isNumber(exponent, "2"):
            return [base]
        case (.halfDropped, .multiply(let a, let b, _)):
            if isHalf(a) { return [b] }
            if isHalf(b) { return [a] }
            return []
        case (.halfDropped, .divide(let a, let b, _)) where isNumber(b, "2") && !isNumber(a, "1"):
            return [a]
        case (.transpose, .transpose(let a)): return [a]
        case (.offByOne, .subscripted(let base, let index)):
            return shifted(index).map { make(.subscripted(base: base, index: $0)) }
        case (.offByOne, .sum(let op)), (.offByOne, .product(let op)):
            guard let upper = op.upper, !isInfinity(upper) else { return [] }
            var shifted = op
            shifted.upper = Expr(.subtract(upper, number("1")), upper.range)
            if case .sum = expr.node { return [make(.sum(shifted))] }
            return [make(.product(shifted))]
        case (.swappedDivergence, .divergence(let kind, let p, let q)):
            return [make(.divergence(kind, q, p))]
        case (.droppedTerm, .add(let a, let b)):
            return isSum(a) ? [a] : [a, b]
        case (.droppedTerm, .subtract(let a, let b)):
            return isSum(a) ? [a] : [a, make(.negate(b))]
        case (.squareRoot, .root(let a, nil)): return [a]
        case (.squareRoot, .symbol(let symbol)) where symbol.decorations.contains(.bar):
            return [make(.root(expr, index: nil))]
        case (.squareRoot, .subscripted(let base, _)):
            if case .symbol(let symbol) = base.node, symbol.decorations.contains(.bar) { return [make(.root(expr, index: nil))] }
            return []
        default:
            return []
        }
    }

    private func isNumber(_ expr: Expr, _ text: String) -> Bool {
        if case .number(let t) = stripped(expr).node { return t == text }
        return false
    }

    private func isHalf(_ expr: Expr) -> Bool {
        if case .divide(let a, let b, _) = stripped(expr).node { return isNumber(a, "1") && isNumber(b, "2") }
        return false
    }

    private func isInfinity(_ expr: Expr) -> Bool {
        if case .constant(.infinity) = stripped(expr).node { return true }
        return false
    }

    private func isSum(_ expr: Expr) -> Bool {
        switch expr.node {
        case .add, .subtract: return true
        default: return false
        }
    }

    private func stripped(_ expr: Expr) -> Expr {
        if case .group(let inner, .invisible) = expr.node { return stripped(inner) }
        return expr
    }

    /// A denominator that needs its own parentheses once multiplied by 2.
    private func parenthesized(_ expr: Expr) -> Expr {
        switch expr.node {
        case .add, .subtract, .negate: return Expr(.group(expr, .paren), expr.range)
        default: return expr
        }
    }

    /// The letters that index sequences (`x_t`, `a_i`); other subscripts (`\mu_\theta`) name things.
    private static let indexLetters: Set<String> = ["i", "j", "k", "l", "m", "n", "s", "t"]

    /// `t` → `t - 1`, `t - 1` → `t`, `t + 1` → `t`, for an index that is a name or a name ± 1.
    private func shifted(_ index: Expr) -> [Expr] {
        let one = Expr(.number("1"), index.range)
        switch stripped(index).node {
        case .symbol(let symbol) where Self.indexLetters.contains(symbol.base) && symbol.decorations.isEmpty:
            return [Expr(.subtract(index, one), index.range)]
        case .subtract(let a, let b) where isNumber(b, "1"): return [a]
        case .add(let a, let b) where isNumber(b, "1"): return [a]
        default: return []
        }
    }
}
