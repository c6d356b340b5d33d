import MathSyntax
import DeriveNumerics
import Foundation

/// Building the readable part of a refutation: the assignment, both sides' values, and the
/// smallest sub-expression where the two sides part.
extension LinkChecker {
    func counterexample(_ point: SamplePoint<Double>, _ dimensions: [String: Int], _ a: Matrix<ErrorBounded<Double>>,
                        _ b: Matrix<ErrorBounded<Double>>, _ comparison: Comparison, lhs: Expr, rhs: Expr) throws -> Counterexample {
        let left = Value<Double>.matrix(a.map { $0.value }), right = Value<Double>.matrix(b.map { $0.value })
        let parting = Parting.find(lhs, rhs, point: point, dimensions: dimensions, checker: self)
        return Counterexample(assignment: describeAssignment(point, dimensions), left: format(left) ?? "?", right: format(right) ?? "?",
                              difference: comparison.difference, tolerance: comparison.tolerance,
                              partingAt: parting.map { part in
                                  let left = LaTeXPrinter.latex(part.left), right = LaTeXPrinter.latex(part.right)
                                  return left == right ? left : left + "  vs  " + right
                              },
                              hint: parting?.hint ?? Parting.hint(a.map { $0.value }, b.map { $0.value }))
    }

    /// The values of the symbols that occur in the link (and the dimensions), in declaration order.
    func describeAssignment(_ point: SamplePoint<Double>, _ dimensions: [String: Int]) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for key in job.scope.order where reachable.contains(key) {
            if let d = dimensions[key] { result.append((displayName(key), String(d))); continue }
            if let i = point.integers[key] { result.append((displayName(key), String(i))); continue }
            if let value = point.values[key], let text = format(value) { result.append((displayName(key), text)) }
            else if point.functions[key] != nil { result.append((displayName(key), "a random smooth function")) }
            else if point.densities[key] != nil { result.append((displayName(key), "a random Gaussian mixture")) }
        }
        return result
    }

    /// The names a link depends on: those it mentions and those its definitions mention, transitively.
    func reachableNames() -> Set<String> {
        var reachable: Set<String> = []
        var followed: Set<String> = []
        var frontier = [job.lhs, job.rhs]
        while let expr = frontier.popLast() {
            // Walked once: the names and every function's uses are read off the same nodes.
            let nodes = mentions(in: expr)
            let used = names(among: nodes)
            reachable.formUnion(used)
            for key in used {
                if followed.insert(key).inserted {
                    if let body = job.scope.quantities[key] { frontier.append(body) }
                    if let family = job.scope.families[key] { frontier.append(family.body) }
                    // A declared `c = a + 1` is computed from the names its value mentions.
                    if case .fixed(let value)? = job.scope.declarations[key]?.domain { frontier.append(value) }
                }
                if let definitions = job.scope.functions[key] {
                    for (index, definition) in usedDefinitions(definitions, key: key, among: nodes)
                    where followed.insert(key + "#\(index)").inserted {
                        frontier.append(definition.body)
                    }
                }
            }
        }
        return reachable
    }

    /// The names among an expression's mentions. The base of a subscripted name counts
    /// (`\bar\alpha` of an indexed family's `\bar\alpha_t`) unless the subscripted name is declared
    /// in its own right: a declared `x_1` says nothing about an `x` declared elsewhere in the chapter.
    private func names(among nodes: [Expr]) -> Set<String> {
        var keys: Set<String> = []
        for node in nodes {
            keys.formUnion(ExprWalk.keys(of: node))
            // `\mu_j` with no plain `\mu` declared is read as an entry of `\boldsymbol{\mu}`.
            if case .subscripted(let base, _) = node.node,
               let bold = NameKey.boldContainer(ofEntryBase: base, declared: { job.scope.declarations[$0] != nil }) {
                keys.insert(bold)
            }
        }
        return keys
    }

    /// Every node of the tree, except the parts of a subscripted name that is declared or defined
    /// as a whole (`x_1`, `I_q`, the function `g_\theta`): its base and index are not uses of `x`,
    /// `I`, `q` or of another function `g`.
    private func mentions(in expr: Expr) -> [Expr] {
        var result: [Expr] = []
        var stack = [expr]
        while let node = stack.popLast() {
            if case .subscripted = node.node, let key = NameKey.of(node),
               job.scope.declarations[key] != nil || job.scope.quantities[key] != nil || job.scope.functions[key] != nil {
                result.append(Expr(.symbol(Symbol(key)), node.range))
                continue
            }
            result.append(node)
            stack.append(contentsOf: ExprWalk.children(node).reversed())
            // `\mu_2(…)` reaches the declared family `\mu_i`.
            if case .apply(.named(let name), _, _, _) = node.node, case .subscripted(let base, _) = name.node,
               let baseKey = NameKey.of(base), let family = job.scope.functionFamily(base: baseKey) {
                result.append(family.name)
            }
            // A conditional expectation under a defined joint reaches its prior and likelihood.
            if case .expectation(let over, let body) = node.node, let joint = job.scope.bayesJoint(over: over, body: body) {
                stack.append(contentsOf: [joint.prior, joint.likelihood])
            }
        }
        // A bare function (`p` in `\nabla \cdot (p\, f)`) reaches the variable it is taken at.
        for bare in ExprWalk.bareNames(in: expr) {
            guard let key = NameKey.of(bare), job.scope.declarations[key] != nil || job.scope.functions[key] != nil,
                  let variable = job.scope.fieldVariable(ofBareFunction: key) else { continue }
            result.append(Expr(.symbol(Symbol(variable)), bare.range))
        }
        return result
    }

    /// The definitions of a function that an expression's mentions `nodes` reach, chosen as
    /// evaluation chooses them (the one whose argument names match, or the only one): following
    /// every definition of a much-defined density would pull in dimensions that the link never
    /// touches. A bare use of the name (not applied) reaches them all.
    private func usedDefinitions(_ definitions: [FunctionDefinition], key: String, among nodes: [Expr]) -> [(Int, FunctionDefinition)] {
        var chosen: Set<Int> = []
        var applications = 0, occurrences = 0
        for node in nodes {
            if NameKey.of(node) == key { occurrences += 1 }
            // A derivative of the function (`f'(x)`, `\dot w(t)`) is an application of it too.
            guard case .apply(.named(let name), let arguments, let conditions, _) = node.node,
                  NameKey.of(name) == key || ExprWalk.keys(of: name).contains(key) else { continue }
            applications += 1
            if let index = definitions.chosenIndex(arguments: arguments, conditions: conditions) { chosen.insert(index) }
        }
        if occurrences > applications { return Array(definitions.enumerated()) }
        return chosen.sorted().map { ($0, definitions[$0]) }
    }

    func displayName(_ key: String) -> String {
        if let declared = job.scope.declarations[key] { return LaTeXPrinter.latex(declared.name) }
        return key
    }

    func format<S: Scalar>(_ value: Value<S>?) -> String? {
        guard let value else { return nil }
        switch value {
        case .identity(let lambda): return (try? lambda.realValue()).map { Self.number($0) + " I" }
        case .matrix(let m):
            let numbers = m.elements.map { (try? $0.realValue()).map(Self.number) ?? "?" }
            if numbers.count == 1 { return numbers[0] }
            if m.columns == 1 || m.rows == 1 { return "[" + numbers.joined(separator: ", ") + "]" + (m.rows == 1 && m.columns > 1 ? "ᵀ" : "") }
            let rows = (0..<m.rows).map { i in "[" + numbers[(i * m.columns)..<((i + 1) * m.columns)].joined(separator: ", ") + "]" }
            return "[" + rows.joined(separator: ", ") + "]"
        }
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }
}

/// Where two sides part: walk both trees together while exactly one pair of matching children
/// differs in value at the counterexample point, and report the last such pair.
enum Parting {
    struct Result {
        var left: Expr
        var right: Expr
        var hint: String?
    }

    static func find(_ lhs: Expr, _ rhs: Expr, point: SamplePoint<Double>, dimensions: [String: Int], checker: LinkChecker) -> Result? {
        let context = EvaluationContext(scope: checker.job.scope, dimensions: dimensions,
                                        functions: point.functions, densities: point.densities, seed: 0,
                                        deadline: Clock.now() + 2, monteCarloSamples: 500)
        let evaluator = Evaluator<Double>(context: context, values: point.values, integers: point.integers)
        func value(_ e: Expr) -> [Double]? {
            guard let v = try? evaluator.evaluate(e) else { return nil }
            if case .matrix(let m) = v { return m.elements }
            return nil
        }
        if let term = termLevel(lhs, rhs, value: value) { return term }
        return structural(lhs, rhs, value: value)
    }

    /// The slip is usually one term of a sum: find the term t of the right side (or the left) whose
    /// correction t + residual is a simple multiple of t: −t (a sign), 2t or t/2 (a factor of 2),
    /// 0 (a term that should not be there).
    private static func termLevel(_ lhs: Expr, _ rhs: Expr, value: (Expr) -> [Double]?) -> Result? {
        guard let l = value(lhs), let r = value(rhs), l.count == r.count else { return nil }
        for (side, other, terms) in [(rhs, l, signedTerms(rhs)), (lhs, r, signedTerms(lhs))] {
            guard terms.count > 1, let sideValue = value(side) else { continue }
            let residual = zip(other, sideValue).map { $0 - $1 }
            for (term, sign) in terms {
                guard let t = value(term), t.count == residual.count, t.contains(where: { abs($0) > 1e-12 }) else { continue }
                let corrected = zip(t, residual).map { $0 + sign * $1 }
                for (factor, hint) in [(-1.0, "a sign?"), (2.0, "a factor of 2?"), (0.5, "a factor of 2?"), (0.0, "a term too many?")] {
                    if zip(corrected, t).allSatisfy({ abs($0 - factor * $1) <= 1e-6 * max(1, abs($0), abs($1)) }) {
                        return Result(left: term, right: term, hint: hint)
                    }
                }
            }
        }
        return nil
    }

    /// The terms of a sum with their signs: a − (b + c) gives (a, +1), (b, −1), (c, −1).
    /// An explicit stack rather than recursion, since a flat sum may be thousands of terms long.
    static func signedTerms(_ expr: Expr) -> [(Expr, Double)] {
        var terms: [(Expr, Double)] = []
        var pending: [(Expr, Double)] = [(expr, 1)]
        while let (e, sign) = pending.popLast() {
            switch e.node {
            case .add(let a, let b): pending += [(b, sign), (a, sign)]
            case .subtract(let a, let b): pending += [(b, -sign), (a, sign)]
            case .negate(let a): pending.append((a, -sign))
            // A bracketed sum is still a sum: the slip may be one of its terms.
            case .group(let inner, _): pending.append((inner, sign))
            default: terms.append((e, sign))
            }
        }
        return terms
    }

    private static func structural(_ lhs: Expr, _ rhs: Expr, value: (Expr) -> [Double]?) -> Result? {
        func same(_ a: [Double]?, _ b: [Double]?) -> Bool {
            guard let a, let b, a.count == b.count else { return false }
            return zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0), abs($1)) }
        }
        var left = lhs.ungrouped, right = rhs.ungrouped
        var moved = false
        for _ in 0..<64 {
            guard ExprWalk.kind(left) == ExprWalk.kind(right) else { break }
            let a = ExprWalk.children(left), b = ExprWalk.children(right)
            guard a.count == b.count, !a.isEmpty else { break }
            let differing = zip(a, b).filter { !same(value($0.0), value($0.1)) }
            guard differing.count == 1 else { break }
            left = differing[0].0.ungrouped
            right = differing[0].1.ungrouped
            moved = true
        }
        guard moved else { return nil }
        var hint: String? = nil
        if let x = value(left), let y = value(right), x.count == y.count {
            hint = self.hint(Matrix(rows: x.count, columns: 1, elements: x), Matrix(rows: y.count, columns: 1, elements: y))
        }
        return Result(left: left, right: right, hint: hint)
    }

    /// A guess at the slip from the two values: a sign, a factor of two, a transpose.
    static func hint(_ a: Matrix<Double>, _ b: Matrix<Double>) -> String? {
        guard a.elements.count == b.elements.count, !a.elements.isEmpty else { return nil }
        func all(_ test: (Double, Double) -> Bool) -> Bool { zip(a.elements, b.elements).allSatisfy(test) }
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-7 * max(1, abs(x), abs(y)) }
        if all({ close($0, -$1) }) { return "a sign?" }
        if all({ close($0, 2 * $1) }) || all({ close(2 * $0, $1) }) { return "a factor of 2?" }
        if a.rows == a.columns, a.rows > 1, a.rows == b.rows, a.columns == b.columns {
            let transposed = b.transposed()
            if zip(a.elements, transposed.elements).allSatisfy({ close($0, $1) }) { return "a transpose?" }
        }
        return nil
    }
}
