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
        case .interval(let a, let b, _, _), .indexRange(let a, let b): return [a, b]
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

    /// The names in a tree that are not the head of an application: where a bare function sits.
    static func bareNames(in expr: Expr) -> [Expr] {
        var result: [Expr] = []
        var stack = [expr]
        while let node = stack.popLast() {
            switch node.node {
            case .symbol, .subscripted:
                if NameKey.of(node) != nil { result.append(node) }
            case .apply(.named, let arguments, let conditions, _):
                stack.append(contentsOf: arguments + conditions)
            default:
                stack.append(contentsOf: ExprWalk.children(node))
            }
        }
        return result
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
            case .builtin(let function): return "apply " + function.rawValue + "/\(arguments.count)"
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
        for node in all(expr) { keys.formUnion(self.keys(of: node)) }
        return keys
    }

    /// The names one node stands for: its own key, the base of a subscripted name, and the function
    /// or path that a prime or a dot differentiates (`f'(x)` reaches `f`, `\dot x(t)` reaches `x`).
    static func keys(of node: Expr) -> [String] {
        var keys: [String] = []
        if let key = NameKey.of(node) { keys.append(key) }
        if case .subscripted(let base, _) = node.node, let key = NameKey.of(base) { keys.append(key) }
        if let (key, primes) = NameKey.unprimed(node), primes > 0 { keys.append(key) }
        if case .symbol(var symbol) = node.node, let last = symbol.decorations.last, last == .dot || last == .ddot {
            symbol.decorations.removeLast()
            keys.append(NameKey.key(symbol))
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
