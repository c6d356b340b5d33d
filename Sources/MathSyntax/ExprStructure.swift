extension Expr {
    /// The tree as a compact S-expression without source ranges, for tests and debugging:
    /// `-x^2` is `(neg (^ x 2))`, `Wz` is `(* W z)`, `\log\det A` is `(apply-np logdet A)`.
    /// Two trees with the same structure give the same string.
    public var structure: String {
        func s(_ e: Expr) -> String { e.structure }
        func opt(_ e: Expr?) -> String { e.map(s) ?? "_" }
        func list(_ items: [Expr]) -> String { items.map(s).joined(separator: " ") }
        switch node {
        case .number(let text): return text
        case .constant(let c): return c == .infinity ? "inf" : c.rawValue
        case .symbol(let symbol): return Expr.structure(symbol)
        case .subscripted(let base, let index): return "(sub \(s(base)) \(s(index)))"
        case .text(let text): return "\"\(text)\""
        case .blackboard(let letter): return "bb(\(letter))"
        case .calligraphic(let letter): return "cal(\(letter))"
        case .dots: return "..."
        case .add(let a, let b): return "(+ \(s(a)) \(s(b)))"
        case .subtract(let a, let b): return "(- \(s(a)) \(s(b)))"
        case .negate(let a): return "(neg \(s(a)))"
        case .plus(let a): return "(pos \(s(a)))"
        case .multiply(let a, let b, let style):
            let op: String
            switch style {
            case .juxtaposition: op = "*"
            case .cdot: op = "*cdot"
            case .times: op = "*times"
            case .thinSpace: op = "*thin"
            }
            return "(\(op) \(s(a)) \(s(b)))"
        case .divide(let a, let b, let style):
            return "(\(style == .fraction ? "/" : "/" + style.rawValue) \(s(a)) \(s(b)))"
        case .power(let a, let b): return "(^ \(s(a)) \(s(b)))"
        case .transpose(let a): return "(T \(s(a)))"
        case .root(let a, let index): return index.map { "(root \(s($0)) \(s(a)))" } ?? "(sqrt \(s(a)))"
        case .hadamard(let a, let b): return "(odot \(s(a)) \(s(b)))"
        case .kronecker(let a, let b): return "(otimes \(s(a)) \(s(b)))"
        case .group(let a, let delimiter): return "(\(delimiter.rawValue) \(s(a)))"
        case .absolute(let a): return "(abs \(s(a)))"
        case .norm(let a, let sub): return sub.map { "(norm \(s(a)) \(s($0)))" } ?? "(norm \(s(a)))"
        case .inner(let a, let b): return "(inner \(s(a)) \(s(b)))"
        case .tuple(let items): return "(tuple \(list(items)))"
        case .indexRange(let a, let b): return "(range \(s(a)) \(s(b)))"
        case .set(let items): return "(set \(list(items)))"
        case .interval(let a, let b, let leftOpen, let rightOpen):
            return "(interval\(leftOpen ? "(" : "[") \(s(a)) \(s(b))\(rightOpen ? ")" : "]"))"
        case .matrix(let rows, let style):
            return "(\(style.rawValue) " + rows.map { "(row \(list($0)))" }.joined(separator: " ") + ")"
        case .cases(let branches):
            return "(cases " + branches.map { "(\(s($0.value)) \(opt($0.condition)))" }.joined(separator: " ") + ")"
        case .comparison(let a, let relation, let b): return "(\(relation.rawValue) \(s(a)) \(s(b)))"
        case .indicator(let a): return "(1 \(s(a)))"
        case .apply(let callee, let arguments, let conditions, let parenthesized):
            let name: String
            switch callee {
            case .builtin(let function): name = function.rawValue
            case .named(let head): name = s(head)
            }
            let tail = conditions.isEmpty ? "" : " | " + list(conditions)
            return "(\(parenthesized ? "apply" : "apply-np") \(name) \(list(arguments))\(tail))"
        case .distribution(let family, let point, let parameters):
            return "(\(family.rawValue)\(point.map { " " + s($0) + " ;" } ?? "") \(list(parameters)))"
        case .expectation(let over, let body): return "(E \(opt(over)) \(s(body)))"
        case .variance(let over, let body): return "(Var \(opt(over)) \(s(body)))"
        case .covariance(let over, let a, let b): return "(Cov \(opt(over)) \(s(a)) \(s(b)))"
        case .divergence(let kind, let a, let b): return "(\(kind.rawValue) \(s(a)) \(s(b)))"
        case .entropy(let a): return "(H \(s(a)))"
        case .sum(let op): return "(sum \(Expr.structure(op)))"
        case .product(let op): return "(prod \(Expr.structure(op)))"
        case .integral(let lower, let upper, let body, let variable):
            return "(int \(opt(lower)) \(opt(upper)) \(s(body)) d\(s(variable)))"
        case .limit(let variable, let target, let body): return "(lim \(s(variable)) \(s(target)) \(s(body)))"
        case .extremum(let kind, let sub, let body): return "(\(kind.rawValue) \(s(sub)) \(s(body)))"
        case .derivative(let body, let variables, let partial):
            return "(\(partial ? "partial" : "d") [\(list(variables))] \(s(body)))"
        case .gradient(let body, let variable, let order):
            return "(grad\(order == 1 ? "" : String(order)) \(opt(variable)) \(s(body)))"
        case .divergenceOperator(let body, let variable): return "(div \(opt(variable)) \(s(body)))"
        case .laplacian(let body, let variable): return "(laplacian \(opt(variable)) \(s(body)))"
        }
    }

    static func structure(_ symbol: Symbol) -> String {
        var text = symbol.base
        if symbol.font != .normal { text = "\(symbol.font.rawValue)(\(text))" }
        for decoration in symbol.decorations { text = "\(decoration.rawValue)(\(text))" }
        return text + String(repeating: "'", count: symbol.primes) + String(repeating: "*", count: symbol.stars)
    }

    static func structure(_ op: BigOperator) -> String {
        func opt(_ e: Expr?) -> String { e.map(\.structure) ?? "_" }
        return "\(op.index.structure) \(opt(op.lower)) \(opt(op.upper)) \(opt(op.condition)) \(op.body.structure)"
    }
}
