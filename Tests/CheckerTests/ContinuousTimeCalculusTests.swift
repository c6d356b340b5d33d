import Checker
import Testing

/// The engine, part 3 (items 4a and 5): functions of several arguments and calculus as papers on
/// continuous-time models write it, each true identity beside a realistic wrong twin.
@Suite struct ContinuousTimeCalculusTests {
    static let twins: [Twin] = [
        Twin(name: "a network of a vector and a time",
             given: "d \\in \\{1, 3\\}\nx, \\epsilon \\in \\mathbb{R}^{d}\nt \\in \\mathbb{R}\n\\epsilon_\\theta : \\mathbb{R}^{d} \\times \\mathbb{R} \\to \\mathbb{R}^{d}",
             right: "\\|\\epsilon - \\epsilon_\\theta(x, t)\\|^2\n  = \\|\\epsilon\\|^2 - 2 \\epsilon^\\top \\epsilon_\\theta(x, t) + \\|\\epsilon_\\theta(x, t)\\|^2",
             wrong: "\\|\\epsilon - \\epsilon_\\theta(x, t)\\|^2\n  = \\|\\epsilon\\|^2 - 2 \\epsilon^\\top \\epsilon_\\theta(x, t) + \\|\\epsilon_\\theta(x, 2 t)\\|^2"),
        Twin(name: "a function of the plane applied to two numbers",
             given: "x_1, x_2 \\in \\mathbb{R}\nm : \\mathbb{R}^{2} \\to \\mathbb{R}",
             right: "\\frac{\\partial}{\\partial x_1} \\left(x_2 m(x_1, x_2)\\right)\n  = x_2 \\frac{\\partial}{\\partial x_1} m(x_1, x_2)",
             wrong: "\\frac{\\partial}{\\partial x_1} \\left(x_2 m(x_1, x_2)\\right)\n  = x_2 \\frac{\\partial}{\\partial x_1} m(x_2, x_1)"),
        Twin(name: "three inputs",
             given: "x, s, t \\in \\mathbb{R}\ng : \\mathbb{R} \\times \\mathbb{R} \\times \\mathbb{R} \\to \\mathbb{R}",
             right: "\\partial_t \\left(t g(x, s, t)\\right)\n  = g(x, s, t) + t \\partial_t g(x, s, t)",
             wrong: "\\partial_t \\left(t g(x, s, t)\\right)\n  = g(x, t, s) + t \\partial_t g(x, s, t)"),
        Twin(name: "continuity equation of a linear flow, with partial_t and partial_x",
             given: "x, m, a \\in \\mathbb{R}\ns > 0\nt \\in \\mathbb{R}",
             define: "p_t(x) = \\mathcal{N}(x; m e^{a t}, s^2 e^{2 a t})",
             right: "\\partial_t p_t(x)\n  = -\\partial_x \\left(a x \\, p_t(x)\\right)",
             wrong: "\\partial_t p_t(x)\n  = \\partial_x \\left(a x \\, p_t(x)\\right)"),
        Twin(name: "divergence without a subscript, in the field's own variable",
             given: "d \\in \\{1, 3\\}\nx \\in \\mathbb{R}^{d}\nt \\in \\mathbb{R}\nf : \\mathbb{R}^{d} \\times \\mathbb{R} \\to \\mathbb{R}^{d}\np \\in \\mathcal{P}(\\mathbb{R}^{d})",
             right: "\\nabla \\cdot (p(x) f(x, t))\n  = p(x) \\nabla \\cdot f(x, t) + \\nabla p(x)^\\top f(x, t)",
             wrong: "\\nabla \\cdot (p(x) f(x, t))\n  = p(x) \\nabla \\cdot f(x, t) - \\nabla p(x)^\\top f(x, t)"),
        Twin(name: "a transposed gradient of a log-density",
             given: "d \\in \\{1, 3\\}\nx \\in \\mathbb{R}^{d}\nf : \\mathbb{R}^{d} \\to \\mathbb{R}^{d}\np \\in \\mathcal{P}(\\mathbb{R}^{d})",
             right: "\\nabla_x \\cdot (p(x) f(x))\n  = p(x) \\left(\\nabla_x \\log p(x)^\\top f(x) + \\nabla_x \\cdot f(x)\\right)",
             wrong: "\\nabla_x \\cdot (p(x) f(x))\n  = p(x) \\left(\\nabla_x \\log p(x)^\\top f(x) + \\frac{1}{2} \\nabla_x \\cdot f(x)\\right)"),
        Twin(name: "the Laplacian as the divergence of the score times the density",
             given: "d \\in \\{1, 2\\}\nx \\in \\mathbb{R}^{d}\np \\in \\mathcal{P}(\\mathbb{R}^{d})",
             right: "\\Delta p(x)\n  = \\nabla \\cdot (p(x) \\nabla \\log p(x))",
             wrong: "\\Delta p(x)\n  = \\nabla \\cdot (p(x)^2 \\nabla \\log p(x))"),
        Twin(name: "Newton's dot on a defined path",
             given: "x_0, a, t \\in \\mathbb{R}",
             define: "x(t) = x_0 e^{a t}",
             right: "\\dot x(t)\n  = a x(t)",
             wrong: "\\dot x(t)\n  = a^2 x(t)"),
        Twin(name: "a total derivative along a path",
             given: "x_0, m, a, t \\in \\mathbb{R}\ns > 0",
             define: "x(t) = x_0 e^{a t}\np_t(y) = \\mathcal{N}(y; m e^{a t}, s^2 e^{2 a t})",
             right: "\\frac{d}{dt} \\log p_t(x(t))\n  = -a",
             wrong: "\\frac{d}{dt} \\log p_t(x(t))\n  = -2 a"),
        Twin(name: "a partial derivative in t holds the path x(t) fixed",
             given: "z_0, a, m, t \\in \\mathbb{R}\ns > 0",
             define: "z(t) = e^{a t} z_0\nq_t(x) = \\mathcal{N}(x; e^{a t} m, e^{2 a t} s)",
             right: "\\partial_t \\log q_t(z(t))\n  = -a + \\frac{a (z(t) - e^{a t} m)^2}{e^{2 a t} s} + \\frac{(z(t) - e^{a t} m) a e^{a t} m}{e^{2 a t} s}",
             wrong: "\\partial_t \\log q_t(z(t))\n  = -a"),
        Twin(name: "a bare gradient at a point of a path",
             given: "z_0, a, m, t \\in \\mathbb{R}\ns > 0",
             define: "z(t) = e^{a t} z_0\nq_t(x) = \\mathcal{N}(x; e^{a t} m, e^{2 a t} s)",
             right: "\\nabla \\log q_t(z(t))\n  = -\\frac{z(t) - e^{a t} m}{e^{2 a t} s}",
             wrong: "\\nabla \\log q_t(z(t))\n  = -\\frac{z(t) - e^{a t} m}{e^{a t} s}"),
        Twin(name: "a variable declared after a path of the same name",
             given: "x_0, a, t \\in \\mathbb{R}",
             define: "x(t) = x_0 e^{a t}",
             right: "\\dot x(t)\n  = a x(t)",
             wrong: "\\dot x(t)\n  = a x(2 t)"),
        Twin(name: "only the derivative of a generic function, under an integral",
             given: "x, \\mu \\in \\mathbb{R}\ns > 0\n\\psi : \\mathbb{R} \\to \\mathbb{R}",
             right: "-\\int_{-\\infty}^{\\infty} \\psi'(x) \\, \\mathcal{N}(x; \\mu, s^2) \\, dx\n  = -\\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, s^2)}\\left[\\psi'(x)\\right]",
             wrong: "-\\int_{-\\infty}^{\\infty} \\psi'(x) \\, \\mathcal{N}(x; \\mu, s^2) \\, dx\n  = \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, s^2)}\\left[\\psi'(x)\\right]"),
    ]

    @Test func aVariableShadowsAnEarlierPath() throws {
        let text = "# Test\n\n```given\nx_0, a, t \\in \\mathbb{R}\n```\n\n```define\nx(t) = x_0 e^{a t}\n```\n\n" +
            "```given\nx \\in \\mathbb{R}\n```\n\n```derive\nx (x + 1)\n  = x^2 + x\n```\n\n" +
            "```derive\nx (x + 1)\n  = x^2 + 2 x\n```\n"
        #expect(try checkChapter(text).links.map(\.verdict) == [.verified, .refuted])
    }

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func aTransposedBareNameUnderNablaAsksForParentheses() throws {
        let book = try checkChapter(chapter(given: "x, a \\in \\mathbb{R}^{2}", derive: "\\nabla_x a^\\top x\n  = a"))
        #expect(book.hasInputErrors)
        #expect(book.diagnostics.contains { $0.severity == .error && $0.message.contains("ambiguous") && $0.position.line == 8 })
    }

    @Test func aBareNablaOverTwoVariablesAsksForASubscript() throws {
        let book = try checkChapter(chapter(given: "x, y \\in \\mathbb{R}\nf, g : \\mathbb{R} \\to \\mathbb{R}",
                                            derive: "\\nabla (f(x) g(y))\n  = g(y) \\nabla f(x)"))
        #expect(book.hasInputErrors)
        #expect(book.diagnostics.contains { $0.message.contains("\\nabla_x") && $0.message.contains("'y'") })
    }

    @Test func aVectorFunctionGivenTooFewNumbersIsAnError() throws {
        let book = try checkChapter(chapter(given: "x_1, x_2 \\in \\mathbb{R}\nm : \\mathbb{R}^{3} \\to \\mathbb{R}",
                                            derive: "m(x_1, x_2)\n  = m(x_1, x_2)"))
        #expect(book.hasInputErrors)
        #expect(book.diagnostics.contains { $0.message.contains("takes 1 argument(s), found 2") })
    }
}
