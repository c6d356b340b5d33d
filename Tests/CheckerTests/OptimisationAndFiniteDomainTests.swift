import Checker
import Testing

/// The engine, part 3: optima decided numerically, finite domains and sums over them, integrals of
/// non-smooth integrands, and the gradient at a defined point; each true identity beside a wrong twin.
@Suite struct OptimisationAndFiniteDomainTests {
    static let twins: [Twin] = [
        Twin(name: "pointwise maximiser of a log y + b log(1 - y) (Goodfellow et al. 2014, Prop. 1)",
             given: "a, b > 0",
             right: "\\arg\\max_{y \\in (0, 1)} \\left[ a \\log y + b \\log(1 - y) \\right]\n  = \\frac{a}{a + b}",
             wrong: "\\arg\\max_{y \\in (0, 1)} \\left[ a \\log y + b \\log(1 - y) \\right]\n  = \\frac{b}{a + b}"),
        Twin(name: "maximum over a closed interval",
             given: "a, b > 0",
             right: "\\max_{y \\in [0, 1]} \\left[ a \\log y + b \\log(1 - y) \\right]\n  = a \\log \\frac{a}{a + b} + b \\log \\frac{b}{a + b}",
             wrong: "\\max_{y \\in [0, 1]} \\left[ a \\log y + b \\log(1 - y) \\right]\n  = a \\log \\frac{a}{a + b} + b \\log \\frac{a}{a + b}"),
        Twin(name: "NCE optimal logit over the real line",
             given: "a, b > 0",
             right: "\\arg\\max_{h \\in \\mathbb{R}} \\left[ a \\log \\operatorname{sigmoid}(h) + b \\log(1 - \\operatorname{sigmoid}(h)) \\right]\n  = \\log a - \\log b",
             wrong: "\\arg\\max_{h \\in \\mathbb{R}} \\left[ a \\log \\operatorname{sigmoid}(h) + b \\log(1 - \\operatorname{sigmoid}(h)) \\right]\n  = \\log b - \\log a"),
        Twin(name: "infimum over a half-open interval",
             given: "c \\in (0, 1)",
             right: "\\inf_{y \\in [0, 1)} (y - c)^2\n  = 0",
             wrong: "\\inf_{y \\in [0, 1)} (y - c)^2\n  = c^2"),
        Twin(name: "supremum over a finite set (the wrong twin starts the set at 0)",
             given: "a \\in \\mathbb{R}",
             right: "\\sup_{k \\in \\{1, \\dots, 4\\}} (a k - k^2)\n  = \\max(a - 1, 2 a - 4, 3 a - 9, 4 a - 16)",
             wrong: "\\sup_{k \\in \\{1, \\dots, 4\\}} (a k - k^2)\n  = \\max(0, a - 1, 2 a - 4, 3 a - 9)"),
        Twin(name: "primal transport on two points: the minimum over couplings",
             given: "p, q \\in (0, 1)\nu > 0",
             right: "\\min_{t \\in [\\max(0, p + q - 1), \\min(p, q)]} (p + q - 2 t) u\n  = |p - q| u",
             wrong: "\\min_{t \\in [\\max(0, p + q - 1), \\min(p, q)]} (p + q - 2 t) u\n  = (p - q) u"),
        Twin(name: "sum over binary vectors (RBM hidden units)",
             given: "m \\in \\{1, 3\\}\nc \\in \\mathbb{R}^{m}",
             right: "\\sum_{h \\in \\{0,1\\}^{m}} e^{c^\\top h}\n  = \\prod_{j=1}^{m} (1 + e^{c_j})",
             wrong: "\\sum_{h \\in \\{0,1\\}^{m}} e^{c^\\top h}\n  = \\prod_{j=1}^{m} e^{c_j}"),
        Twin(name: "sum over a declared binary vector",
             given: "m = 2\nc \\in \\mathbb{R}^{m}\nh \\in \\{0, 1\\}^{m}",
             right: "\\sum_{h} h_1 e^{c^\\top h}\n  = e^{c_1} (1 + e^{c_2})",
             wrong: "\\sum_{h} h_1 e^{c^\\top h}\n  = (1 + e^{c_1}) (1 + e^{c_2})"),
        Twin(name: "sum over a written two-point set",
             given: "a \\in \\mathbb{R}",
             right: "\\sum_{x \\in \\{0, 1\\}} e^{a x}\n  = 1 + e^{a}",
             wrong: "\\sum_{x \\in \\{0, 1\\}} e^{a x}\n  = 2 e^{a}"),
        Twin(name: "natural numbers",
             given: "n \\in \\mathbb{N}",
             right: "\\sum_{k=0}^{n} 2 k\n  = n (n + 1)",
             wrong: "\\sum_{k=0}^{n} 2 k\n  = n (n - 1)"),
        Twin(name: "W1 between point masses as an integral of indicators",
             given: "u \\in (0, 1)",
             right: "\\int_{-1}^{3} \\left| \\mathbb{1}[x \\ge 0] - \\mathbb{1}[x \\ge u] \\right| \\, dx\n  = u",
             wrong: "\\int_{-1}^{3} \\left| \\mathbb{1}[x \\ge 0] - \\mathbb{1}[x \\ge u] \\right| \\, dx\n  = 1.00001 u"),
        Twin(name: "W1 of a mixture of point masses through defined CDFs",
             given: "a, b \\in (-1, 1)\np \\in (0, 1)",
             define: "F(x) = p \\, \\mathbb{1}[x \\ge a] + (1 - p) \\, \\mathbb{1}[x \\ge b]\nG(x) = \\mathbb{1}[x \\ge 0]",
             right: "\\int_{-2}^{2} \\left| F(x) - G(x) \\right| \\, dx\n  = p |a| + (1 - p) |b|",
             wrong: "\\int_{-2}^{2} \\left| F(x) - G(x) \\right| \\, dx\n  = p |a| + p |b|"),
        Twin(name: "integral of a hinge",
             given: "u \\in (0, 1)",
             right: "\\int_{-2}^{2} \\max(0, x - u) \\, dx\n  = \\frac{(2 - u)^2}{2}",
             wrong: "\\int_{-2}^{2} \\max(0, x - u) \\, dx\n  = \\frac{(2 - u)^2}{2.00001}"),
        Twin(name: "W1 of scaled Gaussians (a kink on the whole line)",
             given: "\\mu \\in \\mathbb{R}\ns, t > 0",
             right: "\\int_{-\\infty}^{\\infty} \\left| \\Phi\\left(\\frac{x - \\mu}{s}\\right) - \\Phi\\left(\\frac{x - \\mu}{t}\\right) \\right| \\, dx\n  = |s - t| \\sqrt{\\frac{2}{\\pi}}",
             wrong: "\\int_{-\\infty}^{\\infty} \\left| \\Phi\\left(\\frac{x - \\mu}{s}\\right) - \\Phi\\left(\\frac{x - \\mu}{t}\\right) \\right| \\, dx\n  = |s - t| \\sqrt{\\frac{1}{\\pi}}"),
        Twin(name: "an integrable endpoint singularity",
             given: "c \\in (0, 1)",
             right: "\\int_0^1 c \\log x \\, dx\n  = -c",
             wrong: "\\int_0^1 c \\log x \\, dx\n  = -1.00001 c"),
        Twin(name: "gradient at the interpolate (WGAN-GP)",
             given: "d = 2\nx, \\tilde{x} \\in \\mathbb{R}^{d}\n\\epsilon \\in (0, 1)\nD : \\mathbb{R}^{d} \\to \\mathbb{R}",
             define: "\\hat{x} = \\epsilon x + (1 - \\epsilon) \\tilde{x}",
             right: "\\nabla_{x} D(\\hat{x})\n  = \\epsilon \\nabla_{\\hat{x}} D(\\hat{x})",
             wrong: "\\nabla_{x} D(\\hat{x})\n  = (1 - \\epsilon) \\nabla_{\\hat{x}} D(\\hat{x})"),
        Twin(name: "GAN Theorem 1: -log 4 + 2 JSD, wrong twin log 2 for log 4",
             given: "x \\in \\mathbb{R}\np_{\\mathrm{data}}, p_g \\in \\mathcal{P}(\\mathbb{R})",
             define: "m(x) = \\frac{p_{\\mathrm{data}}(x) + p_g(x)}{2}",
             right: "-\\log 4 + \\mathrm{KL}(p_{\\mathrm{data}} \\,\\|\\, m) + \\mathrm{KL}(p_g \\,\\|\\, m)\n  = -\\log 4 + 2 \\, \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)",
             wrong: "-\\log 4 + \\mathrm{KL}(p_{\\mathrm{data}} \\,\\|\\, m) + \\mathrm{KL}(p_g \\,\\|\\, m)\n  = -\\log 2 + 2 \\, \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)"),
        Twin(name: "GAN Theorem 1: wrong twin without the factor 2 on the JSD",
             given: "x \\in \\mathbb{R}\np_{\\mathrm{data}}, p_g \\in \\mathcal{P}(\\mathbb{R})",
             define: "m(x) = \\frac{p_{\\mathrm{data}}(x) + p_g(x)}{2}",
             right: "\\mathrm{KL}(p_{\\mathrm{data}} \\,\\|\\, m) + \\mathrm{KL}(p_g \\,\\|\\, m)\n  = 2 \\, \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)",
             wrong: "\\mathrm{KL}(p_{\\mathrm{data}} \\,\\|\\, m) + \\mathrm{KL}(p_g \\,\\|\\, m)\n  = \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)"),
        Twin(name: "EBM positive and negative phases, wrong twin with the phases swapped",
             given: "x \\in \\mathbb{R}\n\\theta \\in (-1, 2)",
             define: "E_\\theta(x) = \\frac{\\theta}{2} x^2 + \\frac{1}{4} x^4\nZ = \\int_{-\\infty}^{\\infty} e^{-E_\\theta(x)} \\, dx\np_\\theta(x) = \\frac{e^{-E_\\theta(x)}}{Z}",
             right: "\\frac{d}{d\\theta} \\log p_\\theta(x)\n  = -\\frac{x^2}{2} + \\frac{1}{Z} \\int_{-\\infty}^{\\infty} \\frac{y^2}{2} e^{-E_\\theta(y)} \\, dy",
             wrong: "\\frac{d}{d\\theta} \\log p_\\theta(x)\n  = \\frac{x^2}{2} - \\frac{1}{Z} \\int_{-\\infty}^{\\infty} \\frac{y^2}{2} e^{-E_\\theta(y)} \\, dy"),
        Twin(name: "RBM free energy, wrong twin with the wrong density over the hidden sum",
             given: "n = 2\nm \\in \\{1, 3\\}\nv \\in \\{0, 1\\}^{n}\nb \\in \\mathbb{R}^{n}\nc \\in \\mathbb{R}^{m}\nW \\in \\mathbb{R}^{n \\times m}",
             right: "-\\log \\sum_{h \\in \\{0, 1\\}^{m}} e^{b^\\top v + c^\\top h + v^\\top W h}\n  = -b^\\top v - \\sum_{j=1}^{m} \\log\\left(1 + e^{c_j + \\sum_{i=1}^{n} W_{ij} v_i}\\right)",
             wrong: "-\\log \\sum_{h \\in \\{0, 1\\}^{m}} e^{b^\\top v + c^\\top h - v^\\top W h}\n  = -b^\\top v - \\sum_{j=1}^{m} \\log\\left(1 + e^{c_j + \\sum_{i=1}^{n} W_{ij} v_i}\\right)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func aSumOverTooManyBinaryVectorsIsAnErrorThatSaysSo() throws {
        let result = try checkChapter(chapter(given: "m = 20\nc \\in \\mathbb{R}^{m}",
                                              derive: "\\sum_{h \\in \\{0,1\\}^{m}} e^{c^\\top h}\n  = \\prod_{j=1}^{m} (1 + e^{c_j})"))
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("error:") && $0.contains("more than the 100000 that are enumerated exactly") })
    }

    @Test func anOptimumOverAFunctionSuggestsThePointwiseForm() throws {
        let result = try checkChapter(chapter(given: "x \\in \\mathbb{R}\nD : \\mathbb{R} \\to (0, 1)",
                                              derive: "\\max_{D} \\log D(x)\n  = 0"))
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("test.md:") && $0.contains("error:") && $0.contains("optimise pointwise") })
    }

    @Test func argWithoutMaxIsAnError() throws {
        let result = try checkChapter(chapter(given: "a > 0", derive: "\\arg a\n  = a"))
        #expect(result.diagnostics.contains { $0.description.contains("error:") && $0.description.contains("\\arg\\max") })
    }

    @Test func aSumOverTheNaturalsNeedsBounds() throws {
        let result = try checkChapter(chapter(given: "n \\in \\mathbb{N}", derive: "\\sum_{n} 2^{-n}\n  = 2"))
        #expect(result.diagnostics.contains { $0.description.contains("infinitely many terms") })
    }
}
