import Checker
import Testing

/// Constructs the chapter rewrites of round 2 leaned on: a conditional expectation of a defined
/// quantity (the noise of Ho et al. 2020, written through x_0) under a defined joint, and KL/JSD
/// between categorical distributions. Each true identity beside a realistic wrong twin.
@Suite struct ChapterRewriteTests {
    static let given = """
        m \\in \\mathbb{R}
        s \\in (0.5, 2)
        \\bar\\alpha \\in (0.1, 0.9)
        x_0, x_t \\in \\mathbb{R}
        """
    /// x_0 ~ N(m, s²), x_t | x_0 ~ N(√ᾱ x_0, 1 − ᾱ) (Ho et al. 2020, eq. (4), one coordinate), the
    /// noise that x_0 and x_t determine, and the marginal of x_t.
    static let define = """
        q(x_0) = \\mathcal{N}(x_0; m, s^2)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} x_0, 1 - \\bar\\alpha)
        q(x_t) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha} m, \\bar\\alpha s^2 + 1 - \\bar\\alpha)
        \\epsilon = \\frac{x_t - \\sqrt{\\bar\\alpha} x_0}{\\sqrt{1 - \\bar\\alpha}}
        """

    static let twins: [Twin] = [
        Twin(name: "the marginal score is minus the posterior mean of the defined noise over √(1 − ᾱ), √ dropped refuted",
             given: given, define: define,
             right: "\\nabla_{x_t} \\log q(x_t)\n  = -\\frac{\\mathbb{E}[\\epsilon \\mid x_t]}{\\sqrt{1 - \\bar\\alpha}}",
             wrong: "\\nabla_{x_t} \\log q(x_t)\n  = -\\frac{\\mathbb{E}[\\epsilon \\mid x_t]}{1 - \\bar\\alpha}"),
        Twin(name: "the posterior mean of the defined noise is that of x_0 put through the same map, sign slip refuted",
             given: given, define: define,
             right: "\\mathbb{E}[\\epsilon \\mid x_t]\n  = \\frac{x_t - \\sqrt{\\bar\\alpha} \\, \\mathbb{E}[x_0 \\mid x_t]}{\\sqrt{1 - \\bar\\alpha}}",
             wrong: "\\mathbb{E}[\\epsilon \\mid x_t]\n  = \\frac{x_t + \\sqrt{\\bar\\alpha} \\, \\mathbb{E}[x_0 \\mid x_t]}{\\sqrt{1 - \\bar\\alpha}}"),
        Twin(name: "KL between two categoricals is the finite sum under the first (Cover & Thomas (2.26)), the swapped KL refuted",
             given: "K \\in \\{2, 5\\}\np, q \\in \\Delta^{K}",
             right: "\\mathrm{KL}(\\operatorname{Cat}(p) \\,\\|\\, \\operatorname{Cat}(q))\n  = \\sum_{k=1}^{K} p_k \\log \\frac{p_k}{q_k}",
             wrong: "\\mathrm{KL}(\\operatorname{Cat}(p) \\,\\|\\, \\operatorname{Cat}(q))\n  = \\sum_{k=1}^{K} q_k \\log \\frac{q_k}{p_k}"),
        Twin(name: "JSD between two categoricals, the missing ½ refuted",
             given: "K \\in \\{2, 5\\}\np, q \\in \\Delta^{K}",
             right: "\\mathrm{JSD}(\\operatorname{Cat}(p) \\,\\|\\, \\operatorname{Cat}(q))\n  = \\frac{1}{2} \\sum_{k=1}^{K} \\left(p_k \\log \\frac{2 p_k}{p_k + q_k} + q_k \\log \\frac{2 q_k}{p_k + q_k}\\right)",
             wrong: "\\mathrm{JSD}(\\operatorname{Cat}(p) \\,\\|\\, \\operatorname{Cat}(q))\n  = \\sum_{k=1}^{K} \\left(p_k \\log \\frac{2 p_k}{p_k + q_k} + q_k \\log \\frac{2 q_k}{p_k + q_k}\\right)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }
}
