import Checker
import Testing

/// The functions added as one row and one meaning each (`\sinh`, `\cosh`, `\arctan`,
/// `\operatorname{arctanh}`): true identities verified, their wrong twins refuted.
@Suite struct HyperbolicFunctionTests {
    static let twins: [Twin] = [
        Twin(name: "cosh² − sinh² = 1",
             given: "x \\in \\mathbb{R}",
             right: "\\cosh(x)^2 - \\sinh(x)^2\n  = 1",
             wrong: "\\cosh(x)^2 + \\sinh(x)^2\n  = 1"),
        Twin(name: "sinh through exp, spelled as words",
             given: "x \\in \\mathbb{R}",
             right: "\\operatorname{sinh}(x)\n  = \\frac{e^{x} - e^{-x}}{2}",
             wrong: "\\mathrm{sinh}(x)\n  = \\frac{e^{-x} - e^{x}}{2}"),
        Twin(name: "cosh is the derivative of sinh",
             given: "x \\in \\mathbb{R}",
             right: "\\frac{d}{dx} \\sinh x\n  = \\mathrm{cosh}(x)",
             wrong: "\\frac{d}{dx} \\sinh x\n  = -\\cosh(x)"),
        Twin(name: "arctanh undoes tanh",
             given: "x \\in \\mathbb{R}",
             right: "\\operatorname{arctanh}(\\tanh x)\n  = x",
             wrong: "\\operatorname{arctanh}(\\tanh x)\n  = -x"),
        Twin(name: "arctanh as a logarithm on (−1, 1)",
             given: "y \\in (-1, 1)",
             right: "\\operatorname{artanh} y\n  = \\frac{1}{2} \\log \\frac{1 + y}{1 - y}",
             wrong: "\\operatorname{artanh} y\n  = \\log \\frac{1 + y}{1 - y}"),
        Twin(name: "derivative of arctan",
             given: "x \\in \\mathbb{R}",
             right: "\\frac{d}{dx} \\arctan(x)\n  = \\frac{1}{1 + x^2}",
             wrong: "\\frac{d}{dx} \\arctan(x)\n  = \\frac{2}{1 + x^2}"),
        Twin(name: "arctan of a reciprocal",
             given: "x > 0",
             right: "\\arctan(x) + \\arctan\\left(\\frac{1}{x}\\right)\n  = \\frac{\\pi}{2}",
             wrong: "\\arctan(x) - \\arctan\\left(\\frac{1}{x}\\right)\n  = \\frac{\\pi}{2}"),
    ]

    @Test(arguments: twins)
    func rightIsVerifiedAndWrongIsRefuted(_ twin: Twin) throws {
        try expectRightVerifiedAndWrongRefuted(twin)
    }
}
