import Checker
import Testing

/// The constructs added for the chapter on flows and autoregressive models (engine, part 3):
/// slices and components of computed vectors, `D - d` in domains, `^T`, the Jacobian written
/// `\partial x^T`, floor and ceiling, factorials and binomials, the spelled-out functions and a
/// sigmoid declared as `\sigma`. Each true identity is verified; its realistic wrong twin is refuted.
@Suite struct FlowConstructTests {
    static let coupling = "D \\in \\{3, 4\\}, \\quad d \\in \\{1, 2\\}\nx \\in \\mathbb{R}^{D}\ns, t : \\mathbb{R}^{d} \\to \\mathbb{R}^{D - d}"
    static let couplingLayer = "f(x) = \\begin{pmatrix} x_{1:d} \\\\ x_{d+1:D} \\odot \\exp(s(x_{1:d})) + t(x_{1:d}) \\end{pmatrix}"

    static let twins: [Twin] = [
        Twin(name: "a vector is the sum of its two slices (off-by-one slice)",
             given: "D \\in \\{3, 4\\}, \\quad d \\in \\{1, 2\\}\nx \\in \\mathbb{R}^{D}",
             right: "\\|x\\|^2\n  = \\|x_{1:d}\\|^2 + \\|x_{d+1:D}\\|^2",
             wrong: "\\|x\\|^2\n  = \\|x_{1:d}\\|^2 + \\|x_{d:D}\\|^2"),
        Twin(name: "components of a generic function's value (a missing term)",
             given: "x \\in \\mathbb{R}^{2}\ns : \\mathbb{R} \\to \\mathbb{R}^{3}",
             right: "\\sum_{j=1}^{3} s(x_1)_j\n  = \\mathbf{1}_3^\\top s(x_1)",
             wrong: "\\sum_{j=1}^{2} s(x_1)_j\n  = \\mathbf{1}_3^\\top s(x_1)"),
        Twin(name: "a bracketed component [f(x)]_j (a transposed matrix)",
             given: "x \\in \\mathbb{R}^{3}\nA \\in \\mathbb{R}^{3 \\times 3}",
             define: "f(x) = A x",
             right: "[f(x)]_2\n  = \\sum_{k=1}^{3} A_{2 k} x_k",
             wrong: "[f(x)]_2\n  = \\sum_{k=1}^{3} A_{k 2} x_k"),
        Twin(name: "RealNVP's log-determinant in Dinh et al.'s notation (a sign)",
             given: coupling, define: couplingLayer,
             right: "\\log \\left|\\det \\frac{\\partial f(x)}{\\partial x^T}\\right|\n  = \\sum_{j=1}^{D - d} s(x_{1:d})_j",
             wrong: "\\log \\left|\\det \\frac{\\partial f(x)}{\\partial x^T}\\right|\n  = -\\sum_{j=1}^{D - d} s(x_{1:d})_j"),
        Twin(name: "RealNVP's inverse reads slices of a computed vector (exp(s) for exp(−s))",
             given: coupling, define: couplingLayer,
             right: "(f(x)_{d+1:D} - t(f(x)_{1:d})) \\odot \\exp(-s(f(x)_{1:d}))\n  = x_{d+1:D}",
             wrong: "(f(x)_{d+1:D} - t(f(x)_{1:d})) \\odot \\exp(s(f(x)_{1:d}))\n  = x_{d+1:D}"),
        Twin(name: "Jacobian of a composition (the factors in the wrong order)",
             given: "D \\in \\{2, 3\\}\nz \\in \\mathbb{R}^{D}\nf_1, f_2 : \\mathbb{R}^{D} \\to \\mathbb{R}^{D}",
             define: "J_1(v) = \\frac{\\partial f_1(v)}{\\partial v}\nJ_2(v) = \\frac{\\partial f_2(v)}{\\partial v}",
             right: "\\frac{\\partial f_2(f_1(z))}{\\partial z^\\top}\n  = J_2(f_1(z)) \\, J_1(z)",
             wrong: "\\frac{\\partial f_2(f_1(z))}{\\partial z^\\top}\n  = J_1(z) \\, J_2(f_1(z))"),
        Twin(name: "a defined function of a vector's leading entries, \\mu(x_{1:i-1}) (off by one)",
             given: "D \\in \\{2, 3, 4\\}\nx \\in \\mathbb{R}^{D}",
             define: "\\mu(v) = \\|v\\|^2",
             right: "\\sum_{i=2}^{D} \\mu(x_{1:i-1})\n  = \\sum_{i=2}^{D} \\sum_{j=1}^{i-1} x_j^2",
             wrong: "\\sum_{i=2}^{D} \\mu(x_{1:i})\n  = \\sum_{i=2}^{D} \\sum_{j=1}^{i-1} x_j^2"),
        Twin(name: "^T and \\intercal transpose where T is not declared (a transposed product)",
             given: "A, B \\in \\mathbb{R}^{3 \\times 3}",
             right: "(A B)^T\n  = B^\\intercal A^T",
             wrong: "(A B)^T\n  = A^T B^\\intercal"),
        Twin(name: "a declared T is an exponent, not a transpose",
             given: "T \\in \\{2, 3\\}\nx \\in \\mathbb{R}",
             right: "x^T\n  = x \\, x^{T - 1}",
             wrong: "x^T\n  = x^{T - 1}"),
        Twin(name: "\\mathrm{tanh} and \\operatorname{tanh} are tanh (a sign)",
             given: "x \\in \\mathbb{R}",
             right: "\\mathrm{tanh}(x)\n  = \\operatorname{tanh}(-x) + 2 \\tanh x",
             wrong: "\\mathrm{tanh}(x)\n  = \\operatorname{tanh}(-x)"),
        Twin(name: "\\mathrm{exp} and \\mathrm{log} (a missing log)",
             given: "x, y > 0",
             right: "\\mathrm{log}(x y)\n  = \\log x + \\operatorname{log} y",
             wrong: "\\mathrm{log}(x y)\n  = x + \\log y"),
        Twin(name: "\\mathrm{exp} undoes \\log (a sign)",
             given: "x > 0",
             right: "\\mathrm{exp}(\\log x)\n  = x",
             wrong: "\\mathrm{exp}(-\\log x)\n  = x"),
        Twin(name: "\\sinh, \\cosh and \\arctan together (a sign)",
             given: "x \\in \\mathbb{R}",
             right: "\\frac{d}{dx} \\arctan(\\sinh x)\n  = \\frac{1}{\\cosh x}",
             wrong: "\\frac{d}{dx} \\arctan(\\sinh x)\n  = -\\frac{1}{\\cosh x}"),
        Twin(name: "\\operatorname{sign} times the value is the absolute value",
             given: "x \\in \\mathbb{R}",
             right: "\\operatorname{sign}(x) \\, x\n  = |x|",
             wrong: "\\operatorname{sign}(x) \\, |x|\n  = |x|"),
        Twin(name: "floor and ceiling mirror each other (a sign)",
             given: "x \\in \\mathbb{R}",
             right: "\\lfloor x \\rfloor\n  = -\\lceil -x \\rceil",
             wrong: "\\lfloor x \\rfloor\n  = -\\lceil x \\rceil"),
        Twin(name: "the floor is at most its argument",
             given: "x \\in (-5, 5)",
             right: "\\left\\lfloor x \\right\\rfloor\n  \\le x",
             wrong: "\\left\\lfloor x \\right\\rfloor\n  \\ge x"),
        Twin(name: "(n + 1)! = (n + 1) n! (off by one)",
             given: "n \\in \\{0, \\dots, 8\\}",
             right: "(n + 1)!\n  = (n + 1) \\, n!",
             wrong: "(n + 1)!\n  = n \\, n!"),
        Twin(name: "n! is Γ(n + 1) (off by one)",
             given: "n \\in \\{0, \\dots, 8\\}",
             right: "n!\n  = \\Gamma(n + 1)",
             wrong: "n!\n  = \\Gamma(n)"),
        Twin(name: "Pascal's rule (off by one)",
             given: "n \\in \\{0, \\dots, 6\\}, \\quad k \\in \\{0, \\dots, 4\\}",
             right: "\\binom{n + 1}{k + 1}\n  = \\binom{n}{k} + \\binom{n}{k + 1}",
             wrong: "\\binom{n + 1}{k + 1}\n  = \\binom{n}{k} + \\binom{n}{k + 2}"),
        Twin(name: "binomial coefficients sum to 2^n (a factorial in the wrong place)",
             given: "n \\in \\{1, \\dots, 6\\}",
             right: "\\sum_{k=0}^{n} \\binom{n}{k}\n  = 2^{n}",
             wrong: "\\sum_{k=0}^{n} \\frac{n!}{k!}\n  = 2^{n}"),
        Twin(name: "\\log \\sigma(x) with σ declared the sigmoid (a sign)",
             given: "x \\in \\mathbb{R}",
             define: "\\sigma(x) = \\operatorname{sigmoid}(x)",
             right: "\\log \\sigma(x) - \\log \\sigma(-x)\n  = x",
             wrong: "\\log \\sigma(x) - \\log \\sigma(-x)\n  = -x"),
        Twin(name: "the chain rule on a discrete joint (the wrong density in a factor)",
             given: "x_1, x_2 \\in \\{0, 1\\}\n\\theta \\in \\Delta^{4}",
             define: "p(x_1, x_2) = \\theta_{1 + x_1 + 2 x_2}\np(x_1) = \\sum_{b=0}^{1} \\theta_{1 + x_1 + 2 b}\np(x_2) = \\sum_{a=0}^{1} \\theta_{1 + a + 2 x_2}\np(x_2 \\mid x_1) = \\frac{p(x_1, x_2)}{p(x_1)}",
             right: "p(x_1, x_2)\n  = p(x_1) \\, p(x_2 \\mid x_1)",
             wrong: "p(x_1, x_2)\n  = p(x_2) \\, p(x_2 \\mid x_1)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func aWrongSliceIsRefutedAtItsLine() throws {
        let text = chapter(given: "D \\in \\{3, 4\\}, \\quad d \\in \\{1, 2\\}\nx \\in \\mathbb{R}^{D}",
                           derive: "\\|x\\|^2\n  = \\|x_{1:d}\\|^2 + \\|x_{d+1:D}\\|^2\n  = \\|x_{1:d}\\|^2 + \\|x_{d:D}\\|^2")
        let checked = try checkChapter(text)
        #expect(checked.links.map(\.verdict) == [.verified, .refuted])
        // The chapter opens with a heading, a blank line and the given fence (lines 1–7); the
        // derivation's first line is 9, the wrong step 11.
        let refuted = checked.diagnostics.first { $0.message.contains("refuted") }
        #expect(refuted?.position.line == 11, "\(String(describing: refuted))")
    }

    @Test func badSlicesAndMisspellingsAreInputErrors() throws {
        let given = "x \\in \\mathbb{R}^{3}"
        let outOfRange = try checkChapter(chapter(given: given, derive: "x_{2:4}\n  = x_{2:4}"))
        #expect(outOfRange.hasInputErrors)
        #expect(outOfRange.diagnostics.contains { $0.message.contains("the slice 2:4 of 'x' is out of range 1…3") })
        let empty = try checkChapter(chapter(given: given, derive: "x_{3:2}\n  = x_{3:2}"))
        #expect(empty.diagnostics.contains { $0.message.contains("is empty") })
        let word = try checkChapter(chapter(given: "y \\in \\mathbb{R}", derive: "\\operatorname{tanhh}(y)\n  = y"))
        #expect(word.hasInputErrors)
        #expect(word.diagnostics.contains { $0.message.contains("did you mean \\tanh or \\operatorname{tanh}?") },
                "\(word.diagnostics.map(\.message))")
    }
}
