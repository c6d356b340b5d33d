import MathSyntax
import Testing

/// The shapes of tricky inputs, written as `Expr.structure` S-expressions.
@Suite struct ParserStructureTests {
    static let cases: [(String, String)] = [
        // Precedence and associativity.
        ("-x^2", "(neg (^ x 2))"),
        (#"\frac{1}{2} a x^2"#, "(* (* (/ 1 2) a) (^ x 2))"),
        (#"-\frac{1}{2} a x^2 + b x"#, "(+ (neg (* (* (/ 1 2) a) (^ x 2))) (* b x))"),
        ("a - b + c", "(+ (- a b) c)"),
        ("a - -b", "(- a (neg b))"),
        (#"a \cdot b c"#, "(* (*cdot a b) c)"),
        ("a / b c", "(* (/slash a b) c)"),
        ("2x", "(* 2 x)"),
        ("0.5 x", "(* 0.5 x)"),
        ("12", "12"),
        (#"\sigma^2 I"#, "(* (^ σ 2) I)"),
        ("Wz", "(* W z)"),
        (#"\det A \, \det(B)"#, "(*thin (apply-np det A) (apply det B))"),
        // Names, scripts, transposes.
        ("x_{t-1}", "(sub x (- t 1))"),
        ("A_{ij}", "(sub A (* i j))"),
        (#"\bar\alpha_{t-1}"#, "(sub bar(α) (- t 1))"),
        (#"\hat{x}_0"#, "(sub hat(x) 0)"),
        (#"\mathbf{x}^\top \mathbf{1}"#, "(* (T bold(x)) bold(1))"),
        (#"\boldsymbol{\mu}"#, "bold(μ)"),
        (#"\mathcal{L}"#, "calligraphic(L)"),
        ("x'", "x'"),
        (#"A^{-\top}"#, "(T (^ A (neg 1)))"),
        (#"A^{\top}"#, "(T A)"),
        (#"A^\intercal"#, "(T A)"),
        ("A^T", "(^ A T)"),
        ("A^{-1}", "(^ A (neg 1))"),
        (#"\sigma^2_{i}"#, "(^ (sub σ i) 2)"),
        (#"x_i^2"#, "(^ (sub x i) 2)"),
        (#"\text{const}"#, #""const""#),
        (#"\mathrm{data}"#, "roman(data)"),
        (#"\lambda_{\min}"#, "(sub λ roman(min))"),
        ("e^{x}", "(^ e x)"),
        ("e_y", "(sub e y)"),
        (#"\pi"#, "pi"),
        (#"\infty"#, "inf"),
        // Functions with and without parentheses.
        (#"\log \det A"#, "(apply-np logdet A)"),
        (#"\log\det(A)"#, "(apply logdet A)"),
        (#"\det A^{-1}"#, "(apply-np det (^ A (neg 1)))"),
        (#"\log p(x \mid z)"#, "(apply-np log (apply p x | z))"),
        (#"\log x y"#, "(* (apply-np log x) y)"),
        (#"\exp\left(-x\right)"#, "(apply exp (neg x))"),
        (#"\operatorname{tr}(AB)"#, "(apply tr (* A B))"),
        (#"\operatorname{diag}(v)"#, "(apply diag v)"),
        (#"\max(0, x)"#, "(apply max 0 x)"),
        (#"\Phi(x)"#, "(apply Phi x)"),
        (#"\Phi x"#, "(* Φ x)"),
        (#"\Gamma(n)"#, "(apply Gamma n)"),
        // Big operators take the rest of the term.
        (#"\sum_{i=1}^{n} x_i y_i + z"#, "(+ (sum i 1 n _ (* (sub x i) (sub y i))) z)"),
        (#"\sum_{k=0}^{n-1} r^k"#, "(sum k 0 (- n 1) _ (^ r k))"),
        (#"\sum_{i \ne j} a_{ij}"#, "(sum i _ _ (\\ne i j) (sub a (* i j)))"),
        (#"\sum_i x_i"#, "(sum i _ _ _ (sub x i))"),
        (#"\prod_{s=1}^{t} (1 - \beta_s)"#, "(prod s 1 t _ (paren (- 1 (sub β s))))"),
        // Names as papers write them: offsets, runs of indices, stars.
        (#"x_{t-1} + \bar\alpha_{t+1}"#, "(+ (sub x (- t 1)) (sub bar(α) (+ t 1)))"),
        (#"x_{1:T}"#, "(sub x (range 1 T))"),
        (#"\theta^* + D^*_G + D_G^{*} + p^\ast + \theta^{\star}"#, "(+ (+ (+ (+ θ* (sub D* G)) (sub D* G)) p*) θ*)"),
        (#"(D^*_G)^2"#, "(^ (paren (sub D* G)) 2)"),
        (#"x'^2"#, "(^ x' 2)"),
        (#"a \sum_i x_i - b"#, "(- (* a (sum i _ _ _ (sub x i))) b)"),
        (#"\max_i x_i"#, "(max i (sub x i))"),
        (#"\lim_{n \to \infty} (1 + 1/n)^n"#, "(lim n inf (^ (paren (+ 1 (/slash 1 n))) n))"),
        // Calculus.
        (#"\frac{d}{dx} f"#, "(d [x] f)"),
        (#"\frac{\partial f}{\partial x}"#, "(partial [x] f)"),
        (#"\frac{\partial^2 f}{\partial x \partial y}"#, "(partial [x y] f)"),
        (#"\frac{d^2}{dx^2} g"#, "(d [x x] g)"),
        (#"\frac{\mathrm{d}}{\mathrm{d}t} x"#, "(d [t] x)"),
        (#"\frac{d}{2}"#, "(/ d 2)"),
        (#"\frac{1}{2} \frac{\partial^2}{\partial x^2} u"#, "(* (/ 1 2) (partial [x x] u))"),
        (#"\nabla_x f"#, "(grad x f)"),
        (#"\nabla_x^2 f"#, "(grad2 x f)"),
        (#"\nabla_A \operatorname{tr}(AB)"#, "(grad A (apply tr (* A B)))"),
        (#"\nabla_x \cdot f"#, "(div x f)"),
        (#"\nabla^2 f"#, "(laplacian _ f)"),
        (#"\Delta f"#, "(laplacian _ f)"),
        (#"\partial_t p"#, "(partial [t] p)"),
        (#"\int_a^b u\,dx"#, "(int a b u dx)"),
        (#"\int_0^1 x^2 + 1 \mathrm{d}x"#, "(int 0 1 (+ (^ x 2) 1) dx)"),
        (#"2 \int u \, dz"#, "(* 2 (int _ _ u dz))"),
        // Groups and delimiters.
        ("(a, b)", "(paren (tuple a b))"),
        (#"\left[ a \right]"#, "(leftRightBracket a)"),
        (#"\{1, 2\}"#, "(set 1 2)"),
        ("|x|", "(abs x)"),
        (#"\left\lvert x \right\rvert"#, "(abs x)"),
        (#"\lvert x \rvert"#, "(abs x)"),
        (#"\|x\|_2^2"#, "(^ (norm x 2) 2)"),
        (#"\lVert x - y \rVert"#, "(norm (- x y))"),
        (#"\langle a, b \rangle"#, "(inner a b)"),
        (#"a \odot b"#, "(odot a b)"),
        (#"\big( a \big)"#, "(paren a)"),
        (#"\sqrt[3]{x}"#, "(root 3 x)"),
        (#"\sqrt{2 \pi}"#, "(sqrt (* 2 pi))"),
        (#"\tfrac12 x"#, "(* (/tfrac 1 2) x)"),
        // Probability.
        (#"\mathcal{N}(x; \mu, \Sigma)"#, "(normal x ; μ Σ)"),
        (#"\mathcal N(\mu, \Sigma)"#, "(normal μ Σ)"),
        (#"\operatorname{Bern}(p)"#, "(bernoulli p)"),
        (#"\mathcal{U}(0, 1)"#, "(uniform 0 1)"),
        (#"\mathbb{E}_{z \sim q(z \mid x)}[z]"#, "(E (\\sim z (apply q z | x)) z)"),
        (#"\mathbb{E}_{\epsilon}\left[\epsilon\right]"#, "(E ϵ ϵ)"),
        (#"\mathbb{E}[x]"#, "(E _ x)"),
        (#"\operatorname{Var}[x]"#, "(Var _ x)"),
        (#"\operatorname{Cov}[x, y]"#, "(Cov _ x y)"),
        (#"\mathrm{KL}(q \,\|\, p)"#, "(kl q p)"),
        (#"D_{\mathrm{KL}}(q \| p)"#, "(kl q p)"),
        (#"\mathrm{JSD}(p \| q)"#, "(jsd p q)"),
        ("H[p]", "(H p)"),
        (#"\mathbb{1}[x > 0]"#, "(1 (> x 0))"),
        // Environments.
        (#"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}"#, "(cases (x (> x 0)) (0 _))"),
        (#"\begin{bmatrix} A & B \\ C & D \end{bmatrix}"#, "(bmatrix (row A B) (row C D))"),
        (#"\begin{pmatrix} \begin{pmatrix} 1 & 0 \end{pmatrix} & 2 \\ 3 & 4 \\ \end{pmatrix}"#,
         "(pmatrix (row (pmatrix (row 1 0)) 2) (row 3 4))"),
        // Unicode equivalents.
        ("μ + Σ ≤ 2 · x × y − 1", "(\\le (+ μ Σ) (- (*times (*cdot 2 x) y) 1))"),
        ("∇_x f", "(grad x f)"),
        ("x ∈ ℝ", "(\\in x bb(R))"),
        ("a ≠ b", "(\\ne a b)"),
        // Relations and lists in prose math.
        ("a = b = c", "(= (= a b) c)"),
        (#"x, \mu \in \mathbb{R}"#, "(tuple x (\\in μ bb(R)))"),
    ]

    @Test(arguments: cases)
    func structure(_ input: String, _ expected: String) {
        #expect(tree(input) == expected, "\(input)")
    }

    /// A name followed by `(` is applied only when it is a known function (or when `\mid` says so).
    @Test func juxtapositionVersusApplication() {
        #expect(tree("x(y)") == "(* x (paren y))")
        #expect(tree("f(x)") == "(* f (paren x))")
        #expect(tree("f(x)", functions: ["f"]) == "(apply f x)")
        #expect(tree("f'(g(x))", functions: ["f", "g"]) == "(apply f' (apply g x))")
        #expect(tree(#"q_\phi(z \mid x)"#) == "(apply (sub q ϕ) z | x)")
        #expect(tree(#"q_\phi(z)"#, functions: [#"q_{\phi}"#]) == "(apply (sub q ϕ) z)")
        #expect(tree(#"p_{\mathrm{data}}(x)"#, functions: [#"p_{\mathrm{data}}"#]) == "(apply (sub p roman(data)) x)")
        #expect(tree("s(x_1)", functions: ["s"]) == "(apply s (sub x 1))")
        #expect(tree(#"\sigma(x)"#) == "(* σ (paren x))")
    }

    @Test func sourceRanges() throws {
        let expr = try MathParser.parseExpression(source(#"a + \frac{b}{c}"#, line: 7, column: 3))
        #expect(expr.range.start.description == "7:3")
        #expect(expr.range.end.description == "7:18")
        guard case .add(let a, let b) = expr.node else {
            Issue.record("expected an addition")
            return
        }
        #expect(a.range.start.description == "7:3")
        #expect(a.range.end.description == "7:4")
        #expect(b.range.start.description == "7:7")
        #expect(b.range.end.description == "7:18")
        let negated = try MathParser.parseExpression(source("-x^2"))
        #expect(negated.range.end.description == "1:5")
        let left = try MathParser.parseExpression(source(#"\left( x \right)"#))
        #expect(left.range.start.description == "1:1")
        #expect(left.range.end.description == "1:17")
    }
}
