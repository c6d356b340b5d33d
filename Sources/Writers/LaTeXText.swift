/// Escaping for LaTeX, and the Unicode characters the book may contain. pdfLaTeX with inputenc
/// knows Latin letters; the characters below are declared in the preamble (so they work in prose,
/// math and verbatim alike); anything else would stop the build and is replaced by "?".
enum LaTeXText {
    /// Characters declared with `\DeclareUnicodeCharacter`, and what they typeset as.
    static let unicode: [(Unicode.Scalar, String)] = [
        // Greek, as authors type it in justifications and as the math language accepts it.
        ("α", "\\ensuremath{\\alpha}"), ("β", "\\ensuremath{\\beta}"), ("γ", "\\ensuremath{\\gamma}"),
        ("δ", "\\ensuremath{\\delta}"), ("ε", "\\ensuremath{\\varepsilon}"), ("ϵ", "\\ensuremath{\\epsilon}"),
        ("ζ", "\\ensuremath{\\zeta}"), ("η", "\\ensuremath{\\eta}"), ("θ", "\\ensuremath{\\theta}"),
        ("ϑ", "\\ensuremath{\\vartheta}"), ("ι", "\\ensuremath{\\iota}"), ("κ", "\\ensuremath{\\kappa}"),
        ("λ", "\\ensuremath{\\lambda}"), ("μ", "\\ensuremath{\\mu}"), ("µ", "\\ensuremath{\\mu}"),
        ("ν", "\\ensuremath{\\nu}"), ("ξ", "\\ensuremath{\\xi}"), ("π", "\\ensuremath{\\pi}"),
        ("ρ", "\\ensuremath{\\rho}"), ("ϱ", "\\ensuremath{\\varrho}"), ("σ", "\\ensuremath{\\sigma}"),
        ("ς", "\\ensuremath{\\varsigma}"), ("τ", "\\ensuremath{\\tau}"), ("υ", "\\ensuremath{\\upsilon}"),
        ("φ", "\\ensuremath{\\varphi}"), ("ϕ", "\\ensuremath{\\phi}"), ("χ", "\\ensuremath{\\chi}"),
        ("ψ", "\\ensuremath{\\psi}"), ("ω", "\\ensuremath{\\omega}"),
        ("Γ", "\\ensuremath{\\Gamma}"), ("Δ", "\\ensuremath{\\Delta}"), ("Θ", "\\ensuremath{\\Theta}"),
        ("Λ", "\\ensuremath{\\Lambda}"), ("Ξ", "\\ensuremath{\\Xi}"), ("Π", "\\ensuremath{\\Pi}"),
        ("Σ", "\\ensuremath{\\Sigma}"), ("Υ", "\\ensuremath{\\Upsilon}"), ("Φ", "\\ensuremath{\\Phi}"),
        ("Ψ", "\\ensuremath{\\Psi}"), ("Ω", "\\ensuremath{\\Omega}"),
        // Relations, arrows and operators.
        ("≤", "\\ensuremath{\\le}"), ("≥", "\\ensuremath{\\ge}"), ("≠", "\\ensuremath{\\ne}"),
        ("≈", "\\ensuremath{\\approx}"), ("≡", "\\ensuremath{\\equiv}"), ("∝", "\\ensuremath{\\propto}"),
        ("∼", "\\ensuremath{\\sim}"), ("≃", "\\ensuremath{\\simeq}"), ("≪", "\\ensuremath{\\ll}"),
        ("≫", "\\ensuremath{\\gg}"), ("∈", "\\ensuremath{\\in}"), ("∉", "\\ensuremath{\\notin}"),
        ("⊂", "\\ensuremath{\\subset}"), ("⊆", "\\ensuremath{\\subseteq}"), ("∪", "\\ensuremath{\\cup}"),
        ("∩", "\\ensuremath{\\cap}"), ("∅", "\\ensuremath{\\emptyset}"), ("∀", "\\ensuremath{\\forall}"),
        ("∃", "\\ensuremath{\\exists}"), ("¬", "\\ensuremath{\\neg}"), ("∧", "\\ensuremath{\\wedge}"),
        ("∨", "\\ensuremath{\\vee}"), ("→", "\\ensuremath{\\to}"), ("←", "\\ensuremath{\\leftarrow}"),
        ("↔", "\\ensuremath{\\leftrightarrow}"), ("⇒", "\\ensuremath{\\Rightarrow}"),
        ("⇐", "\\ensuremath{\\Leftarrow}"), ("⇔", "\\ensuremath{\\Leftrightarrow}"), ("↦", "\\ensuremath{\\mapsto}"),
        ("∞", "\\ensuremath{\\infty}"), ("∑", "\\ensuremath{\\sum}"), ("∏", "\\ensuremath{\\prod}"),
        ("∫", "\\ensuremath{\\int}"), ("∂", "\\ensuremath{\\partial}"), ("∇", "\\ensuremath{\\nabla}"),
        ("√", "\\ensuremath{\\surd}"), ("±", "\\ensuremath{\\pm}"), ("∓", "\\ensuremath{\\mp}"),
        ("×", "\\ensuremath{\\times}"), ("÷", "\\ensuremath{\\div}"), ("·", "\\ensuremath{\\cdot}"),
        ("⋅", "\\ensuremath{\\cdot}"), ("∘", "\\ensuremath{\\circ}"), ("⊙", "\\ensuremath{\\odot}"),
        ("⊗", "\\ensuremath{\\otimes}"), ("⊕", "\\ensuremath{\\oplus}"), ("−", "\\ensuremath{-}"),
        ("∣", "\\ensuremath{\\mid}"), ("‖", "\\ensuremath{\\|}"), ("⟨", "\\ensuremath{\\langle}"),
        ("⟩", "\\ensuremath{\\rangle}"), ("⊤", "\\ensuremath{\\top}"), ("⊥", "\\ensuremath{\\perp}"),
        ("′", "\\ensuremath{'}"), ("″", "\\ensuremath{''}"), ("⋯", "\\ensuremath{\\cdots}"),
        ("ℝ", "\\ensuremath{\\mathbb{R}}"), ("ℕ", "\\ensuremath{\\mathbb{N}}"), ("ℤ", "\\ensuremath{\\mathbb{Z}}"),
        ("ℚ", "\\ensuremath{\\mathbb{Q}}"), ("ℂ", "\\ensuremath{\\mathbb{C}}"), ("𝔼", "\\ensuremath{\\mathbb{E}}"),
        ("ℙ", "\\ensuremath{\\mathbb{P}}"),
        // Sub- and superscript digits, as in "μ₁" or "x⁴" in a justification.
        ("₀", "\\ensuremath{_0}"), ("₁", "\\ensuremath{_1}"), ("₂", "\\ensuremath{_2}"), ("₃", "\\ensuremath{_3}"),
        ("₄", "\\ensuremath{_4}"), ("₅", "\\ensuremath{_5}"), ("₆", "\\ensuremath{_6}"), ("₇", "\\ensuremath{_7}"),
        ("₈", "\\ensuremath{_8}"), ("₉", "\\ensuremath{_9}"), ("⁰", "\\ensuremath{^0}"), ("⁴", "\\ensuremath{^4}"),
        ("⁵", "\\ensuremath{^5}"), ("⁶", "\\ensuremath{^6}"), ("⁷", "\\ensuremath{^7}"), ("⁸", "\\ensuremath{^8}"),
        ("⁹", "\\ensuremath{^9}"), ("⁻", "\\ensuremath{^-}"), ("⁺", "\\ensuremath{^+}"), ("ᵀ", "\\ensuremath{^\\top}"),
        // Typography.
        ("…", "\\ldots{}"), ("–", "--"), ("—", "---"), ("‘", "`"), ("’", "'"), ("“", "``"), ("”", "''"),
        ("•", "\\textbullet{}"), ("✓", "\\ensuremath{\\checkmark}"), ("✗", "\\ensuremath{\\times}"),
        ("○", "\\ensuremath{\\circ}"), ("€", "EUR"), ("\u{00A0}", "~"),
    ]

    private static let declared: Set<Unicode.Scalar> = Set(unicode.map(\.0))

    /// The preamble lines that make `unicode` work.
    static var declarations: String {
        unicode.map { scalar, command in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\DeclareUnicodeCharacter{\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)}{\(command)}"
        }.joined(separator: "\n")
    }

    /// Text for paragraph mode: TeX's ten special characters escaped, Unicode made safe.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += textbackslash
            case "{": out += [UInt8(ascii: "\\"), UInt8(ascii: "{")]
            case "}": out += [UInt8(ascii: "\\"), UInt8(ascii: "}")]
            case "$": out += [UInt8(ascii: "\\"), UInt8(ascii: "$")]
            case "&": out += [UInt8(ascii: "\\"), UInt8(ascii: "&")]
            case "#": out += [UInt8(ascii: "\\"), UInt8(ascii: "#")]
            case "%": out += [UInt8(ascii: "\\"), UInt8(ascii: "%")]
            case "_": out += [UInt8(ascii: "\\"), UInt8(ascii: "_")]
            case "^": out += textasciicircum
            case "~": out += textasciitilde
            case "<": out += textless
            case ">": out += textgreater
            case "|": out += textbar
            case "\"": out += textquotedbl
            default: appendSafe(scalar, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let textbackslash = Array("\\textbackslash{}".utf8), textasciicircum = Array("\\textasciicircum{}".utf8),
                       textasciitilde = Array("\\textasciitilde{}".utf8), textless = Array("\\textless{}".utf8),
                       textgreater = Array("\\textgreater{}".utf8), textbar = Array("\\textbar{}".utf8),
                       textquotedbl = Array("\\textquotedbl{}".utf8)

    /// Text that TeX reads as is (math from the printer, verbatim code): only Unicode is made safe.
    static func safeUnicode(_ text: String) -> String {
        // Printable ASCII, tabs and line ends, which is most math, stay as they are.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars { appendSafe(scalar, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar's UTF-8 bytes when pdfLaTeX can typeset it, "?" when not, nothing for a control.
    private static func appendSafe(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        switch scalar.value {
        // ASCII, and Latin-1 and Latin Extended-A, which inputenc's utf8 maps through T1/TS1 itself.
        case 0x09, 0x0A, 0x0D, 0x20..<0x7F:
            out.append(UInt8(scalar.value))
        case 0xA0...0x17F:
            UTF8.encode(scalar) { out.append($0) }
        case _ where declared.contains(scalar):
            UTF8.encode(scalar) { out.append($0) }
        case 0..<0x20, 0x7F:
            break
        default:
            out.append(UInt8(ascii: "?"))
        }
    }
}
