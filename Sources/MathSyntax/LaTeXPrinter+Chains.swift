extension LaTeXPrinter {
    /// A sum or difference printed along its left spine without recursion (see `ExprChains`); the
    /// same text as printing each `.add`/`.subtract` with its left operand at `.sum` precedence.
    static func renderSum(_ expr: Expr) -> String {
        let (first, rest) = ExprChains.sum(expr)
        var text = operand(first, .sum)
        for (joint, term, _) in rest {
            if case .minus = joint { text += " - " } else { text += " + " }
            text += operand(term, .term)
        }
        return text
    }

    /// A product printed along its left spine without recursion, stopping at a left factor that
    /// needs parentheses (an open-ended `\sum`), which is printed as `leftFactor` prints it.
    static func renderProduct(_ expr: Expr) -> String {
        let (first, rest) = ExprChains.product(expr) { Precedence.isOpenEnded($0) }
        var text = leftFactor(first)
        for (joint, factor, _) in rest {
            guard case .multiply(let style) = joint else { continue }
            switch style {
            case .juxtaposition: text += " "
            case .cdot: text += " \\cdot "
            case .times: text += " \\times "
            case .thinSpace: text += " \\, "
            }
            text += rightFactor(factor)
        }
        return text
    }
}
