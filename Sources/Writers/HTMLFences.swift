import Book
import Checker
import Pipeline
import MathSyntax

extension HTMLChapterRenderer {
    /// A `given`, `define`, `derive` or `plot` fence, from the trees the checker parsed. A fence it could
    /// not parse is shown as its source, marked as an error (the diagnostic says why).
    mutating func fence(_ fence: FencedBlock, ordinal: Int) -> String {
        switch chapter.fence(ordinal) {
        case .given(let declarations)?:
            return given(declarations)
        case .define(let definitions)?:
            return define(definitions)
        case .derive(let derivation)?:
            return derive(derivation)
        case .plot(let plot)?:
            return PlotSVG(plot: plot).render()
        case nil:
            return "<pre class=\"math-error\" title=\"this block could not be read\"><code>\(HTMLEscaping.text(fence.body.text))</code></pre>"
        }
    }

    /// "Let x, μ ∈ ℝ^d, W ∈ ℝ^{d×k} and σ > 0." — one inline formula per declaration.
    private func given(_ declarations: [Declaration]) -> String {
        let formulas = declarations.map { declaration -> String in
            let names = declaration.names.map(MathMLPrinter.content).joined(separator: "<mo separator=\"true\">,</mo>")
            return "<math><mrow>\(names)\(MathMLPrinter.content(declaration.relation))\(MathMLPrinter.content(declaration.domain))</mrow></math>"
        }
        return "<p class=\"given\"><span class=\"given-word\">Let</span> \(englishList(formulas)).</p>"
    }

    /// One aligned display: `name = body` per row.
    private func define(_ definitions: [Definition]) -> String {
        let equals = MathMLPrinter.content(Relation.equal)
        let rows = definitions.map { definition in
            "<mtr><mtd>\(MathMLPrinter.content(definition.head))</mtd><mtd>\(equals)\(MathMLPrinter.content(definition.body))</mtd></mtr>"
        }
        return """
        <div class="define"><math display="block"><mtable class="aligned" displaystyle="true" columnalign="right left">
        \(rows.joined(separator: "\n"))
        </mtable></math></div>
        """
    }
}
