import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MathSyntax
import Testing

/// Printers: LaTeX that parses back to the same tree, MathML that is well-formed XML.
@Suite struct PrinterTests {
    static let functions: Set<String> = ["f", "g", "p", "s", "t", "y", #"q_{\phi}"#]

    static let inputs: [String] = ParserStructureTests.cases.map(\.0) + [
        #"\frac{d}{dx} f(g(x)) = f'(g(x)) \, g'(x)"#,
        #"\log p(x \mid z) + \log p(z)"#,
        #"\mathbb{E}_{z \sim q_\phi(z \mid x)}\left[\log \frac{p(x, z)}{q_\phi(z \mid x)}\right]"#,
        #"\int_{-\infty}^{\infty} \exp\left(-\frac{x^2}{2}\right) dx"#,
        #"\det \begin{pmatrix} A & B \\ B^\top & D \end{pmatrix}"#,
        #"\det \frac{\partial y(x)}{\partial x}"#,
        #"-\frac{\partial}{\partial x}\left(p(x) \frac{\partial}{\partial x} \log p(x)\right) + \frac{\partial^2}{\partial x^2} p(x)"#,
        #"\theta^{x} (1 - \theta)^{n - x} \, \theta^{a - 1}"#,
        #"\mathcal{N}(\log y; \mu, \sigma^2) \left\lvert \frac{d}{dy} \log y \right\rvert"#,
        #"\lim_{n \to \infty} \left(1 + \frac{\sigma}{n}\right)^{n}"#,
        #"\sum_{k=1}^{K} p_k \log \frac{p_k}{q_k} \ge 0"#,
        #"\nabla_x^2 \lVert y - \Phi x \rVert^2"#,
        #"\tilde\mu_t(x_t, x_0) = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0"#,
        #"\max_{i} \lvert x_i \rvert < 1"#,
        #"\mathbb{1}[x > 0] \cdot \operatorname{Var}_{q}[x] + \operatorname{Cov}[x, y]"#,
        #"H[p] \le \log K"#,
        #"x' + \hat{\bar{x}} + \mathbf{W}_1 + \mathcal{L}(x)"#,
        #"A^{-\top} B^{-1} C^{1/2}"#,
        #"\Delta_x u + \nabla \cdot v"#,
        #"a < b, \quad c \propto d \approx e"#,
        #"\mathbb{E}_{q}[\,\cdot\,]"#,
        #"-\tfrac12x^\top Ax+b^\top x"#,
        #"\ln|\det A| + \mathbb E_\epsilon[\epsilon^\top A\epsilon]"#,
        #"\exp\!\big(-\tfrac12(x-\mu)^\top\Sigma^{-1}(x-\mu)\big)"#,
        #"\mathrm{KL}\big(q(z)\,\|\,p(z\mid x)\big) = \sum_{t\ge1} \lambda_{\min}"#,
        #"\int_{\mathbb R^D} e^{-\frac12 x^\top A x}\,\mathrm dx"#,
        #"\frac{\mathrm d}{\mathrm dt} \ln p_t(x)"#,
        #"\int \log x \, dx + \int \sum_i u_i \, dz"#,
        #"{D^*_G}^2 + {\theta^*}^\top + q(x_{1:T} \mid x_0) + x_{t-1}"#,
    ]

    @Test(arguments: inputs)
    func latexRoundTrip(_ input: String) throws {
        let expr = try parse(input, functions: Self.functions)
        let printed = LaTeXPrinter.latex(expr)
        let again = try parse(printed, functions: Self.functions)
        #expect(again.structure == expr.structure, "\(input) printed as \(printed)")
        #expect(LaTeXPrinter.latex(again) == printed)
    }

    @Test func latexOfNamesIsTheFunctionKey() throws {
        #expect(LaTeXPrinter.latex(try parse(#"q_\phi"#)) == #"q_{\phi}"#)
        #expect(LaTeXPrinter.latex(try parse(#"p_{\mathrm{data}}"#)) == #"p_{\mathrm{data}}"#)
        #expect(LaTeXPrinter.latex(try parse(#"\bar\alpha_{t}"#)) == #"\bar{\alpha}_{t}"#)
        #expect(LaTeXPrinter.latex(Relation.lessEqual) == #"\le"#)
        #expect(LaTeXPrinter.latex(try parse(#"\log\det A"#)) == #"\log\det A"#)
        #expect(LaTeXPrinter.latex(try parse(#"A^{-\top}"#)) == #"A^{-\top}"#)
        #expect(LaTeXPrinter.latex(try parse(#"D^\ast_G"#)) == #"D^{*}_{G}"#)
        #expect(LaTeXPrinter.latex(try parse(#"(\theta^*)^2"#)) == #"(\theta^{*})^{2}"#)
        #expect(LaTeXPrinter.latex(try parse(#"x_{1:T}"#)) == #"x_{1:T}"#)
    }

    /// Trees built by hand get the parentheses their structure needs.
    @Test func handBuiltTreesGetParentheses() throws {
        let a = try parse("a"), b = try parse("b"), c = try parse("c")
        let sum = Expr(.add(a, b), a.range)
        let product = Expr(.multiply(sum, c, .juxtaposition), a.range)
        #expect(LaTeXPrinter.latex(product) == "(a + b) c")
        let power = Expr(.power(Expr(.negate(a), a.range), b), a.range)
        #expect(LaTeXPrinter.latex(power) == "(-a)^{b}")
        let nested = Expr(.subtract(a, Expr(.subtract(b, c), a.range)), a.range)
        #expect(LaTeXPrinter.latex(nested) == "a - (b - c)")
    }

    @Test(arguments: inputs)
    func mathMLIsWellFormed(_ input: String) throws {
        let expr = try parse(input, functions: Self.functions)
        let xml = MathMLPrinter.math(expr, display: true)
        #expect(xml.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"))
        #expect(isWellFormed(xml), "\(xml)")
    }

    @Test func mathMLElements() throws {
        func ml(_ text: String) throws -> String { MathMLPrinter.content(try parse(text, functions: Self.functions)) }
        #expect(try ml("a - b").contains("<mo>&#x2212;</mo>"))
        #expect(try ml("a < b").contains("<mo>&lt;</mo>"))
        #expect(try ml(#"\text{a & b}"#).contains("<mtext>a &amp; b</mtext>"))
        #expect(try ml(#"\exp(x)"#).contains("<mi mathvariant=\"normal\">exp</mi><mo>&#x2061;</mo>"))
        // Operator names get TeX's thin spaces: before a bare argument and after a factor, not before "(".
        let thin = "<mspace width=\"0.1667em\"/>"
        #expect(try ml(#"\log x"#).contains("<mo>&#x2061;</mo>" + thin + "<mi>x</mi>"))
        #expect(try ml(#"2 \log x"#).contains("<mo>&#x2062;</mo>" + thin + "<mrow><mi mathvariant=\"normal\">log</mi>"))
        #expect(try !ml(#"\log(x)"#).contains(thin))
        #expect(try ml(#"\sum_{i=1}^{n} x_i"#).contains("<munderover><mo>∑</mo>"))
        #expect(try ml("x^\\top").contains("⊤"))
        #expect(try ml(#"\mathbb{R}"#) == "<mi mathvariant=\"normal\">ℝ</mi>")
        #expect(try ml(#"\mathbf{x}"#) == "<mi mathvariant=\"bold\">x</mi>")
        #expect(try ml("x") == "<mi>x</mi>")
        #expect(try ml(#"\mathrm{data}"#) == "<mi mathvariant=\"normal\">data</mi>")
        #expect(try ml(#"\mathcal{N}(0, 1)"#).contains("𝒩"))
        #expect(try ml(#"\hat{x}"#).contains("<mover accent=\"true\"><mi>x</mi>"))
        #expect(try ml(#"\sqrt[3]{x}"#).hasPrefix("<mroot>"))
        #expect(try ml(#"\begin{pmatrix} 1 & 2 \end{pmatrix}"#).contains("<mtable><mtr><mtd><mn>1</mn></mtd>"))
        #expect(try ml(#"\nabla_x f"#).contains("<msub><mo>∇</mo><mi>x</mi></msub>"))
        #expect(try ml(#"\frac{\partial f}{\partial x}"#).contains("∂"))
        #expect(MathMLPrinter.content(.lessEqual) == "<mo>≤</mo>")
        #expect(!MathMLPrinter.math(try parse("x"), display: false).contains("display"))
        #expect(!isWellFormed("<mrow><mi>x</mrow></mi>"))
    }

    /// Parses with Foundation's XML parser where available; tags must balance in any case.
    func isWellFormed(_ xml: String) -> Bool {
        #if canImport(FoundationXML) || os(macOS)
        let parser = XMLParser(data: Data(xml.utf8))
        guard parser.parse() else { return false }
        #endif
        return tagsBalance(xml)
    }

    func tagsBalance(_ xml: String) -> Bool {
        var stack: [Substring] = []
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasSuffix("/") { continue }
            let name = tag.split(separator: " ").first ?? ""
            if name.hasPrefix("/") {
                guard stack.popLast() == name.dropFirst() else { return false }
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty
    }
}
