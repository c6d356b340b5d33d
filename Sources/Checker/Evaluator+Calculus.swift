import MathSyntax
import DeriveNumerics

/// Derivatives by forward-mode automatic differentiation: the body is re-evaluated on dual numbers,
/// one pass per component of the variable; nesting the pass gives second derivatives.
extension Evaluator {
    /// The same bindings with every value lifted to a constant dual number.
    func lifted() -> Evaluator<Dual<S>> {
        var inner = Evaluator<Dual<S>>(context: context,
                                       bindings: values.mapValues { $0.map { Dual($0, derivative: S.zero) } },
                                       integers: integers)
        inner.expanding = expanding
        return inner
    }

    /// Where a differentiation variable lives: a bound variable, or one entry of a vector/matrix one.
    private struct VariableSlot {
        var key: String
        var value: Matrix<S>
        /// Indices into `value.elements` to differentiate along (all of them for a whole variable).
        var components: [Int]
        var isWhole: Bool
    }

    private func slot(_ variable: Expr) throws -> VariableSlot {
        // `\partial x^\top` is the same Jacobian as `\partial x` in this book's layout.
        if case .transpose(let inner) = variable.node { return try slot(inner) }
        if let key = NameKey.of(variable), let bound = values[key] {
            let m = try matrix(bound, at: variable)
            return VariableSlot(key: key, value: m, components: Array(m.elements.indices), isWhole: true)
        }
        if case .subscripted(let base, let index) = variable.node, let key = NameKey.of(base), let bound = values[key],
           let i = integerValue(index) {
            let m = try matrix(bound, at: variable)
            guard i >= 1, i <= m.elements.count else { throw error(index, "index \(i) is out of range") }
            return VariableSlot(key: key, value: m, components: [i - 1], isWhole: false)
        }
        if let key = NameKey.of(variable), context.scope.quantities[key] != nil, let defined = try lookup(key, at: variable) {
            // ∇_{x̂} D(x̂) with x̂ = αx + (1 − α)x̃ defined: the gradient of D, taken as if x̂ were a
            // variable and evaluated at its defined value (the names x̂ is built from stay fixed).
            let m = try matrix(defined, at: variable)
            return VariableSlot(key: key, value: m, components: Array(m.elements.indices), isWhole: true)
        }
        throw error(variable, "cannot differentiate with respect to '\(LaTeXPrinter.latex(variable))': it is not a declared variable here")
    }

    /// The derivative of `body` along one component of a variable: a value of the body's shape.
    private func directional(_ body: Expr, slot: VariableSlot, component: Int) throws -> Value<S> {
        try context.checkTime()
        var inner = lifted()
        var seeded = slot.value.map { Dual($0, derivative: S.zero) }
        seeded.elements[component] = Dual(slot.value.elements[component], derivative: S.one)
        inner.values[slot.key] = .matrix(seeded)
        return try inner.evaluate(body).map { $0.derivative }
    }

    /// `\frac{d}{dx} body`, `\frac{\partial^2 f}{\partial x \partial y}`, `\frac{\partial y}{\partial x}`.
    func derivative(of body: Expr, variables: [Expr], partial: Bool = false, at expr: Expr) throws -> Value<S> {
        guard let first = variables.first else { return try evaluate(body) }
        if partial, variables.count == 1 {
            let (heldBody, held, count) = try holdingPaths(body, variable: first)
            if count > 0 { return try held.derivative(of: heldBody, variables: variables, at: expr) }
        }
        if variables.count > 1 {
            // Differentiate the inner derivative (over the remaining variables) along the first.
            let inner = Expr(.derivative(body: body, variables: Array(variables.dropFirst()), partial: true), expr.range)
            return try derivative(of: inner, variables: [first], at: expr)
        }
        let slot = try slot(first)
        if slot.components.count == 1 {
            return try directional(body, slot: slot, component: slot.components[0])
        }
        // A vector or matrix variable: the Jacobian, one column per component (row i = output i).
        var columns: [Matrix<S>] = []
        for component in slot.components {
            columns.append(try matrix(try directional(body, slot: slot, component: component), at: body))
        }
        guard let output = columns.first else { throw error(first, "nothing to differentiate with respect to") }
        guard output.columns == 1 else {
            throw error(body, "the derivative of \(describeShape(output)) with respect to a vector is not a matrix; use \\nabla")
        }
        var elements = [S](repeating: S.zero, count: output.rows * columns.count)
        for (j, column) in columns.enumerated() {
            for i in 0..<output.rows { elements[i * columns.count + j] = column.elements[i] }
        }
        return .matrix(Matrix(rows: output.rows, columns: columns.count, elements: elements))
    }

    /// `\nabla_x body` (a value shaped like x) and `\nabla_x^2 body` (the Hessian).
    func gradient(of body: Expr, variable: Expr?, order: Int, at expr: Expr) throws -> Value<S> {
        if variable == nil, let (moved, at, bound) = try evaluatedAtPoint(body) {
            return try bound.gradient(of: moved, variable: at, order: order, at: expr)
        }
        let variable = try variable ?? impliedVariable(of: body, at: expr)
        let slot = try slot(variable)
        if order >= 2 {
            let inner = Expr(.gradient(body: body, variable: variable, order: order - 1), expr.range)
            return try derivative(of: inner, variables: [variable], at: expr)
        }
        var entries: [S] = []
        for component in slot.components {
            let partial = try directional(body, slot: slot, component: component)
            guard let s = partial.scalarValue else {
                throw error(body, "\\nabla needs a scalar expression, found \(describe(partial)); use \\frac{\\partial y}{\\partial x} for a Jacobian")
            }
            entries.append(s)
        }
        if slot.isWhole {
            return .matrix(Matrix(rows: slot.value.rows, columns: slot.value.columns, elements: entries))
        }
        return .scalar(entries[0])
    }

    /// `\nabla_x \cdot s(x)`: the trace of the Jacobian.
    func divergenceOperator(of body: Expr, variable: Expr?, at expr: Expr) throws -> Value<S> {
        let variable = try variable ?? impliedVariable(of: body, at: expr)
        let slot = try slot(variable)
        var total = S.zero
        for component in slot.components {
            let partial = try matrix(try directional(body, slot: slot, component: component), at: body)
            guard partial.elements.count == slot.components.count else {
                throw error(body, "the divergence needs a field with as many entries as the variable (\(slot.components.count)), found \(describeShape(partial))")
            }
            total += partial.elements[component]
        }
        return .scalar(total)
    }

    /// `\Delta f`: the sum of the unmixed second partials.
    func laplacian(of body: Expr, variable: Expr?, at expr: Expr) throws -> Value<S> {
        let variable = try variable ?? impliedVariable(of: body, at: expr)
        let gradientNode = Expr(.gradient(body: body, variable: variable, order: 1), expr.range)
        return try divergenceOperator(of: gradientNode, variable: variable, at: expr)
    }

    /// For a bare `\nabla f(x)` or `\nabla \cdot (p(x) f(x, t))`: the field's own variable, the
    /// name that the operand's functions take first. A name that some function also takes in a
    /// later place (`t` in `f(x, t)`) or that indexes a function (`t` in `p_t(x)`) is time, not
    /// position; operands that still name two variables need a subscript.
    private func impliedVariable(of body: Expr, at expr: Expr) throws -> Expr {
        var candidates: [Expr] = []
        var times: Set<String> = []
        for node in ExprWalk.all(body) {
            let first: Expr?
            switch node.node {
            case .apply(let callee, let arguments, _, _):
                first = arguments.first
                for later in arguments.dropFirst() { if let key = NameKey.of(later) { times.insert(key) } }
                if case .named(let name) = callee, case .subscripted(_, let index) = name.node,
                   let key = NameKey.of(index) { times.insert(key) }
            case .distribution(_, let point, _): first = point
            default: first = nil
            }
            guard let first, let key = NameKey.of(first) else { continue }
            // `\log p` with p a bare function: p is not a position; its field variable is (below).
            if values[key] == nil, context.scope.fieldVariable(ofBareFunction: key) != nil { continue }
            if !candidates.contains(where: { NameKey.of($0) == key }) { candidates.append(first) }
        }
        // Bare functions (`\nabla \cdot (p\, f)`) are taken at the field's variable.
        for bare in ExprWalk.bareNames(in: body) {
            guard let key = NameKey.of(bare), values[key] == nil,
                  let variable = context.scope.fieldVariable(ofBareFunction: key) else { continue }
            if !candidates.contains(where: { NameKey.of($0) == variable }) {
                candidates.append(Expr(.symbol(Symbol(variable)), bare.range))
            }
        }
        let positions = candidates.filter { !times.contains(NameKey.of($0) ?? "") }
        guard positions.count == 1 else {
            let names = (positions.isEmpty ? candidates : positions).map { "'" + LaTeXPrinter.latex($0) + "'" }
            let found = names.isEmpty ? "" : " (the operand's functions take \(names.joined(separator: " and ")))"
            throw error(expr, "write the variable of \\nabla as a subscript: \\nabla_x" + found)
        }
        return positions[0]
    }

    /// `\nabla \log p_t(x(t))`: with no name to differentiate in, a bare gradient is the gradient in
    /// the functions' common first argument, evaluated there. That argument is bound to a fresh name.
    private func evaluatedAtPoint(_ body: Expr) throws -> (Expr, Expr, Evaluator)? {
        var firsts: [Expr] = []
        // The outermost applications only: the path's own argument `t` in `x(t)` is not a point.
        _ = ExprRewrite.rewrite(body) { node in
            switch node.node {
            case .apply(.named, let arguments, _, _):
                if let first = arguments.first { firsts.append(first) }
                return node
            case .distribution(_, let point?, _):
                firsts.append(point)
                return node
            default:
                return nil
            }
        }
        guard let point = firsts.first, NameKey.of(point) == nil,
              firsts.allSatisfy({ LaTeXPrinter.latex($0) == LaTeXPrinter.latex(point) }) else { return nil }
        let slot = Expr(.symbol(Symbol("#at")), point.range)
        let text = LaTeXPrinter.latex(point)
        let moved = ExprRewrite.rewrite(body) { node in LaTeXPrinter.latex(node) == text ? slot : nil }
        var bound = self
        bound.values["#at"] = try evaluate(point)
        return (moved, slot, bound)
    }

    /// Papers write `\partial_t \log p_t(x(t))` for `(\partial_t \log p_t)(x(t))`: a partial derivative
    /// in `t` holds fixed a function's argument that is itself a path `x(t)` through `t`. Each such
    /// argument is evaluated here and replaced by a bound name; the total derivative is `\frac{d}{dt}`.
    func holdingPaths(_ body: Expr, variable: Expr) throws -> (body: Expr, evaluator: Evaluator, held: Int) {
        guard let key = NameKey.of(variable) else { return (body, self, 0) }
        func isPath(_ argument: Expr) -> Bool {
            guard case .apply(.named, let arguments, _, _) = argument.ungrouped.node else { return false }
            return arguments.contains { NameKey.of($0) == key }
        }
        // Most bodies hold no path: say so from one read-only walk instead of rebuilding the tree
        // (this runs at every point and quadrature node of every partial derivative).
        let hasPath = ExprWalk.all(body).contains { node in
            guard case .apply(.named, let arguments, _, _) = node.node else { return false }
            return arguments.contains(where: isPath)
        }
        guard hasPath else { return (body, self, 0) }
        var held = self
        var failure: Error?
        var count = 0
        let rewritten = ExprRewrite.rewrite(body) { node in
            guard failure == nil, case .apply(.named(let name), let arguments, let conditions, let parenthesized) = node.node,
                  arguments.contains(where: isPath) else { return nil }
            var replaced: [Expr] = []
            for argument in arguments {
                guard isPath(argument) else { replaced.append(argument); continue }
                count += 1
                let slot = "#path\(count)"
                do { held.values[slot] = try evaluate(argument) } catch { failure = error }
                replaced.append(Expr(.symbol(Symbol(slot)), argument.range))
            }
            return Expr(.apply(.named(name), arguments: replaced, conditions: conditions, parenthesized: parenthesized), node.range)
        }
        if let failure { throw failure }
        // Where the variable occurs only inside paths, holding them would leave nothing to
        // differentiate; no author means a derivative that is zero by notation. That is the
        // Jacobian of a composition, `\frac{\partial f_2(f_1(z))}{\partial z}`: the whole chain.
        if count > 0, !ExprWalk.names(rewritten).contains(key) { return (body, self, 0) }
        return (rewritten, held, count)
    }
}
