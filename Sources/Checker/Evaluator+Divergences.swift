import DeriveNumerics
import Diagnostics
import Foundation
import MathSyntax

/// KL, JSD and entropy, from their definitions as expectations.
extension Evaluator {

    /// KL, JSD from their definitions, as expectations under the first argument.
    func divergence(_ kind: DivergenceKind, _ p: Expr, _ q: Expr, at expr: Expr) throws -> S {
        let variable = Expr(.symbol(Symbol("#x")), expr.range)
        let (over, logP) = try densityAt(p, variable: variable)
        let (overQ, logQ) = try densityAt(q, variable: variable)
        switch kind {
        case .kl:
            let body = Expr(.subtract(logP, logQ), expr.range)
            return try scalarOf(try evaluate(Expr(.expectation(over: over, body: body), expr.range)), expr)
        case .jsd:
            // JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = ½ (p + q).
            let half = Expr(.divide(Expr(.number("1"), expr.range), Expr(.number("2"), expr.range), .fraction), expr.range)
            func exp(_ e: Expr) -> Expr { Expr(.apply(.builtin(.exp), arguments: [e], conditions: [], parenthesized: true), expr.range) }
            let mixture = Expr(.multiply(half, Expr(.add(exp(logP), exp(logQ)), expr.range), .juxtaposition), expr.range)
            let logM = Expr(.apply(.builtin(.log), arguments: [mixture], conditions: [], parenthesized: true), expr.range)
            let first = try scalarOf(try evaluate(Expr(.expectation(over: over, body: Expr(.subtract(logP, logM), expr.range)), expr.range)), expr)
            let second = try scalarOf(try evaluate(Expr(.expectation(over: overQ, body: Expr(.subtract(logQ, logM), expr.range)), expr.range)), expr)
            let halfValue = try S(numerator: 1, denominator: 2)
            return halfValue * (first + second)
        }
    }

    func entropy(_ p: Expr, at expr: Expr) throws -> S {
        let variable = Expr(.symbol(Symbol("#x")), expr.range)
        let (over, logP) = try densityAt(p, variable: variable)
        let value = try scalarOf(try evaluate(Expr(.expectation(over: over, body: logP), expr.range)), expr)
        return -value
    }

    /// For a divergence's argument: what to average over, and its log-density at the variable.
    private func densityAt(_ argument: Expr, variable: Expr) throws -> (over: Expr, logDensity: Expr) {
        let argument = argument.ungrouped
        let range = argument.range
        func log(_ e: Expr) -> Expr { Expr(.apply(.builtin(.log), arguments: [e], conditions: [], parenthesized: true), range) }
        switch argument.node {
        case .distribution(let family, nil, let parameters):
            let density = Expr(.distribution(family, point: variable, parameters: parameters), range)
            return (Expr(.comparison(variable, .distributedAs, argument), range), log(density))
        case .apply(.named, let arguments, _, _) where arguments.count == 1:
            // q(z \mid x): the variable is the density's own argument.
            return (argument, log(argument))
        case .symbol, .subscripted:
            let call = Expr(.apply(.named(argument), arguments: [variable], conditions: [], parenthesized: true), range)
            return (Expr(.comparison(variable, .distributedAs, argument), range), log(call))
        default:
            throw error(argument, "a divergence's arguments must be densities or distributions, found '\(LaTeXPrinter.latex(argument))'")
        }
    }
}
