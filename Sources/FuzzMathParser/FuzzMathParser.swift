import Diagnostics
import FuzzSupport
import MathSyntax

/// Fuzz target for the math parser: every entry point on the same text, and both printers on
/// whatever parses. Errors are fine; a crash, a hang or a sanitizer report is not.
enum FuzzMathParser {
    static func check(_ text: String) {
        let source = SourceText(file: "fuzz.md", text: text, origin: SourcePosition(file: "fuzz.md", line: 1, column: 1))
        if let expr = try? MathParser.parseExpression(source) { print(expr) }
        // Prose math reads the same text with its own table, inline and in display.
        for display in [false, true] {
            if let prose = try? ProseMath.parse(source, display: display) { Swift.print(prose.content.count, prose.latex.count) }
        }
        if let chain = try? MathParser.parseChain(source) {
            print(chain.first)
            for link in chain.links { print(link.rhs) }
        }
        if let declarations = try? MathParser.parseDeclarations(source) {
            for declaration in declarations { print(declaration.domain) }
        }
        if let definitions = try? MathParser.parseDefinitions(source) {
            for definition in definitions { print(definition.body) }
        }
    }

    /// Both printers, and a second parse of the LaTeX they print.
    static func print(_ expr: Expr) {
        let latex = LaTeXPrinter.latex(expr)
        _ = MathMLPrinter.math(expr, display: true)
        _ = expr.structure
        _ = try? MathParser.parseExpression(SourceText(file: "printed.md", text: latex, origin: SourcePosition(file: "printed.md", line: 1, column: 1)))
    }
}

@main
enum FuzzMathParserMain {
    static func main() { FuzzInput.main(FuzzMathParser.check) }
}
