import MathSyntax

/// Generic traversal of math trees: the direct children of a node and a name for its kind, so that
/// analyses (cost, degree, symbols, where two sides part) need not each list every case.
enum ExprWalk {
    static func children(_ expr: Expr) -> [Expr] {
        switch expr.node {
        case .number, .constant, .symbol, .text, .blackboard, .calligraphic, .dots: return []
        case .subscripted(let base, let index): return [base, index]
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b, _), .divide(let a, let b, _),
             .power(let a, let b), .hadamard(let a, let b), .kronecker(let a, let b), .inner(let a, let b),
             .comparison(let a, _, let b):
            return [a, b]
        case .negate(let a), .plus(let a), .transpose(let a), .group(let a, _), .absolute(let a), .indicator(let a),
             .entropy(let a):
            return [a]
        case .root(let a, let index): return [a] + (index.map { [$0] } ?? [])
        case .norm(let a, let sub): return [a] + (sub.map { [$0] } ?? [])
        case .tuple(let items), .set(let items): return items
        case .interval(let a, let b, _, _): return [a, b]
        case .matrix(let rows, _): return rows.flatMap { $0 }
        case .cases(let branches): return branches.flatMap { [$0.value] + ($0.condition.map { [$0] } ?? []) }
        case .apply(let callee, let arguments, let conditions, _):
            if case .named(let name) = callee { return [name] + arguments + conditions }
            return arguments + conditions
        case .distribution(_, let point, let parameters): return (point.map { [$0] } ?? []) + parameters
        case .expectation(let over, let body), .variance(let over, let body): return (over.map { [$0] } ?? []) + [body]
        case .covariance(let over, let a, let b): return (over.map { [$0] } ?? []) + [a, b]
        case .divergence(_, let p, let q): return [p, q]
        case .sum(let op), .product(let op):
            return [op.index] + [op.lower, op.upper, op.condition].compactMap { $0 } + [op.body]
        case .integral(let lower, let upper, let body, let variable): return [lower, upper].compactMap { $0 } + [body, variable]
        case .limit(let variable, let target, let body): return [variable, target, body]
        case .extremum(_, let sub, let body): return [sub, body]
        case .derivative(let body, let variables, _): return [body] + variables
        case .gradient(let body, let variable, _), .divergenceOperator(let body, let variable), .laplacian(let body, let variable):
            return [body] + (variable.map { [$0] } ?? [])
        }
    }

    /// A name for the node's case and its fixed parameters (operator, style-free), to pair subtrees.
    static func kind(_ expr: Expr) -> String {
        switch expr.node {
        case .number(let text): return "number " + text
        case .constant(let c): return "constant " + c.rawValue
        case .symbol, .subscripted: return "name " + (NameKey.of(expr) ?? "?")
        case .text(let t): return "text " + t
        case .add: return "add"
        case .subtract: return "subtract"
        case .negate: return "negate"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .power: return "power"
        case .transpose: return "transpose"
        case .apply(let callee, let arguments, _, _):
            switch callee {
            case .builtin(let name): return "apply " + name + "/\(arguments.count)"
            case .named(let name): return "apply " + (NameKey.of(name) ?? "?") + "/\(arguments.count)"
            }
        case .distribution(let family, _, _): return "distribution " + family.rawValue
        case .group: return "group"
        default:
            return String(describing: expr.node).prefix(while: { $0 != "(" }).description
        }
    }

    /// Every node of the tree, parents before children.
    static func all(_ expr: Expr) -> [Expr] {
        var result: [Expr] = []
        var stack = [expr]
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: children(node).reversed())
        }
        return result
    }

    /// Keys of the names that occur in the tree (and, for subscripted entries, their bases).
    static func names(_ expr: Expr) -> Set<String> {
        var keys: Set<String> = []
        for node in all(expr) {
            if let key = NameKey.of(node) { keys.insert(key) }
            if case .subscripted(let base, _) = node.node, let key = NameKey.of(base) { keys.insert(key) }
        }
        return keys
    }
}

/// How expensive a link is to evaluate, to choose the number of points.
enum LinkCost: Int, Comparable {
    case cheap, expectation, integral

    static func < (a: LinkCost, b: LinkCost) -> Bool { a.rawValue < b.rawValue }

    static func of(_ expr: Expr) -> LinkCost {
        var cost = LinkCost.cheap
        for node in ExprWalk.all(expr) {
            switch node.node {
            case .integral: return .integral
            case .expectation, .variance, .covariance, .divergence, .entropy: cost = max(cost, .expectation)
            default: break
            }
        }
        return cost
    }

    func combined(with other: LinkCost) -> LinkCost { max(self, other) }
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
                return rest.reduce(degree(first)) { $0 + degree($1.operand) }
            case .hadamard(let a, let b), .inner(let a, let b): return degree(a) + degree(b)
            case .divide(let a, let b, _): return degree(a) + degree(b)
            case .power(let a, let b):
                if case .number(let text) = b.node, let k = Int(text), k.magnitude < 1 << 20 { return mul(mul(abs(k), degree(a)), k < 0 ? n : 1) }
                if case .negate(let inner) = b.node, case .number(let text) = inner.node, let k = Int(text), k < 1 << 20 { return mul(mul(k, degree(a)), n) }
                return mul(mul(8, degree(a)), n)
            case .apply(.builtin(let name), let arguments, _, _):
                let inner = arguments.map(degree).reduce(0, +)
                return ["det", "adj"].contains(name) ? mul(n, inner) : inner
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
                return ExprWalk.children(e).map(degree).reduce(0, +)
            }
        }
        return degree(expr)
    }
}
