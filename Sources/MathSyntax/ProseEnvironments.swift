/// An environment of prose math (`\begin{pmatrix} … \end{pmatrix}`): one row per name, saying how
/// its cells are laid out; `latex` names it in the LaTeX book when that differs.
struct ProseEnvironment: Sendable {
    enum Layout: Sendable, Equatable {
        /// `matrix` and its delimited forms; `small`: script size; `starred`: `[lcr]` after the name.
        case matrix(open: String, close: String, small: Bool, starred: Bool)
        /// `array{lc|r}`, `darray`; `subarray{l}` is a small array.
        case array(display: Bool, small: Bool)
        /// `cases` (brace on the left) and `rcases` (on the right).
        case cases(right: Bool, display: Bool)
        /// Columns aligned right, left, right, left… (`aligned`, `split`, `align`; `alignedat{n}`).
        case aligned(argument: Bool)
        /// One centred column (`gathered`, `gather`, `equation`).
        case gathered
    }

    let name: String
    let layout: Layout
    /// Only as the whole of a display (`align`, `equation`…), as in LaTeX.
    let standsAlone: Bool
    let latex: String?

    init(_ name: String, _ layout: Layout, standsAlone: Bool = false, latex: String? = nil) {
        self.name = name
        self.layout = layout
        self.standsAlone = standsAlone
        self.latex = latex
    }

    static let all: [ProseEnvironment] = {
        var list: [ProseEnvironment] = []
        let delimited: [(String, String, String)] = [
            ("matrix", "", ""), ("pmatrix", "(", ")"), ("bmatrix", "[", "]"), ("Bmatrix", "{", "}"),
            ("vmatrix", "|", "|"), ("Vmatrix", "‖", "‖"),
        ]
        for (name, open, close) in delimited {
            list.append(ProseEnvironment(name, .matrix(open: open, close: close, small: false, starred: false)))
            list.append(ProseEnvironment(name + "*", .matrix(open: open, close: close, small: false, starred: true)))
        }
        list += [
            ProseEnvironment("smallmatrix", .matrix(open: "", close: "", small: true, starred: false)),
            ProseEnvironment("array", .array(display: false, small: false)),
            ProseEnvironment("darray", .array(display: true, small: false), latex: "array"),
            ProseEnvironment("subarray", .array(display: false, small: true)),
            ProseEnvironment("cases", .cases(right: false, display: false)),
            ProseEnvironment("dcases", .cases(right: false, display: true)),
            ProseEnvironment("rcases", .cases(right: true, display: false)),
            ProseEnvironment("drcases", .cases(right: true, display: true)),
            ProseEnvironment("aligned", .aligned(argument: false)),
            ProseEnvironment("alignedat", .aligned(argument: true)),
            ProseEnvironment("split", .aligned(argument: false)),
            ProseEnvironment("gathered", .gathered),
            // The book numbers derivations only; a prose display stays unnumbered in both books.
            ProseEnvironment("equation", .gathered, standsAlone: true, latex: "equation*"),
            ProseEnvironment("equation*", .gathered, standsAlone: true),
            ProseEnvironment("align", .aligned(argument: false), standsAlone: true, latex: "align*"),
            ProseEnvironment("align*", .aligned(argument: false), standsAlone: true),
            ProseEnvironment("gather", .gathered, standsAlone: true, latex: "gather*"),
            ProseEnvironment("gather*", .gathered, standsAlone: true),
            ProseEnvironment("alignat", .aligned(argument: true), standsAlone: true, latex: "alignat*"),
            ProseEnvironment("alignat*", .aligned(argument: true), standsAlone: true),
        ]
        return list
    }()

    static let byName: [String: ProseEnvironment] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
