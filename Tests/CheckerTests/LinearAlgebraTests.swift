import Checker
import Testing

/// Issue 3: matrix identities verified, realistic wrong twins refuted.
@Suite struct LinearAlgebraTests {
    static let twins: [Twin] = [
        Twin(name: "Woodbury in PPCA form",
             given: "d \\in \\{3, 5\\}, \\quad k \\in \\{1, 2\\}\nW \\in \\mathbb{R}^{d \\times k}\n\\sigma > 0",
             define: "M = W^\\top W + \\sigma^2 I",
             right: "(W W^\\top + \\sigma^2 I)^{-1}\n  = \\sigma^{-2} I - \\sigma^{-2} W M^{-1} W^\\top",
             wrong: "(W W^\\top + \\sigma^2 I)^{-1}\n  = \\sigma^{-2} I - W M^{-1} W^\\top"),
        Twin(name: "matrix determinant lemma",
             given: "n \\in \\{2, 4\\}, \\quad k = 1\nA \\in \\mathbb{S}_{++}^{n}\nU, V \\in \\mathbb{R}^{n \\times k}",
             right: "\\det(A + U V^\\top)\n  = \\det(I_k + V^\\top A^{-1} U) \\det A",
             wrong: "\\det(A + U V^\\top)\n  = \\det(I_k + V^\\top A U) \\det A"),
        Twin(name: "PPCA determinant",
             given: "d \\in \\{3, 5\\}, \\quad k \\in \\{1, 2\\}\nW \\in \\mathbb{R}^{d \\times k}\n\\sigma > 0",
             define: "M = W^\\top W + \\sigma^2 I\nC = W W^\\top + \\sigma^2 I",
             right: "\\det C\n  = \\sigma^{2(d-k)} \\det M",
             wrong: "\\det C\n  = \\sigma^{2(d-k-1)} \\det M"),
        Twin(name: "Sylvester",
             given: "n = 4, \\quad k = 2\nP \\in \\mathbb{R}^{n \\times k}\nQ \\in \\mathbb{R}^{k \\times n}",
             right: "\\det(I_n + P Q)\n  = \\det(I_k + Q P)",
             wrong: "\\det(I_n + P Q)\n  = \\det(I_k + Q P) + \\operatorname{tr}(Q P)"),
        Twin(name: "push-through",
             given: "n \\in \\{2, 3\\}, \\quad m \\in \\{1, 4\\}\nP \\in \\mathbb{S}_{++}^{n}\nR \\in \\mathbb{S}_{++}^{m}\nB \\in \\mathbb{R}^{m \\times n}",
             right: "(P^{-1} + B^\\top R^{-1} B)^{-1} B^\\top R^{-1}\n  = P B^\\top (B P B^\\top + R)^{-1}",
             wrong: "(P^{-1} + B^\\top R^{-1} B)^{-1} B^\\top R^{-1}\n  = P B^\\top (B P B^\\top + R^{-1})^{-1}"),
        Twin(name: "cyclic trace",
             given: "n \\in \\{2, 3\\}\nA, B, C \\in \\mathbb{R}^{n \\times n}",
             right: "\\operatorname{tr}(A B C)\n  = \\operatorname{tr}(C A B)",
             wrong: "\\operatorname{tr}(A B C)\n  = \\operatorname{tr}(A C B)"),
        Twin(name: "DDPM cumulative product",
             given: "T = 8\n\\beta \\in (0, 1)^{T}\nt \\in \\{2, \\dots, T\\}",
             define: "\\alpha_t = 1 - \\beta_t\n\\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s",
             right: "\\bar\\alpha_t\n  = (1 - \\beta_t) \\bar\\alpha_{t-1}",
             wrong: "\\bar\\alpha_t\n  = (1 - \\beta_{t-1}) \\bar\\alpha_{t-1}"),
        Twin(name: "DDPM posterior variance identity",
             given: "T = 8\n\\beta \\in (0, 1)^{T}\nt \\in \\{2, \\dots, T\\}",
             define: "\\alpha_t = 1 - \\beta_t\n\\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s",
             right: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + \\beta_t\n  = 1 - \\bar\\alpha_t",
             wrong: "\\alpha_t (1 - \\bar\\alpha_{t-1}) + \\beta_t\n  = 1 - \\bar\\alpha_{t-1}"),
        Twin(name: "geometric sum with symbolic bound",
             given: "r \\in (0, 1)\nn \\in \\{1, \\dots, 25\\}",
             right: "\\sum_{k=0}^{n-1} r^k\n  = \\frac{1 - r^n}{1 - r}",
             wrong: "\\sum_{k=0}^{n-1} r^k\n  = \\frac{1 - r^{n+1}}{1 - r}"),
        Twin(name: "Gaussian KL closed form",
             given: "d \\in \\{1, 2\\}\n\\mu_1, \\mu_2 \\in \\mathbb{R}^{d}\n\\Sigma_1, \\Sigma_2 \\in \\mathbb{S}_{++}^{d}",
             right: "\\mathrm{KL}(\\mathcal{N}(\\mu_1, \\Sigma_1) \\,\\|\\, \\mathcal{N}(\\mu_2, \\Sigma_2))\n  = \\frac{1}{2}\\left(\\operatorname{tr}(\\Sigma_2^{-1} \\Sigma_1) + (\\mu_2 - \\mu_1)^\\top \\Sigma_2^{-1} (\\mu_2 - \\mu_1) - d + \\log \\frac{\\det \\Sigma_2}{\\det \\Sigma_1}\\right)",
             wrong: "\\mathrm{KL}(\\mathcal{N}(\\mu_1, \\Sigma_1) \\,\\|\\, \\mathcal{N}(\\mu_2, \\Sigma_2))\n  = \\frac{1}{2}\\left(\\operatorname{tr}(\\Sigma_1^{-1} \\Sigma_2) + (\\mu_2 - \\mu_1)^\\top \\Sigma_2^{-1} (\\mu_2 - \\mu_1) - d + \\log \\frac{\\det \\Sigma_2}{\\det \\Sigma_1}\\right)"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func exactChecksReportTheirBound() throws {
        let book = try checkChapter(chapter(given: "n = 4, \\quad k = 2\nP \\in \\mathbb{R}^{n \\times k}\nQ \\in \\mathbb{R}^{k \\times n}",
                                            derive: "\\det(I_n + P Q)\n  = \\det(I_k + Q P)"))
        let link = try #require(book.links.first)
        #expect(link.method == .exact)
        let bound = try #require(link.bound)
        #expect(bound > 0 && bound < 1e-30)
    }

    @Test func shapeMismatchIsAnInputErrorAtTheOperand() throws {
        let book = try checkChapter(chapter(given: "d = 3, \\quad k = 2\nW \\in \\mathbb{R}^{d \\times k}\nA \\in \\mathbb{R}^{d \\times d}",
                                            derive: "W + A\n  = A + W"))
        #expect(book.hasInputErrors)
        let error = try #require(book.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("3×2") && error.message.contains("3×3"))
        #expect(error.position.line == 10)
    }

    @Test func undeclaredSymbolIsAnInputError() throws {
        let book = try checkChapter(chapter(given: "x \\in \\mathbb{R}", derive: "x + y\n  = y + x"))
        #expect(book.hasInputErrors)
        #expect(book.diagnostics.contains { $0.message.contains("undeclared symbol 'y'") })
    }
}

extension Twin: CustomTestStringConvertible {
    var testDescription: String { name }
}
