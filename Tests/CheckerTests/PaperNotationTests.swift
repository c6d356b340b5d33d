import Book
import Checker
import Pipeline
import Testing

/// Names, sizes and divergences as papers write them (Ho et al. 2020's notation): each true
/// identity verified and a realistic wrong twin refuted at its line.
@Suite struct PaperNotationTests {
    static let ddpmGiven = """
        T = 6
        \\beta \\in (0, 1)^{T}
        t \\in \\{2, \\dots, T\\}
        D \\in \\{1, 2\\}
        x_0, x_t, x_{t-1} \\in \\mathbb{R}^{D}
        """
    static let ddpmDefine = """
        \\alpha_t = 1 - \\beta_t
        \\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s
        \\tilde\\beta_t = \\frac{1 - \\bar\\alpha_{t-1}}{1 - \\bar\\alpha_t} \\beta_t
        \\tilde\\mu_t(x_t, x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}} \\beta_t}{1 - \\bar\\alpha_t} x_0 + \\frac{\\sqrt{\\alpha_t} (1 - \\bar\\alpha_{t-1})}{1 - \\bar\\alpha_t} x_t
        q(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)
        q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, (1 - \\bar\\alpha_t) I)
        q(x_{t-1} \\mid x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}} x_0, (1 - \\bar\\alpha_{t-1}) I)
        q(x_{t-1} \\mid x_t, x_0) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\tilde\\beta_t I)
        """

    static let twins: [Twin] = [
        Twin(name: "offset subscripts name vectors of their own",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\log \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)\n  = -\\frac{D}{2} \\log(2 \\pi \\beta_t) - \\frac{1}{2 \\beta_t} \\|x_t - \\sqrt{\\alpha_t} x_{t-1}\\|^2",
             wrong: "\\log \\mathcal{N}(x_t; \\sqrt{\\alpha_t} x_{t-1}, \\beta_t I)\n  = -\\frac{D}{2} \\log(2 \\pi \\beta_t) - \\frac{1}{2 \\sqrt{\\beta_t}} \\|x_t - \\sqrt{\\alpha_t} x_{t-1}\\|^2"),
        Twin(name: "a declared \\bar\\alpha_{t-1} is an ordinary scalar",
             given: "\\alpha_t, \\bar\\alpha_{t-1} \\in (0, 1)",
             right: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + 1 - \\alpha_t\n  = 1 - \\alpha_t \\bar\\alpha_{t-1}",
             wrong: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + 1 - \\alpha_t\n  = 1 - \\bar\\alpha_{t-1}"),
        Twin(name: "stars and primes make names",
             given: "D^*_G, p^* \\in (0, 1)\n\\theta^*, x, x' \\in \\mathbb{R}",
             right: "\\log D^*_G + \\log(1 - D^*_G) + (x + x')^2 + (\\theta^*)^2 p^\\ast\n  = \\log(D^*_G (1 - D^*_G)) + x^2 + 2 x x' + x'^2 + p^* {\\theta^{*}}^2",
             wrong: "\\log D^*_G + \\log(1 - D^*_G) + (x + x')^2 + (\\theta^*)^2 p^\\ast\n  = \\log(D^*_G (1 + D^*_G)) + x^2 + 2 x x' + x'^2 + p^* {\\theta^{*}}^2"),
        Twin(name: "a run of indices names a symbol",
             given: "x_{1:T}, x_0 \\in \\mathbb{R}^{3}",
             right: "\\|x_{1:T} - x_0\\|^2\n  = x_{1:T}^\\top x_{1:T} - 2 x_0^\\top x_{1:T} + x_0^\\top x_0",
             wrong: "\\|x_{1:T} - x_0\\|^2\n  = x_{1:T}^\\top x_{1:T} - x_0^\\top x_{1:T} + x_0^\\top x_0"),
        Twin(name: "three densities told apart by their argument names (Ho et al. 2020, eq. (22))",
             given: ddpmGiven, define: ddpmDefine,
             right: "q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0)\n  = q(x_{t-1} \\mid x_t, x_0) \\, q(x_t \\mid x_0)",
             wrong: "q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0)\n  = q(x_{t-1} \\mid x_t, x_0) \\, q(x_{t-1} \\mid x_0)"),
        Twin(name: "ε sized by the matrix it meets",
             given: "d \\in \\{1, 2, 3\\}\nA \\in \\mathbb{R}^{d \\times d}",
             right: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\epsilon^\\top A \\epsilon]\n  = \\operatorname{tr}(A)",
             wrong: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\epsilon^\\top A \\epsilon]\n  = \\operatorname{tr}(A A^\\top)"),
        Twin(name: "ε sized by a declared vector beside it",
             given: "d \\in \\{1, 2\\}\nx_t \\in \\mathbb{R}^{d}\nb \\in (0, 1)",
             right: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\|x_t - \\sqrt{1 - b} \\, \\epsilon\\|^2]\n  = \\|x_t\\|^2 + (1 - b) d",
             wrong: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\|x_t - \\sqrt{1 - b} \\, \\epsilon\\|^2]\n  = \\|x_t\\|^2 + \\sqrt{1 - b} \\, d"),
        Twin(name: "KL between written-out densities",
             given: "z, \\mu \\in \\mathbb{R}\n\\sigma > 0",
             right: "\\mathrm{KL}(\\mathcal{N}(z; \\mu, \\sigma^2) \\,\\|\\, \\mathcal{N}(z; 0, 1))\n  = \\frac{1}{2} \\left(\\mu^2 + \\sigma^2 - 1 - \\log \\sigma^2\\right)",
             wrong: "\\mathrm{KL}(\\mathcal{N}(z; \\mu, \\sigma^2) \\,\\|\\, \\mathcal{N}(z; 0, 1))\n  = \\mu^2 + \\sigma^2 - 1 - \\log \\sigma^2"),
        Twin(name: "KL of a defined density from a written-out one, and the swapped KL",
             given: ddpmGiven, define: ddpmDefine,
             right: "\\mathrm{KL}(q(x_t \\mid x_0) \\,\\|\\, \\mathcal{N}(x_t; 0, I))\n  = \\frac{1}{2} \\left(D (1 - \\bar\\alpha_t) + \\bar\\alpha_t \\|x_0\\|^2 - D - D \\log(1 - \\bar\\alpha_t)\\right)",
             wrong: "\\mathrm{KL}(\\mathcal{N}(x_t; 0, I) \\,\\|\\, q(x_t \\mid x_0))\n  = \\frac{1}{2} \\left(D (1 - \\bar\\alpha_t) + \\bar\\alpha_t \\|x_0\\|^2 - D - D \\log(1 - \\bar\\alpha_t)\\right)"),
        Twin(name: "D_KL between the posterior and a fixed-variance reverse step (Ho et al. 2020, eq. (8))",
             given: ddpmGiven, define: ddpmDefine,
             right: "D_{\\mathrm{KL}}(q(x_{t-1} \\mid x_t, x_0) \\,\\|\\, \\mathcal{N}(x_{t-1}; x_t, \\beta_t I))\n  = \\frac{1}{2 \\beta_t} \\|\\tilde\\mu_t(x_t, x_0) - x_t\\|^2 + \\frac{D}{2} \\left(\\frac{\\tilde\\beta_t}{\\beta_t} - 1 - \\log \\frac{\\tilde\\beta_t}{\\beta_t}\\right)",
             wrong: "D_{\\mathrm{KL}}(q(x_{t-1} \\mid x_t, x_0) \\,\\|\\, \\mathcal{N}(x_{t-1}; x_t, \\beta_t I))\n  = \\frac{1}{\\beta_t} \\|\\tilde\\mu_t(x_t, x_0) - x_t\\|^2 + \\frac{D}{2} \\left(\\frac{\\tilde\\beta_t}{\\beta_t} - 1 - \\log \\frac{\\tilde\\beta_t}{\\beta_t}\\right)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func aWrongTwinIsRefutedAtItsLine() throws {
        let book = try checkChapter(chapter(given: Self.ddpmGiven, define: Self.ddpmDefine,
                                            derive: "q(x_t \\mid x_{t-1}) \\, q(x_{t-1} \\mid x_0)\n  = q(x_{t-1} \\mid x_t, x_0) \\, q(x_{t-1} \\mid x_0)"))
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("refuted"))
        #expect(error.position.line == 24)
    }

    @Test func aFamilyAndADeclaredMemberClashInOneScope() throws {
        let book = try checkChapter(chapter(given: "T = 6\n\\beta \\in (0, 1)^{T}\nt \\in \\{2, \\dots, T\\}\n\\bar\\alpha_{t-1} \\in (0, 1)",
                                            define: "\\bar\\alpha_t = \\prod_{s=1}^{t} (1 - \\beta_s)",
                                            derive: "\\bar\\alpha_t\n  = \\bar\\alpha_t"))
        #expect(book.hasInputErrors)
        let error = try #require(book.diagnostics.first { $0.message.contains("clashes") })
        #expect(error.message.contains(#"\bar{\alpha}_{t}"#) && error.message.contains(#"\bar{\alpha}_{t - 1}"#))
        #expect(error.position.line == 11)
    }

    @Test func aFamilyAndADeclaredMemberInTwoChaptersAreBothLegal() throws {
        let first = try BookReader.parseChapter(text: chapter(
            given: "T = 6\n\\beta \\in (0, 1)^{T}\nt \\in \\{2, \\dots, T\\}",
            define: "\\alpha_t = 1 - \\beta_t\n\\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s",
            derive: "\\bar\\alpha_t\n  = \\alpha_t \\bar\\alpha_{t-1}"), file: "one.md")
        let second = try BookReader.parseChapter(text: chapter(
            given: "\\alpha_t, \\bar\\alpha_{t-1} \\in (0, 1)",
            derive: "\\alpha_t \\bar\\alpha_{t-1}\n  = \\bar\\alpha_{t-1} \\alpha_t"), file: "two.md")
        let book = BookAnalyzer.analyze(Book(title: "Test", author: nil, chapters: [first, second]),
                                        options: CheckOptions(jobs: 1, timeBudgetPerLink: 120))
        #expect(!book.hasInputErrors)
        #expect(book.links.map(\.verdict) == [.verified, .verified])
    }

    @Test func nothingSizesEpsilonIsAnErrorAtIt() throws {
        let book = try checkChapter(chapter(given: "d \\in \\{2, 3\\}\nA \\in \\mathbb{R}^{d \\times d}",
                                            derive: "\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\epsilon^\\top \\epsilon]\n  = d"))
        #expect(book.hasInputErrors)
        let error = try #require(book.diagnostics.first { $0.message.contains("nothing here sizes") })
        #expect(error.position.line == 9 && error.position.column == 13)
        #expect(error.message.contains("I_n"))
    }

    @Test func divergenceDensitiesMustShareTheirVariable() throws {
        let book = try checkChapter(chapter(given: "z, y, \\mu \\in \\mathbb{R}",
                                            derive: "\\mathrm{KL}(\\mathcal{N}(z; \\mu, 1) \\,\\|\\, \\mathcal{N}(y; 0, 1))\n  = \\frac{1}{2} \\mu^2"))
        #expect(book.hasInputErrors)
        #expect(book.diagnostics.contains { $0.message.contains("one variable") })
    }
}
