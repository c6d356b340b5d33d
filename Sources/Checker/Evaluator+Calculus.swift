import MathSyntax
import DeriveNumerics

/// Derivatives by forward-mode automatic differentiation: the body is re-evaluated on dual numbers,
/// one pass per component of the variable; nesting the pass gives second derivatives.
extension Evaluator {
    /// The same bindings with every value lifted to a constant dual number.
    func lifted() -> Evaluator<Dual<S>> {
        var inner = Evaluator<Dual<S>>(context: context,
                                       values: values.mapValues { $0.map { Dual($0, derivative: S.zero) } },
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
    func derivative(of body: Expr, variables: [Expr], at expr: Expr) throws -> Value<S> {
        guard let first = variables.first else { return try evaluate(body) }
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

    /// For a bare `\nabla f(x)`: the single name argument of the applied function.
    private func impliedVariable(of body: Expr, at expr: Expr) throws -> Expr {
        var current = body.ungrouped
        while true {
            switch current.node {
            case .apply(_, let arguments, _, _) where arguments.count == 1:
                if NameKey.of(arguments[0]) != nil { return arguments[0] }
                current = arguments[0].ungrouped
                continue
            default:
                throw error(expr, "write the variable of \\nabla as a subscript: \\nabla_x")
            }
        }
    }
}
