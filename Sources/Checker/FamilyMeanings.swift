import MathSyntax
import DeriveNumerics

// The meaning of every distribution family: its log-density at a point and how an expectation
// integrates over it, one case per family each (their spellings are their rows in MathSyntax's
// Constructs.swift). Adding a family takes its row there and its two cases here.

/// Densities of the named families.
extension Evaluator {
    /// The density (or log-density) of a named family at a point.
    func density(_ family: DistributionFamily, at pointExpr: Expr, _ parameters: [Expr], expr: Expr, logarithm: Bool) throws -> S {
        let point = try evaluate(pointExpr)
        func parameter(_ index: Int, _ role: String) throws -> Value<S> {
            guard index < parameters.count else { throw error(expr, "this distribution needs its \(role)") }
            return try evaluateParameter(parameters[index])
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
            let inside = try S.branch(on: [x, a, b]) { $0[0] > $0[1] && $0[0] < $0[2] ? 1 : 0 } == 1
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
            return try result(-u - s.log() - S(2) * (-u).softplus())
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

/// How an expectation integrates over each named family.
extension Evaluator {
    /// A family's parameter. A bare `\mathbf{0}` there, as in `\mathcal{N}(\mathbf{z}; \mathbf{0},
    /// \mathbf{I})` (Kingma & Welling 2014), is a zero the point or the covariance sizes, as a plain
    /// `0` mean is; elsewhere its length must still be written.
    func evaluateParameter(_ parameter: Expr) throws -> Value<S> {
        if case .symbol(let symbol) = parameter.node, symbol.font == .bold, symbol.base == "0",
           symbol.decorations.isEmpty, symbol.primes == 0 {
            return .matrix(Matrix(rows: 1, columns: 1, repeating: S.zero))
        }
        return try evaluate(parameter)
    }

    func familyRule(_ family: DistributionFamily, _ parameters: [Expr], variable: Expr, sizedBy uses: [Expr] = [],
                    at expr: Expr) throws -> SamplingRule<S> {
        switch family {
        case .normal:
            guard parameters.count == 2 else { throw error(expr, "\\mathcal{N}(\\mu, \\Sigma) takes a mean and a covariance") }
            let mean = try evaluateParameter(parameters[0]), covariance = try evaluate(parameters[1])
            let size: Int
            if case .matrix(let m) = mean, m.elements.count > 1 { size = m.rows }
            else if case .matrix(let c) = covariance, c.rows > 1 { size = c.rows }
            else if let key = NameKey.of(variable), let declared = context.scope.declarations[key],
                    let shape = declared.domain.shape.resolve(context.dimensions) { size = shape.rows }
            else if case .identity = covariance, !uses.isEmpty { size = try sizeFromUse(of: variable, in: uses) }
            else { size = 1 }
            var mu = mean.materialized(size: 1)
            if mu.elements.count == 1, size > 1 {
                guard mu.elements[0].isZero else { throw error(parameters[0], "the mean must be a vector of length \(size)") }
                mu = Matrix(rows: size, columns: 1, repeating: S.zero)
            }
            let sigma: Matrix<S>
            if let variance = covariance.scalarValue { sigma = Value<S>.identity(variance).materialized(size: size) }
            else { sigma = covariance.materialized(size: size) }
            guard mu.rows == size, mu.columns == 1, sigma.rows == size, sigma.columns == size else {
                throw error(expr, "the mean (\(describeShape(mu))) and covariance (\(describeShape(sigma))) do not fit together")
            }
            return .gaussian(mean: mu, covariance: sigma)
        case .bernoulli:
            guard parameters.count == 1 else { throw error(expr, "\\operatorname{Bern}(p) takes one probability") }
            let p = try scalar(parameters[0], "a Bernoulli probability")
            return .discrete([(S.one - p, .scalar(S.zero)), (p, .scalar(S.one))])
        case .categorical:
            guard parameters.count == 1 else { throw error(expr, "\\operatorname{Cat}(\\pi) takes one probability vector") }
            let probabilities = try matrix(try evaluate(parameters[0]), at: parameters[0])
            return .discrete(probabilities.elements.enumerated().map { ($0.element, .scalar(S($0.offset + 1))) })
        case .uniform:
            guard parameters.count == 2 else { throw error(expr, "\\mathcal{U}(a, b) takes two ends") }
            let a = try scalar(parameters[0], "an end").realValue(), b = try scalar(parameters[1], "an end").realValue()
            return .density(lower: a, upper: b, family: family, parameters: parameters)
        case .laplace, .logistic:
            return .density(lower: -.infinity, upper: .infinity, family: family, parameters: parameters)
        }
    }

}
