import Checker
import Testing

/// Issue 9's "done when": a derivation from each source, written in that source's own notation
/// (Ho et al. 2020, Song et al. 2021, Vincent 2011, Dinh et al. 2017, Goodfellow et al. 2014,
/// Gulrajani et al. 2017, an RBM, an EBM), each a small chapter whose true step is verified and
/// whose realistic wrong twin is refuted.
@Suite struct SourceDerivationTests {
    static let ddpmGiven = """
        T = 6
        \\beta \\in (0, 1)^{T}
        t \\in \\{2, \\dots, T\\}
        D \\in \\{1, 2\\}
        x_0, x_t, x_{t-1}, \\epsilon \\in \\mathbb{R}^{D}
        \\sigma_t > 0
        \\epsilon_\\theta : \\mathbb{R}^{D} \\times \\mathbb{R} \\to \\mathbb{R}^{D}
        """
    static let ddpmDefine = """
        \\alpha_t = 1 - \\beta_t
        \\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s
        \\tilde\\beta_t = \\frac{1 - \\bar\\alpha_{t-1}}{1 - \\bar\\alpha_t} \\beta_t
        \\tilde\\mu_t(x_t, x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}} \\beta_t}{1 - \\bar\\alpha_t} x_0 + \\frac{\\sqrt{\\alpha_t} (1 - \\bar\\alpha_{t-1})}{1 - \\bar\\alpha_t} x_t
        q(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, (1 - \\bar\\alpha_t) I)
        q(x_{t-1} \\mid x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}} x_0, (1 - \\bar\\alpha_{t-1}) I)
        \\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon_\\theta(x_t, t)\\right)
        """
    static let songGiven = """
        x, m \\in \\mathbb{R}
        s \\in (0.5, 2)
        \\beta \\in (0.1, 2)
        t \\in (0, 3)
        """
    static let songDefine = """
        f(x) = -\\frac{1}{2} \\beta x
        g = \\sqrt{\\beta}
        p_t(x) = \\mathcal{N}(x; m e^{-\\beta t / 2}, s^2 e^{-\\beta t} + 1 - e^{-\\beta t})
        """
    static let vincentGiven = """
        \\mu, \\tilde x \\in \\mathbb{R}
        s \\in (0.5, 2)
        \\sigma \\in (0.3, 2)
        \\psi : \\mathbb{R} \\to \\mathbb{R}
        """
    static let vincentDefine = """
        q(x) = \\mathcal{N}(x; \\mu, s^2)
        q_\\sigma(\\tilde x \\mid x) = \\mathcal{N}(\\tilde x; x, \\sigma^2)
        q_\\sigma(\\tilde x) = \\mathcal{N}(\\tilde x; \\mu, s^2 + \\sigma^2)
        """
    static let dinhGiven = """
        D \\in \\{3, 4\\}, \\quad d \\in \\{1, 2\\}
        x \\in \\mathbb{R}^{D}
        s, t : \\mathbb{R}^{d} \\to \\mathbb{R}^{D - d}
        """
    static let dinhDefine = """
        y(x) = \\begin{pmatrix} x_{1:d} \\\\ x_{d+1:D} \\odot \\exp(s(x_{1:d})) + t(x_{1:d}) \\end{pmatrix}
        """
    static let ganGiven = """
        x \\in \\mathbb{R}
        p_{\\mathrm{data}}, p_g \\in \\mathcal{P}(\\mathbb{R})
        """
    static let gpGiven = """
        n = 2
        x, \\tilde x \\in \\mathbb{R}^{n}
        \\epsilon \\in (0, 1)
        D : \\mathbb{R}^{n} \\to \\mathbb{R}
        """
    static let gpDefine = """
        \\hat x = \\epsilon x + (1 - \\epsilon) \\tilde x
        """
    static let rbmGiven = """
        n = 2
        m \\in \\{1, 3\\}
        v \\in \\{0, 1\\}^{n}
        b \\in \\mathbb{R}^{n}
        c \\in \\mathbb{R}^{m}
        W \\in \\mathbb{R}^{n \\times m}
        """
    static let rbmDefine = """
        E(v, h) = -b^\\top v - c^\\top h - v^\\top W h
        """
    static let ebmGiven = """
        x \\in \\mathbb{R}
        \\theta \\in (-1, 2)
        """
    static let ebmDefine = """
        E_\\theta(x) = \\frac{\\theta}{2} x^2 + \\frac{1}{4} x^4
        Z(\\theta) = \\int_{-\\infty}^{\\infty} e^{-E_\\theta(x)} \\, dx
        p_\\theta(x) = \\frac{e^{-E_\\theta(x)}}{Z(\\theta)}
        """

    static let twins: [Twin] = [
        Twin(name: "Ho et al. 2020, eq. (4): the marginal of two forward steps, ᾱ_{t-1} for ᾱ_t refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\int q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0) \\, dx_{t-1}\n  = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, (1 - \\bar\\alpha_t) I)",
             wrong: "\\int q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0) \\, dx_{t-1}\n  = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_{t-1}} x_0, (1 - \\bar\\alpha_t) I)"),
        Twin(name: "Ho et al. 2020, eqs. (6)–(7): the forward posterior, β_t for β̃_t refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\frac{q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0)}{q(x_t \\mid x_0)}\n  = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\tilde\\beta_t I)",
             wrong: "\\frac{q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0)}{q(x_t \\mid x_0)}\n  = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\beta_t I)"),
        Twin(name: "Ho et al. 2020, eq. (10): the posterior mean in ε, a missing square root refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} \\left(x_t - \\sqrt{1 - \\bar\\alpha_t} \\epsilon\\right)\\right)\n  = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon\\right)",
             wrong: "\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} \\left(x_t - \\sqrt{1 - \\bar\\alpha_t} \\epsilon\\right)\\right)\n  = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{1 - \\bar\\alpha_t} \\epsilon\\right)"),
        Twin(name: "Ho et al. 2020, eqs. (11)–(12): the loss in ε with μ_θ of eq. (11), β_t for β_t² refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\frac{1}{2 \\sigma_t^2} \\left\\|\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} \\left(x_t - \\sqrt{1 - \\bar\\alpha_t} \\epsilon\\right)\\right) - \\mu_\\theta(x_t, t)\\right\\|^2\n  = \\frac{\\beta_t^2}{2 \\sigma_t^2 \\alpha_t (1 - \\bar\\alpha_t)} \\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2",
             wrong: "\\frac{1}{2 \\sigma_t^2} \\left\\|\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} \\left(x_t - \\sqrt{1 - \\bar\\alpha_t} \\epsilon\\right)\\right) - \\mu_\\theta(x_t, t)\\right\\|^2\n  = \\frac{\\beta_t}{2 \\sigma_t^2 \\alpha_t (1 - \\bar\\alpha_t)} \\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2"),
        Twin(name: "Song et al. 2021: the Fokker–Planck equation of the variance-preserving SDE, a missing ½ refuted",
             given: songGiven, define: songDefine,
             right: "\\partial_t p_t(x)\n  = -\\nabla \\cdot (f(x) \\, p_t(x)) + \\frac{1}{2} g^2 \\Delta p_t(x)",
             wrong: "\\partial_t p_t(x)\n  = -\\nabla \\cdot (f(x) \\, p_t(x)) + g^2 \\Delta p_t(x)"),
        Twin(name: "Song et al. 2021: the same equation with bare functions, a sign refuted",
             given: songGiven, define: songDefine,
             right: "\\partial_t p_t\n  = -\\nabla \\cdot (f \\, p_t) + \\frac{1}{2} g^2 \\Delta p_t",
             wrong: "\\partial_t p_t\n  = \\nabla \\cdot (f \\, p_t) + \\frac{1}{2} g^2 \\Delta p_t"),
        Twin(name: "Song et al. 2021, eq. (13): the probability-flow ODE transports p_t, a missing ½ refuted",
             given: songGiven, define: songDefine,
             right: "-\\nabla \\cdot \\left(p_t(x) \\left(f(x) - \\frac{1}{2} g^2 \\nabla \\log p_t(x)\\right)\\right)\n  = \\partial_t p_t(x)",
             wrong: "-\\nabla \\cdot \\left(p_t(x) \\left(f(x) - g^2 \\nabla \\log p_t(x)\\right)\\right)\n  = \\partial_t p_t(x)"),
        Twin(name: "Vincent 2011: the marginal score's cross term equals the conditional one's, the gradient in x refuted",
             given: vincentGiven, define: vincentDefine,
             right: "\\mathbb{E}_{q_\\sigma(\\tilde x)}\\left[\\psi(\\tilde x) \\nabla_{\\tilde x} \\log q_\\sigma(\\tilde x)\\right]\n  = \\mathbb{E}_{q(x)}\\left[\\mathbb{E}_{q_\\sigma(\\tilde x \\mid x)}\\left[\\psi(\\tilde x) \\nabla_{\\tilde x} \\log q_\\sigma(\\tilde x \\mid x)\\right]\\right]",
             wrong: "\\mathbb{E}_{q_\\sigma(\\tilde x)}\\left[\\psi(\\tilde x) \\nabla_{\\tilde x} \\log q_\\sigma(\\tilde x)\\right]\n  = \\mathbb{E}_{q(x)}\\left[\\mathbb{E}_{q_\\sigma(\\tilde x \\mid x)}\\left[\\psi(\\tilde x) \\nabla_{x} \\log q_\\sigma(\\tilde x \\mid x)\\right]\\right]"),
        Twin(name: "Dinh et al. 2017: the affine coupling log-determinant, the shift counted in refuted",
             given: dinhGiven, define: dinhDefine,
             right: "\\log \\left|\\det \\frac{\\partial y(x)}{\\partial x^T}\\right|\n  = \\sum_{j=1}^{D - d} s(x_{1:d})_j",
             wrong: "\\log \\left|\\det \\frac{\\partial y(x)}{\\partial x^T}\\right|\n  = \\sum_{j=1}^{D - d} \\left(s(x_{1:d})_j + t(x_{1:d})_j\\right)"),
        Twin(name: "Goodfellow et al. 2014, Prop. 1: the optimal discriminator, the swapped densities refuted",
             given: ganGiven,
             right: "\\arg\\max_{y \\in (0, 1)} \\left[p_{\\mathrm{data}}(x) \\log y + p_g(x) \\log(1 - y)\\right]\n  = \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}",
             wrong: "\\arg\\max_{y \\in (0, 1)} \\left[p_{\\mathrm{data}}(x) \\log y + p_g(x) \\log(1 - y)\\right]\n  = \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}"),
        Twin(name: "Goodfellow et al. 2014, Thm. 1 (eq. (5)): C(G) as two KLs to the written mixture, log 2 for log 4 refuted",
             given: ganGiven,
             right: "\\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right]\n  = -\\log 4 + \\mathrm{KL}\\left(p_{\\mathrm{data}} \\,\\|\\, \\frac{p_{\\mathrm{data}} + p_g}{2}\\right) + \\mathrm{KL}\\left(p_g \\,\\|\\, \\frac{p_{\\mathrm{data}} + p_g}{2}\\right)",
             wrong: "\\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right]\n  = -\\log 2 + \\mathrm{KL}\\left(p_{\\mathrm{data}} \\,\\|\\, \\frac{p_{\\mathrm{data}} + p_g}{2}\\right) + \\mathrm{KL}\\left(p_g \\,\\|\\, \\frac{p_{\\mathrm{data}} + p_g}{2}\\right)"),
        Twin(name: "Goodfellow et al. 2014, Thm. 1 (eq. (6)): C(G) = −log 4 + 2 JSD, the missing factor 2 refuted",
             given: ganGiven,
             right: "\\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right]\n  = -\\log 4 + 2 \\, \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)",
             wrong: "\\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right]\n  = -\\log 4 + \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)"),
        Twin(name: "Gulrajani et al. 2017, Alg. 1: along the interpolate x̂ the critic changes by its gradient at x̂, the reversed direction refuted",
             given: gpGiven, define: gpDefine,
             right: "\\frac{d}{d \\epsilon} D(\\hat x)\n  = (x - \\tilde x)^\\top \\nabla_{\\hat x} D(\\hat x)",
             wrong: "\\frac{d}{d \\epsilon} D(\\hat x)\n  = (\\tilde x - x)^\\top \\nabla_{\\hat x} D(\\hat x)"),
        Twin(name: "an RBM's free energy, binary hidden units summed out, the dropped 1 refuted",
             given: rbmGiven, define: rbmDefine,
             right: "-\\log \\sum_{h \\in \\{0, 1\\}^{m}} e^{-E(v, h)}\n  = -b^\\top v - \\sum_{j=1}^{m} \\log\\left(1 + e^{c_j + (W^\\top v)_j}\\right)",
             wrong: "-\\log \\sum_{h \\in \\{0, 1\\}^{m}} e^{-E(v, h)}\n  = -b^\\top v - \\sum_{j=1}^{m} \\left(c_j + (W^\\top v)_j\\right)"),
        Twin(name: "an EBM's log-partition gradient is minus the model expectation of the energy's gradient, the sign refuted",
             given: ebmGiven, define: ebmDefine,
             right: "\\frac{d}{d\\theta} \\log Z(\\theta)\n  = -\\mathbb{E}_{x \\sim p_\\theta}\\left[\\frac{\\partial E_\\theta(x)}{\\partial \\theta}\\right]",
             wrong: "\\frac{d}{d\\theta} \\log Z(\\theta)\n  = \\mathbb{E}_{x \\sim p_\\theta}\\left[\\frac{\\partial E_\\theta(x)}{\\partial \\theta}\\right]"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }
}
