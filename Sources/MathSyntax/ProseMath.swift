import Diagnostics

/// A prose-math span read for display: its MathML, and its LaTeX (the author's text, with the few
/// commands the LaTeX preamble spells otherwise replaced). Never checked; see `ProseTable`.
public struct ProseMath: Sendable {
    public let display: Bool
    /// The MathML inside `<math>`.
    public let content: String
    /// The LaTeX of the span, without `$` or `\[ \]`.
    public let latex: String
    /// A display whose whole is an `align`, `gather`, `equation`… environment: LaTeX writes it as
    /// it stands, not inside `\[ \]`.
    public let standsAlone: Bool

    /// Reads a span; a command or environment the table does not know, an unbalanced brace or a
    /// misplaced `&` is an error at its position.
    public static func parse(_ source: SourceText, display: Bool) throws -> ProseMath {
        let tokens = ProseLexer.tokenize(source)
        var parser = ProseParser(tokens: tokens, source: source, display: display)
        var nodes = try parser.parseList()
        if let stray = parser.peekSolid() {
            throw parser.error(stray, "an unmatched '\(stray.text)'")
        }
        if let begin = parser.standingEnvironment, nodes.count != 1 {
            throw parser.error(begin, "an environment such as align must be the whole of its $$…$$ display")
        }
        if let tag = parser.tag {
            nodes = [.element("mtable", [.element("mtr", [
                .element("mtd", [.row(nodes)], [("style", "width: 100%")]),
                .element("mtd", [tag], [("style", "text-align: right")]),
            ])], [("width", "100%")])]
        }
        let latex = Self.apply(parser.replacements, to: source.text)
        return ProseMath(display: display, content: nodes.map(\.mathML).joined(), latex: latex,
                         standsAlone: parser.standingEnvironment != nil)
    }

    /// The complete `<math>` element.
    public var mathML: String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"" + (display ? " display=\"block\"" : "") + ">"
            + content + "</math>"
    }

    /// The text with each replaced range written anew (ranges never overlap: each is one token or
    /// one argument the parser read once).
    static func apply(_ replacements: [(range: Range<Int>, text: String)], to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where replacement.range.lowerBound >= position {
            out.append(contentsOf: scalars[position..<replacement.range.lowerBound])
            out.append(contentsOf: replacement.text.unicodeScalars)
            position = replacement.range.upperBound
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }
}

extension MathMLPrinter {
    /// The inner MathML of a prose-math span (a justification's `$…$`).
    public static func content(_ math: ProseMath) -> String { math.content }
}

extension LaTeXPrinter {
    /// The LaTeX of a prose-math span.
    public static func latex(_ math: ProseMath) -> String { math.latex }
}
