import DeriveNumerics
import MathSyntax

/// Conditional expectations under a defined joint, by Bayes' rule:
/// E[f | c] = ∫ f(v) w(v) dv / ∫ w(v) dv with w(v) = q(c | v) q(v). Both integrals are taken by one
/// Gauss–Hermite rule centred on the Laplace fit of w (the posterior's own shape), refined until
/// it settles; where the fit fails, both are averages over the prior instead. Either way the
/// rules' error estimates are carried as method errors, so they enter the tolerance of the ratio.
extension Evaluator {
    func conditionalExpectation(_ joint: BayesJoint, at expr: Expr) throws -> Value<S> {
        let weight = Expr(.multiply(joint.likelihood, joint.prior, .juxtaposition), expr.range)
        if let value = try posteriorCentredAverage(joint, weight: weight, at: expr) { return value }
        let rule = try definedDensityRule(joint.head, [joint.variable], joint.priorConditions, at: joint.prior)
        let tag = DrawTag(joint.likelihood)
        let weighted = Expr(.multiply(joint.body, joint.likelihood, .juxtaposition), expr.range)
        let numerator = try average(weighted, variable: joint.variable, rule: rule, tag: tag, at: expr)
        let normaliser = try scalarOf(try average(joint.likelihood, variable: joint.variable, rule: rule, tag: tag, at: expr), expr)
        return try ratio(numerator, normaliser, joint)
    }

    private func ratio(_ numerator: Value<S>, _ normaliser: S, _ joint: BayesJoint) throws -> Value<S> {
        guard try normaliser.isPositive() else {
            throw EvaluationError.unsupported("the evidence \(LaTeXPrinter.latex(joint.condition)) has no mass under the prior (the normaliser of Bayes' rule is 0)")
        }
        let inverse = try S.one.divided(by: normaliser)
        return numerator.map { inverse * $0 }
    }

    /// The length of the averaged variable: its declared value's, else the prior's when that is a
    /// Gaussian or a declared density; nil when neither says.
    private func posteriorDimension(_ joint: BayesJoint, key: String) throws -> Int? {
        if case .matrix(let current)? = values[key] { return current.columns == 1 ? current.rows : nil }
        switch try definedDensityRule(joint.head, [joint.variable], joint.priorConditions, at: joint.prior) {
        case .gaussian(let mean, _): return mean.rows
        case .mixture(let mixture): return mixture.dimension
        default: return nil
        }
    }

    /// Σ f(xᵢ) rᵢ / Σ rᵢ over nodes xᵢ of the Laplace fit N(m, Σ) of w, rᵢ = wᵢ / N(xᵢ; m, Σ); nil
    /// when the averaged variable has no value to size it, the fit fails or the rule does not settle.
    private func posteriorCentredAverage(_ joint: BayesJoint, weight: Expr, at expr: Expr) throws -> Value<S>? {
        guard let key = NameKey.of(joint.variable), let n = try posteriorDimension(joint, key: key), n <= 3 else { return nil }
        guard let proposal = try laplaceProposal(dimension: n, key: key, isVector: true, body: weight) else { return nil }
        context.methodsUsed.insert(.quadrature)
        var bodyShape = (rows: 1, columns: 1)
        let nodes = BodyAtNodes(self, variable: key, bodies: [weight, joint.body])
        let (value, settled, _) = try refinedProductRule(dimension: n, point: proposal.point) { x in
            let both = try nodes.values(at: .matrix(x))
            guard let w = both[0].scalarValue else { throw error(weight, "a density must be a scalar") }
            let r = w * (try proposal.inverseDensity(x))
            let f = try matrix(both[1], at: joint.body)
            bodyShape = (f.rows, f.columns)
            return .matrix(Matrix.column([r] + f.elements.map { $0 * r }))
        }
        guard settled, case .matrix(let sums) = value else { return nil }
        let numerator = Matrix(rows: bodyShape.rows, columns: bodyShape.columns, elements: Array(sums.elements.dropFirst()))
        return try ratio(.matrix(numerator), sums.elements[0], joint)
    }
}
