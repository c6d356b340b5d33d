import MathSyntax

// What the exact (Schwartz–Zippel) check learns from the trees of a link: before it runs, whether
// it can run at all; after it verifies, a bound on the degree for the false-accept probability.

/// Whether exact (modular) arithmetic can evaluate a link, decided from the trees before any point
/// is drawn: a built-in that is not rational (`BuiltinFunction.exactDegree` is nil) on either side,
/// or in a definition they use, rules the exact check out, and so does a construct that modular
/// arithmetic never evaluates (a norm's square root, an integral's or a continuous expectation's
/// quadrature nodes, a divergence's or an entropy's logarithm, a continuous density's exponential,
/// an optimum's comparisons): an exact attempt would only draw a point and evaluate up to it.
/// Constructs whose rationality depends on values (`|x|` of a scalar or a matrix, a symbolic
/// exponent, an expectation under a discrete family or a defined density) are still found out by
/// evaluation, which throws `notRational`.
enum Rationality {
    /// What rules out an exact check of these trees (a built-in or a construct, named), or nil
    /// when nothing does.
    static func blocker(in exprs: [Expr], scope: Scope) -> String? {
        var expanding: Set<String> = []
        // A plain loop, not `lazy.compactMap(blocker).first`: a lazy filter's `first` calls the
        // closure again for the element it found (and once more for `isEmpty`), so a walk down a
        // chain of n nodes with a blocker at the bottom cost 3ⁿ calls (`1 + + … + \operatorname{sigmoid}(x)`).
        func first(_ exprs: [Expr]) -> String? {
            for expr in exprs { if let found = blocker(expr) { return found } }
            return nil
        }
        func blocker(_ e: Expr) -> String? {
            switch e.node {
            case .apply(.builtin(let function), _, _, _) where !function.isRational:
                return function.rawValue
            case .norm: return "a norm"
            case .integral: return "an integral"
            case .divergence: return "a divergence"
            case .entropy: return "an entropy"
            case .extremum: return "an optimum"
            case .limit: return "a limit"
            case .distribution(let family, let point, _) where point != nil && isExponential(family):
                return "a \(family.rawValue) density"
            case .expectation(let over?, _) where continuousLaw(over):
                return "an expectation under a continuous law"
            case .symbol, .subscripted:
                // A defined quantity or family is evaluated in place of its name.
                if let key = NameKey.of(e), let body = scope.quantities[key] { return expanded(key, body) }
                if case .subscripted(let base, let index) = e.node, let key = NameKey.of(base),
                   let family = scope.families[key] {
                    return expanded(key + "_", family.body) ?? blocker(index)
                }
                return nil
            case .apply(.named(let name), let arguments, let conditions, _):
                if let found = first(arguments + conditions) { return found }
                // With one definition the call certainly evaluates its body; with several, the
                // argument names choose, and evaluation finds out.
                if let (key, _) = NameKey.unprimed(name), let definitions = scope.functions[key], definitions.count == 1 {
                    return expanded(key + "()", definitions[0].body)
                }
                return nil
            default:
                return first(ExprWalk.children(e))
            }
        }
        // Each definition is walked once, however often it is used.
        var walked: [String: String?] = [:]
        func expanded(_ key: String, _ body: Expr) -> String? {
            if let known = walked[key] { return known }
            guard !expanding.contains(key) else { return nil }
            expanding.insert(key)
            defer { expanding.remove(key) }
            let found = blocker(body)
            walked[key] = .some(found)
            return found
        }
        return first(exprs)
    }

    /// Families whose density has an exponential in it (the uniform's is a constant, Bernoulli's
    /// and the categorical's are rational in their parameters).
    private static func isExponential(_ family: DistributionFamily) -> Bool {
        switch family {
        case .normal, .laplace, .logistic: return true
        case .uniform, .bernoulli, .categorical: return false
        }
    }

    /// Whether an expectation's subscript draws from a continuous family, which quadrature
    /// averages at irrational nodes.
    private static func continuousLaw(_ over: Expr) -> Bool {
        var stack = [over]
        while let e = stack.popLast() {
            if case .distribution(let family, nil, _) = e.node {
                switch family {
                case .normal, .uniform, .laplace, .logistic: return true
                case .bernoulli, .categorical: break
                }
            }
            stack.append(contentsOf: ExprWalk.children(e))
        }
        return false
    }
}

/// A crude upper bound on the total degree of a rational expression, for the Schwartz–Zippel
/// false-accept bound: sums take the larger degree, products add, inverses and determinants of
/// n × n matrices multiply by n, sums over k terms multiply by k.
enum DegreeBound {
    static func of(_ expr: Expr, scope: Scope, settings: [[String: Int]]) -> Int {
        let n = max(settings.flatMap { $0.values }.max() ?? 1, 1)
        var expanding: Set<String> = []
        // Saturating: a bound past 2^40 is useless anyway, and `x^{10^6}` nested four deep must not
        // overflow an Int (which would trap).
        let cap = 1 << 40
        func mul(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? cap : min(product, cap)
        }
        func degree(_ e: Expr) -> Int { min(uncapped(e), cap) }
        func uncapped(_ e: Expr) -> Int {
            switch e.node {
            case .number, .constant, .text: return 0
            case .symbol, .subscripted:
                if let key = NameKey.of(e), let body = scope.quantities[key], !expanding.contains(key) {
                    expanding.insert(key)
                    defer { expanding.remove(key) }
                    return degree(body)
                }
                if case .subscripted(let base, _) = e.node, let key = NameKey.of(base), let family = scope.families[key], !expanding.contains(key) {
                    expanding.insert(key)
                    defer { expanding.remove(key) }
                    return degree(family.body)
                }
                return 1
            case .add, .subtract:
                // Along the spine, not recursing on it: a flat sum may be thousands of terms long.
                let (first, rest) = ExprChains.sum(e)
                return rest.reduce(degree(first)) { max($0, degree($1.operand)) }
            case .multiply:
                let (first, rest) = ExprChains.product(e)
                return rest.reduce(degree(first)) { min($0 + degree($1.operand), cap) }
            case .hadamard(let a, let b), .inner(let a, let b): return min(degree(a) + degree(b), cap)
            case .divide(let a, let b, _): return min(degree(a) + degree(b), cap)
            case .power(let a, let b):
                if case .number(let text) = b.node, let k = Int(text), k.magnitude < 1 << 20 { return mul(mul(abs(k), degree(a)), k < 0 ? n : 1) }
                if case .negate(let inner) = b.node, case .number(let text) = inner.node, let k = Int(text), k < 1 << 20 { return mul(mul(k, degree(a)), n) }
                return mul(mul(8, degree(a)), n)
            case .apply(.builtin(let function), let arguments, _, _):
                let inner = min(arguments.map(degree).reduce(0, +), cap)
                switch function.exactDegree {
                case .timesSize?: return mul(n, inner)
                // Built-ins that are not rational never reach an exact check; counted like their arguments.
                case .same?, nil: return inner
                }
            case .apply(.named(let name), let arguments, _, _):
                let inner = max(arguments.map(degree).max() ?? 1, 1)
                if let key = NameKey.of(name), let definition = scope.functions[key]?.first {
                    return mul(inner, max(degree(definition.body), 1))
                }
                return inner
            case .sum(let op), .product(let op):
                return mul(32, max(degree(op.body), 1))
            case .absolute(let a): return mul(n, degree(a))
            case .matrix(let rows, _): return rows.flatMap { $0 }.map(degree).max() ?? 0
            default:
                return min(ExprWalk.children(e).map(degree).reduce(0, +), cap)
            }
        }
        return degree(expr)
    }
}
