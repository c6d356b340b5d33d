extension MathMLPrinter {
    /// A sum or difference printed along its left spine without recursion (see `ExprChains`): the
    /// same nested rows as printing each `.add`/`.subtract` as its own `<mrow>`.
    static func renderSum(_ expr: Expr) -> String {
        let (first, rest) = ExprChains.sum(expr)
        var text = String(repeating: "<mrow>", count: rest.count) + operand(first, .sum)
        for (joint, term, _) in rest {
            if case .minus = joint { text += mo("&#x2212;") } else { text += mo("+") }
            text += operand(term, .term) + "</mrow>"
        }
        return text
    }

    /// A product printed along its left spine without recursion, stopping at a left factor that
    /// needs parentheses (an open-ended `\sum`).
    static func renderProduct(_ expr: Expr) -> String {
        let (first, rest) = ExprChains.product(expr) { Precedence.isOpenEnded($0) }
        var text = String(repeating: "<mrow>", count: rest.count) + leftFactor(first)
        for (joint, factor, _) in rest {
            guard case .multiply(let style) = joint else { continue }
            switch style {
            // TeX puts a thin space between a factor and an operator name (`2 \log x`); MathML
            // Core adds none around the invisible times, so it is written out.
            case .juxtaposition: text += startsWithOperatorName(factor) ? mo("&#x2062;") + thinSpace : mo("&#x2062;")
            case .cdot: text += mo("⋅")
            case .times: text += mo("×")
            case .thinSpace: text += "<mspace width=\"0.167em\"/>"
            }
            text += rightFactor(factor) + "</mrow>"
        }
        return text
    }
}
