import MathSyntax

/// A conditional expectation under a defined joint: `\mathbb{E}[f(x_0) \mid x_t]` or
/// `\mathbb{E}_{q(x_0 \mid x_t)}[f(x_0)]` where the chapter defines the prior `q(x_0)` and the
/// likelihood `q(x_t \mid x_0)` under one head but not the posterior itself. Bayes' rule gives
/// the posterior: E[f | x_t] = E_{q(x_0)}[f q(x_t | x_0)] / E_{q(x_0)}[q(x_t | x_0)].
struct BayesJoint {
    /// The head the prior and the likelihood share (`q`).
    var head: Expr
    /// The averaged variable (`x_0`) and the one conditioned on (`x_t`).
    var variable: Expr
    var condition: Expr
    /// The body averaged, without its `\mid` part.
    var body: Expr

    /// `q(x_0)` and `q(x_t \mid x_0)` as applications, for evaluation and for the names a link reaches.
    var prior: Expr { Expr(.apply(.named(head), arguments: [variable], conditions: [], parenthesized: true), head.range) }
    var likelihood: Expr { Expr(.apply(.named(head), arguments: [condition], conditions: [variable], parenthesized: true), head.range) }
}

extension Scope {
    /// The joint a conditional expectation averages under, when the posterior is not itself
    /// defined; nil for every other expectation. With no subscript, the averaged variable is the
    /// one name of the body that some head defines both a prior and a likelihood for.
    func bayesJoint(over: Expr?, body: Expr) -> BayesJoint? {
        if let over {
            guard case .apply(.named(let head), let arguments, let conditions, _) = over.ungrouped.node,
                  arguments.count == 1, conditions.count == 1, let key = NameKey.of(head),
                  let definitions = functions[key],
                  definitions.chosenIndex(arguments: arguments, conditions: conditions) == nil,
                  hasPriorAndLikelihood(definitions, variable: arguments[0], condition: conditions[0]) else { return nil }
            return BayesJoint(head: head, variable: arguments[0], condition: conditions[0], body: body)
        }
        guard case .comparison(let inner, .given, let condition) = body.ungrouped.node, NameKey.of(condition) != nil else { return nil }
        let bodyNames = ExprWalk.names(inner)
        var found: [BayesJoint] = []
        for key in functions.keys.sorted() {
            guard let definitions = functions[key] else { continue }
            for definition in definitions where definition.parameters == [NameKey.of(condition)!] && definition.conditions.count == 1 {
                let variableKey = definition.conditions[0]
                guard bodyNames.contains(variableKey),
                      definitions.contains(where: { $0.parameters == [variableKey] && $0.conditions.isEmpty }) else { continue }
                let variable = Expr(.symbol(Symbol(variableKey)), condition.range)
                guard case .apply(.named(let head), _, _, _) = definition.head.node else { continue }
                found.append(BayesJoint(head: head, variable: variable, condition: condition, body: inner))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Every conditional expectation in a tree whose joint is defined: what the link reaches.
    func bayesJoints(in expr: Expr) -> [BayesJoint] {
        ExprWalk.all(expr).compactMap { node in
            guard case .expectation(let over, let body) = node.node else { return nil }
            return bayesJoint(over: over, body: body)
        }
    }

    private func hasPriorAndLikelihood(_ definitions: [FunctionDefinition], variable: Expr, condition: Expr) -> Bool {
        guard let v = NameKey.of(variable), let c = NameKey.of(condition) else { return false }
        return definitions.contains { $0.parameters == [v] && $0.conditions.isEmpty }
            && definitions.contains { $0.parameters == [c] && $0.conditions == [v] }
    }
}
