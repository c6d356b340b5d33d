import DeriveNumerics
import MathSyntax

/// The indices a `\sum` or `\prod` runs over: how many, and (only when enumerated) which.
struct IndexRange {
    var count: Int
    var members: () -> [Int]
}

extension Evaluator {
    /// The index range of a sum or product from its bounds or from the index's declared set,
    /// counted without listing it.
    func indexRange(_ op: BigOperator, indexKey: String, at expr: Expr, isSum: Bool) throws -> IndexRange {
        if let lower = op.lower, let upper = op.upper {
            let a = try integer(lower, role: "a lower bound"), b = try integer(upper, role: "an upper bound")
            return try span(a, b, at: expr)
        }
        if let declared = context.scope.declarations[indexKey], case .integers(let set) = declared.domain {
            let known = integers.merging(context.dimensions)
            switch set {
            case .values(let values):
                return IndexRange(count: values.count, members: { values })
            case .range(let low, let high):
                if let a = low.value(known), let b = high.value(known) { return try span(a, b, at: expr) }
            case .naturals:
                throw error(expr, "a \(isSum ? "sum" : "product") over \\mathbb{N} has infinitely many terms; give its bounds: \\\(isSum ? "sum" : "prod")_{\(indexKey)=0}^{N}")
            }
        }
        throw error(expr, "give the bounds of this \(isSum ? "sum" : "product"): \\\(isSum ? "sum" : "prod")_{\(indexKey)=1}^{n}")
    }

    /// The points of a finite set that a sum or product runs over, when it names one: `\sum_{x \in
    /// \{0, 1\}}`, `\sum_{h \in \{0, 1\}^{m}}`, or `\sum_{h}` over an `h` declared in `\{0, 1\}^{m}`.
    /// Enumerated exactly, up to `CheckLimits.enumeratedTerms` points; nil for ordinary ranges.
    func finiteIndexPoints(_ op: BigOperator, indexKey: String) throws -> (points: [[Int]], vector: Bool)? {
        if let condition = op.condition, case .comparison(let name, .element, let set) = condition.ungrouped.node,
           NameKey.of(name) == indexKey {
            switch set.ungrouped.node {
            case .set, .power: return try finiteSetPoints(set)
            default: return nil
            }
        }
        guard op.lower == nil, op.condition == nil, let declared = context.scope.declarations[indexKey],
              case .lattice(let values, let spec) = declared.domain else { return nil }
        guard let shape = spec.resolve(context.dimensions), shape.columns == 1 else {
            throw error(op.index, "a sum over '\(indexKey)' runs over vectors of a known length; declare its dimension")
        }
        var total = 1.0
        for _ in 0..<shape.rows { total *= Double(values.count) }
        guard total <= Double(CheckLimits.enumeratedTerms) else {
            throw error(op.index, "the sum over '\(indexKey)' has \(values.count)^\(shape.rows) terms, more than the \(CheckLimits.enumeratedTerms) that are enumerated exactly; take a smaller dimension")
        }
        var points: [[Int]] = [[]]
        for _ in 0..<shape.rows { points = points.flatMap { prefix in values.map { prefix + [$0] } } }
        return (points, true)
    }

    private func span(_ a: Int, _ b: Int, at expr: Expr) throws -> IndexRange {
        guard a <= b else { return IndexRange(count: 0, members: { [] }) }
        let (difference, overflow) = b.subtractingReportingOverflow(a)
        guard !overflow, difference < Int.max else {
            throw error(expr, "this sum or product has more terms than can be counted (\(a) to \(b))")
        }
        return IndexRange(count: difference + 1, members: { Array(a...b) })
    }

    /// A sum or product too long to enumerate: `count` copies of a body that does not depend on
    /// the index are `count · body` and `body^count`; any other body is refused at the operator.
    func repeatedTerm(_ op: BigOperator, indexKey: String, count: Int, at expr: Expr, isSum: Bool) throws -> Value<S> {
        let word = isSum ? "sum" : "product"
        guard op.condition == nil || op.lower != nil else {
            throw error(expr, "this \(word) has \(count) terms under a condition, more than the \(CheckLimits.enumeratedTerms) that are evaluated one by one")
        }
        guard !dependsOn(op.body, indexKey) else {
            throw error(expr, "this \(word) has \(count) terms whose \(isSum ? "summand" : "factor") depends on '\(indexKey)', more than the \(CheckLimits.enumeratedTerms) that are evaluated one by one")
        }
        var inner = self
        inner.integers[indexKey] = nil
        let term = try inner.evaluate(op.body)
        if isSum { return term.map { S(count) * $0 } }
        // Square and multiply: about 2 log2(count) products, for scalars and square matrices alike.
        var result: Value<S>? = nil
        var square = term
        var remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 {
                result = try result.map { try multiply($0, square, left: op.body, right: op.body) } ?? square
            }
            remaining >>= 1
            if remaining > 0 { square = try multiply(square, square, left: op.body, right: op.body) }
        }
        return result ?? .scalar(S.one)
    }

    /// Whether `key` occurs in `expr` or in the bodies of the definitions it reaches, which read the
    /// index from the evaluator's bindings when they are expanded.
    func dependsOn(_ expr: Expr, _ key: String) -> Bool {
        var seen: Set<String> = []
        var pending = [expr]
        while let next = pending.popLast() {
            for name in ExprWalk.names(next) where seen.insert(name).inserted {
                if name == key { return true }
                if let body = context.scope.quantities[name] { pending.append(body) }
                if let family = context.scope.families[name] { pending.append(family.body) }
                for definition in context.scope.functions[name] ?? [] { pending.append(definition.body) }
            }
        }
        return false
    }
}
