import Checker
import Testing

/// The engine, part 3, the constructs still missing at the last stop: conditional expectations
/// under a defined joint, KL against a written mixture, optima over a small box, bare functions at
/// the field's variable, families of functions of a varying input size, ranges ending at D - d.
/// Each true identity beside a realistic wrong twin.
@Suite struct PaperNotationPart3Tests {
    static let scalarJointGiven = """
        m \\in \\mathbb{R}
        s \\in (0.5, 2)
        \\bar\\alpha \\in (0.1, 0.9)
        x_0, x_t \\in \\mathbb{R}
        """
    /// x_0 ~ N(m, s²), x_t | x_0 ~ N(√ᾱ x_0, 1 − ᾱ) (Ho et al. 2020, eq. (4), one coordinate), and
    /// the marginal of x_t written out.
    static let scalarJointDefine = """
        q(x_0) = \\mathcal{N}(x_0; m, s^2)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} x_0, 1 - \\bar\\alpha)
        q(x_t) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} m, \\bar\\alpha s^2 + 1 - \\bar\\alpha)
        """
    static let vectorJointGiven = """
        D \\in \\{1, 2\\}
        m, x_0, x_t \\in \\mathbb{R}^{D}
        s \\in (0.5, 2)
        \\bar\\alpha \\in (0.1, 0.9)
        """
    static let vectorJointDefine = """
        q(x_0) = \\mathcal{N}(x_0; m, s^2 I)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} x_0, (1 - \\bar\\alpha) I)
        """
    static let ddpmGiven = """
        T = 6
        \\beta \\in (0, 1)^{T}
        t \\in \\{2, \\dots, T\\}
        D \\in \\{1, 2\\}
        x_0, x_t, x_{t-1} \\in \\mathbb{R}^{D}
        """
    /// The forward process of Ho et al. 2020, eqs. (2) and (4), without the posterior: Bayes gives it.
    static let ddpmDefine = """
        \\alpha_t = 1 - \\beta_t
        \\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s
        \\tilde\\beta_t = \\frac{1 - \\bar\\alpha_{t-1}}{1 - \\bar\\alpha_t} \\beta_t
        \\tilde\\mu_t(x_t, x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}} \\beta_t}{1 - \\bar\\alpha_t} x_0 + \\frac{\\sqrt{\\alpha_t} (1 - \\bar\\alpha_{t-1})}{1 - \\bar\\alpha_t} x_t
        q(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)
        q(x_{t-1} \\mid x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}} x_0, (1 - \\bar\\alpha_{t-1}) I)
        """
    static let densitiesGiven = "x \\in \\mathbb{R}\np, q \\in \\mathcal{P}(\\mathbb{R})"
    static let fieldGiven = "d \\in \\{1, 3\\}\nx \\in \\mathbb{R}^{d}\nf : \\mathbb{R}^{d} \\to \\mathbb{R}^{d}\np \\in \\mathcal{P}(\\mathbb{R}^{d})"
    static let autoregressiveGiven = "D = 3\nx \\in \\mathbb{R}^{D}\n\\mu_i : \\mathbb{R}^{i-1} \\to \\mathbb{R}\n\\alpha_i : \\mathbb{R}^{i-1} \\to \\mathbb{R}"

    static let twins: [Twin] = [
        Twin(name: "Tweedie's formula under a defined joint, √ᾱ for ᾱ refuted",
             given: scalarJointGiven, define: scalarJointDefine,
             right: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\sqrt{\\bar\\alpha}}",
             wrong: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\bar\\alpha}"),
        Twin(name: "the posterior written as the expectation's subscript",
             given: scalarJointGiven, define: scalarJointDefine,
             right: "\\mathbb{E}_{q(x_0 \\mid x_t)}[x_0]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\sqrt{\\bar\\alpha}}",
             wrong: "\\mathbb{E}_{q(x_0 \\mid x_t)}[x_0]\n  = \\frac{x_t - (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\sqrt{\\bar\\alpha}}"),
        Twin(name: "Tweedie's formula with the marginal itself defined by its integral, and the posterior drawn with \\sim",
             given: scalarJointGiven,
             define: "q(x_0) = \\mathcal{N}(x_0; m, s^2)\nq(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} x_0, 1 - \\bar\\alpha)\nq(x_t) = \\int_{-\\infty}^{\\infty} q(x_t \\mid x_0) \\, q(x_0) \\, dx_0",
             right: "\\mathbb{E}_{x_0 \\sim q(x_0 \\mid x_t)}[x_0]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\sqrt{\\bar\\alpha}}",
             wrong: "\\mathbb{E}_{x_0 \\sim q(x_0 \\mid x_t)}[x_0]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\bar\\alpha}"),
        Twin(name: "Tweedie's formula for a generic data density (a random Gaussian mixture), the marginal by its integral",
             given: "\\bar\\alpha \\in (0.1, 0.9)\nx_0, x_t \\in \\mathbb{R}\np_{\\mathrm{data}} \\in \\mathcal{P}(\\mathbb{R})",
             define: "q(x_0) = p_{\\mathrm{data}}(x_0)\nq(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} x_0, 1 - \\bar\\alpha)\nq(x_t) = \\int_{-\\infty}^{\\infty} q(x_t \\mid x_0) \\, q(x_0) \\, dx_0",
             right: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\sqrt{\\bar\\alpha}}",
             wrong: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\bar\\alpha}"),
        Twin(name: "a posterior second moment (variance ᾱ-weighted), σ for σ² refuted",
             given: scalarJointGiven, define: scalarJointDefine,
             right: "\\mathbb{E}[x_0^2 \\mid x_t] - \\mathbb{E}[x_0 \\mid x_t]^2\n  = \\frac{s^2 (1 - \\bar\\alpha)}{\\bar\\alpha s^2 + 1 - \\bar\\alpha}",
             wrong: "\\mathbb{E}[x_0^2 \\mid x_t] - \\mathbb{E}[x_0 \\mid x_t]^2\n  = \\frac{s (1 - \\bar\\alpha)}{\\bar\\alpha s^2 + 1 - \\bar\\alpha}"),
        Twin(name: "the posterior mean of a vector",
             given: vectorJointGiven, define: vectorJointDefine,
             right: "\\mathbb{E}[x_0 \\mid x_t]\n  = m + \\frac{\\sqrt{\\bar\\alpha} s^2}{\\bar\\alpha s^2 + 1 - \\bar\\alpha} (x_t - \\sqrt{\\bar\\alpha} m)",
             wrong: "\\mathbb{E}[x_0 \\mid x_t]\n  = m + \\frac{\\bar\\alpha s^2}{\\bar\\alpha s^2 + 1 - \\bar\\alpha} (x_t - \\sqrt{\\bar\\alpha} m)"),
        Twin(name: "the averaged vector need not be declared: the prior sizes it",
             given: "D \\in \\{1, 2\\}\nm, x_t \\in \\mathbb{R}^{D}\ns \\in (0.5, 2)\n\\bar\\alpha \\in (0.1, 0.9)", define: vectorJointDefine,
             right: "\\mathbb{E}[x_0 \\mid x_t]\n  = m + \\frac{\\sqrt{\\bar\\alpha} s^2}{\\bar\\alpha s^2 + 1 - \\bar\\alpha} (x_t - \\sqrt{\\bar\\alpha} m)",
             wrong: "\\mathbb{E}[x_0 \\mid x_t]\n  = m + \\frac{\\sqrt{\\bar\\alpha} s^2}{\\bar\\alpha s^2 + 1 - \\bar\\alpha} (x_t - \\bar\\alpha m)"),
        Twin(name: "the forward posterior's mean by Bayes with two conditions (Ho et al. 2020, eq. (7)), the swapped arguments refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\mathbb{E}[x_{t-1} \\mid x_t, x_0]\n  = \\tilde\\mu_t(x_t, x_0)",
             wrong: "\\mathbb{E}[x_{t-1} \\mid x_t, x_0]\n  = \\tilde\\mu_t(x_0, x_t)"),
        Twin(name: "the forward posterior's variance under the subscript (Ho et al. 2020, eq. (7)), β_t for β̃_t refuted",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\mathbb{E}_{q(x_{t-1} \\mid x_t, x_0)}\\left[\\|x_{t-1} - \\tilde\\mu_t(x_t, x_0)\\|^2\\right]\n  = D \\tilde\\beta_t",
             wrong: "\\mathbb{E}_{q(x_{t-1} \\mid x_t, x_0)}\\left[\\|x_{t-1} - \\tilde\\mu_t(x_t, x_0)\\|^2\\right]\n  = D \\beta_t"),
        Twin(name: "KL against the written mixture (Goodfellow et al. 2014, proof of Thm. 1), the swapped KL refuted",
             given: densitiesGiven,
             right: "\\mathrm{KL}(p \\,\\|\\, \\frac{p + q}{2}) + \\mathrm{KL}(q \\,\\|\\, \\frac{p + q}{2})\n  = 2 \\, \\mathrm{JSD}(p \\,\\|\\, q)",
             wrong: "\\mathrm{KL}(\\frac{p + q}{2} \\,\\|\\, p) + \\mathrm{KL}(\\frac{p + q}{2} \\,\\|\\, q)\n  = 2 \\, \\mathrm{JSD}(p \\,\\|\\, q)"),
        Twin(name: "JSD of two written-out densities is symmetric, KL is not",
             given: "x, \\mu \\in \\mathbb{R}",
             right: "\\mathrm{JSD}(\\mathcal{N}(x; \\mu, 1) \\,\\|\\, \\mathcal{N}(x; 0, 4))\n  = \\mathrm{JSD}(\\mathcal{N}(x; 0, 4) \\,\\|\\, \\mathcal{N}(x; \\mu, 1))",
             wrong: "\\mathrm{KL}(\\mathcal{N}(x; \\mu, 1) \\,\\|\\, \\mathcal{N}(x; 0, 4))\n  = \\mathrm{KL}(\\mathcal{N}(x; 0, 4) \\,\\|\\, \\mathcal{N}(x; \\mu, 1))"),
        Twin(name: "ridge regression's minimiser over the plane",
             given: "c \\in \\mathbb{R}^{2}\n\\lambda \\in (0, 2)",
             right: "\\arg\\min_{w \\in \\mathbb{R}^{2}} \\left(\\|w - c\\|^2 + \\lambda \\|w\\|^2\\right)\n  = \\frac{1}{1 + \\lambda} c",
             wrong: "\\arg\\min_{w \\in \\mathbb{R}^{2}} \\left(\\|w - c\\|^2 + \\lambda \\|w\\|^2\\right)\n  = \\frac{1}{1 + 2 \\lambda} c"),
        Twin(name: "the optimal discriminator at two points at once, a maximiser in the open square",
             given: "a, b \\in (0.2, 2)^{2}",
             right: "\\arg\\max_{y \\in (0, 1)^{2}} \\sum_{i=1}^{2} \\left(a_i \\log y_i + b_i \\log(1 - y_i)\\right)\n  = \\begin{pmatrix} \\frac{a_1}{a_1 + b_1} \\\\ \\frac{a_2}{a_2 + b_2} \\end{pmatrix}",
             wrong: "\\arg\\max_{y \\in (0, 1)^{2}} \\sum_{i=1}^{2} \\left(a_i \\log y_i + b_i \\log(1 - y_i)\\right)\n  = \\begin{pmatrix} \\frac{b_1}{a_1 + b_1} \\\\ \\frac{b_2}{a_2 + b_2} \\end{pmatrix}"),
        Twin(name: "the maximum over the closed square",
             given: "a, b \\in (0.2, 2)^{2}",
             right: "\\max_{y \\in [0, 1]^{2}} \\sum_{i=1}^{2} \\left(a_i \\log y_i + b_i \\log(1 - y_i)\\right)\n  = \\sum_{i=1}^{2} \\left(a_i \\log \\frac{a_i}{a_i + b_i} + b_i \\log \\frac{b_i}{a_i + b_i}\\right)",
             wrong: "\\max_{y \\in [0, 1]^{2}} \\sum_{i=1}^{2} \\left(a_i \\log y_i + b_i \\log(1 - y_i)\\right)\n  = \\sum_{i=1}^{2} \\left(a_i \\log \\frac{a_i}{a_i + b_i} + b_i \\log \\frac{a_i}{a_i + b_i}\\right)"),
        Twin(name: "the divergence of p f with bare p and f, in the field's own variable",
             given: fieldGiven,
             right: "\\nabla \\cdot (p\\, f)\n  = f^\\top \\nabla p + p \\, \\nabla \\cdot f",
             wrong: "\\nabla \\cdot (p\\, f)\n  = f^\\top \\nabla p - p \\, \\nabla \\cdot f"),
        Twin(name: "a bare defined density is its value at its parameter",
             given: "x, m \\in \\mathbb{R}\ns > 0",
             define: "p(x) = \\mathcal{N}(x; m, s^2)",
             right: "\\nabla \\log p\n  = -\\frac{x - m}{s^2}",
             wrong: "\\nabla \\log p\n  = -\\frac{x - m}{s}"),
        Twin(name: "a family of functions of a growing prefix, summed (an autoregressive model)",
             given: autoregressiveGiven,
             right: "\\sum_{i=2}^{D} \\mu_i(x_{1:i-1})\n  = \\mu_2(x_{1:1}) + \\mu_3(x_{1:2})",
             wrong: "\\sum_{i=2}^{D} \\mu_i(x_{1:i-1})\n  = \\mu_2(x_{1:1}) + \\mu_3(x_{2:3})"),
        Twin(name: "a family member named by its index alone",
             given: autoregressiveGiven,
             right: "\\mu_3(x_{1:2}) + x_1\n  = x_1 + \\mu_3(x_{1:2})",
             wrong: "\\mu_3(x_{1:2}) + x_1\n  = x_1 + \\mu_3(x_{2:3})"),
        Twin(name: "the log-determinant of a masked autoregressive step (Papamakarios et al. 2017, eq. (3))",
             given: autoregressiveGiven,
             right: "\\sum_{i=2}^{D} \\frac{\\partial}{\\partial x_i} \\frac{x_i - \\mu_i(x_{1:i-1})}{e^{\\alpha_i(x_{1:i-1})}}\n  = \\sum_{i=2}^{D} e^{-\\alpha_i(x_{1:i-1})}",
             wrong: "\\sum_{i=2}^{D} \\frac{\\partial}{\\partial x_i} \\frac{x_i - \\mu_i(x_{1:i-1})}{e^{\\alpha_i(x_{1:i-1})}}\n  = \\sum_{i=2}^{D} e^{\\alpha_i(x_{1:i-1})}"),
        Twin(name: "a sum over the index set {1, …, D - d}, the off-by-one twin refuted",
             given: "D \\in \\{3, 4\\}\nd \\in \\{1, 2\\}\ns \\in \\mathbb{R}^{D}",
             right: "\\sum_{i \\in \\{1, \\dots, D - d\\}} s_{d + i}\n  = \\sum_{j=d+1}^{D} s_j",
             wrong: "\\sum_{i \\in \\{1, \\dots, D - d\\}} s_{d + i}\n  = \\sum_{j=d}^{D} s_j"),
        Twin(name: "a symbol declared in {1, …, D - d}",
             given: "D \\in \\{3, 4\\}\nd \\in \\{1, 2\\}\ns \\in \\mathbb{R}^{D}\nk \\in \\{1, \\dots, D - d\\}",
             right: "\\prod_{i=1}^{k} e^{s_{d + i}}\n  = e^{\\sum_{j=d+1}^{d+k} s_j}",
             wrong: "\\prod_{i=1}^{k} e^{s_{d + i}}\n  = e^{\\sum_{j=d}^{d+k} s_j}"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func theOptimiserIsNamedInTheVerdict() throws {
        let book = try checkChapter(chapter(given: "c \\in \\mathbb{R}^{2}\n\\lambda \\in (0, 2)",
                                            derive: "\\arg\\min_{w \\in \\mathbb{R}^{2}} \\left(\\|w - c\\|^2 + \\lambda \\|w\\|^2\\right)\n  = \\frac{1}{1 + \\lambda} c"))
        #expect(book.links.map(\.method) == [.vectorOptimisation])
        #expect(CheckMethod.vectorOptimisation.rawValue == "grid+nelder-mead")
    }

    @Test func aWrongTweedieIsRefutedAtItsLine() throws {
        let book = try checkChapter(chapter(given: Self.scalarJointGiven, define: Self.scalarJointDefine,
                                            derive: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t + (1 - \\bar\\alpha) \\nabla_{x_t} \\log q(x_t)}{\\bar\\alpha}"))
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("refuted"))
        #expect(error.position.line == 18)
    }

    @Test func aConditionalExpectationWithoutAJointIsAnErrorThatSaysWhatToDefine() throws {
        let book = try checkChapter(chapter(given: "x_0, x_t \\in \\mathbb{R}",
                                            derive: "\\mathbb{E}[x_0 \\mid x_t]\n  = x_t"))
        let error = try #require(book.diagnostics.first { $0.message.contains("conditional expectation needs its joint") })
        #expect(error.position.line == 8 && error.position.column == 1)
        #expect(error.message.contains("q(x_{t} \\mid x_{0})"))
    }

    @Test func twoJointsThatFitAreAnErrorThatNamesBoth() throws {
        let book = try checkChapter(chapter(given: "x_0, x_t \\in \\mathbb{R}",
                                            define: "q(x_0) = \\mathcal{N}(x_0; 0, 1)\nq(x_t \\mid x_0) = \\mathcal{N}(x_t; x_0, 1)\np(x_0) = \\mathcal{N}(x_0; 1, 1)\np(x_t \\mid x_0) = \\mathcal{N}(x_t; x_0, 2)",
                                            derive: "\\mathbb{E}[x_0 \\mid x_t]\n  = \\frac{x_t}{2}"))
        let error = try #require(book.diagnostics.first { $0.message.contains("more than one joint") })
        #expect(error.message.contains("p(x_{0}) with p(x_{t} \\mid x_{0})") && error.message.contains("q(x_{0}) with q(x_{t} \\mid x_{0})"))
        #expect(error.position.line == 15)
    }

    @Test func anOptimumOverTooManyDimensionsIsAnError() throws {
        let book = try checkChapter(chapter(given: "c \\in \\mathbb{R}^{5}",
                                            derive: "\\min_{w \\in \\mathbb{R}^{5}} \\|w - c\\|^2\n  = 0"))
        #expect(book.diagnostics.contains { $0.severity == .error && $0.message.contains("at most 3 dimensions") && $0.position.line == 8 })
    }

    @Test func aFamilyMemberWithAnEmptyInputIsAnErrorAtIt() throws {
        let book = try checkChapter(chapter(given: "D = 3\nx \\in \\mathbb{R}^{D}\n\\mu_i : \\mathbb{R}^{i-1} \\to \\mathbb{R}",
                                            derive: "\\sum_{i=1}^{D} \\mu_i(x_{1:i-1})\n  = 0"))
        let error = try #require(book.diagnostics.first { $0.message.contains("size less than 1 at i = 1") })
        #expect(error.position.line == 10 && error.position.column == 16)
        #expect(error.message.contains("\\sum_{i=2}"))
    }

    @Test func aBareFunctionWithTwoCandidatePointsAsksForItsArgument() throws {
        let book = try checkChapter(chapter(given: "x, y \\in \\mathbb{R}\nf : \\mathbb{R} \\to \\mathbb{R}",
                                            derive: "f + x\n  = x + f"))
        #expect(book.diagnostics.contains { $0.severity == .error && $0.message.contains("apply it to arguments, as in f(x)") })
    }
}
