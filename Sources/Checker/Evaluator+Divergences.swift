import DeriveNumerics
import Diagnostics
import Foundation
import MathSyntax

/// KL, JSD and entropy, from their definitions as expectations.
extension Evaluator {

    /// KL, JSD from their definitions, as expectations under the first argument. The two densities
    /// are compared in one variable: the point of the first that names one (`\mathcal{N}(z; \mu, \sigma^2)`,
    /// `q(x_t \mid x_0)`), else that of the second, else a fresh one.
    func divergence(_ kind: DivergenceKind, _ p: Expr, _ q: Expr, at expr: Expr) throws -> S {
        let variable = Self.ownVariable(p) ?? Self.ownVariable(q) ?? Expr(.symbol(Symbol("#x")), expr.range)
        let (over, logP) = try densityAt(p, variable: variable)
        let (overQ, logQ) = try densityAt(q, variable: variable)
        switch kind {
        case .kl:
            let body = Expr(.subtract(logP, logQ), expr.range)
            return try scalarOf(try evaluate(Expr(.expectation(over: over, body: body), expr.range)), expr)
        case .jsd:
            // JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = ½ (p + q).
            // log m = log p + softplus(log q − log p) − log 2: in the tails both densities underflow
            // while their logarithms, and this sum of them, stay finite.
            let softplus = Expr(.apply(.builtin(.softplus), arguments: [Expr(.subtract(logQ, logP), expr.range)], conditions: [],
                                       parenthesized: true), expr.range)
            let logTwo = Expr(.apply(.builtin(.log), arguments: [Expr(.number("2"), expr.range)], conditions: [], parenthesized: true), expr.range)
            let logM = Expr(.subtract(Expr(.add(logP, softplus), expr.range), logTwo), expr.range)
            let first = try scalarOf(try evaluate(Expr(.expectation(over: over, body: Expr(.subtract(logP, logM), expr.range)), expr.range)), expr)
            let second = try scalarOf(try evaluate(Expr(.expectation(over: overQ, body: Expr(.subtract(logQ, logM), expr.range)), expr.range)), expr)
            let halfValue = try S(numerator: 1, denominator: 2)
            return halfValue * (first + second)
        }
    }

    func entropy(_ p: Expr, at expr: Expr) throws -> S {
        let variable = Self.ownVariable(p) ?? Expr(.symbol(Symbol("#x")), expr.range)
        let (over, logP) = try densityAt(p, variable: variable)
        let value = try scalarOf(try evaluate(Expr(.expectation(over: over, body: logP), expr.range)), expr)
        return -value
    }

    /// `\frac{p + q}{2}` as `\frac{p(x) + q(x)}{2}`: the bare names of densities (declared, or
    /// defined in one variable) applied to the divergence's variable; nil when it names none.
    private func writtenDensity(_ argument: Expr, variable: Expr) -> Expr? {
        var applied = 0
        let written = ExprRewrite.rewrite(argument) { node in
            switch node.node {
            case .apply, .distribution: return node
            case .symbol, .subscripted:
                guard let key = NameKey.of(node), values[key] == nil else { return node }
                let isDensity = context.densities[key] != nil
                    || (context.scope.functions[key]?.contains { $0.parameters.count == 1 && $0.conditions.isEmpty } ?? false)
                guard isDensity else { return node }
                applied += 1
                return Expr(.apply(.named(node), arguments: [variable], conditions: [], parenthesized: true), node.range)
            default: return nil
            }
        }
        return applied > 0 ? written : nil
    }

    /// The variable a divergence's argument is written in, when it names one.
    static func ownVariable(_ argument: Expr) -> Expr? {
        switch argument.ungrouped.node {
        case .distribution(_, let point?, _): return NameKey.of(point) != nil ? point : nil
        case .apply(.named, let arguments, _, _) where arguments.count == 1:
            return NameKey.of(arguments[0]) != nil ? arguments[0] : nil
        default: return nil
        }
    }

    /// For a divergence's argument: what to average over, and its log-density at the variable.
    private func densityAt(_ argument: Expr, variable: Expr) throws -> (over: Expr, logDensity: Expr) {
        let argument = argument.ungrouped
        let range = argument.range
        func log(_ e: Expr) -> Expr { Expr(.apply(.builtin(.log), arguments: [e], conditions: [], parenthesized: true), range) }
        func sameVariable(_ own: Expr) throws {
            guard NameKey.of(own) != NameKey.of(variable) else { return }
            throw error(own, "the two densities of a divergence must be written in one variable, found '\(LaTeXPrinter.latex(variable))' and '\(LaTeXPrinter.latex(own))'")
        }
        switch argument.node {
        case .distribution(let family, nil, let parameters):
            let density = Expr(.distribution(family, point: variable, parameters: parameters), range)
            let distribution = Expr(.distribution(family, point: nil, parameters: parameters), range)
            return (Expr(.comparison(variable, .distributedAs, distribution), range), log(density))
        case .distribution(let family, let point?, let parameters):
            // N(z; μ, σ²) written out: a density in z, averaged over z ~ N(μ, σ²).
            try sameVariable(point)
            let distribution = Expr(.distribution(family, point: nil, parameters: parameters), range)
            return (Expr(.comparison(point, .distributedAs, distribution), range), log(argument))
        case .apply(.named, let arguments, _, _) where arguments.count == 1:
            // q(z \mid x): the variable is the density's own argument.
            try sameVariable(arguments[0])
            return (argument, log(argument))
        case .symbol, .subscripted:
            let call = Expr(.apply(.named(argument), arguments: [variable], conditions: [], parenthesized: true), range)
            return (Expr(.comparison(variable, .distributedAs, argument), range), log(call))
        default:
            // A written combination of densities, `\frac{p + q}{2}`: each bare density at the variable.
            if let written = writtenDensity(argument, variable: variable) {
                return (Expr(.comparison(variable, .distributedAs, written), range), log(written))
            }
            throw error(argument, "a divergence's arguments must be densities or distributions, found '\(LaTeXPrinter.latex(argument))'")
        }
    }
}
