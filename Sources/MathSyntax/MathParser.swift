import Diagnostics

/// Parses math source into trees: a prose formula here, the bodies of `derive`, `given` and
/// `define` blocks in FenceBodyParser.swift. Errors are `Diagnostic`s at the exact file position of
/// the offending token.
public enum MathParser {
    /// The spelling in a known-function set that makes every member of an indexed family a
    /// function: `\mu_i : \mathbb{R}^{i-1} \to \mathbb{R}` makes `\mu_2(x_{1:1})` an application.
    public static func familySpelling(of base: Expr) -> String { LaTeXPrinter.latex(base) + "_{\u{2026}}" }

    /// A whole math text (a prose formula): comma-separated items, each possibly a chain of
    /// relations (`a = b \le c` nests to the left as `.comparison`s). Everything must be consumed.
    /// `functions` holds the LaTeX keys (`LaTeXPrinter.latex(name)`) of names applied like functions.
    public static func parseExpression(_ source: SourceText, functions: Set<String> = []) throws -> Expr {
        let tokens = try Lexer.cook(Lexer.tokenize(source), source: source)
        var parser = ExprParser(tokens: tokens, source: source, functions: functions)
        return try parser.parseWhole()
    }
}
