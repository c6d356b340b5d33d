import Book
import Checker
import MathSyntax

extension LaTeXChapterRenderer {
    /// A `given`, `define` or `derive` fence, from the trees the checker parsed. A fence it could
    /// not parse is shown verbatim (the diagnostic says why).
    func fence(_ fence: FencedBlock) -> String {
        switch chapter.fences[fence.position] {
        case .given(let declarations)?:
            return given(declarations)
        case .define(let definitions)?:
            return define(definitions)
        case .derive(let derivation)?:
            return derive(derivation)
        case nil:
            return "\\begin{verbatim}\n\(LaTeXText.safeUnicode(fence.body.text))\n\\end{verbatim}"
        }
    }

    private static func math(_ expr: Expr) -> String {
        LaTeXText.safeUnicode(LaTeXPrinter.latex(expr))
    }

    private static func relation(_ relation: Relation) -> String {
        LaTeXPrinter.latex(relation)
    }

    /// "Let $x, \mu \in \mathbb{R}^{d}$, $W \in …$ and $\sigma > 0$."
    private func given(_ declarations: [Declaration]) -> String {
        let formulas = declarations.map { declaration in
            "$" + declaration.names.map(Self.math).joined(separator: ", ") + " " + Self.relation(declaration.relation)
                + " " + Self.math(declaration.domain) + "$"
        }
        return "\\noindent\\emph{Let} " + englishList(formulas) + "."
    }

    private func define(_ definitions: [Definition]) -> String {
        let rows = definitions.map { Self.math($0.head) + " &" + Self.relation(.equal) + " " + Self.math($0.body) }
        return "\\begin{align*}\n" + rows.joined(separator: " \\\\\n") + "\n\\end{align*}"
    }

    /// An `alignat` with the derivation's number as `\tag` on its first line, `&` before each
    /// relation, and per link a verdict mark and the justification in a column on the right.
    /// (`alignat` rather than `align`, so that the marks sit a `\qquad` after the widest line
    /// instead of being spread to the middle of the page.)
    private func derive(_ derivation: CheckedDerivation) -> String {
        let anchor = BookLayout.anchor(of: derivation)
        let numbering = "\\tag{\(derivation.number)}\\label{\(anchor)}"
        guard !derivation.chain.links.isEmpty else {
            return "\\begin{equation}\n\(Self.math(derivation.chain.first)) \(numbering)\n\\end{equation}"
        }
        var rows: [String] = []
        for (index, link) in derivation.chain.links.enumerated() {
            let report = derivation.report(step: index + 1)
            let left = index == 0 ? Self.math(derivation.chain.first) + " " : ""
            var row = left + "&" + Self.relation(link.relation) + " " + Self.math(link.rhs)
            var annotation: [String] = []
            if let report { annotation.append("\\derivemark{\(report.verdict.rawValue)}") }
            if let justification = link.justification ?? report?.justification {
                annotation.append("\\derivejustification{\(LaTeXText.escape(justification))}")
            }
            if !annotation.isEmpty { row += " &\\qquad& " + annotation.joined(separator: "\\quad ") }
            row += index == 0 ? " " + numbering : " \\notag"
            rows.append(row)
        }
        var latex = "\\begin{alignat}{2}\n" + rows.joined(separator: " \\\\\n") + "\n\\end{alignat}"
        if let reason = derivation.attributes.uncheckedReason {
            latex += "\n{\\small\\derivemark{unchecked} Unchecked, because \(LaTeXText.escape(reason)).}"
        }
        return latex
    }
}
