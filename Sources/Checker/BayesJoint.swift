import MathSyntax

/// A conditional expectation under a defined joint: `\mathbb{E}[f(x_0) \mid x_t]` or
/// `\mathbb{E}_{q(x_0 \mid x_t)}[f(x_0)]` where the chapter defines the prior `q(x_0)` and the
/// likelihood `q(x_t \mid x_0)` under one head but not the posterior itself. Bayes' rule gives
/// the posterior: E[f | x_t] = ∫ f q(x_t | x_0) q(x_0) dx_0 / ∫ q(x_t | x_0) q(x_0) dx_0. The prior
/// may carry the other conditions (`\mathbb{E}[x_{t-1} \mid x_t, x_0]` with `q(x_{t-1} \mid x_0)`
/// and `q(x_t \mid x_{t-1})`, Ho et al. 2020, eqs. (6)–(7)).
struct BayesJoint {
    /// The head the prior and the likelihood share (`q`).
    var head: Expr
    /// The averaged variable (`x_0`) and the one the likelihood is of (`x_t`).
    var variable: Expr
    var condition: Expr
    /// The conditions the prior is conditioned on, as written (`x_0` in `q(x_{t-1} \mid x_0)`).
    var priorConditions: [Expr]
    /// The body averaged, without its `\mid` part.
    var body: Expr

    /// `q(x_0)` and `q(x_t \mid x_0)` as applications, for evaluation and for the names a link reaches.
    var prior: Expr { Expr(.apply(.named(head), arguments: [variable], conditions: priorConditions, parenthesized: true), head.range) }
    var likelihood: Expr { Expr(.apply(.named(head), arguments: [condition], conditions: [variable], parenthesized: true), head.range) }
}

extension Scope {
    /// The joint a conditional expectation averages under, when the posterior is not itself
    /// defined; nil for every other expectation. With no subscript, the averaged variable is the
    /// one name of the body that some head defines both a prior and a likelihood for.
    func bayesJoint(over: Expr?, body: Expr) -> BayesJoint? {
        let found = bayesJoints(over: over, body: body)
        return found.count == 1 ? found[0] : nil
    }

    /// Every joint that fits; more than one is ambiguous, and no joint is used.
    func bayesJoints(over: Expr?, body: Expr) -> [BayesJoint] {
        if var over {
            // `x_0 \sim q(x_0 \mid x_t)` names the same posterior as `q(x_0 \mid x_t)`.
            if case .comparison(let variable, .distributedAs, let density) = over.ungrouped.node,
               case .apply(_, let arguments, _, _) = density.ungrouped.node, arguments.count == 1,
               NameKey.of(arguments[0]) == NameKey.of(variable) {
                over = density
            }
            guard case .apply(.named(let head), let arguments, let conditions, _) = over.ungrouped.node,
                  arguments.count == 1, !conditions.isEmpty, let key = NameKey.of(head),
                  let definitions = functions[key],
                  definitions.chosenIndex(arguments: arguments, conditions: conditions) == nil else { return [] }
            return joints(head: head, definitions: definitions, variables: [arguments[0]], conditions: conditions, body: body)
        }
        guard case .comparison(let inner, .given, let given) = body.ungrouped.node else { return [] }
        let conditions: [Expr]
        if case .tuple(let items) = given.ungrouped.node { conditions = items } else { conditions = [given] }
        let bodyNames = namesReached(from: inner)
        var found: [BayesJoint] = []
        for key in functions.keys.sorted() {
            guard let definitions = functions[key] else { continue }
            // The variables as the definitions write them (`x_0`), so that they print as written.
            var written: [String: Expr] = [:]
            for definition in definitions {
                guard case .apply(_, let arguments, _, _) = definition.head.node else { continue }
                for argument in arguments { if let key = NameKey.of(argument) { written[key] = argument } }
            }
            let variables = Set(definitions.flatMap(\.parameters)).filter(bodyNames.contains).sorted()
                .map { written[$0] ?? Expr(.symbol(Symbol($0)), given.range) }
            guard let head = definitions.lazy.compactMap({ definition -> Expr? in
                if case .apply(.named(let name), _, _, _) = definition.head.node { return name }
                return nil
            }).first else { continue }
            found += joints(head: head, definitions: definitions, variables: variables, conditions: conditions, body: inner)
        }
        return found
    }

    /// The body's names and those of the defined quantities it uses: `\mathbb{E}[\epsilon \mid x_t]`
    /// with `\epsilon` defined from `x_0` averages over `x_0`.
    private func namesReached(from body: Expr) -> Set<String> {
        var reached = ExprWalk.names(body)
        var pending = Array(reached)
        while let key = pending.popLast() {
            guard let definition = quantities[key] else { continue }
            for name in ExprWalk.names(definition) where reached.insert(name).inserted { pending.append(name) }
        }
        return reached
    }

    /// Every reading of `variable | conditions` as a prior of the variable (given all conditions
    /// but one) and a likelihood of that one condition given the variable.
    private func joints(head: Expr, definitions: [FunctionDefinition], variables: [Expr], conditions: [Expr], body: Expr) -> [BayesJoint] {
        let conditionKeys = conditions.map(NameKey.of)
        guard conditionKeys.allSatisfy({ $0 != nil }) else { return [] }
        var found: [BayesJoint] = []
        for variable in variables {
            guard let v = NameKey.of(variable), !conditionKeys.contains(v) else { continue }
            for (index, condition) in conditions.enumerated() {
                var others = conditions
                others.remove(at: index)
                let otherKeys = others.map { NameKey.of($0)! }
                let c = conditionKeys[index]!
                guard definitions.contains(where: { $0.parameters == [v] && $0.conditions == otherKeys }),
                      definitions.contains(where: { $0.parameters == [c] && $0.conditions == [v] }) else { continue }
                found.append(BayesJoint(head: head, variable: variable, condition: condition, priorConditions: others, body: body))
            }
        }
        return found
    }
}
