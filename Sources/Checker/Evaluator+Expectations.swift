import DeriveNumerics
import Diagnostics
import Foundation
import MathSyntax

/// A distribution an expectation averages over, resolved to something a rule can integrate.
enum SamplingRule<S: Scalar> {
    /// A Gaussian: mean and covariance (already sized); Gauss–Hermite in low dimension, Monte Carlo above.
    case gaussian(mean: Matrix<S>, covariance: Matrix<S>)
    /// Finitely many values with weights: exact.
    case discrete([(weight: S, value: Value<S>)])
    /// A one-dimensional density on an interval: adaptive quadrature of f · density.
    case density(lower: Double, upper: Double, family: DistributionFamily, parameters: [Expr])
    /// A declared generic density: a Gaussian mixture, averaged component by component.
    case mixture(RandomMixture)
    /// A defined density that is a weighted sum of densities (`\rho\, q(z \mid x_1) + (1 - \rho)\, q(z \mid x_2)`).
    case combination([(weight: S, rule: SamplingRule<S>)])
    /// A defined density that is no named family (`p_\theta(x) = e^{-E_\theta(x)} / Z_\theta`), as an
    /// application at the variable: the expectation is the integral of the body times it.
    case integrated(density: Expr, normaliser: Expr?)
}

/// Expectations and variances: the sampling rule of the distribution, then Gauss–Hermite, exact
/// sums, adaptive quadrature or Monte Carlo over it.
extension Evaluator {
    // MARK: - Expectations

    func expectation(over: Expr?, body: Expr, at expr: Expr) throws -> Value<S> {
        if let joint = context.scope.bayesJoint(over: over, body: body) {
            return try conditionalExpectation(joint, at: expr)
        }
        if over == nil, case .comparison(let target, .given, let condition) = body.ungrouped.node {
            let readings = context.scope.bayesJoints(over: over, body: body)
            if readings.count > 1 {
                let joints = readings.map { LaTeXPrinter.latex($0.prior) + " with " + LaTeXPrinter.latex($0.likelihood) }
                throw error(expr, "this conditional expectation has more than one joint: \(joints.joined(separator: "; ")); write the posterior as the subscript, \\mathbb{E}_{q(x \\mid y)}[…]")
            }
            let v = LaTeXPrinter.latex(target), c = LaTeXPrinter.latex(condition)
            throw error(expr, "a conditional expectation needs its joint: define a prior q(\(v)) and a likelihood q(\(c) \\mid \(v)) under one name, or write \\mathbb{E}_{q(\(v) \\mid \(c))}[…] with the posterior defined")
        }
        guard let over else {
            throw error(expr, "name the distribution of this expectation: \\mathbb{E}_{z \\sim q}[…] or \\mathbb{E}_{q(z \\mid x)}[…]")
        }
        let (variable, rule) = try samplingRule(over, sizedBy: [body])
        return try average(body, variable: variable, rule: rule, tag: DrawTag(over), at: expr)
    }

    func variance(over: Expr?, body: Expr, at expr: Expr) throws -> Value<S> {
        guard let over else { throw error(expr, "name the distribution: \\operatorname{Var}_{x \\sim p}[…]") }
        let (variable, rule) = try samplingRule(over, sizedBy: [body])
        let tag = DrawTag(over)
        let mean = try scalarOf(try average(body, variable: variable, rule: rule, tag: tag, at: expr), body)
        let square = Expr(.multiply(body, body, .juxtaposition), body.range)
        let meanSquare = try scalarOf(try average(square, variable: variable, rule: rule, tag: tag, at: expr), body)
        return .scalar(meanSquare - mean * mean)
    }

    func covariance(over: Expr?, _ a: Expr, _ b: Expr, at expr: Expr) throws -> Value<S> {
        guard let over else { throw error(expr, "name the distribution: \\operatorname{Cov}_{x \\sim p}[…]") }
        let (variable, rule) = try samplingRule(over, sizedBy: [a, b])
        let tag = DrawTag(over)
        let meanA = try scalarOf(try average(a, variable: variable, rule: rule, tag: tag, at: expr), a)
        let meanB = try scalarOf(try average(b, variable: variable, rule: rule, tag: tag, at: expr), b)
        let product = Expr(.multiply(a, b, .juxtaposition), expr.range)
        let meanProduct = try scalarOf(try average(product, variable: variable, rule: rule, tag: tag, at: expr), expr)
        return .scalar(meanProduct - meanA * meanB)
    }

    func scalarOf(_ value: Value<S>, _ expr: Expr) throws -> S {
        guard let s = value.scalarValue else { throw error(expr, "needs a scalar, found \(describe(value))") }
        return s
    }

    /// Reads `z \sim D`, `q(z \mid x)` or a declared density's name into the bound variable and a rule.
    private func samplingRule(_ over: Expr, sizedBy uses: [Expr]) throws -> (variable: Expr, rule: SamplingRule<S>) {
        let over = over.ungrouped
        switch over.node {
        case .comparison(let variable, .distributedAs, let distribution):
            return (variable, try rule(for: distribution.ungrouped, variable: variable, sizedBy: uses))
        case .apply(.named(let name), let arguments, let conditions, _) where arguments.count == 1:
            return (arguments[0], try definedDensityRule(name, arguments, conditions, at: over))
        default:
            throw error(over, "expected 'z \\sim D' or a density such as q(z \\mid x) under \\mathbb{E}")
        }
    }

    private func rule(for distribution: Expr, variable: Expr, sizedBy uses: [Expr]) throws -> SamplingRule<S> {
        switch distribution.node {
        case .distribution(let family, nil, let parameters):
            return try familyRule(family, parameters, variable: variable, sizedBy: uses, at: distribution)
        case .apply(.named(let name), let arguments, let conditions, _):
            return try definedDensityRule(name, arguments, conditions, at: distribution)
        case .symbol, .subscripted:
            if let key = NameKey.of(distribution), let mixture = context.densities[key] { return .mixture(mixture) }
            if let key = NameKey.of(distribution), context.scope.functions[key]?.count == 1 {
                // `x \sim p_\theta` with `p_\theta(x)` defined: the density at the variable.
                return try definedDensityRule(distribution, [variable], [], at: distribution)
            }
            throw error(distribution, "'\(LaTeXPrinter.latex(distribution))' is not a declared density")
        default:
            // A written mixture of densities at the variable (a divergence's `\frac{p + q}{2}`).
            if let key = NameKey.of(variable), let rule = try combinationRule(distribution, variable: key, name: variable) {
                return rule
            }
            throw error(distribution, "cannot sample from '\(LaTeXPrinter.latex(distribution))'")
        }
    }

    /// `q(z \mid x)` whose definition is a named distribution at `z`: its parameters with `x` bound.
    func definedDensityRule(_ name: Expr, _ arguments: [Expr], _ conditions: [Expr], at expr: Expr) throws -> SamplingRule<S> {
        guard let key = NameKey.of(name) else { throw error(name, "cannot sample from '\(LaTeXPrinter.latex(name))'") }
        if let mixture = context.densities[key] { return .mixture(mixture) }
        guard let definitions = context.scope.functions[key] else {
            throw error(name, "'\(LaTeXPrinter.latex(name))' is not a defined or declared density")
        }
        guard let index = definitions.chosenIndex(arguments: arguments, conditions: conditions) else {
            let candidates = definitions.map(\.signature).joined(separator: ", ")
            throw error(expr, "'\(LaTeXPrinter.latex(expr))' matches no definition; defined: \(candidates)")
        }
        let definition = definitions[index]
        var inner = self
        for (parameter, condition) in zip(definition.conditions, conditions) {
            inner.values[parameter] = try evaluate(condition)
            inner.integers[parameter] = integerValue(condition)
        }
        let marker = "~" + definition.signature
        guard !expanding.contains(marker) else { throw error(expr, "the density '\(definition.signature)' is defined through itself") }
        inner.expanding.append(marker)
        guard let variable = definition.parameters.first else {
            throw EvaluationError.unsupported("cannot draw from \(definition.signature): it has no variable")
        }
        if let rule = try inner.combinationRule(definition.body, variable: variable, name: Expr(.symbol(Symbol(variable)), expr.range)) {
            return rule
        }
        // Any other density of one variable is integrated against: ∫ f(x) p(x) dx.
        guard arguments.count == 1, definition.parameters.count == 1 else {
            throw EvaluationError.unsupported("cannot draw from \(definition.signature): its definition is neither a named distribution nor a weighted sum of densities")
        }
        // `e^{-E_\theta(x)} / Z_\theta`: the normaliser, free of the variable, is evaluated once
        // rather than at every node of the integral.
        if case .divide(let unnormalised, let normaliser, _) = definition.body.ungrouped.node,
           !ExprWalk.names(normaliser).contains(variable), definition.conditions.isEmpty {
            let point = arguments[0]
            let moved = ExprRewrite.rewrite(unnormalised) { node in NameKey.of(node) == variable ? point : nil }
            return .integrated(density: moved, normaliser: normaliser)
        }
        return .integrated(density: Expr(.apply(.named(name), arguments: arguments, conditions: conditions, parenthesized: true), expr.range),
                           normaliser: nil)
    }

    /// A density expression in one variable as a rule: a named distribution at the variable, a
    /// defined density of it, or a weighted sum of those (weights free of the variable).
    private func combinationRule(_ expr: Expr, variable: String, name: Expr) throws -> SamplingRule<S>? {
        let expr = expr.ungrouped
        func mentionsVariable(_ e: Expr) -> Bool { ExprWalk.names(e).contains(variable) }
        switch expr.node {
        case .distribution(let family, let point?, let parameters) where NameKey.of(point) == variable:
            return try familyRule(family, parameters, variable: name, at: expr)
        case .apply(.named(let head), let arguments, let conditions, _)
            where arguments.count == 1 && NameKey.of(arguments[0]) == variable:
            return try definedDensityRule(head, arguments, conditions, at: expr)
        case .add, .subtract, .negate:
            var parts: [(weight: S, rule: SamplingRule<S>)] = []
            for (term, sign) in Parting.signedTerms(expr) {
                guard let rule = try combinationRule(term, variable: variable, name: name) else { return nil }
                parts.append((try S(constant: sign), rule))
            }
            return .combination(parts)
        case .multiply(let a, let b, _):
            if !mentionsVariable(a), let rule = try combinationRule(b, variable: variable, name: name) {
                return .combination([(try scalar(a, "a mixture weight"), rule)])
            }
            if !mentionsVariable(b), let rule = try combinationRule(a, variable: variable, name: name) {
                return .combination([(try scalar(b, "a mixture weight"), rule)])
            }
            return nil
        case .divide(let a, let b, _) where !mentionsVariable(b):
            guard let rule = try combinationRule(a, variable: variable, name: name) else { return nil }
            return .combination([(try S.one.divided(by: try scalar(b, "a mixture weight")), rule)])
        default:
            return nil
        }
    }

    /// The average of `body` over the rule, with `variable` bound to each node or draw.
    func average(_ body: Expr, variable: Expr, rule: SamplingRule<S>, tag: DrawTag, at expr: Expr) throws -> Value<S> {
        guard let key = NameKey.of(variable) else { throw error(variable, "the variable of an expectation must be a name") }
        let nodes = BodyAtNodes(self, variable: key, bodies: [body])
        func at(_ value: Value<S>, indexing: Bool = false) throws -> Value<S> {
            if !indexing { return try nodes.values(at: value)[0] }
            var inner = self
            inner.values[key] = value
            inner.integers[key] = nil
            // A finite outcome that is a whole number also indexes: the point of a categorical
            // density, `p_k`, a sum's bound.
            if indexing, let s = value.scalarValue, let x = try? s.realValue(), x == x.rounded(), abs(x) < 1e9 {
                inner.integers[key] = Int(x)
            }
            return try inner.evaluate(body)
        }
        func weightedSum(_ terms: [(S, Value<S>)]) throws -> Value<S> {
            var total: Value<S>? = nil
            for (weight, value) in terms {
                let term = value.map { weight * $0 }
                total = try total.map { try add($0, term, at: body) } ?? term
            }
            return total ?? .scalar(S.zero)
        }
        switch rule {
        case .discrete(let outcomes):
            context.methodsUsed.insert(.exact)
            return try weightedSum(outcomes.map { ($0.weight, try at($0.value, indexing: true)) })
        case .gaussian(let mean, let covariance):
            return try gaussianAverage(mean: mean, covariance: covariance, tag: tag, at: expr) { try at(.matrix($0)) }
        case .mixture(let mixture):
            context.methodsUsed.insert(.quadrature)
            context.foldedRandomObjects = true
            var terms: [(S, Value<S>)] = []
            for component in mixture.weights.indices {
                let n = mixture.dimension
                let mean = Matrix(rows: n, columns: 1, elements: try mixture.means[component].map { try S(constant: $0) })
                let covariance = Matrix(rows: n, columns: n, elements: try mixture.covariances[component].map { try S(constant: $0) })
                let value = try gaussianAverage(mean: mean, covariance: covariance, tag: tag, at: expr) { try at(.matrix($0)) }
                terms.append((try S(constant: mixture.weights[component]), value))
            }
            return try weightedSum(terms)
        case .integrated(let density, let normaliser):
            let declared = context.scope.declarations[key] != nil
            let infinity = Expr(.constant(.infinity), expr.range)
            let integral = Expr(.integral(lower: declared ? nil : Expr(.negate(infinity), expr.range), upper: declared ? nil : infinity,
                                          body: Expr(.multiply(body, density, .juxtaposition), expr.range), variable: variable), expr.range)
            let value = try evaluate(integral)
            guard let normaliser else { return value }
            let inverse = try S.one.divided(by: try scalar(normaliser, "a density's normaliser"))
            return value.map { inverse * $0 }
        case .combination(let parts):
            return try weightedSum(parts.map { ($0.weight, try average(body, variable: variable, rule: $0.rule, tag: tag, at: expr)) })
        case .density(let lower, let upper, let family, let parameters):
            context.methodsUsed.insert(.quadrature)
            let pointKey = "#point"
            let point = Expr(.symbol(Symbol(pointKey)), expr.range)
            let integrand: (S) throws -> S = { x in
                var inner = self
                inner.values[pointKey] = .scalar(x)
                let weight = try inner.density(family, at: point, parameters, expr: expr, logarithm: false)
                let value = try at(.scalar(x))
                guard let s = value.scalarValue else { throw self.error(body, "a one-dimensional expectation here needs a scalar body") }
                return weight * s
            }
            let result = try GaussKronrod.integrate(integrand, from: lower, to: upper)
            return .scalar(MethodError.adding(result.errorEstimate, to: result.value))
        }
    }

    /// E over N(mean, covariance) of a function of the point: Gauss–Hermite product rules up to three
    /// dimensions (error estimated from a coarser rule), Monte Carlo with a confidence interval above.
    private func gaussianAverage(mean: Matrix<S>, covariance: Matrix<S>, tag: DrawTag, at expr: Expr,
                                 _ f: (Matrix<S>) throws -> Value<S>) throws -> Value<S> {
        let n = mean.rows
        let factor = try covariance.cholesky()
        let point = { (z: [S]) in Self.affinePoint(mean, factor, z) }
        if n <= 3 {
            context.methodsUsed.insert(.quadrature)
            let (value, _, spread) = try refinedProductRule(dimension: n, point: point, f)
            // In one dimension a body with a sharp feature gets adaptive Gauss–Kronrod instead.
            if spread > 1e-9, n == 1, let adaptive = try adaptiveAverage(point: point, f) { return adaptive }
            // Rules that still disagree at the finest level, by more than a small part of the mass
            // they integrate, are not trusted with a verdict.
            if spread > 1e-5 {
                throw EvaluationError.unsupported("Gauss–Hermite rules up to the finest level disagree on this expectation by \(String(format: "%.2g", spread)) of its mass (the body is too far from Gaussian-shaped under its distribution)")
            }
            return value
        }
        context.methodsUsed.insert(.monteCarlo)
        var generator = SeededGenerator(seed: context.seed ^ hash64(tag.text))
        var sum: Value<S>? = nil
        var sumSquares: [Double] = []
        let count = context.monteCarloSamples
        for _ in 0..<count {
            try context.checkTime()
            let z = try (0..<n).map { _ in try S(constant: Sampler.standardNormal(using: &generator)) }
            let value = try f(point(z))
            sum = try sum.map { try add($0, value, at: expr) } ?? value
            if case .matrix(let m) = value {
                if sumSquares.isEmpty { sumSquares = Array(repeating: 0, count: m.elements.count * 2) }
                for (i, x) in m.elements.enumerated() {
                    let v = (try? x.realValue()) ?? 0
                    sumSquares[2 * i] += v
                    sumSquares[2 * i + 1] += v * v
                }
            }
        }
        var halfWidth = 0.0
        for i in stride(from: 0, to: sumSquares.count, by: 2) {
            let mean = sumSquares[i] / Double(count)
            let variance = max(sumSquares[i + 1] / Double(count) - mean * mean, 0)
            let width = 4 * Foundation.sqrt(variance / Double(count))
            // An interval wider than a few percent of the root mean square cannot tell the
            // realistic slips apart: no verdict rather than a lenient one.
            if width > 0.05 * Foundation.sqrt(sumSquares[i + 1] / Double(count)) {
                throw EvaluationError.unsupported("the Monte Carlo interval (±\(String(format: "%.2g", width)) from \(count) samples) is too wide for a verdict; lower the dimension so that quadrature applies")
            }
            halfWidth = max(halfWidth, width)
        }
        let inverseCount = try S.one.divided(by: S(count))
        return (sum ?? .scalar(S.zero)).map { MethodError.adding(halfWidth, to: inverseCount * $0) }
    }

    /// E over z ~ N(0, 1) of a scalar body at point([z]) by adaptive Gauss–Kronrod on ℝ, split at the
    /// largest value of the integrand; nil when the body is not scalar or the rule does not converge.
    private func adaptiveAverage(point: ([S]) -> Matrix<S>, _ f: (Matrix<S>) throws -> Value<S>) throws -> Value<S>? {
        let half = try S(numerator: 1, denominator: 2)
        let normaliser = try S(constant: 1 / (2 * Double.pi).squareRoot())
        var scalarBody = true
        // The search for the peak skips the body where the Gaussian underflows to zero (126 of its
        // 301 grid points), since no such point can be the peak; the rule itself evaluates every node.
        func weighted(_ z: S, skippingUnderflow: Bool) throws -> S {
            let gaussian = normaliser * (try (-half * z * z).exp())
            let weight = (try? gaussian.realValue()) ?? 1
            if skippingUnderflow, weight == 0 { return S.zero }
            guard let value = try Self.valueUnlessNegligible(weight: weight, { try f(point([z])) }) else { return S.zero }
            guard let v = value.scalarValue else { scalarBody = false; return S.zero }
            return v * gaussian
        }
        let integrand = { (z: S) throws -> S in try weighted(z, skippingUnderflow: false) }
        let peak = try largestOnGrid { try weighted($0, skippingUnderflow: true) } ?? 0
        // Two tolerances: the finer result's error is estimated from the coarser one part by part,
        // since the rule's own estimate watches only the value, not derivative parts.
        var results: [S] = []
        for tolerance in [1e-11, 1e-8] {
            var total = S.zero
            for (low, high) in [(-Double.infinity, peak), (peak, Double.infinity)] {
                let part = try GaussKronrod.integrate(integrand, from: low, to: high, absoluteTolerance: 0,
                                                      relativeTolerance: tolerance, maxIntervals: 400)
                guard scalarBody else { return nil }
                if tolerance < 1e-9, !part.converged { return nil }
                total += MethodError.adding(part.errorEstimate, to: part.value)
            }
            results.append(total)
            // Plain values carry the rule's own estimate; derivative parts need the coarser pass.
            if MethodError.parts(total).count == 1 { return .scalar(total) }
        }
        return .scalar(MethodError.adding(differenceFrom: results[1], to: results[0]))
    }

    /// Below this Gaussian weight a node's term is invisible to any verdict (bodies are O(1e3) at most
    /// where a check is meaningful, tolerances 1e-12 of the mass at least).
    static var negligibleNodeWeight: Double { 1e-30 }

    /// The body at a node, or nil where it divides by zero at a node of negligible weight: far in
    /// the tails both densities of a ratio such as p / (p + q) underflow to zero, although the ratio
    /// itself is bounded. Elsewhere a division by zero stands, and so does every other error.
    static func valueUnlessNegligible(weight: Double, _ body: () throws -> Value<S>) throws -> Value<S>? {
        do { return try body() } catch ScalarError.divisionByZero where weight < negligibleNodeWeight { return nil }
    }

    /// x = mean + L z for a lower-triangular factor L: standard normal nodes mapped to N(mean, L Lᵀ).
    static func affinePoint(_ mean: Matrix<S>, _ lower: Matrix<S>, _ z: [S]) -> Matrix<S> {
        var x = mean
        for i in 0..<mean.rows {
            var s = x.elements[i]
            for k in 0...i { s += lower[i, k] * z[k] }
            x.elements[i] = s
        }
        return x
    }

    /// Gauss–Hermite product rules refined until two successive ones agree: smooth bodies (a
    /// log-density is a quadratic) settle at the first pair. The last difference is the error estimate.
    /// The first levels are small (3, 4 and 6 nodes in one dimension, exact up to degree 5, 7
    /// and 11; 2 and 3 per axis in two and three): most bodies are low-degree polynomials of the
    /// variable (a quadratic form, a log-density) and settle there, at a third of the nodes; a
    /// body that does not goes on through the levels as before, and the stall test (which sends
    /// a body to the adaptive rule) starts where it started before the small levels.
    /// Successive rules whose every part agrees to this relative difference have settled: the
    /// difference, carried as the error estimate, is far below any slip a check must see.
    static var settledRelativeDifference: Double { 1e-9 }

    func refinedProductRule(dimension n: Int, point: ([S]) -> Matrix<S>,
                            _ f: (Matrix<S>) throws -> Value<S>) throws -> (value: Value<S>, settled: Bool, spread: Double) {
        let small = [1: [3, 4, 6], 2: [2, 3], 3: [2, 3]][n] ?? [2, 3]
        let levels = small + ([1: [8, 12, 20, 32, 48, 64, 96, 128], 2: [5, 8, 12, 18, 24, 32], 3: [4, 6, 8, 12, 16]][n] ?? [4, 6, 8, 12, 16])
        // The first comparison the stall test may stop: after the pair that used to come first.
        let firstStallCount = levels[small.count + 2]
        var previous = try productRule(nodes: levels[0], dimension: n, point: point, f)
        var earlier: Value<S>? = nil
        var previousLargest = Double.infinity
        for count in levels.dropFirst() {
            let current = try productRule(nodes: count, dimension: n, point: point, f)
            guard case .matrix(let a) = current.value, case .matrix(let b) = previous.value, a.elements.count == b.elements.count else {
                return (current.value, true, 0)
            }
            var settled = true
            var largest = 0.0
            for (x, y) in zip(a.elements, b.elements) {
                let fine = (try? x.realValue()) ?? .nan, coarse = (try? y.realValue()) ?? .nan
                largest = max(largest, abs(fine - coarse))
                // Every part must settle, derivative parts included, before refinement stops.
                for (p, q) in zip(MethodError.parts(x), MethodError.parts(y)) where !(abs(p - q) <= Self.settledRelativeDifference * abs(p)) && p != q {
                    settled = false
                }
            }
            var estimated = Value<S>.matrix(a.combined(with: b) { MethodError.adding(differenceFrom: $1, to: $0) })
            // Unsettled rules can agree by luck at the last pair: the pair before it counts too.
            if !settled, case .matrix(let c)? = earlier, c.elements.count == b.elements.count, case .matrix(let e) = estimated {
                estimated = .matrix(e.combined(with: b.combined(with: c) { $0 - $1 }) { fine, step in
                    MethodError.adding(differenceFrom: fine - step, to: fine)
                })
            }
            let spread = current.mass > 0 ? largest / current.mass : (largest == 0 ? 0 : .infinity)
            // A difference that stopped shrinking will not settle at a finer level either: the
            // caller's adaptive rule (one dimension) or its refusal is the cheaper answer.
            let stalled = count >= firstStallCount && largest > 0.5 * previousLargest
            if settled || stalled || count == levels.last { return (estimated, settled, spread.isNaN ? .infinity : spread) }
            previousLargest = largest
            earlier = previous.value
            previous = current
        }
        return (previous.value, false, .infinity)
    }

    /// One product rule: the weighted sum, and the weighted sum of absolute values (the mass that
    /// the rule integrates, the scale against which its error is judged).
    private func productRule(nodes count: Int, dimension: Int, point: ([S]) -> Matrix<S>,
                             _ f: (Matrix<S>) throws -> Value<S>) throws -> (value: Value<S>, mass: Double) {
        let rule = GaussHermite.expectationUnderStandardNormal(n: count)
        let nodes = try rule.nodes.map { try S(constant: $0) }
        let weights = try rule.weights.map { try S(constant: $0) }
        var total: Value<S>? = nil
        var mass = 0.0
        var index = [Int](repeating: 0, count: dimension)
        var z = [S](repeating: S.zero, count: dimension)
        // Only an error message would name it: a body whose shape changes between nodes.
        let site = Expr(.number("0"), SourceRange.detached)
        while true {
            try context.checkTime()
            var weight = S.one
            var plainWeight = 1.0
            for d in 0..<dimension {
                weight *= weights[index[d]]
                plainWeight *= rule.weights[index[d]]
                z[d] = nodes[index[d]]
            }
            if let value = try Self.valueUnlessNegligible(weight: plainWeight, { try f(point(z)) }) {
                if case .matrix(let m) = value, var largest = m.elements.first.map({ abs((try? $0.realValue()) ?? 0) }) {
                    // The largest entry's size, as `max()` picks it (NaN only where it comes first).
                    for element in m.elements.dropFirst() {
                        let size = abs((try? element.realValue()) ?? 0)
                        if largest < size { largest = size }
                    }
                    mass += plainWeight * largest
                }
                // The running sum grows in place: the same additions, in the same order, as adding
                // each weighted term as a new value, without a matrix per node.
                if case .matrix(var sum)? = total, case .matrix(let m) = value, sum.rows == m.rows, sum.columns == m.columns {
                    total = nil
                    for i in sum.elements.indices { sum.elements[i] = sum.elements[i] + weight * m.elements[i] }
                    total = .matrix(sum)
                } else {
                    let term = value.map { weight * $0 }
                    total = try total.map { try add($0, term, at: site) } ?? term
                }
            }
            var d = 0
            while d < dimension {
                index[d] += 1
                if index[d] < count { break }
                index[d] = 0
                d += 1
            }
            if d == dimension { break }
        }
        return (total ?? .scalar(S.zero), mass)
    }
}

/// What seeds an expectation's Monte Carlo draws: the text of its distribution, so that
/// expectations under the same distribution share their draws (common random numbers). Printed
/// only where draws are made: quadrature, far more common, never reads it.
struct DrawTag {
    let source: Expr
    init(_ source: Expr) { self.source = source }
    var text: String { LaTeXPrinter.latex(source) }
}
