// The commands that prose math (`$…$`, `$$…$$`, `$…$` in a justification) may use: KaTeX's list of
// supported functions (katex.org/docs/supported). Prose math is display-only, so a row says how a
// command prints and nothing else: its MathML and, when the book's LaTeX preamble does not know
// the command under the same name, the LaTeX that stands for it. The checked subset of §2 keeps its
// own grammar (`CommandTable`, `Constructs`); nothing here reaches the checker.

/// How a prose-math command prints in MathML (its LaTeX is the author's own text, see `ProseRow`).
enum ProseMeaning: Sendable, Equatable {
    /// An identifier: `<mi>` (italic when it is one Latin or lower-case Greek letter).
    case identifier(String)
    /// An upright identifier (`∞`, `ℝ`, `Γ`).
    case upright(String)
    /// A binary operator, a relation or punctuation: `<mo>` with TeX's spacing for its class.
    case binary(String)
    case relation(String)
    case punctuation(String)
    /// A delimiter: usable bare or after `\left`, `\right`, `\big…`.
    case open(String)
    case close(String)
    case fence(String)
    /// A large operator (`∑`, `∫`); `limits`: its scripts go above and below in display.
    case largeOperator(String, limits: Bool)
    /// An operator name (`\sin`, `\lim`): upright, followed by the function-application operator.
    case operatorName(String, limits: Bool)
    /// `\varlimsup` and friends: an operator name with a mark above (`over`) or below it.
    case decoratedName(String, mark: String, over: Bool)
    /// Text-mode characters (`\ss`, `\textdollar`), printed as `<mtext>` in math and in `\text`.
    case textSymbol(String)
    /// A text-mode accent (`\'{a}`): a combining character after the argument's first letter.
    case textAccent(String)
    /// An accent over (or under) its argument; `stretchy`: it widens with the argument.
    case accent(String, stretchy: Bool, under: Bool)
    /// `\overbrace` and friends: a stretchy mark whose `^`/`_` goes beyond the mark.
    case brace(String, under: Bool)
    /// One argument in another font (`\mathbb{R}`); `switch`: the old form that sets the font for
    /// the rest of the group (`\rm`, `\bf`).
    case font(ProseFont, switch: Bool)
    /// One argument read as text (`\text{…}`, `\textbf{…}`).
    case text(ProseFont)
    /// Horizontal space of this width in em (negative: a kern back).
    case space(Double)
    /// Space of a width given as an argument (`\hspace{1em}`, `\kern3mu`).
    case explicitSpace
    case fraction(ProseStyle)
    case binomial(ProseStyle)
    /// `\cfrac`: a continued fraction, numerator in display style.
    case continuedFraction
    /// `\genfrac(]{2pt}{1}{a}{b}`.
    case generalFraction
    /// `a \over b` and friends: splits its group into two; delimiters and whether it has a bar.
    case infixFraction(open: String, close: String, bar: Bool)
    /// `{a \above{2pt} b}`.
    case infixAbove
    case squareRoot
    /// `\big(`, `\Bigl[`: the next delimiter at this height in em.
    case delimiterSize(Double)
    case left, right, middle
    case begin, end
    /// `\overset{a}{b}` (`over`), `\underset{a}{b}`, `\stackrel{a}{b}`.
    case overUnderSet(over: Bool)
    /// `\xrightarrow[below]{above}`: an arrow that stretches to its labels.
    case extensibleArrow(String)
    /// `\boxed`, `\cancel`…: a MathML `menclose` notation around its argument (`\fbox`, `\sout`
    /// take text).
    case enclose(String, text: Bool)
    /// `\color{c}` (switch), `\textcolor{c}{…}`, `\colorbox{c}{…}`, `\fcolorbox{f}{c}{…}`.
    case color, textColor, colorBox, frameColorBox
    /// `\tag{…}` and `\tag*{…}`: display math only.
    case tag
    /// `\not`: negates the relation after it.
    case not
    /// `\operatorname{…}` (`\operatorname*` and `\operatornamewithlimits`: scripts as limits).
    case operatorNameWord(limits: Bool)
    /// `\mathop{…}`, `\mathbin{…}`…: the argument in a given TeX class.
    case mathClass(ProseClass)
    /// `\limits`, `\nolimits` after an operator.
    case limits(Bool)
    /// `\displaystyle` and friends: the rest of the group in that style.
    case style(ProseStyle)
    /// `\Huge` … `\tiny`: the rest of the group at this size (in em).
    case size(Double)
    /// `\phantom`, `\hphantom`, `\vphantom`; `\mathstrut` is `\vphantom{(}`.
    case phantom(horizontal: Bool, vertical: Bool)
    case mathStrut
    /// `\smash[tb]{…}`.
    case smash
    /// `\llap`, `\mathrlap`, `\clap`…: zero-width overlap; "left", "right", "center"; `text`: the
    /// plain-TeX forms take text.
    case overlap(String, text: Bool)
    /// `\raisebox{dim}{text}`.
    case raiseBox
    /// `\rule[raise]{width}{height}`: a filled box.
    case rule
    /// `\bmod`, `\pmod{…}`, `\pod{…}`, `\mod{…}`.
    case modulo(ProseModulo)
    /// `\substack{a \\ b}`.
    case substack
    /// `\\`, `\newline`, `\cr`: a new row in an environment (outside one: a line break).
    case newRow
    /// `\hline`, `\hdashline`: a rule between rows of an environment.
    case rowRule(dashed: Bool)
    /// `\bra{…}` and friends: delimiters around the argument; `stretchy` for the capitalised forms.
    case braket(open: String, close: String, stretchy: Bool)
    /// `\KaTeX`, `\LaTeX`, `\TeX`: a word in text.
    case logo(String)
    /// `\angln`: a fixed letter in a `menclose` notation.
    case enclosedLetter(String, notation: String)
    /// `\relax`, `\nobreak`, `\allowbreak`, `\nonumber`, `\notag`: nothing to print.
    case ignored
}

/// Math alphabets: what `\mathbb`, `\mathbf`, `\mathcal`… select.
enum ProseFont: String, Sendable {
    case normal, upright, bold, italic, boldItalic, script, fraktur, doubleStruck
    case sansSerif, sansSerifItalic, monospace
}

/// TeX's four math styles, and the fraction variants that force one.
enum ProseStyle: Sendable, Equatable {
    case auto, display, text, script, scriptScript
}

/// The TeX class `\mathop`, `\mathbin`… give their argument.
enum ProseClass: Sendable, Equatable {
    case ordinary, op, binary, relation, open, close, punctuation, inner
}

enum ProseModulo: Sendable, Equatable {
    case bmod, pmod, pod, mod
}

/// One command of prose math: its name (without the backslash), what it prints, and its LaTeX when
/// that differs from `\name` under the book's preamble (a KaTeX alias such as `\R`, or a command
/// the preamble defines, see `ProseTable.latexPreamble`).
struct ProseRow: Sendable {
    let name: String
    let meaning: ProseMeaning
    /// The LaTeX that replaces `\name` in the LaTeX book; nil: `\name` itself.
    let latex: String?
}

/// The table of prose-math commands, and the lookups built from it. Static lets only.
public enum ProseTable {
    /// Every row, symbols first (`ProseSymbols.swift`), then the structural commands
    /// (`ProseCommands.swift`). A name appears once.
    static let rows: [ProseRow] = ProseSymbols.rows + ProseCommands.rows

    static let byName: [String: ProseRow] = {
        var table: [String: ProseRow] = [:]
        for row in rows {
            precondition(table[row.name] == nil, "prose-math command \\\(row.name) has two rows")
            table[row.name] = row
        }
        return table
    }()

    /// Unicode characters typed directly (`≤`, `→`, `∑`), with the row they stand for: the first
    /// row that prints the character, so that the LaTeX book gets a command pdfLaTeX knows.
    static let byCharacter: [String: ProseRow] = {
        var table: [String: ProseRow] = [:]
        for row in rows {
            guard let character = row.character, character.unicodeScalars.count == 1,
                  !character.unicodeScalars.first!.isASCII, table[character] == nil else { continue }
            table[character] = row
        }
        return table
    }()

    /// The number of rows: how many commands prose math knows.
    public static var count: Int { rows.count }

    /// Every command name, for tests and for "did you mean".
    public static var names: [String] { rows.map(\.name) }

    /// The environments prose math knows (`\begin{pmatrix}`…), see `ProseEnvironment`.
    public static var environmentNames: [String] { ProseEnvironment.all.map(\.name) }

    /// Definitions the LaTeX book's preamble needs for the KaTeX commands that neither LaTeX nor
    /// amsmath, amssymb, mathtools or xcolor define (`\cancel`, `\bra`, `\oiint`…). Each is a
    /// `\providecommand`, so a document that loads the real package keeps the package's version.
    public static let latexPreamble: String = ProseCommands.definitions.joined(separator: "\n")

    /// "; did you mean \\name?" for an unknown prose command, or "".
    static func didYouMean(_ name: String) -> String {
        let known = rows.map(\.name).filter { $0.count > 1 }
        guard let best = nearest(name, among: known) else { return "" }
        return "; did you mean \\\(best)?"
    }

    /// `Suggestions.nearest`, preferring among equally near names the one whose case matches
    /// (`\xrightarow` → `\xrightarrow`, not `\xRightarrow`).
    static func nearest(_ name: String, among candidates: [String]) -> String? {
        guard let loose = Suggestions.nearest(name, among: candidates) else { return nil }
        let lower = Array(name.lowercased())
        let distance = Suggestions.distance(lower, Array(loose.lowercased()))
        let tied = candidates.filter { Suggestions.distance(lower, Array($0.lowercased())) == distance }
        return tied.min { (Suggestions.distance(Array(name), Array($0)), $0) < (Suggestions.distance(Array(name), Array($1)), $1) }
    }
}

extension ProseRow {
    /// The single character a symbol row prints, if it is one.
    var character: String? {
        switch meaning {
        case .identifier(let c), .upright(let c), .binary(let c), .relation(let c), .punctuation(let c),
             .open(let c), .close(let c), .fence(let c), .largeOperator(let c, _):
            return c
        default: return nil
        }
    }
}
