import Checker
import Testing

/// The constructs chapter 5 (Ho et al. 2020, in their notation) rests on: each true identity
/// verified and a realistic wrong twin refuted.
@Suite struct DiffusionNotationTests {
    static let schedule = """
        T = 6
        \\beta \\in (0, 1)^{T}
        t \\in \\{2, \\dots, T\\}
        D \\in \\{1, 2\\}
        x_0, x_t, x_{t-1}, \\epsilon \\in \\mathbb{R}^{D}
        """
    static let families = """
        \\alpha_t = 1 - \\beta_t
        \\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s
        """
    static let densities = families + """

        \\tilde\\beta_t = \\frac{1 - \\bar\\alpha_{t-1}}{1 - \\bar\\alpha_t} \\beta_t
        \\tilde\\mu_t(x_t, x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}} \\beta_t}{1 - \\bar\\alpha_t} x_0 + \\frac{\\sqrt{\\alpha_t} (1 - \\bar\\alpha_{t-1})}{1 - \\bar\\alpha_t} x_t
        q(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)
        q(x_{t-1} \\mid x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}} x_0, (1 - \\bar\\alpha_{t-1}) I)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, (1 - \\bar\\alpha_t) I)
        """

    static let twins: [Twin] = [
        Twin(name: "the variance recursion of eq. (4), decided exactly over the family",
             given: schedule, define: families,
             right: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + \\beta_t\n  = 1 - \\bar\\alpha_t",
             wrong: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + \\beta_t\n  = 1 - \\bar\\alpha_{t-1}"),
        Twin(name: "a function of an index argument reaches the family at t - 1 (Kingma et al. 2021's SNR(t))",
             given: schedule, define: families + "\n\\mathrm{SNR}(t) = \\frac{\\bar\\alpha_t}{1 - \\bar\\alpha_t}",
             right: "\\mathrm{SNR}(t - 1) - \\mathrm{SNR}(t)\n  = \\frac{\\bar\\alpha_{t-1} \\beta_t}{(1 - \\bar\\alpha_{t-1}) (1 - \\bar\\alpha_t)}",
             wrong: "\\mathrm{SNR}(t - 1) - \\mathrm{SNR}(t)\n  = \\frac{\\bar\\alpha_t \\beta_t}{(1 - \\bar\\alpha_{t-1}) (1 - \\bar\\alpha_t)}"),
        Twin(name: "a forward step read as a density in x_{t-1} keeps the factor α^{-D/2}",
             given: schedule, define: densities,
             right: "q(x_t \\mid x_{t-1})\n  = \\alpha_t^{-D/2} \\, \\mathcal{N}\\left(x_{t-1}; \\frac{x_t}{\\sqrt{\\alpha_t}}, \\frac{\\beta_t}{\\alpha_t} I\\right)",
             wrong: "q(x_t \\mid x_{t-1})\n  = \\alpha_t^{-1/2} \\, \\mathcal{N}\\left(x_{t-1}; \\frac{x_t}{\\sqrt{\\alpha_t}}, \\frac{\\beta_t}{\\alpha_t} I\\right)"),
        Twin(name: "the posterior of eqs. (6)–(7) by completing the square in x_{t-1}",
             given: schedule, define: densities,
             right: "\\log q(x_t \\mid x_{t-1}) + \\log q(x_{t-1} \\mid x_0)\n  = \\log \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\tilde\\beta_t I) + \\text{const}",
             wrong: "\\log q(x_t \\mid x_{t-1}) + \\log q(x_{t-1} \\mid x_0)\n  = \\log \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\beta_t I) + \\text{const}",
             attributes: "wrt=\"x_{t-1}\""),
        Twin(name: "the noise form of the posterior mean, eq. (10)",
             given: schedule, define: densities,
             right: "\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} (x_t - \\sqrt{1 - \\bar\\alpha_t} \\, \\epsilon)\\right)\n  = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon\\right)",
             wrong: "\\tilde\\mu_t\\left(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}} (x_t - \\sqrt{1 - \\bar\\alpha_t} \\, \\epsilon)\\right)\n  = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{1 - \\bar\\alpha_t} \\epsilon\\right)"),
        Twin(name: "the weight of the noise loss, eq. (12), with a generic noise network",
             given: schedule + "\n\\sigma_t > 0\n\\epsilon_\\theta : \\mathbb{R}^{D} \\times \\mathbb{R} \\to \\mathbb{R}^{D}",
             define: densities + "\n\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon_\\theta(x_t, t)\\right)",
             right: "\\frac{1}{2 \\sigma_t^2} \\left\\lVert \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon\\right) - \\mu_\\theta(x_t, t) \\right\\rVert^2\n  = \\frac{\\beta_t^2}{2 \\sigma_t^2 \\alpha_t (1 - \\bar\\alpha_t)} \\lVert \\epsilon - \\epsilon_\\theta(x_t, t) \\rVert^2",
             wrong: "\\frac{1}{2 \\sigma_t^2} \\left\\lVert \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar\\alpha_t}} \\epsilon\\right) - \\mu_\\theta(x_t, t) \\right\\rVert^2\n  = \\frac{\\beta_t^2}{2 \\sigma_t^2 (1 - \\bar\\alpha_t)} \\lVert \\epsilon - \\epsilon_\\theta(x_t, t) \\rVert^2"),
        Twin(name: "the conditional score at the sample is the scaled noise",
             given: "T = 6\n\\beta \\in (0, 1)^{T}\nt \\in \\{2, \\dots, T\\}\nD \\in \\{1, 2\\}\nx_0, x_t \\in \\mathbb{R}^{D}",
             define: densities + "\n\\epsilon = \\frac{x_t - \\sqrt{\\bar\\alpha_t} x_0}{\\sqrt{1 - \\bar\\alpha_t}}",
             right: "\\nabla_{x_t} \\log q(x_t \\mid x_0)\n  = -\\frac{\\epsilon}{\\sqrt{1 - \\bar\\alpha_t}}",
             wrong: "\\nabla_{x_t} \\log q(x_t \\mid x_0)\n  = -\\frac{\\epsilon}{1 - \\bar\\alpha_t}"),
        Twin(name: "Tweedie's formula in score form for Gaussian data with a full covariance",
             given: schedule + "\n\\mu \\in \\mathbb{R}^{D}\n\\Sigma \\in \\mathbb{S}_{++}^{D}",
             define: families + "\nM = \\bar\\alpha_t \\Sigma + (1 - \\bar\\alpha_t) I\nq_t(x_t) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} \\mu, M)",
             right: "\\frac{1}{\\sqrt{\\bar\\alpha_t}} \\left(x_t + (1 - \\bar\\alpha_t) \\nabla_{x_t} \\log q_t(x_t)\\right)\n  = \\mu + \\sqrt{\\bar\\alpha_t} \\Sigma M^{-1} (x_t - \\sqrt{\\bar\\alpha_t} \\mu)",
             wrong: "\\frac{1}{\\bar\\alpha_t} \\left(x_t + (1 - \\bar\\alpha_t) \\nabla_{x_t} \\log q_t(x_t)\\right)\n  = \\mu + \\sqrt{\\bar\\alpha_t} \\Sigma M^{-1} (x_t - \\sqrt{\\bar\\alpha_t} \\mu)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    /// The two-step path of eq. (5) drawn forwards and backwards (D = 1, T = 2): with the posterior
    /// of eq. (7) the two nested expectations agree; with the forward step's variance β₂ in place of
    /// the posterior's they do not.
    static let pathGiven = """
        T = 6
        \\beta \\in (0, 1)^{T}
        t \\in \\{2, \\dots, T\\}
        x_0, x_1, x_2, a, c \\in \\mathbb{R}
        s > 0
        """
    static let pathDefine = families + """

        p_\\theta(x_1 \\mid x_2) = \\mathcal{N}(x_1; a x_2 + c, s^2)
        q(x_1 \\mid x_0) = \\mathcal{N}(x_1; \\sqrt{\\alpha_1} x_0, \\beta_1)
        q(x_2 \\mid x_1) = \\mathcal{N}(x_2; \\sqrt{\\alpha_2} x_1, \\beta_2)
        q(x_2 \\mid x_0) = \\mathcal{N}(x_2; \\sqrt{\\bar\\alpha_2} x_0, 1 - \\bar\\alpha_2)
        """
    static let pathDerive = "\\mathbb{E}_{q(x_1 \\mid x_0)}\\left[\\mathbb{E}_{q(x_2 \\mid x_1)}\\left[\\log p_\\theta(x_1 \\mid x_2)\\right]\\right]\n  = \\mathbb{E}_{q(x_2 \\mid x_0)}\\left[\\mathbb{E}_{q(x_1 \\mid x_2, x_0)}\\left[\\log p_\\theta(x_1 \\mid x_2)\\right]\\right]"

    static func posterior(variance: String) -> String {
        "\nq(x_1 \\mid x_2, x_0) = \\mathcal{N}\\left(x_1; \\frac{\\sqrt{\\bar\\alpha_1} \\beta_2}{1 - \\bar\\alpha_2} x_0 + \\frac{\\sqrt{\\alpha_2} (1 - \\bar\\alpha_1)}{1 - \\bar\\alpha_2} x_2, \(variance)\\right)"
    }

    @Test func thePathDrawnBackwardsHasTheSameExpectations() throws {
        let right = try verdicts(given: Self.pathGiven,
                                 define: Self.pathDefine + Self.posterior(variance: "\\frac{1 - \\bar\\alpha_1}{1 - \\bar\\alpha_2} \\beta_2"),
                                 derive: Self.pathDerive, attributes: "samples=4")
        #expect(right == [.verified])
        let wrong = try verdicts(given: Self.pathGiven,
                                 define: Self.pathDefine + Self.posterior(variance: "\\beta_2"),
                                 derive: Self.pathDerive, attributes: "samples=4")
        #expect(wrong == [.refuted])
    }

    @Test func aWrongPosteriorPrecisionIsRefutedAtItsLine() throws {
        let book = try checkChapter(chapter(given: Self.schedule, define: Self.densities,
                                            derive: "\\frac{\\alpha_t}{\\beta_t} + \\frac{1}{1 - \\bar\\alpha_{t-1}}\n  = \\frac{1 - \\bar\\alpha_t}{\\beta_t (1 - \\bar\\alpha_{t-1})}\n  = \\frac{1}{\\beta_t}"))
        #expect(book.links.map(\.verdict) == [.verified, .refuted])
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("step 2"))
        #expect(error.position.line == 24)
    }
}
