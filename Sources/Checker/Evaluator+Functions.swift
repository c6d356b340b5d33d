import MathSyntax
import DeriveNumerics

/// Applications: built-in functions (their meanings are in BuiltinMeanings.swift), and user-defined
/// or declared functions and densities.
extension Evaluator {
    func apply(_ callee: Callee, _ arguments: [Expr], _ conditions: [Expr], at expr: Expr) throws -> Value<S> {
        switch callee {
        case .builtin(let function):
            return try builtin(function, arguments, at: expr)
        case .named(let name):
            return try applyNamed(name, arguments, conditions, at: expr)
        }
    }

    // MARK: - Named functions and densities

    /// The generic function a name applies: a declared one, or the member of a family (`\mu_i`
    /// with i bound, `\mu_2`) at its index.
    private func declaredFunction(_ name: Expr, key: String) throws -> RandomFunction? {
        let found: (RandomFunction, Expr)?
        if let function = context.functions[key] {
            guard function.family != nil else { return function }
            guard case .subscripted(_, let index) = name.node else { return function }
            found = (function, index)
        } else if case .subscripted(let base, let index) = name.node, let baseKey = NameKey.of(base),
                  let family = context.functions.values.first(where: { $0.family?.base == baseKey }) {
            found = (family, index)
        } else {
            found = nil
        }
        guard let (function, index) = found, let family = function.family else { return nil }
        let k = try integer(index, role: "the index of \(LaTeXPrinter.latex(name))")
        guard let member = family.member(k, dimensions: integers.merging(context.dimensions)) else {
            throw error(name, "'\(LaTeXPrinter.latex(name))' has an input or output of size less than 1 at \(family.index) = \(k); start at the first index where every size is positive (\\sum_{\(family.index)=2}), or write that term apart")
        }
        return member
    }

    /// The drawn coefficients of the generic function or density `key` where a trace bound them
    /// as inputs; nil otherwise, and then the trace notes that it folded them as constants.
    private func coefficients(of key: String, count: Int?) -> [S]? {
        if let count, case .matrix(let m)? = values[RandomObjects.coefficientKey(key)], m.elements.count == count { return m.elements }
        context.foldedRandomObjects = true
        return nil
    }

    /// How many coefficients the declared function `key` reads; nil for a family's member,
    /// which is drawn where it is used and never bound.
    private func boundCoefficientCount(_ key: String) -> Int? {
        guard let function = context.functions[key], function.family == nil else { return nil }
        return function.coefficientCount
    }

    private func applyNamed(_ name: Expr, _ arguments: [Expr], _ conditions: [Expr], at expr: Expr) throws -> Value<S> {
        guard let (key, primes) = NameKey.unprimed(name) else {
            throw error(name, "cannot apply '\(LaTeXPrinter.latex(name))' as a function")
        }
        if primes > 0 {
            return try primedCall(name, arguments, conditions, primes: primes, at: expr)
        }
        if let (plain, dots) = dotted(name, key: key) {
            // Newton's dot, `\dot x(t)`, is the time derivative of a function of one argument.
            return try primedCall(plain, arguments, conditions, primes: dots, at: expr)
        }
        if let function = try declaredFunction(name, key: key) {
            guard conditions.isEmpty else { throw error(expr, "'\(key)' is a function, not a density: no \\mid") }
            if arguments.count > 1, function.inputShapes.count == 1, function.inputShapes[0].columns == 1,
               function.inputShapes[0].rows == arguments.count {
                // `m : \mathbb{R}^{2} \to \mathbb{R}` applied as `m(x_1, x_2)`: the entries of its vector argument.
                var entries: [S] = []
                for argument in arguments {
                    guard let entry = try evaluate(argument).scalarValue else {
                        throw error(argument, "'\(LaTeXPrinter.latex(name))' takes one vector or \(arguments.count) numbers; this argument is not a number")
                    }
                    entries.append(entry)
                }
                return .matrix(try function.evaluate([Matrix(rows: entries.count, columns: 1, elements: entries)],
                                                     coefficients: coefficients(of: key, count: boundCoefficientCount(key))))
            }
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
            return .matrix(try function.evaluate(inputs, coefficients: coefficients(of: key, count: boundCoefficientCount(key))))
        }
        if let mixture = context.densities[key] {
            guard arguments.count == 1, conditions.isEmpty else {
                throw error(expr, "the density '\(LaTeXPrinter.latex(name))' takes one argument")
            }
            let point = try matrix(try evaluate(arguments[0]), at: arguments[0])
            guard point.rows == mixture.dimension, point.columns == 1 else {
                throw error(arguments[0], "the density '\(LaTeXPrinter.latex(name))' lives on ℝ^\(mixture.dimension), found \(describeShape(point))")
            }
            return .scalar(try mixture.density(point.elements, coefficients: coefficients(of: key, count: mixture.coefficientCount)))
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
    func logOfDefinedDensity(_ expr: Expr) throws -> S? {
        guard case .apply(.named(let name), let arguments, let conditions, _) = expr.node,
              let (key, primes) = NameKey.unprimed(name), primes == 0,
              context.functions[key] == nil, context.densities[key] == nil,
              let definitions = context.scope.functions[key], !definitions.isEmpty else { return nil }
        let definition = try choose(definitions, name: name, arguments, conditions, at: expr)
        guard case .distribution(let family, let point?, let parameters) = definition.body.ungrouped.node else { return nil }
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
        if let index = definitions.chosenIndex(arguments: arguments, conditions: conditions) { return definitions[index] }
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

    /// `\dot x` (one dot) or `\ddot x` (two) when only the undotted `x` is a function here.
    private func dotted(_ name: Expr, key: String) -> (Expr, Int)? {
        guard context.functions[key] == nil, context.scope.functions[key] == nil, context.densities[key] == nil,
              case .symbol(var symbol) = name.node, let last = symbol.decorations.last else { return nil }
        let dots: Int
        switch last {
        case .dot: dots = 1
        case .ddot: dots = 2
        default: return nil
        }
        symbol.decorations.removeLast()
        let plain = Expr(.symbol(symbol), name.range)
        guard let plainKey = NameKey.of(plain),
              context.functions[plainKey] != nil || context.scope.functions[plainKey] != nil else { return nil }
        return (plain, dots)
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
}
