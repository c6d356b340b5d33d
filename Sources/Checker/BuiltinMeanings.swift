import MathSyntax
import DeriveNumerics

// The meaning of every built-in function, one case per function in each switch below (their
// spellings are their rows in MathSyntax's Constructs.swift). No switch has a default, so that a new
// `BuiltinFunction` case does not compile until it has a meaning, a rationality and a degree.

/// What a built-in does to values, generic over the scalar: how it treats its arguments' shapes
/// and the work it does on entries or on whole matrices, given together.
enum BuiltinMeaning<S: Scalar> {
    /// Entry by entry, on a scalar, a vector or a matrix: `\exp`, `\tanh`, `\operatorname{relu}`.
    case elementwise((S) throws -> S)
    /// The natural logarithm entry by entry; of a density at a point it is that density's
    /// log-density, computed directly so that it does not underflow in the tails.
    case logarithm
    /// A square matrix to a scalar: `\det`, `\log\det`, `\operatorname{tr}`.
    case squareToScalar((Matrix<S>) throws -> S)
    /// A square matrix to a matrix of its size: `\operatorname{adj}`.
    case squareToSquare((Matrix<S>) throws -> Matrix<S>)
    /// A vector to its diagonal matrix, a square matrix to the column of its diagonal.
    case diagonal
    /// The entries of one vector or matrix taken together: `\operatorname{softmax}` (same shape),
    /// `\operatorname{logsumexp}` (a scalar).
    case entries((Matrix<S>) throws -> Value<S>)
    /// The largest (or smallest) entry among all the arguments: `\max(a, b)`, `\min(x)`.
    case extremum(largest: Bool)
    /// Two scalars to a scalar: `\binom{n}{k}`.
    case binary((S, S) throws -> S)
    /// Parsed and printed but not evaluated; the message says so.
    case unevaluated(String)
}

/// How a rational built-in raises the degree of its arguments' entries, for the Schwartz–Zippel
/// false-accept bound.
enum ExactDegree {
    /// Linear in the entries: `\operatorname{tr}`, `\operatorname{diag}`.
    case same
    /// A polynomial of degree n in the entries of an n × n matrix: `\det`, `\operatorname{adj}`.
    case timesSize
}

extension BuiltinFunction {
    /// The function's meaning for scalars of type `S`.
    func meaning<S: Scalar>(_: S.Type) -> BuiltinMeaning<S> {
        switch self {
        case .exp: return .elementwise { try $0.exp() }
        case .log, .ln: return .logarithm
        case .sin: return .elementwise { try $0.elementary(.sin) }
        case .cos: return .elementwise { try $0.elementary(.cos) }
        case .tanh: return .elementwise { try $0.elementary(.tanh) }
        case .erf: return .elementwise { try $0.elementary(.erf) }
        case .Phi:
            return .elementwise { x in
                let scaled = try x.divided(by: try S(2).squareRoot())
                return try (S.one + scaled.elementary(.erf)).divided(by: S(2))
            }
        case .Gamma: return .elementwise { try $0.elementary(.logGamma).exp() }
        case .sinh: return .elementwise { x in try (x.exp() - (-x).exp()).divided(by: S(2)) }
        case .cosh: return .elementwise { x in try (x.exp() + (-x).exp()).divided(by: S(2)) }
        case .arctan: return .elementwise { try $0.elementary(.atan) }
        // ½ log((1 + x)/(1 − x)): outside (−1, 1) the log refuses and the point is redrawn.
        case .arctanh: return .elementwise { x in try (S.one + x).divided(by: S.one - x).log().divided(by: S(2)) }
        case .sigmoid: return .elementwise { try $0.sigmoid() }
        case .softplus: return .elementwise { try $0.softplus() }
        case .relu: return .elementwise { try $0.isPositive() ? $0 : S.zero }
        case .sign: return .elementwise { S(try S.branch(on: [$0]) { v in v[0] > 0 ? 1 : (v[0] < 0 ? -1 : 0) }) }
        // Steps: the derivative is zero wherever it exists, which is what a dual number carries.
        case .floor: return .elementwise { try S(constant: (try $0.realValue()).rounded(.down)) }
        case .ceil: return .elementwise { try S(constant: (try $0.realValue()).rounded(.up)) }
        // Γ(x + 1): n! at whole numbers, exactly when small; the analytic continuation elsewhere.
        case .factorial: return .elementwise { x in try x.factorial() }
        case .binom:
            return .binary { n, k in
                if let whole = try? k.wholeValue(), whole >= 0, whole <= 170 {
                    // n (n − 1) ⋯ (n − k + 1) / k!: a polynomial in n, so a real n is fine.
                    var result = S.one
                    for i in 0..<whole { result = try (result * (n - S(i))).divided(by: S(i + 1)) }
                    return result
                }
                return try (n.factorial()).divided(by: try k.factorial() * (n - k).factorial())
            }
        case .max: return .extremum(largest: true)
        case .min: return .extremum(largest: false)
        case .det: return .squareToScalar { try $0.determinant() }
        case .logdet: return .squareToScalar { try $0.determinant().log() }
        case .tr:
            return .squareToScalar { m in
                var sum = S.zero
                for i in 0..<m.rows { sum += m[i, i] }
                return sum
            }
        case .adj:
            return .squareToSquare { m in
                let d = try m.determinant()
                return try m.inverse().map { d * $0 }
            }
        case .rank: return .unevaluated(row.latex + " is parsed but not evaluated")
        case .diag: return .diagonal
        case .softmax, .logsumexp:
            let isSoftmax = self == .softmax
            return .entries { m in
                // Shifted by the largest entry, so that no exponential overflows.
                let largest = try S.branch(on: m.elements) { values in
                    values.indices.max { values[$0] < values[$1] } ?? -1
                }
                let shift = largest < 0 ? try S(constant: 0) : try m.elements[largest].detachedConstant()
                let exps = try m.elements.map { try ($0 - shift).exp() }
                let total = exps.reduce(S.zero, +)
                if !isSoftmax { return .scalar(try total.log() + shift) }
                return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: try exps.map { try $0.divided(by: total) }))
            }
        }
    }

    /// How the function scales degrees when exact arithmetic can evaluate it; nil when it cannot
    /// (it needs exp, log, a root, a comparison or a real constant), which rules out an exact check
    /// of any link that uses it before one is attempted.
    var exactDegree: ExactDegree? {
        switch self {
        case .det, .adj: return .timesSize
        case .tr, .diag: return .same
        case .exp, .log, .ln, .sin, .cos, .tanh, .erf, .Phi, .Gamma, .sinh, .cosh, .arctan, .arctanh,
             .sigmoid, .softplus, .relu, .sign, .max, .min, .logdet, .rank, .softmax, .logsumexp,
             .floor, .ceil, .factorial, .binom:
            return nil
        }
    }

    /// Whether exact (modular) arithmetic can evaluate the function.
    var isRational: Bool { exactDegree != nil }
}

extension Scalar {
    /// 1 / (1 + e^{−x}).
    func sigmoid() throws -> Self {
        try Self.one.divided(by: Self.one + (-self).exp())
    }

    /// The value as a whole number, or nil when it is not one (to 1e-9).
    func wholeValue() throws -> Int? {
        let v = try realValue()
        let r = v.rounded()
        guard abs(v - r) <= 1e-9, abs(r) < 1e15 else { return nil }
        return Int(r)
    }

    /// x! = Γ(x + 1): the product 1 ⋯ n for a whole n ≤ 20 (exact in a double), Γ otherwise.
    func factorial() throws -> Self {
        if let n = try wholeValue(), n >= 0, n <= 20 {
            var result = 1
            for i in stride(from: 2, through: max(n, 1), by: 1) { result *= i }
            return Self(result)
        }
        return try (self + Self.one).elementary(.logGamma).exp()
    }

    /// log(1 + e^x) = max(x, 0) + log(1 + e^{−|x|}), stable for large |x|.
    func softplus() throws -> Self {
        if try isPositive() { return try self + (Self.one + (-self).exp()).log() }
        return try (Self.one + exp()).log()
    }
}

extension Evaluator {
    /// A built-in applied to its arguments: the argument count from its row, then its meaning.
    func builtin(_ function: BuiltinFunction, _ arguments: [Expr], at expr: Expr) throws -> Value<S> {
        let name = function.row.latex
        guard function.row.arity.accepts(arguments.count) else {
            throw error(expr, "\(name) takes \(function.row.arity.phrase), found \(arguments.count)")
        }
        func squareMatrix() throws -> Matrix<S> {
            let value = try evaluate(arguments[0])
            guard case .matrix(let m) = value, m.rows == m.columns else {
                throw error(arguments[0], "\(name) needs a square matrix, found \(describe(value))")
            }
            return m
        }
        switch function.meaning(S.self) {
        case .elementwise(let transform):
            let value = try evaluate(arguments[0])
            if function == .relu || function == .sign, let s = value.scalarValue { try context.recordSwitch(try s.realValue()) }
            return try value.map(transform)
        case .logarithm:
            let argument = arguments[0].ungrouped
            if case .distribution(let family, let point?, let parameters) = argument.node {
                return .scalar(try density(family, at: point, parameters, expr: arguments[0], logarithm: true))
            }
            if let logValue = try logOfDefinedDensity(argument) { return .scalar(logValue) }
            return try evaluate(arguments[0]).map { try $0.log() }
        case .squareToScalar(let transform):
            return .scalar(try transform(try squareMatrix()))
        case .squareToSquare(let transform):
            return .matrix(try transform(try squareMatrix()))
        case .diagonal:
            let value = try evaluate(arguments[0])
            guard case .matrix(let m) = value else { throw error(arguments[0], "\(name) needs a size") }
            if m.columns == 1 || m.rows == 1 { return .matrix(Matrix.diagonal(m.elements)) }
            guard m.rows == m.columns else { throw error(arguments[0], "\(name) needs a vector or a square matrix") }
            return .matrix(Matrix.column((0..<m.rows).map { m[$0, $0] }))
        case .entries(let transform):
            return try transform(try matrix(try evaluate(arguments[0]), at: arguments[0]))
        case .extremum(let largest):
            var candidates: [S] = []
            for argument in arguments {
                candidates += try matrix(try evaluate(argument), at: argument).elements
            }
            guard !candidates.isEmpty else { throw error(expr, "\(name) needs arguments") }
            if candidates.count == 2 { try context.recordSwitch(try candidates[0].realValue() - candidates[1].realValue()) }
            // The first best, as a loop that replaces only on a strict improvement finds it.
            let best = try S.branch(on: candidates) { values in
                var best = 0
                for i in values.indices.dropFirst() where largest ? values[i] > values[best] : values[i] < values[best] { best = i }
                return best
            }
            return .scalar(candidates[best])
        case .binary(let transform):
            return .scalar(try transform(try scalar(arguments[0], name), try scalar(arguments[1], name)))
        case .unevaluated(let message):
            throw error(expr, message)
        }
    }
}
