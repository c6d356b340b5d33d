/// What a control sequence means to the parser. Every command of the math language has exactly one
/// entry in `CommandTable.commands`; the printers read the reverse tables built from the same lists,
/// and the rows of `Constructs.swift` for functions.
enum CommandKind: Sendable {
    /// A letter: `\alpha` → "α" (printed back through `CommandTable.letterCommand`).
    case letter(String)
    case constant(Constant)
    /// A built-in function spelled by this command (`\exp`; `\max` also opens `\max_i`, see its row).
    case function(BuiltinFunction)
    case decoration(Decoration)
    /// `\mathbf`, `\boldsymbol`, `\bm`, `\mathcal`, `\mathbb`: one letter in another font.
    case font(SymbolFont)
    /// `\operatorname{…}`, `\mathrm{…}`: a word that may be a function, a family or a name.
    case word
    /// `\text{…}`: literal words.
    case text
    case relation(Relation)
    case binary(BinaryOperator)
    /// Spacing: ignored by the parser (`thin` marks `\,`, which prints back; `separator` marks
    /// `\quad`/`\qquad`, which separate declarations on one line).
    case spacing(thin: Bool, separator: Bool)
    /// `\big`, `\Bigl`, `\left` sizes' cousins: ignored in front of a delimiter.
    case size
    /// `\displaystyle`, `\limits`: no meaning for the tree.
    case ignored
    case fraction(DivisionStyle)
    case sqrt
    case sum, product, integral, limit
    /// `\sup` and `\inf`, which need a subscript naming their variable and its domain.
    case bound(ExtremumKind)
    /// `\arg`, which must be followed by `\max` or `\min` with a subscript.
    case arg
    case nabla, partial
    case dots
    /// `\top`, `\intercal` in an exponent.
    case transpose
    case prime
    case mid
    case left, right
    case begin, end
    case openBrace, closeBrace
    case openAngle, closeAngle
    case openBar, closeBar
    case openNorm, closeNorm
    /// `\|` and `\Vert`: opens or closes a norm, or separates a divergence's arguments.
    case norm
    case lineBreak
    /// `\rm`: the old font switch inside a group, `{\rm data}`.
    case romanSwitch
    /// `\rfloor`, `\rceil`: the end of a delimited function (its row names it); starts nothing.
    case closingDelimiter
}

/// Infix operators at the level of products.
enum BinaryOperator: Sendable {
    case cdot, times, odot, otimes
}

/// The lexicon: parsing info per command, Unicode equivalents, and the reverse tables for printing.
/// Functions come from their rows in `Constructs.swift`. Static lets only; nothing here changes at
/// run time.
enum CommandTable {
    /// Greek and other letters, in the order they print: command name and Unicode letter.
    static let letters: [(String, String)] = [
        ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
        ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
        ("iota", "ι"), ("kappa", "κ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"),
        ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"),
        ("tau", "τ"), ("upsilon", "υ"), ("phi", "ϕ"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"),
        ("omega", "ω"), ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"),
        ("Xi", "Ξ"), ("Pi", "Π"), ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"),
        ("Omega", "Ω"), ("ell", "ℓ"),
    ]

    /// Decorations: the tree's case, its command, and the MathML accent character.
    static let decorations: [(Decoration, String, String)] = [
        (.hat, "hat", "^"), (.bar, "bar", "¯"), (.tilde, "tilde", "~"), (.check, "check", "ˇ"),
        (.dot, "dot", "˙"), (.ddot, "ddot", "¨"), (.vec, "vec", "→"), (.overline, "overline", "¯"),
        (.widehat, "widehat", "^"), (.widetilde, "widetilde", "~"),
    ]

    static let commands: [String: CommandKind] = {
        var table: [String: CommandKind] = [:]
        for (name, letter) in letters { table[name] = .letter(letter) }
        // After the letters: `\Phi` and `\Gamma` are functions that stand for letters when alone.
        for function in BuiltinFunction.allCases where function.row.commands.count == 1 {
            table[function.row.commands[0]] = .function(function)
        }
        for close in Constructs.closingCommands { table[close] = .closingDelimiter }
        for (decoration, name, _) in decorations { table[name] = .decoration(decoration) }
        let rest: [String: CommandKind] = [
            "pi": .constant(.pi), "infty": .constant(.infinity),
            "mathbf": .font(.bold), "boldsymbol": .font(.bold), "bm": .font(.bold),
            "mathcal": .font(.calligraphic), "mathbb": .font(.blackboard),
            "operatorname": .word, "mathrm": .word, "text": .text, "textrm": .text, "mbox": .text,
            "rm": .romanSwitch,
            "ne": .relation(.notEqual), "neq": .relation(.notEqual), "le": .relation(.lessEqual),
            "leq": .relation(.lessEqual), "ge": .relation(.greaterEqual), "geq": .relation(.greaterEqual),
            "approx": .relation(.approx), "propto": .relation(.proportional), "in": .relation(.element),
            "sim": .relation(.distributedAs), "to": .relation(.to), "rightarrow": .relation(.to),
            "coloneqq": .relation(.defines),
            "cdot": .binary(.cdot), "times": .binary(.times), "odot": .binary(.odot),
            "otimes": .binary(.otimes),
            ",": .spacing(thin: true, separator: false), "thinspace": .spacing(thin: true, separator: false),
            ";": .spacing(thin: false, separator: false), ":": .spacing(thin: false, separator: false),
            ">": .spacing(thin: false, separator: false), "!": .spacing(thin: false, separator: false),
            " ": .spacing(thin: false, separator: false), "enspace": .spacing(thin: false, separator: false),
            "quad": .spacing(thin: false, separator: true), "qquad": .spacing(thin: false, separator: true),
            "displaystyle": .ignored, "textstyle": .ignored, "limits": .ignored, "nolimits": .ignored,
            "frac": .fraction(.fraction), "dfrac": .fraction(.dfrac), "tfrac": .fraction(.tfrac),
            "sqrt": .sqrt, "sum": .sum, "prod": .product, "int": .integral, "lim": .limit,
            "sup": .bound(.sup), "inf": .bound(.inf), "arg": .arg,
            "nabla": .nabla, "partial": .partial,
            "dots": .dots, "ldots": .dots, "cdots": .dots,
            "top": .transpose, "intercal": .transpose, "prime": .prime, "mid": .mid,
            "left": .left, "right": .right, "begin": .begin, "end": .end,
            "{": .openBrace, "}": .closeBrace, "langle": .openAngle, "rangle": .closeAngle,
            "lvert": .openBar, "rvert": .closeBar, "vert": .openBar,
            "lVert": .openNorm, "rVert": .closeNorm, "|": .norm, "Vert": .norm,
            "\\": .lineBreak,
        ]
        for (name, kind) in rest { table[name] = kind }
        for size in ["big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
                     "Biggl", "Biggr", "bigm", "Bigm", "middle"] {
            table[size] = .size
        }
        return table
    }()

    static let letterCommand: [String: String] = Dictionary(
        uniqueKeysWithValues: letters.map { ($0.1, $0.0) })
    static let decorationCommand: [Decoration: String] = Dictionary(
        uniqueKeysWithValues: decorations.map { ($0.0, $0.1) })
    static let decorationAccent: [Decoration: String] = Dictionary(
        uniqueKeysWithValues: decorations.map { ($0.0, $0.2) })

    /// Unicode characters accepted in place of commands, as the tokens they stand for.
    static let unicode: [Unicode.Scalar: [Token.Kind]] = {
        var map: [Unicode.Scalar: [Token.Kind]] = [:]
        for (name, letter) in letters {
            if let scalar = letter.unicodeScalars.first { map[scalar] = [.command(name)] }
        }
        let symbols: [(Unicode.Scalar, [Token.Kind])] = [
            ("π", [.command("pi")]), ("∞", [.command("infty")]),
            ("ℝ", [.command("mathbb"), .char("R")]), ("ℕ", [.command("mathbb"), .char("N")]),
            ("ℤ", [.command("mathbb"), .char("Z")]), ("𝔼", [.command("mathbb"), .char("E")]),
            ("≤", [.command("le")]), ("≥", [.command("ge")]), ("≠", [.command("ne")]),
            ("≈", [.command("approx")]), ("∝", [.command("propto")]), ("∈", [.command("in")]),
            ("∼", [.command("sim")]), ("→", [.command("to")]), ("·", [.command("cdot")]),
            ("⋅", [.command("cdot")]), ("×", [.command("times")]), ("−", [.char("-")]),
            ("∇", [.command("nabla")]), ("∂", [.command("partial")]), ("∑", [.command("sum")]),
            ("∏", [.command("prod")]), ("∫", [.command("int")]), ("⊙", [.command("odot")]),
            ("⊗", [.command("otimes")]), ("⊤", [.command("top")]), ("⟨", [.command("langle")]),
            ("⟩", [.command("rangle")]), ("‖", [.command("|")]), ("∣", [.command("mid")]),
            ("…", [.command("ldots")]), ("⋯", [.command("cdots")]), ("′", [.char("'")]),
            ("″", [.char("'"), .char("'")]),
        ]
        for (scalar, kinds) in symbols { map[scalar] = kinds }
        return map
    }()

    /// What a command means, or nil for an unknown command (an error where it is parsed).
    static func kind(_ name: String) -> CommandKind? { commands[name] }
}
