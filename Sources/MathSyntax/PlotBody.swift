import Diagnostics

/// One line of a `plot` fence: the expression drawn as a curve and the legend label after its `%`.
public struct PlotCurve: Sendable {
    public var expr: Expr
    /// The text after `%` on the curve's line, trimmed; nil when there is none.
    public var label: String?
    public init(expr: Expr, label: String?) {
        self.expr = expr
        self.label = label
    }
}

extension MathParser {
    /// A `plot` block's body: one expression per logical line (a line continues while a group is
    /// open or next to an operator, as in `define`), each optionally followed by `% legend label`.
    /// A line holding only a comment is a comment.
    public static func parsePlotCurves(_ source: SourceText, functions: Set<String> = []) throws -> [PlotCurve] {
        var curves: [PlotCurve] = []
        for line in logicalLines(Lexer.tokenize(source)) {
            var code: [Token] = []
            var comments: [String] = []
            for token in line {
                if case .comment(let text) = token.kind { comments.append(text.trimmedWhitespace) } else { code.append(token) }
            }
            guard !code.isEmpty else { continue }
            let tokens = try Lexer.cook(code, source: source)
            var parser = ExprParser(tokens: tokens, source: source, functions: functions)
            let expr = try parser.parseAdditive()
            try parser.expectEnd()
            let label = comments.filter { !$0.isEmpty }.joined(separator: " ")
            curves.append(PlotCurve(expr: expr, label: label.isEmpty ? nil : label))
        }
        guard !curves.isEmpty else {
            throw Diagnostic.error(source.position(line: 0, column: 0),
                                   "a plot needs at least one curve: an expression in its variable per line, such as \\log(1 + e^{x})")
        }
        return curves
    }
}
