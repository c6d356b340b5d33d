import Diagnostics
import MathSyntax

extension DomainReader {
    /// A declaration's domain, refused when nothing can be drawn from it: an empty interval
    /// (`x \in (1, 0)`), an empty integer range, a dimension outside 1…`CheckLimits.dimension`.
    /// A link over an empty domain would otherwise be "verified" at no point at all.
    func domain(of declaration: Declaration) throws -> Domain {
        let domain = try unvalidatedDomain(of: declaration)
        let at = declaration.domain
        switch domain {
        case .box(let low, let high, let shape):
            try checkInterval(low, high, declaration, at: at)
            try checkShape(shape, at: at)
        case .real(let shape), .density(let shape):
            try checkShape(shape, at: at)
        case .lattice(let values, let shape):
            if values.isEmpty { throw error(at, "the set '\(LaTeXPrinter.latex(at))' is empty") }
            try checkShape(shape, at: at)
        case .positiveDefinite(let d), .orthogonal(let d), .simplex(let d):
            try checkDimension(d, at: at)
        case .function(let from, let to, let codomain):
            for shape in from + [to] { try checkShape(shape, at: at) }
            if case .box(let low, let high) = codomain { try checkInterval(low, high, declaration, at: at) }
        case .integers(let set):
            switch set {
            case .values(let values):
                if values.isEmpty { throw error(at, "the set '\(LaTeXPrinter.latex(at))' is empty") }
            case .naturals:
                break
            case .range(let low, let high):
                if let a = low.value([:]), let b = high.value([:]), a > b {
                    throw error(at, "the range '\(LaTeXPrinter.latex(at))' is empty: \(a) > \(b)")
                }
            }
        case .fixed:
            break
        }
        return domain
    }

    /// An interval must hold a point: low < high, or low == high with both ends closed; no NaN.
    private func checkInterval(_ low: Double, _ high: Double, _ declaration: Declaration, at expr: Expr) throws {
        let closed: Bool
        if case .interval(_, _, let leftOpen, let rightOpen) = declaration.domain.node {
            closed = !leftOpen && !rightOpen
        } else {
            closed = false
        }
        guard !low.isNaN, !high.isNaN, low < high || (closed && low == high && low.isFinite) else {
            throw error(expr, "the domain '\(LaTeXPrinter.latex(expr))' is empty: no number lies between \(format(low)) and \(format(high))")
        }
    }

    private func checkShape(_ shape: ShapeSpec, at expr: Expr) throws {
        for dimension in [shape.rows, shape.columns].compactMap({ $0 }) { try checkDimension(dimension, at: expr) }
    }

    private func checkDimension(_ dimension: Dimension, at expr: Expr) throws {
        guard case .literal(let n) = dimension else { return }
        guard n >= 1, n <= CheckLimits.dimension else {
            throw error(expr, "a dimension must be between 1 and \(CheckLimits.dimension), found \(n)")
        }
    }

    private func format(_ x: Double) -> String {
        x.isInfinite ? (x > 0 ? "\\infty" : "-\\infty") : (x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x))
    }

    private func error(_ expr: Expr, _ message: String) -> Diagnostic {
        .error(expr.range.start, message)
    }
}
