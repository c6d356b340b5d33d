import Diagnostics
import MathSyntax
import DeriveNumerics

/// Evaluates math trees to values, generic over the scalar so that the same code runs in floating
/// point, in modular arithmetic (exact checks) and on dual numbers (derivatives). Shapes are checked
/// as values are combined, before any comparison, and a mismatch is an input error at the operand.
struct Evaluator<S: Scalar> {
    let context: EvaluationContext
    /// Variables bound to values: sampled symbols, function parameters, integration and summation variables.
    var values: Bindings<Value<S>> { didSet { quantities = nil } }
    /// Symbols bound to whole numbers: dimensions, integer-valued symbols, summation indices.
    var integers: IntegerBindings { didSet { quantities = nil } }
    /// Definitions being expanded, to reject recursion instead of looping.
    var expanding: [String] = []
    /// The defined quantities evaluated so far under these bindings, shared by the copies that
    /// keep them (a quantity on both sides of a link, or used twice, is evaluated once); a copy
    /// that binds a name has none.
    private var quantities: QuantityValues<S>?

    init(context: EvaluationContext, values: [String: Value<S>], integers: [String: Int]) {
        self.init(context: context, bindings: Bindings(values), integers: IntegerBindings(integers))
    }

    init(context: EvaluationContext, values: [String: Value<S>], integers: IntegerBindings) {
        self.init(context: context, bindings: Bindings(values), integers: integers)
    }

    init(context: EvaluationContext, bindings: Bindings<Value<S>>, integers: IntegerBindings) {
        self.context = context
        self.values = bindings
        self.integers = integers
        quantities = QuantityValues()
    }

    func error(_ expr: Expr, _ message: String) -> EvaluationError { context.error(expr, message) }

    // MARK: - Entry points

    /// A derivative inside a trace evaluates in `Dual<Traced<…>>`, one level of nesting deeper
    /// than the specializer follows from the trace's own `Evaluator`; without these entry points
    /// that evaluation ran as unspecialized generic code (a third of a trace's time went to
    /// metadata lookups and witness calls).
    @_specialize(where S == Dual<Traced<ErrorBounded<Double>>>)
    @_specialize(where S == Dual<ErrorBounded<Double>>)
    func evaluate(_ expr: Expr) throws -> Value<S> {
        switch expr.node {
        case .number(let text):
            return .scalar(try number(text, at: expr))
        case .constant(let constant):
            switch constant {
            case .pi: return .scalar(try S(constant: Double.pi))
            case .e:
                if let bound = try lookup("e", at: expr) { return bound }
                return .scalar(try S.one.exp())
            case .infinity: throw error(expr, "\\infty is only allowed as a bound")
            }
        case .symbol, .subscripted:
            return try resolveName(expr)
        case .text(let word):
            throw error(expr, "'\\text{\(word)}' has no value here" + (word == "const" ? "; '+ \\text{const}' belongs at the end of a link's right side" : ""))
        case .blackboard(let letter):
            throw error(expr, "\\mathbb{\(letter)} has no value here")
        case .calligraphic(let letter):
            throw error(expr, "\\mathcal{\(letter)} has no value here")
        case .dots:
            throw error(expr, "\\dots has no value here")
        case .indexRange:
            throw error(expr, "a range of indices has a value only as part of a name, as in x_{1:T}")
        case .add, .subtract:
            return try evaluateSum(expr)
        case .negate(let a):
            return try evaluate(a).map { -$0 }
        case .plus(let a):
            return try evaluate(a)
        case .multiply:
            return try evaluateProduct(expr)
        case .divide(let a, let b, _):
            return try divide(try evaluate(a), try evaluate(b), denominator: b)
        case .power(let base, let exponent):
            return try power(base, exponent, at: expr)
        case .transpose(let a):
            switch try evaluate(a) {
            case .matrix(let m): return .matrix(m.transposed())
            case .identity(let lambda): return .identity(lambda)
            }
        case .root(let radicand, let index):
            // Elementwise on vectors and matrices, like the other elementary functions.
            let value = try evaluate(radicand)
            if let index {
                let n = try scalar(index, "a root's index")
                let exponent = try S.one.divided(by: n)
                return try value.map { try $0.power(exponent) }
            }
            return try value.map { try $0.squareRoot() }
        case .hadamard(let a, let b):
            return try combine(a, b, at: expr, verb: "multiply elementwise") { $0 * $1 }
        case .kronecker(let a, let b):
            // Both factors need their sizes: `I \otimes W` has no square matrix to adapt I to.
            let x = try matrix(try evaluate(a), at: a), y = try matrix(try evaluate(b), at: b)
            let rows = x.rows.multipliedReportingOverflow(by: y.rows), columns = x.columns.multipliedReportingOverflow(by: y.columns)
            guard !rows.overflow, !columns.overflow, rows.partialValue <= CheckLimits.size, columns.partialValue <= CheckLimits.size else {
                throw error(expr, "a Kronecker product is at most \(CheckLimits.size) × \(CheckLimits.size); this one is \(x.rows)·\(y.rows) × \(x.columns)·\(y.columns)")
            }
            return .matrix(x.kronecker(y))
        case .group(let inner, _):
            return try evaluate(inner)
        case .absolute(let inner):
            let value = try evaluate(inner)
            if let s = value.scalarValue { return .scalar(try absolute(s)) }
            guard case .matrix(let m) = value, m.rows == m.columns else {
                throw error(inner, "|…| needs a scalar or a square matrix (its determinant), found \(describe(value))")
            }
            return .scalar(try (m).determinant())
        case .norm(let inner, let normSubscript):
            return .scalar(try norm(try matrix(try evaluate(inner), at: inner), written: normSubscript))
        case .inner(let a, let b):
            let x = try matrix(try evaluate(a), at: a), y = try matrix(try evaluate(b), at: b)
            guard x.rows == y.rows, x.columns == y.columns else {
                throw error(b, "⟨a, b⟩ needs equal shapes: \(describeShape(x)) and \(describeShape(y))")
            }
            var sum = S.zero
            for i in x.elements.indices { sum += x.elements[i] * y.elements[i] }
            return .scalar(sum)
        case .tuple:
            throw error(expr, "a list has no value here")
        case .set, .interval:
            throw error(expr, "a set has no value here")
        case .matrix(let rows, _):
            return try matrixLiteral(rows, at: expr)
        case .cases(let branches):
            for branch in branches {
                guard let condition = branch.condition else { return try evaluate(branch.value) }
                if try truth(condition) { return try evaluate(branch.value) }
            }
            throw EvaluationError.unsupported("no case of the cases applies at this point")
        case .comparison:
            return .scalar(try truth(expr) ? S.one : S.zero)
        case .indicator(let condition):
            return .scalar(try truth(condition) ? S.one : S.zero)
        case .apply(let callee, let arguments, let conditions, _):
            return try apply(callee, arguments, conditions, at: expr)
        case .distribution(let family, let point, let parameters):
            guard let point else {
                throw error(expr, "a distribution without a point has no value; write \\mathcal{N}(x; \\mu, \\sigma^2) for its density")
            }
            return .scalar(try density(family, at: point, parameters, expr: expr, logarithm: false))
        case .expectation(let over, let body):
            return try expectation(over: over, body: body, at: expr)
        case .variance(let over, let body):
            return try variance(over: over, body: body, at: expr)
        case .covariance(let over, let a, let b):
            return try covariance(over: over, a, b, at: expr)
        case .divergence(let kind, let p, let q):
            return .scalar(try divergence(kind, p, q, at: expr))
        case .entropy(let p):
            return .scalar(try entropy(p, at: expr))
        case .sum(let op):
            return try bigOperator(op, at: expr, isSum: true)
        case .product(let op):
            return try bigOperator(op, at: expr, isSum: false)
        case .integral(let lower, let upper, let body, let variable):
            return try integral(lower: lower, upper: upper, body: body, variable: variable, at: expr)
        case .limit:
            throw EvaluationError.unsupported("a limit cannot be evaluated numerically; mark the block unchecked=\"…\" or write \\approx with tol=")
        case .extremum(let kind, let sub, let body):
            return try optimum(kind, subscript: sub, body: body, at: expr)
        case .derivative(let body, let variables, let partial):
            return try derivative(of: body, variables: variables, partial: partial, at: expr)
        case .gradient(let body, let variable, let order):
            return try gradient(of: body, variable: variable, order: order, at: expr)
        case .divergenceOperator(let body, let variable):
            return try divergenceOperator(of: body, variable: variable, at: expr)
        case .laplacian(let body, let variable):
            return try laplacian(of: body, variable: variable, at: expr)
        }
    }

    /// Evaluates to a scalar, or fails with an input error naming what it found.
    func scalar(_ expr: Expr, _ role: String) throws -> S {
        let value = try evaluate(expr)
        guard let s = value.scalarValue else {
            throw error(expr, "\(role) needs a scalar, found \(describe(value))")
        }
        return s
    }

    func matrix(_ value: Value<S>, at expr: Expr) throws -> Matrix<S> {
        if case .matrix(let m) = value { return m }
        throw error(expr, "the size of I cannot be inferred here; write I_n with its size")
    }

    // MARK: - Names

    private func number(_ text: String, at expr: Expr) throws -> S {
        if let integer = Int(text) { return S(integer) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].count <= 15, parts[0].count <= 3,
           let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])), let fraction = Int(parts[1]) {
            var denominator = 1
            for _ in 0..<parts[1].count { denominator *= 10 }
            return try S(numerator: whole * denominator + fraction, denominator: denominator)
        }
        if let value = Double(text) { return try S(constant: value) }
        throw error(expr, "cannot read the number '\(text)'")
    }

    /// A value bound to a key: a variable, an integer, or a defined quantity (expanded in place).
    func lookup(_ key: String, at expr: Expr) throws -> Value<S>? {
        if let value = values[key] { return value }
        if let integer = integers[key] { return .scalar(S(integer)) }
        if let dimension = context.dimensions[key] { return .scalar(S(dimension)) }
        if let body = context.scope.quantities[key] {
            guard !expanding.contains(key) else {
                throw error(expr, "the definition of '\(key)' refers to itself")
            }
            // A kink search listens to the branches each evaluation reports.
            let memo = context.switches == nil ? quantities : nil
            if let known = memo?.values[key] { return known }
            var inner = self
            inner.expanding.append(key)
            let value = try inner.evaluate(body)
            memo?.values[key] = value
            return value
        }
        return nil
    }

    func resolveName(_ expr: Expr) throws -> Value<S> {
        if let key = NameKey.of(expr), let value = try lookup(key, at: expr) { return value }
        if case .subscripted(let base, let index) = expr.node {
            // An indexed family: \bar\alpha_{t-1}.
            if let baseKey = NameKey.of(base), let family = context.scope.families[baseKey] {
                let i = try integer(index, role: "the index of \(baseKey)")
                var inner = self
                inner.integers[family.index] = i
                inner.values[family.index] = nil
                guard !expanding.contains(baseKey + "_" + String(i)) else {
                    throw error(expr, "the family '\(baseKey)' refers to itself at the same index")
                }
                inner.expanding.append(baseKey + "_" + String(i))
                try context.checkTime()
                return try inner.evaluate(family.body)
            }
            // I_n: an identity of a given size.
            if case .symbol(let symbol) = base.node, NameKey.key(symbol) == "I",
               values["I"] == nil, context.scope.quantities["I"] == nil, context.scope.declarations["I"] == nil {
                let n = try size(index, role: "the size of I")
                return .matrix(Value<S>.identity(S.one).materialized(size: n))
            }
            // \mathbf{1}_n and \mathbf{0}_n: a vector of ones or zeros of a given length.
            if case .symbol(let symbol) = base.node, symbol.font == .bold, symbol.base == "1" || symbol.base == "0" {
                let n = try size(index, role: "the length of \\mathbf{\(symbol.base)}")
                return .matrix(Matrix(rows: n, columns: 1, repeating: symbol.base == "1" ? S.one : S.zero))
            }
            // An entry of a declared vector or matrix: x_i, A_{ij}.
            if let baseKey = NameKey.of(base), let container = try lookup(baseKey, at: base) {
                return try entry(of: container, index: index, name: baseKey, at: expr)
            }
            // An entry of a bold vector in plain type, as papers write it: \mu_j of \boldsymbol{\mu}
            // (Kingma & Welling 2014, Appendix B), when no plain \mu is declared.
            if let boldKey = NameKey.boldContainer(ofEntryBase: base, declared: { context.scope.declarations[$0] != nil }),
               let container = try lookup(boldKey, at: base) {
                return try entry(of: container, index: index, name: boldKey, at: expr)
            }
            // A component of a computed value: s(x_{1:d})_j, [f(x)]_j, y(x)_{d+1:D}.
            if NameKey.of(base) == nil {
                return try entry(of: try evaluate(base), index: index, name: LaTeXPrinter.latex(base), at: expr)
            }
        }
        if case .symbol(let symbol) = expr.node, symbol.base == "I", symbol.decorations.isEmpty, symbol.primes == 0 {
            return .identity(S.one)
        }
        if case .symbol(let symbol) = expr.node, symbol.font == .bold, symbol.base == "1" || symbol.base == "0" {
            throw error(expr, "write the length of \\mathbf{\(symbol.base)} as a subscript: \\mathbf{\(symbol.base)}_n")
        }
        let name = NameKey.of(expr) ?? LaTeXPrinter.latex(expr)
        if context.scope.functions[name] != nil || context.functions[name] != nil || context.densities[name] != nil {
            // A bare function of the field's one variable stands for its value there (`p f`).
            if let variable = context.scope.fieldVariable(ofBareFunction: name), values[variable] != nil {
                return try apply(.named(expr), [Expr(.symbol(Symbol(variable)), expr.range)], [], at: expr)
            }
            throw error(expr, "'\(LaTeXPrinter.latex(expr))' is a function; apply it to arguments, as in \(LaTeXPrinter.latex(expr))(x)")
        }
        if case .symbol(let symbol) = expr.node, symbol.font == .roman, case let hint = Suggestions.didYouMean(word: symbol.base), !hint.isEmpty {
            throw error(expr, "unknown function or undeclared symbol '\(LaTeXPrinter.latex(expr))'" + hint)
        }
        throw error(expr, "undeclared symbol '\(LaTeXPrinter.latex(expr))'; declare it in a given block or define it")
    }

    private func entry(of container: Value<S>, index: Expr, name: String, at expr: Expr) throws -> Value<S> {
        guard case .matrix(let m) = container else { throw error(expr, "cannot index I without a size") }
        // A range subscript of a vector that is not declared as a name of its own is a slice.
        if case .indexRange(let first, let last) = index.ungrouped.node {
            return try slice(of: m, from: first, to: last, name: name, at: index)
        }
        let indices = try indexList(index)
        if m.columns == 1 || m.rows == 1, indices.count == 1 {
            let i = indices[0]
            guard i >= 1, i <= m.elements.count else {
                throw EvaluationError.input(.error(index.range.start,
                    "index \(i) of '\(name)' is out of range 1…\(m.elements.count)"))
            }
            return .scalar(m.elements[i - 1])
        }
        guard indices.count == 2 else {
            throw error(index, "'\(name)' is \(describeShape(m)); index it as \(name)_{ij}")
        }
        let (i, j) = (indices[0], indices[1])
        guard i >= 1, i <= m.rows, j >= 1, j <= m.columns else {
            throw error(index, "index (\(i), \(j)) of '\(name)' is out of range for \(describeShape(m))")
        }
        return .scalar(m[i - 1, j - 1])
    }

    /// `x_{a:b}`: entries a to b of a vector, both included (RealNVP's `x_{1:d}`, `x_{d+1:D}`).
    private func slice(of m: Matrix<S>, from first: Expr, to last: Expr, name: String, at index: Expr) throws -> Value<S> {
        guard m.columns == 1 || m.rows == 1 else {
            throw error(index, "'\(name)' is \(describeShape(m)); only a vector can be sliced as \(name)_{a:b}")
        }
        let a = try integer(first, role: "the start of a slice"), b = try integer(last, role: "the end of a slice")
        let count = m.elements.count
        guard a >= 1, b <= count, a <= b else {
            throw EvaluationError.input(.error(index.range.start,
                "the slice \(a):\(b) of '\(name)' is \(a > b ? "empty" : "out of range 1…\(count)")"))
        }
        return .matrix(Matrix.column(Array(m.elements[(a - 1)..<b])))
    }

    /// `i`, `t-1`, `ij` (two letters), `i,j` or `1 2` as a list of whole numbers.
    private func indexList(_ index: Expr) throws -> [Int] {
        switch index.node {
        case .tuple(let items):
            return try items.map { try integer($0, role: "an index") }
        case .multiply(let a, let b, .juxtaposition):
            if let i = try? integer(a, role: ""), let j = try? integer(b, role: "") { return [i, j] }
        case .group(let inner, .invisible):
            return try indexList(inner)
        default:
            break
        }
        return [try integer(index, role: "an index")]
    }

    /// A whole number: numerals, integer symbols, dimensions and their sums, differences and products.
    func integer(_ expr: Expr, role: String) throws -> Int {
        if let value = integerValue(expr) { return value }
        throw error(expr, "\(role.isEmpty ? "this" : role) must be a whole number, found '\(LaTeXPrinter.latex(expr))'")
    }

    /// A whole number that sizes a vector or matrix (`I_n`, `\mathbf{1}_n`): 1 to `CheckLimits.size`.
    func size(_ expr: Expr, role: String) throws -> Int {
        let n = try integer(expr, role: role)
        guard n >= 1, n <= CheckLimits.size else { throw error(expr, "\(role) must be between 1 and \(CheckLimits.size), found \(n)") }
        return n
    }

    func integerValue(_ expr: Expr) -> Int? {
        switch expr.node {
        case .number(let text): return Int(text)
        case .symbol, .subscripted:
            guard let key = NameKey.of(expr) else { return nil }
            if let value = integers[key] { return value }
            if let value = context.dimensions[key] { return value }
            if let body = context.scope.quantities[key], !expanding.contains(key) {
                var inner = self
                inner.expanding.append(key)
                return inner.integerValue(body)
            }
            return nil
        case .group(let inner, _): return integerValue(inner)
        case .negate(let inner): return integerValue(inner).map { -$0 }
        case .plus(let inner): return integerValue(inner)
        // Overflow is "not a whole number we can use", never a trap.
        case .add(let a, let b):
            guard let x = integerValue(a), let y = integerValue(b) else { return nil }
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? nil : sum
        case .subtract(let a, let b):
            guard let x = integerValue(a), let y = integerValue(b) else { return nil }
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? nil : difference
        case .multiply(let a, let b, _):
            guard let x = integerValue(a), let y = integerValue(b) else { return nil }
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? nil : product
        case .divide(let a, let b, _):
            guard let x = integerValue(a), let y = integerValue(b), y != 0, x % y == 0 else { return nil }
            return x / y
        case .power(let a, let b):
            guard let x = integerValue(a), let y = integerValue(b), y >= 0, y < 63 else { return nil }
            var result = 1
            for _ in 0..<y {
                let (product, overflow) = result.multipliedReportingOverflow(by: x)
                if overflow { return nil }
                result = product
            }
            return result
        default: return nil
        }
    }

    // MARK: - Arithmetic with shapes

    private func combine(_ a: Expr, _ b: Expr, at expr: Expr, verb: String,
                         _ operation: (S, S) throws -> S) throws -> Value<S> {
        try combine(try evaluate(a), try evaluate(b), left: a, right: b, verb: verb, operation)
    }

    /// Combines two values elementwise (`+`, `-`, `\odot`), `I` taking its partner's size.
    func combine(_ x: Value<S>, _ y: Value<S>, left a: Expr, right b: Expr, verb: String,
                 _ operation: (S, S) throws -> S) throws -> Value<S> {
        switch (x, y) {
        case (.identity(let p), .identity(let q)):
            return .identity(try operation(p, q))
        case (.identity, .matrix(let m)):
            guard m.rows == m.columns else {
                throw error(a, "cannot \(verb) I and \(describeShape(m)): I needs a square partner")
            }
            return .matrix(try x.materialized(size: m.rows).combined(with: m, operation))
        case (.matrix(let m), .identity):
            guard m.rows == m.columns else {
                throw error(b, "cannot \(verb) \(describeShape(m)) and I: I needs a square partner")
            }
            return .matrix(try m.combined(with: y.materialized(size: m.rows), operation))
        case (.matrix(let m), .matrix(let n)):
            guard m.rows == n.rows, m.columns == n.columns else {
                throw error(b, "cannot \(verb) \(describeShape(m)) and \(describeShape(n))")
            }
            return .matrix(try m.combined(with: n, operation))
        }
    }

    func multiply(_ x: Value<S>, _ y: Value<S>, left: Expr, right: Expr) throws -> Value<S> {
        if let s = x.scalarValue { return y.map { s * $0 } }
        if let s = y.scalarValue { return x.map { $0 * s } }
        switch (x, y) {
        case (.identity(let p), .identity(let q)): return .identity(p * q)
        case (.identity(let p), .matrix(let m)): return .matrix(m).map { p * $0 }
        case (.matrix(let m), .identity(let q)): return .matrix(m).map { $0 * q }
        case (.matrix(let m), .matrix(let n)):
            guard m.columns == n.rows else {
                throw error(right, "cannot multiply \(describeShape(m)) by \(describeShape(n)): \(m.columns) columns meet \(n.rows) rows")
            }
            return .matrix(try m * n)
        }
    }

    private func divide(_ x: Value<S>, _ y: Value<S>, denominator: Expr) throws -> Value<S> {
        guard let d = y.scalarValue else {
            throw error(denominator, "cannot divide by \(describe(y)); multiply by an inverse instead")
        }
        return try x.map { try $0.divided(by: d) }
    }

    private func power(_ base: Expr, _ exponent: Expr, at expr: Expr) throws -> Value<S> {
        // e^{x} is exp(x): better conditioned, and differentiable through Dual.
        if case .constant(.e) = base.node, (try? lookup("e", at: base)) ?? nil == nil {
            let value = try evaluate(exponent)
            return try value.map { try $0.exp() }
        }
        let value = try evaluate(base)
        // `A^T`, as many papers write the transpose, where no symbol T is declared.
        if try isTransposeLetter(exponent) {
            switch value {
            case .matrix(let m): return .matrix(m.transposed())
            case .identity: return value
            }
        }
        if let s = value.scalarValue {
            if let k = integerValue(exponent) { return .scalar(try s.power(k)) }
            return .scalar(try s.power(try scalar(exponent, "an exponent")))
        }
        // Matrix powers: integers (negative ones invert) and ±1/2 (the symmetric square root).
        if let k = integerValue(exponent) {
            switch value {
            case .identity(let lambda): return .identity(try lambda.power(k))
            case .matrix(let m):
                guard m.rows == m.columns else {
                    // Papers write a vector's entrywise square so (σ² for a diagonal variance); say how to write it here.
                    let latex = LaTeXPrinter.latex(base)
                    let hint = m.columns == 1 ? "; for the entrywise square write \(latex) \\odot \(latex), or \\operatorname{diag}(\(latex))^2 for the diagonal matrix" : ""
                    throw error(base, "only a square matrix has powers; this is \(describeShape(m))" + hint)
                }
                var result = Value<S>.identity(S.one).materialized(size: m.rows)
                let factor = k < 0 ? try (m).inverse() : m
                for _ in 0..<abs(k) { result = try result * factor }
                return .matrix(result)
            }
        }
        let half = halfPower(exponent)
        if half != 0, case .matrix(let m) = value {
            guard m.rows == m.columns else { throw error(base, "only a square matrix has a square root; this is \(describeShape(m))") }
            let root = try (m).symmetricSquareRoot()
            return .matrix(half > 0 ? root : try (root).inverse())
        }
        if half != 0, case .identity(let lambda) = value {
            let root = try lambda.squareRoot()
            return .identity(half > 0 ? root : try S.one.divided(by: root))
        }
        throw error(exponent, "a matrix power must be a whole number or ±1/2, found '\(LaTeXPrinter.latex(exponent))'")
    }

    /// Whether an exponent is the letter T with no meaning of its own in this scope.
    private func isTransposeLetter(_ exponent: Expr) throws -> Bool {
        guard case .symbol(let symbol) = exponent.ungrouped.node, symbol == Symbol("T") else { return false }
        return try lookup("T", at: exponent) == nil && context.scope.declarations["T"] == nil
            && context.scope.functions["T"] == nil
    }

    /// +1 for an exponent 1/2, −1 for −1/2, 0 otherwise.
    private func halfPower(_ exponent: Expr) -> Int {
        switch exponent.node {
        case .divide(let a, let b, _):
            if integerValue(a) == 1, integerValue(b) == 2 { return 1 }
            if integerValue(a) == -1, integerValue(b) == 2 { return -1 }
        case .negate(let inner): return -halfPower(inner)
        case .group(let inner, _): return halfPower(inner)
        case .number("0.5"): return 1
        default: break
        }
        return 0
    }

    func absolute(_ s: S) throws -> S {
        try context.recordSwitch(try s.realValue())
        return try s.isNegative() ? -s : s
    }

    /// Block and literal matrices: cells may be scalars or matrices whose sizes fit together.
    private func matrixLiteral(_ rows: [[Expr]], at expr: Expr) throws -> Value<S> {
        // A literal 0 among matrix blocks is a zero block sized by its row and column (nil here).
        func isZeroLiteral(_ e: Expr) -> Bool { if case .number("0") = e.node { return true }; return false }
        var cells = try rows.map { row in try row.map { cell in isZeroLiteral(cell) ? nil : try evaluate(cell) } }
        let hasBlocks = cells.joined().contains { cell in
            if case .matrix(let m)? = cell { return m.rows > 1 || m.columns > 1 }
            if case .identity? = cell { return true }
            return false
        }
        if !hasBlocks { cells = cells.map { row in row.map { $0 ?? .scalar(S.zero) } } }
        // Sizes of identity cells come from their row's and column's other cells.
        var rowHeights = [Int?](repeating: nil, count: cells.count)
        var columnWidths = [Int?](repeating: nil, count: cells.map(\.count).max() ?? 0)
        for (r, row) in cells.enumerated() {
            guard row.count == columnWidths.count else {
                throw error(expr, "row \(r + 1) of the matrix has \(row.count) cells, the first has \(columnWidths.count)")
            }
            for (c, cell) in row.enumerated() {
                if case .matrix(let m)? = cell {
                    if let h = rowHeights[r], h != m.rows {
                        throw error(rows[r][c], "this block has \(m.rows) rows where its row of blocks has \(h)")
                    }
                    rowHeights[r] = m.rows
                    if let w = columnWidths[c], w != m.columns {
                        throw error(rows[r][c], "this block has \(m.columns) columns where its column of blocks has \(w)")
                    }
                    columnWidths[c] = m.columns
                }
            }
        }
        let heights = try rowHeights.enumerated().map { r, h -> Int in
            guard let h else { throw error(rows[r][0], "cannot infer the height of this row of blocks") }
            return h
        }
        let widths = try columnWidths.enumerated().map { c, w -> Int in
            guard let w else { throw error(rows[0][c], "cannot infer the width of this column of blocks") }
            return w
        }
        let totalRows = heights.reduce(0, +), totalColumns = widths.reduce(0, +)
        var elements = [S](repeating: S.zero, count: totalRows * totalColumns)
        var top = 0
        for (r, row) in cells.enumerated() {
            var left = 0
            for (c, cell) in row.enumerated() {
                let block: Matrix<S>
                switch cell {
                case nil: block = Matrix(rows: heights[r], columns: widths[c], repeating: S.zero)
                case .matrix(let m)?: block = m
                case .identity?:
                    guard heights[r] == widths[c] else {
                        throw error(rows[r][c], "I cannot fill a \(heights[r])×\(widths[c]) block")
                    }
                    block = cell!.materialized(size: heights[r])
                }
                for i in 0..<block.rows {
                    for j in 0..<block.columns {
                        elements[(top + i) * totalColumns + left + j] = block.elements[i * block.columns + j]
                    }
                }
                left += widths[c]
            }
            top += heights[r]
        }
        return .matrix(Matrix(rows: totalRows, columns: totalColumns, elements: elements))
    }

    /// A condition in cases, an indicator or a sum's subscript.
    func truth(_ condition: Expr) throws -> Bool {
        guard case .comparison(let a, let relation, let b) = condition.node else {
            throw error(condition, "expected a condition such as x > 0, found '\(LaTeXPrinter.latex(condition))'")
        }
        let left = try scalar(a, "a comparison"), right = try scalar(b, "a comparison")
        try context.recordSwitch(try left.realValue() - right.realValue())
        let holds: @Sendable (Double, Double) -> Bool
        switch relation {
        case .less: holds = { $0 < $1 }
        case .greater: holds = { $0 > $1 }
        case .lessEqual: holds = { $0 <= $1 }
        case .greaterEqual: holds = { $0 >= $1 }
        case .equal: holds = { $0 == $1 }
        case .notEqual: holds = { $0 != $1 }
        default: throw error(condition, "'\(LaTeXPrinter.latex(relation))' is not a condition")
        }
        return try S.branch(on: [left, right]) { holds($0[0], $0[1]) ? 1 : 0 } == 1
    }

    // MARK: - Sums and products

    private func bigOperator(_ op: BigOperator, at expr: Expr, isSum: Bool) throws -> Value<S> {
        guard let indexKey = NameKey.of(op.index) else { throw error(op.index, "the index of a sum must be a name") }
        if let (points, vector) = try finiteIndexPoints(op, indexKey: indexKey) {
            var accumulator: Value<S>? = nil
            for point in points {
                var inner = self
                inner.values[indexKey] = vector ? finitePointValue(point, vector: true) : nil
                inner.integers[indexKey] = vector ? nil : point[0]
                let term = try inner.evaluate(op.body)
                accumulator = try accumulator.map {
                    isSum ? try add($0, term, at: op.body) : try multiply($0, term, left: op.body, right: op.body)
                } ?? term
            }
            return accumulator ?? .scalar(isSum ? S.zero : S.one)
        }
        let range = try indexRange(op, indexKey: indexKey, at: expr, isSum: isSum)
        if range.count > CheckLimits.enumeratedTerms {
            return try repeatedTerm(op, indexKey: indexKey, count: range.count, at: expr, isSum: isSum)
        }
        var accumulator: Value<S>? = nil
        for i in range.members() {
            var inner = self
            inner.integers[indexKey] = i
            inner.values[indexKey] = nil
            if let condition = op.condition, case .comparison = condition.node, !(try inner.truth(condition)) { continue }
            let term = try inner.evaluate(op.body)
            if let current = accumulator {
                accumulator = isSum ? try add(current, term, at: op.body) : try multiply(current, term, left: op.body, right: op.body)
            } else {
                accumulator = term
            }
        }
        return accumulator ?? .scalar(isSum ? S.zero : S.one)
    }

    func add(_ x: Value<S>, _ y: Value<S>, at expr: Expr) throws -> Value<S> {
        switch (x, y) {
        case (.matrix(let m), .matrix(let n)):
            guard m.rows == n.rows, m.columns == n.columns else {
                throw error(expr, "cannot add \(describeShape(m)) and \(describeShape(n))")
            }
            return .matrix(m.combined(with: n, +))
        case (.identity(let p), .identity(let q)): return .identity(p + q)
        case (.identity, .matrix(let m)): return .matrix(x.materialized(size: m.rows).combined(with: m, +))
        case (.matrix(let m), .identity): return .matrix(m.combined(with: y.materialized(size: m.rows), +))
        }
    }

    // MARK: - Descriptions

    func describe(_ value: Value<S>) -> String {
        switch value {
        case .matrix(let m): return describeShape(m)
        case .identity: return "I"
        }
    }

    func describeShape(_ m: Matrix<S>) -> String {
        Shape(rows: m.rows, columns: m.columns).description
    }
}

/// Defined quantities' values under one set of bindings (`Evaluator.quantities`).
final class QuantityValues<S: Scalar> {
    var values: [String: Value<S>] = [:]
}
