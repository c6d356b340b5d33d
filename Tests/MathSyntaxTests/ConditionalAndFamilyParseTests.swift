import MathSyntax
import Testing

/// The parser's part of issue 9's last constructs: a conditional expectation's body keeps its
/// `\mid`, and every member of a declared function family is applied like a function.
@Suite struct ConditionalAndFamilyParseTests {
    @Test func aConditionalExpectationPrintsAsWritten() throws {
        let expr = try parse(#"\mathbb{E}[x_0 \mid x_t]"#)
        #expect(LaTeXPrinter.latex(expr) == #"\mathbb{E}[x_{0} \mid x_{t}]"#)
        #expect(MathMLPrinter.content(expr).contains("<mo>∣</mo>"))
        let again = try parse(LaTeXPrinter.latex(expr))
        #expect(again.structure == expr.structure)
    }

    @Test func aSizedBarIsTheConditioningBar() throws {
        let sized = try parse(#"\mathbb{E}\left[x_0 \middle| x_t\right]"#)
        #expect(LaTeXPrinter.latex(sized) == #"\mathbb{E}[x_{0} \mid x_{t}]"#)
        let density = try parse(#"q(x_t \bigm| x_0)"#, functions: ["q"])
        #expect(LaTeXPrinter.latex(density) == #"q(x_{t} \mid x_{0})"#)
    }

    @Test func aBarOutsideAnExpectationIsStillAnError() throws {
        #expect(parseError { _ = try parse(#"[x_0 \mid x_t]"#) } != "no error")
    }

    @Test func aFamilyMemberIsAFunction() throws {
        let base = try parse(#"\mu"#)
        let functions: Set<String> = [MathParser.familySpelling(of: base)]
        let member = try parse(#"\mu_2(x_{1:1})"#, functions: functions)
        #expect(member.structure.contains("apply"))
        let product = try parse(#"\nu_2(x_{1:1})"#, functions: functions)
        #expect(!product.structure.contains("apply"))
    }
}
