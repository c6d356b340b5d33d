import MathSyntax
import Testing

/// Notation typed by the papers' own authors rather than by this project (issue 9's outsider
/// check): the divergence bar `||`, an italic `D_{KL}`, and the conditioning bar as `|` or `\vert`.
@Suite struct OutsiderNotationParseTests {
    @Test(arguments: [
        (#"D_{KL}(p \| q)"#, "(kl p q)"),
        (#"D_\text{KL}(p || q)"#, "(kl p q)"),
        (#"\mathrm{KL}(p||q)"#, "(kl p q)"),
        (#"D_{KL}(q(z|x) || p(z))"#, "(kl (apply q z | x) (apply p z))"),
        (#"q(\mathbf{x}_t \vert \mathbf{x}_0)"#, "(apply q (sub bold(x) t) | (sub bold(x) 0))"),
        (#"q(x|y)"#, "(apply q x | y)"),
        (#"p(|x|)"#, "(apply p (abs x))"),
        (#"\mathbb{E}[x|y]"#, "(E _ (\\mid x y))"),
    ])
    func readsAsPapersMeanIt(_ input: String, _ structure: String) throws {
        #expect(try parse(input, functions: ["p", "q"]).structure == structure)
    }

    @Test func twoBarsThatAreNotAdjacentAreStillAnAbsoluteValue() throws {
        // `| |x| |` is not the divergence bar: only `||` with nothing between separates.
        #expect(parseError { _ = try parse(#"\mathrm{KL}(p | | q)"#, functions: ["p", "q"]) } != "no error")
    }

    @Test func aPowerOnAFunctionNameIsAPowerOfItsValue() throws {
        // Rezende & Mohamed 2015: h'(u) = 1 - \tanh^2(u).
        let typed = try parse(#"\tanh^2(x)"#)
        #expect(typed.structure == "(^ (apply tanh x) 2)")
        #expect(try parse(LaTeXPrinter.latex(typed)).structure == typed.structure)
        #expect(try parse(#"\sin^{2} x"#).structure == "(^ (apply-np sin x) 2)")
        #expect(try parse(#"\sin^{2} x"#).structure == parse(#"\sin^2 x"#).structure)
        let sine = try parse(#"\sin^2 x"#)
        // Printed with the parentheses that keep the power on the value, not on x.
        #expect(LaTeXPrinter.latex(sine) == #"(\sin x)^{2}"#)
        #expect(MathMLPrinter.content(sine).contains("<mo>(</mo>") || MathMLPrinter.content(sine).contains("(</mo>"))
    }
}
