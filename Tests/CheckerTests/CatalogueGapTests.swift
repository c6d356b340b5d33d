import Checker
import Testing

/// The constructs added for the catalogue entries that chapters 6–8 lacked: the Kronecker product
/// (Glow's 1×1 convolution is `I_{h w} \otimes W` on a flattened image) and a product of
/// dimensions in a domain (`x \in \mathbb{R}^{h w c}`); and a defined function `g_a` (Behrmann et
/// al.'s residual branch `g_\theta`) that is not a use of another function `g`, whose argument may
/// be unsizable in a setting. Each true identity is verified; its realistic wrong twin is refuted.
@Suite struct CatalogueGapTests {
    static let glow = "h \\in \\{1, 2\\}, \\quad w \\in \\{2, 3\\}, \\quad c \\in \\{2, 3\\}\nW \\in \\mathbb{R}^{c \\times c}"

    static let twins: [Twin] = [
        Twin(name: "the transpose of a Kronecker product keeps the order of its factors (the factors swapped)",
             given: "A \\in \\mathbb{R}^{2 \\times 3}\nB \\in \\mathbb{R}^{3 \\times 2}",
             right: "(A \\otimes B)^\\top\n  = A^\\top \\otimes B^\\top",
             wrong: "(A \\otimes B)^\\top\n  = B^\\top \\otimes A^\\top"),
        Twin(name: "the mixed-product rule with non-square factors (a transposed factor)",
             given: "A \\in \\mathbb{R}^{2 \\times 3}\nC \\in \\mathbb{R}^{3 \\times 2}\nB, D \\in \\mathbb{R}^{2 \\times 2}",
             right: "(A \\otimes B) (C \\otimes D)\n  = (A C) \\otimes (B D)",
             wrong: "(A \\otimes B) (C \\otimes D)\n  = (A C) \\otimes (B D^\\top)"),
        Twin(name: "Glow's 1×1 convolution: h w copies of W on the diagonal (c for h w)",
             given: glow,
             right: "\\log \\left|\\det(I_{h w} \\otimes W)\\right|\n  = h w \\log |\\det W|",
             wrong: "\\log \\left|\\det(I_{h w} \\otimes W)\\right|\n  = c \\log |\\det W|"),
        Twin(name: "a vector of h w c entries (the channels forgotten)",
             given: glow + "\nx \\in \\mathbb{R}^{h w c}",
             right: "\\|x\\|^2\n  = \\sum_{i=1}^{h w c} x_i^2",
             wrong: "\\|x\\|^2\n  = \\sum_{i=1}^{h w} x_i^2"),
        Twin(name: "the Jacobian of the convolution on a flattened image (c counted twice)",
             given: glow + "\nx \\in \\mathbb{R}^{h w c}",
             define: "f(x) = (I_{h w} \\otimes W) x",
             right: "\\log \\left|\\det \\frac{\\partial f(x)}{\\partial x}\\right|\n  = h w \\log |\\det W|",
             wrong: "\\log \\left|\\det \\frac{\\partial f(x)}{\\partial x}\\right|\n  = h w c \\log |\\det W|"),
        Twin(name: "a function g_a is not a use of another function g (a missing square)",
             given: "D \\in \\{2, 3\\}, \\quad d \\in \\{1, 2\\}\nt : \\mathbb{R}^{d} \\to \\mathbb{R}^{D - d}\nz \\in \\mathbb{R}^{D}\na \\in \\mathbb{R}",
             define: "g(y) = t(y)\ng_a(z) = a z",
             right: "\\|g_a(z)\\|^2\n  = a^2 \\|z\\|^2",
             wrong: "\\|g_a(z)\\|^2\n  = a \\|z\\|^2"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }

    @Test func tooLargeProductsAreInputErrorsAtTheirPlace() throws {
        let kronecker = try checkChapter(chapter(given: "A, B \\in \\mathbb{R}^{40 \\times 40}",
                                                 derive: "\\operatorname{tr}(A \\otimes B)\n  = \\operatorname{tr}(A) \\operatorname{tr}(B)"))
        #expect(kronecker.hasInputErrors)
        #expect(kronecker.diagnostics.contains { $0.message.contains("a Kronecker product is at most 1000 × 1000") },
                "\(kronecker.diagnostics.map(\.message))")
        let flattened = try checkChapter(chapter(given: "d = 40\nx \\in \\mathbb{R}^{d d}", derive: "\\|x\\|\n  = \\|x\\|"))
        #expect(flattened.hasInputErrors)
        #expect(flattened.diagnostics.contains { $0.message.contains("a product of dimensions exceeds 1000") },
                "\(flattened.diagnostics.map(\.message))")
        #expect(flattened.diagnostics.allSatisfy { $0.position.line > 0 })
    }
}
