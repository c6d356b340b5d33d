import MathSyntax

/// Papers write `\nabla \cdot (p\, f)` and `f \cdot \nabla p` for functions of one variable taken
/// at the point of the field: a bare name of such a function stands for its value there. The
/// point is the parameter of the function's one definition, or for a declared generic function or
/// density the one declared variable whose shape is the function's input; anything less certain
/// stays an error that asks for the argument.
extension Scope {
    /// The variable a bare use of the function `key` is taken at, or nil.
    func fieldVariable(ofBareFunction key: String) -> String? {
        if let definitions = functions[key] {
            guard definitions.count == 1, definitions[0].parameters.count == 1, definitions[0].conditions.isEmpty,
                  let parameter = definitions[0].parameters.first, isPlainVariable(parameter) else { return nil }
            return parameter
        }
        guard let declared = declarations[key] else { return nil }
        let input: ShapeSpec
        switch declared.domain {
        case .function(let from, _, _) where from.count == 1: input = from[0]
        case .density(let shape): input = shape
        default: return nil
        }
        let matches = order.filter { candidate in
            guard candidate != key, isPlainVariable(candidate), let shape = declarations[candidate]?.domain.shape else { return false }
            return shape.sameAs(input)
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// A declared point of ℝⁿ (or a box of it): something a field can be taken at.
    private func isPlainVariable(_ key: String) -> Bool {
        switch declarations[key]?.domain {
        case .real?, .box?: return true
        default: return false
        }
    }
}

extension ShapeSpec {
    /// The same shape as written: equal literals or the same dimension symbols.
    func sameAs(_ other: ShapeSpec) -> Bool {
        func same(_ a: Dimension?, _ b: Dimension?) -> Bool { a?.description == b?.description }
        return same(rows, other.rows) && same(columns, other.columns)
    }
}
