@testable import MathSyntax

/// A chapter that uses every row of `ProseTable` and every prose environment, written from the
/// rows themselves so that a new row is exercised without editing the test. Each use is the way
/// KaTeX's documentation shows the command.
enum ProseMathChapter {
    /// The use of one command in math, and whether it needs display math.
    static func use(_ row: ProseRow) -> (String, display: Bool) {
        let command = "\\" + row.name
        switch row.meaning {
        case .identifier, .upright, .binary, .relation, .punctuation, .open, .close, .fence:
            return ("a " + command + " b", false)
        case .largeOperator: return (command + "_{i=1}^{n} x_i", false)
        case .operatorName(_, let limits): return (limits ? command + "_{x \\to 0} f(x)" : command + " x", false)
        case .decoratedName: return (command + "_{n} a_n", false)
        case .textSymbol: return ("\\text{a" + command + "{}b}", false)
        case .textAccent: return ("\\text{" + command + "{a}}", false)
        case .accent: return (command + "{xy}", false)
        case .brace(_, let under): return (command + "{a+b+c}" + (under ? "_{\\text{note}}" : "^{\\text{note}}"), false)
        case .font(_, let isSwitch): return (isSwitch ? "{" + command + " Ab}" : command + "{Ab0}", false)
        case .text: return (command + "{some words}", false)
        case .space: return ("a" + command + " b", false)
        case .explicitSpace: return (row.name == "hspace" ? "a\\hspace{1em}b" : "a" + command + (row.name.hasPrefix("m") ? "3mu" : "1em") + "b", false)
        case .fraction, .binomial: return (command + "{a}{b+1}", false)
        case .continuedFraction: return ("\\cfrac{a}{1 + \\cfrac{1}{b}}", false)
        case .generalFraction: return ("\\genfrac(]{2pt}{1}{a}{a+1}", false)
        case .infixFraction: return ("{a " + command + " b}", false)
        case .infixAbove: return ("{a \\above{2pt} b+1}", false)
        case .squareRoot: return ("\\sqrt{x} + \\sqrt[3]{x}", false)
        case .delimiterSize:
            let delimiter = row.name.hasSuffix("r") ? ")" : row.name.hasSuffix("m") ? "|" : "("
            return (command + delimiter + " x", false)
        case .left, .right, .middle: return ("\\left( \\frac{a}{b} \\middle| c \\right)", false)
        case .begin, .end: return ("\\begin{matrix} a & b \\end{matrix}", false)
        case .overUnderSet: return (command + "{!}{=}", false)
        case .extensibleArrow: return ("A " + command + "[under]{over} B", false)
        case .enclose(_, let text): return (text ? command + "{abc}" : command + "{5}", false)
        case .enclosedLetter: return ("a_" + command, false)
        case .color: return ("{\\color{blue} F = ma}", false)
        case .textColor: return (command + "{#228B22}{F = ma}", false)
        case .colorBox: return (command + "{yellow}{F = ma}", false)
        case .frameColorBox: return (command + "{red}{yellow}{F = ma}", false)
        case .tag: return ("x + y^{2x} \\tag{hi}", true)
        case .not: return ("a \\not\\equiv b", false)
        case .operatorNameWord: return (command + "{ess\\,sup}_x f", false)
        case .mathClass: return ("a " + command + "{\\star} b", false)
        case .limits(let wanted): return (wanted ? "\\lim\\limits_x f" : "\\sum\\nolimits_i x_i", false)
        case .style, .size: return ("{" + command + " \\sum_{i=1}^n x_i}", false)
        case .phantom: return ("a" + command + "{xyz}b", false)
        case .mathStrut: return (command + " x", false)
        case .smash: return ("\\sqrt{\\smash[b]{y}}", false)
        case .overlap(_, let text): return (text ? command + "{/}" + "=" : command + "{/\\,}{=}", false)
        case .raiseBox: return ("a\\raisebox{0.25em}{b}c", false)
        case .rule: return ("\\rule{1em}{0.5em} \\rule[0.2em]{2pt}{1em}", false)
        case .modulo: return (row.name == "bmod" ? "a \\bmod b" : "a " + command + "{n}", false)
        case .substack: return ("\\sum_{\\substack{0<i<m\\\\0<j<n}} a_{ij}", false)
        case .newRow: return ("\\begin{matrix} a " + command + " b \\end{matrix}", false)
        case .rowRule: return ("\\begin{array}{cc} a & b \\\\ " + command + " c & d \\end{array}", false)
        case .braket: return (row.name.lowercased() == "braket" ? command + "{\\phi | \\psi}" : command + "{\\psi}", false)
        case .logo: return (command, false)
        case .ignored: return ("a " + command + " b", false)
        }
    }

    /// The use of each environment.
    static func use(_ environment: ProseEnvironment) -> (String, display: Bool) {
        let name = environment.name
        let body = "a & b \\\\ c & d"
        switch environment.layout {
        case .matrix(_, _, _, let starred):
            return ("\\begin{\(name)}" + (starred ? "[r] -1 & 2 \\\\ 3 & -4" : " " + body) + " \\end{\(name)}", false)
        case .array(_, let small):
            if small { return ("\\sum_{\\begin{subarray}{l} i \\in \\Lambda \\\\ 0 < j < n \\end{subarray}} P(i, j)", false) }
            return ("\\begin{\(name)}{c:c|c} a & b & c \\\\ \\hline d & e & f \\\\ \\hdashline g & h & i \\end{\(name)}", false)
        case .cases:
            return ("x = \\begin{\(name)} a & \\text{if } b \\\\ c & \\text{if } d \\end{\(name)}", false)
        case .aligned(let argument):
            let rows = argument ? "{2} 10&x+ &3&y = 2 \\\\ 3&x+&13&y = 4" : " a &= b + c \\\\ &= e + f"
            return ("\\begin{\(name)}" + rows + " \\end{\(name)}", environment.standsAlone || name == "split")
        case .gathered:
            return ("\\begin{\(name)} a = b \\\\ e = b + c \\end{\(name)}", environment.standsAlone)
        }
    }

    /// The chapter: one paragraph per row and per environment.
    static var markdown: String {
        var text = "# Every command of prose math\n\nFrom the issue: $\\theta^*$, $x^*$, $n!$, $\\%$, $f * g$, $\\pm$, "
            + "$\\circ$, $[0,u)$, $\\partial_t$, $\\not=$, $\\backslash$, $\\wedge$, $\\binom{n}{k}$ and ${n \\choose k}$.\n\n"
        for row in ProseTable.rows {
            let (math, display) = use(row)
            // Double backticks: the name may be a backtick (`\``).
            text += "`` \\\(row.name) ``: " + (display ? "\n$$" + math + "$$\n\n" : "$" + math + "$.\n\n")
        }
        for environment in ProseEnvironment.all {
            let (math, display) = use(environment)
            text += "`\(environment.name)`: " + (display ? "\n$$" + math + "$$\n\n" : "$" + math + "$.\n\n")
        }
        text += "Direct input: $α ≤ β → ∞$, $x ∈ ℝ$, $∑_i x_i ≠ ∫ f$.\n"
        return text
    }
}
