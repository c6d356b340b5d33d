import Checker
import Testing

/// Issue 4: derivatives, expectations, integrals, densities and every relation, each true identity
/// beside a realistic wrong twin.
@Suite struct CalculusAndProbabilityTests {
    static let twins: [Twin] = [
        Twin(name: "Gaussian score",
             given: "d \\in \\{1, 3\\}\nx, \\mu \\in \\mathbb{R}^{d}\n\\Sigma \\in \\mathbb{S}_{++}^{d}",
             right: "\\nabla_x \\log \\mathcal{N}(x; \\mu, \\Sigma)\n  = -\\Sigma^{-1} (x - \\mu)",
             wrong: "\\nabla_x \\log \\mathcal{N}(x; \\mu, \\Sigma)\n  = \\Sigma^{-1} (x - \\mu)"),
        Twin(name: "Gaussian Hessian",
             given: "d \\in \\{1, 3\\}\nx, \\mu \\in \\mathbb{R}^{d}\n\\Sigma \\in \\mathbb{S}_{++}^{d}",
             right: "\\nabla_x^2 \\log \\mathcal{N}(x; \\mu, \\Sigma)\n  = -\\Sigma^{-1}",
             wrong: "\\nabla_x^2 \\log \\mathcal{N}(x; \\mu, \\Sigma)\n  = -\\Sigma"),
        Twin(name: "Stein's lemma",
             given: "\\mu \\in \\mathbb{R}\n\\sigma > 0\nf : \\mathbb{R} \\to \\mathbb{R}",
             right: "\\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[(x - \\mu) f(x)\\right]\n  = \\sigma^2 \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f'(x)\\right]",
             wrong: "\\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[(x - \\mu) f(x)\\right]\n  = \\sigma \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f'(x)\\right]"),
        Twin(name: "reparameterisation gradient",
             given: "\\mu \\in \\mathbb{R}\n\\sigma > 0\nf : \\mathbb{R} \\to \\mathbb{R}",
             right: "\\frac{\\partial}{\\partial \\sigma} \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, 1)}\\left[f'(\\mu + \\sigma \\epsilon) \\epsilon\\right]",
             wrong: "\\frac{\\partial}{\\partial \\sigma} \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, 1)}\\left[f'(\\mu + \\sigma \\epsilon)\\right]"),
        Twin(name: "score-function identity",
             given: "\\mu \\in \\mathbb{R}\n\\sigma > 0\nf : \\mathbb{R} \\to \\mathbb{R}",
             right: "\\frac{\\partial}{\\partial \\mu} \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  = \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z) \\frac{z - \\mu}{\\sigma^2}\\right]",
             wrong: "\\frac{\\partial}{\\partial \\mu} \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  = \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z) \\frac{z - \\mu}{\\sigma}\\right]"),
        Twin(name: "Hutchinson's trace estimator",
             given: "n \\in \\{2, 3\\}\nA \\in \\mathbb{R}^{n \\times n}\n\\epsilon \\in \\mathbb{R}^{n}",
             right: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\epsilon^\\top A \\epsilon\\right]\n  = \\operatorname{tr}(A)",
             wrong: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\epsilon^\\top A \\epsilon\\right]\n  = \\operatorname{tr}(A^\\top A)"),
        Twin(name: "Hutchinson by Monte Carlo in five dimensions",
             given: "n = 5\nA \\in \\mathbb{R}^{n \\times n}\n\\epsilon \\in \\mathbb{R}^{n}",
             right: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\epsilon^\\top A \\epsilon\\right]\n  = \\operatorname{tr}(A)",
             wrong: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\epsilon^\\top A \\epsilon\\right]\n  = \\operatorname{tr}(A^\\top A)"),
        Twin(name: "expectation under a defined mixture density",
             given: "z, m_1, m_2 \\in \\mathbb{R}\nv_1, v_2 > 0\n\\rho \\in (0, 1)",
             define: "q_1(z) = \\mathcal{N}(z; m_1, v_1)\nq_2(z) = \\mathcal{N}(z; m_2, v_2)\nq(z) = \\rho \\, q_1(z) + (1 - \\rho) \\, q_2(z)",
             right: "\\mathbb{E}_{q(z)}\\left[z^2\\right]\n  = \\rho (v_1 + m_1^2) + (1 - \\rho) (v_2 + m_2^2)",
             wrong: "\\mathbb{E}_{q(z)}\\left[z^2\\right]\n  = \\rho (v_1 + m_1^2) + (1 - \\rho) (v_1 + m_2^2)"),
        Twin(name: "a density indexed by a whole-number condition",
             given: "K = 3\nm \\in \\mathbb{R}^{K}\nv \\in (0, \\infty)^{K}\nz \\in \\mathbb{R}\nk \\in \\{1, \\dots, K\\}",
             define: "q(z \\mid j) = \\mathcal{N}(z; m_j, v_j)",
             right: "\\mathbb{E}_{q(z \\mid k)}\\left[z^2\\right]\n  = m_k^2 + v_k",
             wrong: "\\mathbb{E}_{q(z \\mid k)}\\left[z^2\\right]\n  = m_k^2 + v_k^2"),
        Twin(name: "GAN optimal discriminator",
             given: "a, b > 0\ny \\in (0, 1)",
             right: "\\frac{d}{dy} \\left(a \\log y + b \\log(1 - y)\\right)\n  = \\frac{a}{y} - \\frac{b}{1 - y}",
             wrong: "\\frac{d}{dy} \\left(a \\log y + b \\log(1 - y)\\right)\n  = \\frac{a}{y} + \\frac{b}{1 - y}"),
        Twin(name: "GAN value at the optimum",
             given: "\\mu \\in \\mathbb{R}\n\\sigma > 0",
             define: "p(x) = \\mathcal{N}(x; 0, 1)\ng(x) = \\mathcal{N}(x; \\mu, \\sigma^2)",
             right: "\\mathbb{E}_{x \\sim \\mathcal{N}(0, 1)}\\left[\\log \\frac{p(x)}{p(x) + g(x)}\\right] + \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[\\log \\frac{g(x)}{p(x) + g(x)}\\right]\n  = -\\log 4 + 2 \\mathrm{JSD}(\\mathcal{N}(0, 1) \\,\\|\\, \\mathcal{N}(\\mu, \\sigma^2))",
             wrong: "\\mathbb{E}_{x \\sim \\mathcal{N}(0, 1)}\\left[\\log \\frac{p(x)}{p(x) + g(x)}\\right] + \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[\\log \\frac{g(x)}{p(x) + g(x)}\\right]\n  = -\\log 4 + \\mathrm{JSD}(\\mathcal{N}(0, 1) \\,\\|\\, \\mathcal{N}(\\mu, \\sigma^2))"),
        Twin(name: "affine change of variables",
             given: "d \\in \\{2, 3\\}\ny, b \\in \\mathbb{R}^{d}\nA \\in \\mathbb{S}_{++}^{d}",
             right: "\\mathcal{N}(A^{-1}(y - b); 0, I) \\left\\lvert \\det A^{-1} \\right\\rvert\n  = \\mathcal{N}(y; b, A A^\\top)",
             wrong: "\\mathcal{N}(A^{-1}(y - b); 0, I) \\left\\lvert \\det A \\right\\rvert\n  = \\mathcal{N}(y; b, A A^\\top)"),
        Twin(name: "planar flow Jacobian determinant",
             given: "d \\in \\{2, 3\\}\nz, u, w \\in \\mathbb{R}^{d}\nb \\in \\mathbb{R}",
             define: "f(z) = z + u \\tanh(w^\\top z + b)",
             right: "\\det \\frac{\\partial f(z)}{\\partial z}\n  = 1 + (1 - \\tanh(w^\\top z + b)^2) u^\\top w",
             wrong: "\\det \\frac{\\partial f(z)}{\\partial z}\n  = 1 + (1 - \\tanh(w^\\top z + b)^2) u^\\top u"),
        Twin(name: "Fokker–Planck for the Ornstein–Uhlenbeck marginal",
             given: "x \\in \\mathbb{R}\nt \\in (0.1, 3)\nm \\in \\mathbb{R}",
             define: "v(t) = 1 + (2 - 1) e^{-2 t}\np(x, t) = \\mathcal{N}(x; m e^{-t}, v(t))",
             right: "\\frac{\\partial}{\\partial t} p(x, t)\n  = \\frac{\\partial}{\\partial x}\\left(x p(x, t)\\right) + \\frac{\\partial^2}{\\partial x^2} p(x, t)",
             wrong: "\\frac{\\partial}{\\partial t} p(x, t)\n  = \\frac{\\partial}{\\partial x}\\left(x p(x, t)\\right) + \\frac{1}{2} \\frac{\\partial^2}{\\partial x^2} p(x, t)"),
        Twin(name: "Wasserstein-1 between shifted Gaussians",
             given: "a \\in (-2, 2)\nx \\in \\mathbb{R}",
             right: "\\int_{-\\infty}^{\\infty} \\left\\lvert \\Phi(x) - \\Phi(x - a) \\right\\rvert dx\n  = \\lvert a \\rvert",
             wrong: "\\int_{-\\infty}^{\\infty} \\left\\lvert \\Phi(x) - \\Phi(x - a) \\right\\rvert dx\n  = a^2"),
        Twin(name: "Gaussian posterior proportional to likelihood times prior",
             given: "z, x \\in \\mathbb{R}\nw \\in \\mathbb{R}\ns > 0",
             right: "\\mathcal{N}(x; w z, s^2) \\mathcal{N}(z; 0, 1)\n  \\propto \\mathcal{N}\\left(z; \\frac{w x}{w^2 + s^2}, \\frac{s^2}{w^2 + s^2}\\right)",
             wrong: "\\mathcal{N}(x; w z, s^2) \\mathcal{N}(z; 0, 1)\n  \\propto \\mathcal{N}\\left(z; \\frac{w x}{w^2 + s^2}, \\frac{1}{w^2 + s^2}\\right)",
             attributes: "wrt=z"),
        Twin(name: "log density up to a constant",
             given: "x, \\mu \\in \\mathbb{R}\n\\sigma > 0",
             right: "\\log \\mathcal{N}(x; \\mu, \\sigma^2)\n  = -\\frac{(x - \\mu)^2}{2 \\sigma^2} + \\text{const}",
             wrong: "\\log \\mathcal{N}(x; \\mu, \\sigma^2)\n  = -\\frac{(x - \\mu)^2}{2 \\sigma} + \\text{const}",
             attributes: "wrt=x"),
        Twin(name: "Jensen's bound on the evidence",
             given: "\\mu \\in \\mathbb{R}\n\\sigma > 0\nf : \\mathbb{R} \\to (0, 1)",
             right: "\\log \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  \\ge \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[\\log f(z)\\right]",
             wrong: "\\log \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[f(z)\\right]\n  \\le \\mathbb{E}_{z \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[\\log f(z)\\right]"),
        Twin(name: "EBM score",
             given: "d \\in \\{1, 2\\}\nx \\in \\mathbb{R}^{d}\nE : \\mathbb{R}^{d} \\to \\mathbb{R}",
             define: "p(x) = \\exp(-E(x))",
             right: "\\nabla_x \\log p(x)\n  = -\\nabla_x E(x)",
             wrong: "\\nabla_x \\log p(x)\n  = \\nabla_x E(x)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func approxWithoutToleranceIsUnchecked() throws {
        let result = try verdicts(given: "x \\in (0, 0.01)", derive: "\\sin x\n  \\approx x")
        #expect(result == [.unchecked])
    }

    @Test func approxWithToleranceIsChecked() throws {
        #expect(try verdicts(given: "x \\in (0, 0.01)", derive: "\\sin x\n  \\approx x", attributes: "tol=1e-4") == [.verified])
        #expect(try verdicts(given: "x \\in (0, 0.01)", derive: "\\sin x\n  \\approx 2 x", attributes: "tol=1e-4") == [.refuted])
    }

    @Test func authorMarkedLinksAreUncheckedWithTheirReason() throws {
        let book = try checkChapter(chapter(given: "\\sigma > 0",
                                            derive: "\\lim_{n \\to \\infty} \\left(1 + \\frac{\\sigma}{n}\\right)^{n}\n  = e^{\\sigma}",
                                            attributes: "unchecked=\"a limit\""))
        let link = try #require(book.links.first)
        #expect(link.verdict == .unchecked)
        #expect(link.reason == "a limit")
    }

    @Test func tooManyPointsOutsideTheDomainIsInconclusive() throws {
        let result = try verdicts(given: "x \\in (-2, -1)", derive: "\\log x\n  = \\log x")
        #expect(result == [.inconclusive])
    }

    /// A value that its own error bound cannot tell from zero must not be logged or divided by:
    /// the unbounded error would otherwise let any inequality or equality pass.
    @Test func aLogOfNumericalNoiseIsNeverVerified() throws {
        let result = try verdicts(given: "x \\in \\mathbb{R}",
                                  derive: "\\log\\left((x + 1)^2 - x^2 - 2 x - 1\\right)\n  \\le -30")
        #expect(result == [.inconclusive])
    }

    /// DESIGN §3: no absolute floor may hide a relative difference.
    @Test func tinyDensitiesThatDifferByAFactorOfTwoAreDifferent() throws {
        let result = try verdicts(given: "x \\in (6, 7)",
                                  derive: "\\mathcal{N}(x; 0, 1)\n  = 2 \\mathcal{N}(x; 0, 1)")
        #expect(result == [.refuted])
    }

    @Test func everyVerdictSaysItsMethod() throws {
        let book = try checkChapter(chapter(given: "\\mu \\in \\mathbb{R}\n\\sigma > 0",
                                            derive: "-\\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}\\left[\\log \\mathcal{N}(x; \\mu, \\sigma^2)\\right]\n  = \\frac{1}{2} \\log(2 \\pi e \\sigma^2)"))
        let link = try #require(book.links.first)
        #expect(link.verdict == .verified)
        #expect(link.method == .quadrature)
        #expect(link.points > 0)
    }
}
