import MathSyntax
import Testing

/// Bad input is a located diagnostic, never a crash or a hang.
@Suite struct ParserErrorTests {
    static let cases: [(String, String)] = [
        (#"a + \foo"#, #"10:9: unknown command '\foo'"#),
        (#"\frac{1}"#, #"10:5: '\frac' needs two arguments"#),
        ("{a + b", "10:5: unbalanced '{': missing '}'"),
        ("a + b)", "10:10: unbalanced ')'"),
        ("a +", "10:8: missing operand after '+'"),
        ("(a", "10:5: unbalanced '(': missing ')'"),
        (#"\begin{foo} a \end{foo}"#, "10:12: unknown environment 'foo'"),
        (#"\left( a \right]"#, #"10:14: '\right]' does not match '\left('"#),
        ("x^2^3", "10:8: double superscript"),
        ("a b c d", "no error"),
        ("1 + * 2", "10:9: unexpected '*'"),
        (#"\int f"#, "10:11: missing the differential (dx) of '\\int', found end of input"),
        (#"\sum x"#, #"10:5: '\sum' needs an index: \sum_{i=1}^{n}"#),
        (#"\bar{x + y}"#, #"10:10: '\bar' applies to a single letter"#),
        ("", "10:5: missing expression"),
    ]

    @Test(arguments: cases)
    func located(_ input: String, _ expected: String) {
        let message = parseError { _ = try MathParser.parseExpression(source(input, line: 10, column: 5)) }
        #expect(message == expected, "\(input)")
    }

    @Test func errorsOnLaterLines() {
        let chain = parseError { _ = try MathParser.parseChain(source("x\n  = y \\oops\n  = z", line: 3)) }
        #expect(chain == #"4:7: unknown command '\oops'"#)
        let noRelation = parseError { _ = try MathParser.parseChain(source("x + y")) }
        #expect(noRelation.hasPrefix("1:6: a derivation needs at least one relation"))
        let declaration = parseError { _ = try MathParser.parseDeclarations(source("x \\in \\mathbb{R}\ny 0")) }
        #expect(declaration == #"2:3: expected '\in', '>', '=' or ':' after the declared name, found '0'"#)
        let definition = parseError { _ = try MathParser.parseDefinitions(source("a = b\nc + d")) }
        #expect(definition == "2:3: expected '=' or ':=' after 'c', found '+'")
    }

    /// Deep nesting is refused, and odd input does not trap.
    @Test func noCrashOnHostileInput() {
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        #expect(parseError { _ = try parse(deep) }.contains("nested too deeply"))
        let samples = ["\\", "^", "_", "'", "\\left", "\\right)", "\\begin", "\\begin{", "\\frac{d}{d",
                       "\\int", "\\sum_", "\\mathbb{", "\\text{", "|", "\\|", "&", "\\\\", "%", "}{", "x_",
                       "\\sqrt[", "\\mathcal{N}(", "\\mathbb{E}_", "f'(", "\\nabla_", "\\lim_{n}", "x^{-\\top"]
        for sample in samples {
            _ = parseError { _ = try parse(sample, functions: ["f"]) }
            _ = parseError { _ = try MathParser.parseChain(source("a = " + sample)) }
            _ = parseError { _ = try MathParser.parseDeclarations(source("x \\in " + sample)) }
            _ = parseError { _ = try MathParser.parseDefinitions(source("y = " + sample)) }
        }
    }
}
