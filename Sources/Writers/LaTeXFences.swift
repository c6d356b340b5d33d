import Book
import Checker
import Pipeline
import MathSyntax

extension LaTeXChapterRenderer {
    /// A `given`, `define`, `derive` or `plot` fence, from the trees the checker parsed. A fence it could
    /// not parse is shown verbatim (the diagnostic says why).
    mutating func fence(_ fence: FencedBlock, ordinal: Int) -> String {
        switch chapter.fence(ordinal) {
        case .given(let declarations)?:
            return given(declarations)
        case .define(let definitions)?:
            return define(definitions)
        case .derive(let derivation)?:
            return derive(derivation)
        case .plot(let plot)?:
            return PlotTikZ(plot: plot).render()
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

    /// An `align` laid out as the source and the HTML are: e0 on its own first line, which carries
    /// the number (`\tag`) and `\label`, then one line per link with `&` before its relation.
    /// `\MoveEqLeft` starts the links 2em in from e0 rather than after it, so that long chains keep
    /// the page's width. Each link's justification and verdict mark go in its `\tag*`, which puts
    /// the marks in a column at the right margin and, where a line is too long to share, moves
    /// them below it instead of running into the margin.
    private func derive(_ derivation: CheckedDerivation) -> String {
        let anchor = BookLayout.anchor(of: derivation)
        let numbering = "\\tag{\(derivation.number)}\\label{\(anchor)}"
        guard !derivation.chain.links.isEmpty else {
            return "\\begin{equation}\n\(Self.math(derivation.chain.first)) \(numbering)\n\\end{equation}"
        }
        var rows = ["\\MoveEqLeft " + Self.math(derivation.chain.first) + " " + numbering]
        for (index, link) in derivation.chain.links.enumerated() {
            let report = derivation.report(step: index + 1)
            var annotation: [String] = []
            if let pieces = derivation.justification(ofLink: index) {
                let text = pieces.map { piece -> String in
                    switch piece {
                    case .text(let words): return LaTeXText.escape(words)
                    case .math(let tree): return "$" + LaTeXText.safeUnicode(LaTeXPrinter.latex(tree)) + "$"
                    case .reference(let label):
                        guard let target = layout.target(ofLabel: label) else { return "\\textbf{(\(LaTeXText.escape(label))?)}" }
                        return "\\eqref{\(target.anchor)}"
                    }
                }.joined()
                annotation.append("\\derivejustification{\(text)}")
            }
            if let report { annotation.append("\\derivemark{\(report.verdict.rawValue)}") }
            let tag = annotation.isEmpty ? "\\notag" : "\\tag*{" + annotation.joined(separator: "\\quad ") + "}"
            rows.append("&" + Self.relation(link.relation) + " " + Self.math(link.rhs) + " " + tag)
        }
        var latex = "\\begin{align}\n" + rows.joined(separator: " \\\\\n") + "\n\\end{align}"
        if let reason = derivation.attributes.uncheckedReason {
            latex += "\n{\\small\\derivemark{unchecked} Unchecked, because \(LaTeXText.escape(reason)).}"
        }
        return latex
    }
}
