import Book
import Checker
import Pipeline
import Testing

/// Constructs that the GAN, Wasserstein and energy-based chapter needs: the spectral norm of a
/// matrix, and expectations of density ratios whose densities both underflow far in the tails.
/// Each true identity is verified and a realistic wrong twin refuted.
@Suite struct AdversarialAndEnergyTests {
    @Test func spectralNormIsTheLargestSingularValue() throws {
        try expectRightVerifiedAndWrongRefuted(Twin(
            name: "\\|A\\|_2 of a 2 × 3 matrix is its largest singular value, not the Frobenius norm",
            given: "a, b \\in \\mathbb{R}",
            right: "\\left\\| \\begin{pmatrix} a & 0 & 0 \\\\ 0 & b & 0 \\end{pmatrix} \\right\\|_2\n  = \\max(|a|, |b|)",
            wrong: "\\left\\| \\begin{pmatrix} a & 0 & 0 \\\\ 0 & b & 0 \\end{pmatrix} \\right\\|_2\n  = \\sqrt{a^2 + b^2}"))
    }

    @Test func frobeniusNormIsStillTheDefault() throws {
        let given = "a, b \\in \\mathbb{R}"
        let right = try verdicts(given: given, derive: "\\left\\| \\begin{pmatrix} a & 0 \\\\ 0 & b \\end{pmatrix} \\right\\|_F\n  = \\left\\| \\begin{pmatrix} a & 0 \\\\ 0 & b \\end{pmatrix} \\right\\|\n  = \\sqrt{a^2 + b^2}")
        #expect(right == [.verified, .verified])
        let wrong = try verdicts(given: given, derive: "\\left\\| \\begin{pmatrix} a & 0 \\\\ 0 & b \\end{pmatrix} \\right\\|_F\n  = \\left\\| \\begin{pmatrix} a & 0 \\\\ 0 & b \\end{pmatrix} \\right\\|\n  = \\max(|a|, |b|)")
        #expect(wrong == [.verified, .refuted])
    }

    @Test func spectralNormBoundsTheLinearMap() throws {
        let given = "A \\in \\mathbb{R}^{3 \\times 2}\nx \\in \\mathbb{R}^{2}"
        let right = try verdicts(given: given, derive: "\\|A x\\|\n  \\le \\|A\\|_2 \\|x\\|")
        #expect(right == [.verified])
        // The smallest singular value bounds from below, not above: the reversed bound fails.
        let wrong = try verdicts(given: given, derive: "\\|A\\|_2 \\|x\\|\n  \\le \\|A x\\|")
        #expect(wrong == [.refuted])
    }

    @Test func unknownNormSubscriptIsAnError() throws {
        let book = try checkChapter(chapter(given: "A \\in \\mathbb{R}^{2 \\times 2}", derive: "\\|A\\|_1\n  = \\|A\\|_1"))
        #expect(book.links.map(\.verdict) != [.verified])
        #expect(book.diagnostics.contains { $0.severity == .error && $0.message.contains("norm's subscript") && $0.position.line == 8 })
    }

    /// Goodfellow et al.'s Theorem 1 as chapter 9 states it. Far in the tails both random mixtures
    /// underflow, and p / (p + q) divided zero by zero at Gauss–Hermite nodes of weight below 1e-30:
    /// with these declarations (which fix the random stream) step 1 was inconclusive before such
    /// nodes were left out. The wrong twin swaps the density in the second logarithm.
    static let theoremOne = """
        # Test

        ```given
        x, \\mu \\in \\mathbb{R}
        \\sigma > 0
        D : \\mathbb{R} \\to (0.05, 0.95)
        ```

        ```given
        a, b > 0
        ```

        ```given
        p_{\\mathrm{data}}, p_g \\in \\mathcal{P}(\\mathbb{R})
        ```

        ```define
        D^*_G(x) = \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}
        m(x) = \\frac{p_{\\mathrm{data}}(x) + p_g(x)}{2}
        ```

        ```derive {#eq:gan-theorem-1}
        \\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log D^*_G(x)\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log(1 - D^*_G(x))\\right]
          = \\mathbb{E}_{x \\sim p_{\\mathrm{data}}}\\left[\\log \\frac{p_{\\mathrm{data}}(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right] + \\mathbb{E}_{x \\sim p_g}\\left[\\log \\frac{p_g(x)}{p_{\\mathrm{data}}(x) + p_g(x)}\\right]   % substitute the optimal discriminator (eq. (4))
          = -\\log 4 + \\mathrm{KL}(p_{\\mathrm{data}} \\,\\|\\, m) + \\mathrm{KL}(p_g \\,\\|\\, m)   % $p_{\\mathrm{data}} + p_g = 2m$: each expectation gives $-\\log 2$ and a KL term (eq. (5))
          = -\\log 4 + 2 \\, \\mathrm{JSD}(p_{\\mathrm{data}} \\,\\|\\, p_g)   % $\\mathrm{JSD} = \\frac{1}{2}\\mathrm{KL}(p \\,\\|\\, m) + \\frac{1}{2}\\mathrm{KL}(q \\,\\|\\, m)$ (eq. (6))
        ```
        """

    /// The second expectation keeps p_data's density where p_g's belongs.
    static let theoremOneSwapped = theoremOne.replacingOccurrences(
        of: #"\left[\log \frac{p_g(x)}"#, with: #"\left[\log \frac{p_{\mathrm{data}}(x)}"#)

    @Test func densityRatiosSurviveUnderflowInTheTails() throws {
        #expect(try checkChapter(Self.theoremOne).links.map(\.verdict) == [.verified, .verified, .verified])
        #expect(try checkChapter(Self.theoremOneSwapped).links.map(\.verdict) == [.refuted, .refuted, .verified])
    }

    /// Two outcomes make the bound |p₁ - q₁| ≤ ½ Σ |pⱼ - qⱼ| an equality; simplex draws on a dyadic
    /// grid sum to exactly 1, so the rounding of the draw cannot refute it. Several seeds.
    @Test func tightBoundOnTheSimplexHolds() throws {
        let given = "K = 2\np, q \\in \\Delta^{K}"
        let right = "\\left| p_1 - q_1 \\right|\n  \\le \\frac{1}{2} \\sum_{j=1}^{K} |p_j - q_j|"
        let wrong = "\\left| p_1 - q_1 \\right|\n  \\le \\frac{1}{4} \\sum_{j=1}^{K} |p_j - q_j|"
        for seed in UInt64(0)..<6 {
            let options = CheckOptions(seed: seed, jobs: 1, timeBudgetPerLink: 120)
            for (text, expected) in [(right, Verdict.verified), (wrong, Verdict.refuted)] {
                let parsed = try BookReader.parseChapter(text: chapter(given: given, derive: text), file: "test.md")
                let book = BookAnalyzer.analyze(Book(title: "Test", author: nil, chapters: [parsed]), options: options)
                #expect(book.links.map(\.verdict) == [expected], "seed \(seed)")
            }
        }
    }
}
