import MathSyntax
import DeriveNumerics

/// Built-in functions, user-defined functions and densities, and the named distribution families.
extension Evaluator {
    func apply(_ callee: Callee, _ arguments: [Expr], _ conditions: [Expr], at expr: Expr) throws -> Value<S> {
        switch callee {
        case .builtin(let function):
            return try builtin(function.rawValue, arguments, at: expr)
        case .named(let name):
            return try applyNamed(name, arguments, conditions, at: expr)
        }
    }

    // MARK: - Built-ins

    private func builtin(_ name: String, _ arguments: [Expr], at expr: Expr) throws -> Value<S> {
        func single() throws -> Expr {
            guard arguments.count == 1 else { throw error(expr, "\\\(name) takes one argument, found \(arguments.count)") }
            return arguments[0]
        }
        func elementwise(_ transform: (S) throws -> S) throws -> Value<S> {
            let argument = try single()
            return try evaluate(argument).map(transform)
        }
        func squareMatrix() throws -> Matrix<S> {
            let argument = try single()
            let value = try evaluate(argument)
            guard case .matrix(let m) = value, m.rows == m.columns else {
                throw error(argument, "\\\(name) needs a square matrix, found \(describe(value))")
            }
            return m
        }
        switch name {
        case "exp": return try elementwise { try $0.exp() }
        case "log", "ln":
            let argument = try single()
            if case .distribution(let family, let point?, let parameters) = stripGroups(argument).node {
                return .scalar(try density(family, at: point, parameters, expr: argument, logarithm: true))
            }
            if let logValue = try logOfDefinedDensity(stripGroups(argument)) { return .scalar(logValue) }
            return try elementwise { try $0.log() }
        case "sin": return try elementwise { try $0.elementary(.sin) }
        case "cos": return try elementwise { try $0.elementary(.cos) }
        case "tanh": return try elementwise { try $0.elementary(.tanh) }
        case "erf": return try elementwise { try $0.elementary(.erf) }
        case "sqrt": return try elementwise { try $0.squareRoot() }
        case "sigmoid": return try elementwise { try Self.sigmoid($0) }
        case "softplus": return try elementwise { try Self.softplus($0) }
        case "relu": return try elementwise { try $0.realValue() > 0 ? $0 : S.zero }
        case "sign": return try elementwise { let v = try $0.realValue(); return S(v > 0 ? 1 : (v < 0 ? -1 : 0)) }
        case "Phi":
            return try elementwise { x in
                let scaled = try x.divided(by: try S(2).squareRoot())
                return try (S.one + scaled.elementary(.erf)).divided(by: S(2))
            }
        case "Gamma": return try elementwise { try $0.elementary(.logGamma).exp() }
        case "det": return .scalar(try (try squareMatrix()).determinant())
        case "logdet":
            let d = try (try squareMatrix()).determinant()
            return .scalar(try d.log())
        case "tr":
            let argument = try single()
            let value = try evaluate(argument)
            guard case .matrix(let m) = value, m.rows == m.columns else {
                throw error(argument, "\\operatorname{tr} needs a square matrix, found \(describe(value))")
            }
            var sum = S.zero
            for i in 0..<m.rows { sum += m[i, i] }
            return .scalar(sum)
        case "adj":
            let m = try squareMatrix()
            let d = try (m).determinant()
            return .matrix(try (m).inverse()).map { d * $0 }
        case "diag":
            let argument = try single()
            let value = try evaluate(argument)
            guard case .matrix(let m) = value else { throw error(argument, "\\operatorname{diag} needs a size") }
            if m.columns == 1 || m.rows == 1 { return .matrix(Matrix.diagonal(m.elements)) }
            guard m.rows == m.columns else { throw error(argument, "\\operatorname{diag} needs a vector or a square matrix") }
            return .matrix(Matrix.column((0..<m.rows).map { m[$0, $0] }))
        case "softmax", "logsumexp":
            let argument = try single()
            let m = try matrix(try evaluate(argument), at: argument)
            let largest = try m.elements.map { try $0.realValue() }.max() ?? 0
            let shift = try S(constant: largest)
            let exps = try m.elements.map { try ($0 - shift).exp() }
            let total = exps.reduce(S.zero, +)
            if name == "logsumexp" { return .scalar(try total.log() + shift) }
            return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: try exps.map { try $0.divided(by: total) }))
        case "max", "min":
            var candidates: [S] = []
            for argument in arguments {
                let m = try matrix(try evaluate(argument), at: argument)
                candidates += m.elements
            }
            guard var best = candidates.first else { throw error(expr, "\\\(name) needs arguments") }
            for candidate in candidates.dropFirst() {
                let better = name == "max" ? try candidate.realValue() > best.realValue() : try candidate.realValue() < best.realValue()
                if better { best = candidate }
            }
            return .scalar(best)
        default:
            throw error(expr, "unknown function '\\\(name)'")
        }
    }

    static func sigmoid(_ x: S) throws -> S {
        try S.one.divided(by: S.one + (-x).exp())
    }

    static func softplus(_ x: S) throws -> S {
        // log(1 + e^x) = max(x, 0) + log(1 + e^{-|x|}), stable for large |x|.
        if try x.realValue() > 0 { return try x + (S.one + (-x).exp()).log() }
        return try (S.one + x.exp()).log()
    }

    func stripGroups(_ expr: Expr) -> Expr {
        if case .group(let inner, _) = expr.node { return stripGroups(inner) }
        return expr
    }

    // MARK: - Named functions and densities

    private func applyNamed(_ name: Expr, _ arguments: [Expr], _ conditions: [Expr], at expr: Expr) throws -> Value<S> {
        guard let (key, primes) = NameKey.unprimed(name) else {
            throw error(name, "cannot apply '\(LaTeXPrinter.latex(name))' as a function")
        }
        if primes > 0 {
            return try primedCall(name, arguments, conditions, primes: primes, at: expr)
        }
        if let function = context.functions[key] {
            guard conditions.isEmpty else { throw error(expr, "'\(key)' is a function, not a density: no \\mid") }
            guard arguments.count == function.inputShapes.count else {
                throw error(expr, "'\(LaTeXPrinter.latex(name))' takes \(function.inputShapes.count) argument(s), found \(arguments.count)")
            }
            var inputs: [Matrix<S>] = []
            for (argument, shape) in zip(arguments, function.inputShapes) {
                let m = try matrix(try evaluate(argument), at: argument)
                guard m.rows == shape.rows, m.columns == shape.columns else {
                    throw error(argument, "'\(LaTeXPrinter.latex(name))' takes \(shape) here, found \(describeShape(m))")
                }
                inputs.append(m)
            }
            return .matrix(try function.evaluate(inputs))
        }
        if let mixture = context.densities[key] {
            guard arguments.count == 1, conditions.isEmpty else {
                throw error(expr, "the density '\(LaTeXPrinter.latex(name))' takes one argument")
            }
            let point = try matrix(try evaluate(arguments[0]), at: arguments[0])
            guard point.rows == mixture.dimension, point.columns == 1 else {
                throw error(arguments[0], "the density '\(LaTeXPrinter.latex(name))' lives on ℝ^\(mixture.dimension), found \(describeShape(point))")
            }
            return .scalar(try mixture.density(point.elements))
        }
        guard let definitions = context.scope.functions[key], !definitions.isEmpty else {
            throw error(name, "undeclared function '\(LaTeXPrinter.latex(name))'; declare it (f : \\mathbb{R} \\to \\mathbb{R}) or define it")
        }
        let definition = try choose(definitions, name: name, arguments, conditions, at: expr)
        var inner = self
        for (parameter, argument) in zip(definition.parameters + definition.conditions, arguments + conditions) {
            inner.values[parameter] = try evaluate(argument)
            // A whole-number argument can also index inside the body: q(z \mid k) = N(z; m_k, v_k).
            inner.integers[parameter] = integerValue(argument)
        }
        guard !expanding.contains(key + "()") || expanding.count < 64 else {
            throw error(expr, "the definition of '\(key)' refers to itself")
        }
        inner.expanding.append(key + "()")
        try context.checkTime()
        return try inner.evaluate(definition.body)
    }

    /// `\log p(x \mid z)` where `p(x \mid z)` is defined as a named distribution: the log-density is
    /// computed directly, so that it does not underflow far in the tails.
    private func logOfDefinedDensity(_ expr: Expr) throws -> S? {
        guard case .apply(.named(let name), let arguments, let conditions, _) = expr.node,
              let (key, primes) = NameKey.unprimed(name), primes == 0,
              context.functions[key] == nil, context.densities[key] == nil,
              let definitions = context.scope.functions[key], !definitions.isEmpty else { return nil }
        let definition = try choose(definitions, name: name, arguments, conditions, at: expr)
        guard case .distribution(let family, let point?, let parameters) = stripGroups(definition.body).node else { return nil }
        var inner = self
        for (parameter, argument) in zip(definition.parameters + definition.conditions, arguments + conditions) {
            inner.values[parameter] = try evaluate(argument)
            inner.integers[parameter] = integerValue(argument)
        }
        return try inner.density(family, at: point, parameters, expr: definition.body, logarithm: true)
    }

    /// DESIGN §1.3: a single definition of a head is a function of its arguments; with several, the
    /// use's argument names pick the definition.
    private func choose(_ definitions: [FunctionDefinition], name: Expr, _ arguments: [Expr], _ conditions: [Expr],
                        at expr: Expr) throws -> FunctionDefinition {
        let argumentKeys = arguments.map { NameKey.of($0) }
        let conditionKeys = conditions.map { NameKey.of($0) }
        if let exact = definitions.first(where: { $0.parameters.map(Optional.some) == argumentKeys && $0.conditions.map(Optional.some) == conditionKeys }) {
            return exact
        }
        if definitions.count == 1, let only = definitions.first,
           only.parameters.count == arguments.count, only.conditions.count == conditions.count {
            return only
        }
        let candidates = definitions.map { $0.signature }.joined(separator: ", ")
        throw error(expr, "'\(LaTeXPrinter.latex(expr))' matches no definition of \(LaTeXPrinter.latex(name)); defined: \(candidates)")
    }

    /// `f'(a)`, `f''(a)`: the derivative of a one-argument function at the argument's value.
    private func primedCall(_ name: Expr, _ arguments: [Expr], _ conditions: [Expr], primes: Int, at expr: Expr) throws -> Value<S> {
        guard arguments.count == 1, conditions.isEmpty else {
            throw error(expr, "a prime is the derivative of a function of one argument")
        }
        var plain = name
        plain.node = Self.removingPrimes(name.node)
        let variable = Expr(.symbol(Symbol("#u")), expr.range)
        let call = Expr(.apply(.named(plain), arguments: [variable], conditions: [], parenthesized: true), expr.range)
        let derivativeNode = Expr(.derivative(body: call, variables: Array(repeating: variable, count: primes), partial: false), expr.range)
        var inner = self
        inner.values["#u"] = try evaluate(arguments[0])
        return try inner.evaluate(derivativeNode)
    }

    private static func removingPrimes(_ node: Expr.Node) -> Expr.Node {
        switch node {
        case .symbol(var symbol):
            symbol.primes = 0
            return .symbol(symbol)
        case .subscripted(var base, let index):
            base.node = removingPrimes(base.node)
            return .subscripted(base: base, index: index)
        default:
            return node
        }
    }

    // MARK: - Distribution families

    /// The density (or log-density) of a named family at a point.
    func density(_ family: DistributionFamily, at pointExpr: Expr, _ parameters: [Expr], expr: Expr, logarithm: Bool) throws -> S {
        let point = try evaluate(pointExpr)
        func parameter(_ index: Int, _ role: String) throws -> Value<S> {
            guard index < parameters.count else { throw error(expr, "this distribution needs its \(role)") }
            return try evaluate(parameters[index])
        }
        func result(_ logValue: S) throws -> S { logarithm ? logValue : try logValue.exp() }
        func scalarParameter(_ index: Int, _ role: String) throws -> S {
            let value = try parameter(index, role)
            guard let s = value.scalarValue else { throw error(parameters[index], "the \(role) must be a scalar") }
            return s
        }
        switch family {
        case .normal:
            guard parameters.count == 2 else { throw error(expr, "\\mathcal{N}(x; \\mu, \\Sigma) takes a mean and a covariance") }
            let mean = try parameter(0, "mean"), covariance = try parameter(1, "covariance")
            return try result(try normalLogDensity(point, mean: mean, covariance: covariance, pointExpr: pointExpr, parameters: parameters))
        case .bernoulli:
            let x = try scalar(pointExpr, "a Bernoulli point"), p = try scalarParameter(0, "probability")
            return try result(x * p.log() + (S.one - x) * (S.one - p).log())
        case .categorical:
            let probabilities = try matrix(try parameter(0, "probabilities"), at: parameters[0])
            guard let k = integerValue(pointExpr) else { throw error(pointExpr, "a categorical point must be a whole number") }
            guard k >= 1, k <= probabilities.elements.count else { throw error(pointExpr, "category \(k) is out of range") }
            return try result(probabilities.elements[k - 1].log())
        case .uniform:
            let x = try scalar(pointExpr, "a uniform point"), a = try scalarParameter(0, "lower end"), b = try scalarParameter(1, "upper end")
            let inside = try x.realValue() > a.realValue() && x.realValue() < b.realValue()
            if !inside {
                if logarithm { throw ScalarError.outOfDomain("log of a zero density") }
                return S.zero
            }
            return try result(-(b - a).log())
        case .laplace:
            let x = try scalar(pointExpr, "a Laplace point"), m = try scalarParameter(0, "location"), b = try scalarParameter(1, "scale")
            return try result(-(try absolute(x - m).divided(by: b)) - (S(2) * b).log())
        case .logistic:
            let x = try scalar(pointExpr, "a logistic point"), m = try scalarParameter(0, "location"), s = try scalarParameter(1, "scale")
            let u = try (x - m).divided(by: s)
            return try result(-u - s.log() - S(2) * Self.softplus(-u))
        }
    }

    /// log N(x; μ, Σ): a scalar variance for scalar x; a matrix, λI or a scalar (isotropic) for vectors.
    func normalLogDensity(_ point: Value<S>, mean: Value<S>, covariance: Value<S>, pointExpr: Expr, parameters: [Expr]) throws -> S {
        let x = try matrix(point, at: pointExpr)
        let n = x.rows
        guard x.columns == 1 else { throw error(pointExpr, "a normal density's point must be a scalar or a column vector, found \(describeShape(x))") }
        var mu: Matrix<S>
        if let s = mean.scalarValue, n > 1 {
            guard s.isZero else { throw error(parameters[0], "the mean must be \(Shape(rows: n, columns: 1)), found a scalar") }
            mu = Matrix(rows: n, columns: 1, repeating: S.zero)
        } else {
            mu = try matrix(mean, at: parameters[0])
        }
        guard mu.rows == n, mu.columns == 1 else {
            throw error(parameters[0], "the mean must be \(Shape(rows: n, columns: 1)) like the point, found \(describeShape(mu))")
        }
        let twoPi = try S(constant: 2 * Double.pi)
        let half = try S(numerator: 1, denominator: 2)
        var deviation = x.combined(with: mu, -)
        if n == 1, let variance = covariance.scalarValue {
            let d = deviation.elements[0]
            return -half * (try (d * d).divided(by: variance)) - half * (try (twoPi * variance).log())
        }
        var sigma: Matrix<S>
        if let variance = covariance.scalarValue {
            sigma = Value<S>.identity(variance).materialized(size: n)
        } else {
            sigma = covariance.materialized(size: n)
        }
        guard sigma.rows == n, sigma.columns == n else {
            throw error(parameters[1], "the covariance must be \(Shape(rows: n, columns: n)), found \(describeShape(sigma))")
        }
        let solved = try sigma.solve(deviation)
        var quadratic = S.zero
        for i in 0..<n { quadratic += deviation.elements[i] * solved.elements[i] }
        deviation = solved
        let determinant = try (sigma).determinant()
        return -half * quadratic - half * S(n) * (try twoPi.log()) - half * (try determinant.log())
    }
}
