import Checker
import Pipeline

/// The map of results in the PDF: an unnumbered chapter with a TikZ picture drawn from the same
/// `ResultGraph` and layout as the site's SVG, scaled to the text width; each box links to its
/// derivation's `\label`.
struct LaTeXMap {
    let graph: ResultGraph
    let geometry: ResultGraphLayout

    /// The text width of `book.tex` (a4paper with 2.5 cm margins), in cm.
    static let textWidth = 16.0

    init(book: CheckedBook) {
        graph = ResultGraph(book)
        var titles: [Int: String] = [:]
        for chapter in book.chapters { titles[chapter.number] = "\(chapter.number) \(chapter.chapter.title)" }
        geometry = ResultGraphLayout(graph, titles: titles)
    }

    static func colour(_ verdict: Verdict) -> String { "derive\(verdict.rawValue)" }

    /// Nothing for a book without derivations.
    func render() -> String {
        guard !graph.nodes.isEmpty else { return "" }
        let unit = Self.textWidth / geometry.width
        func mm(_ value: Double) -> String { HTMLMapPage.n(value * unit * 10) + "mm" }
        // Coordinates stay in the layout's points; the picture's x and y units scale them (y downwards).
        let scale = String(format: "%.5f", unit)
        var lines = [
            "\\chapter*{Map of results}\\addcontentsline{toc}{chapter}{Map of results}\\label{map-of-results}",
            "Each box is a derivation of the book, in reading order by chapter; an arrow runs from a derivation to each one "
                + "that its justifications, or the prose leading up to it, cite. A box is coloured by the derivation's verdict "
                + "(its weakest link's: \\textcolor{\(Self.colour(.verified))}{verified}, \\textcolor{\(Self.colour(.unchecked))}{unchecked}, "
                + "\\textcolor{\(Self.colour(.inconclusive))}{inconclusive}, \\textcolor{\(Self.colour(.refuted))}{refuted}) and links to it. "
                + "\(graph.nodes.count) derivations, \(graph.edges.count) citations.",
            "",
            "\\begin{center}",
            "\\begin{tikzpicture}[x=\(scale)cm, y=-\(scale)cm, >=stealth]",
        ]
        for band in geometry.bands {
            lines.append("\\node[anchor=base west, inner sep=0, font=\\scriptsize\\bfseries] at (\(p(ResultGraphLayout.Point(x: ResultGraphLayout.margin, y: band.captionBaseline)))) "
                         + "{\(LaTeXText.escape(band.title))};")
        }
        for curve in geometry.curves {
            lines.append("\\draw[->, blue!60!black, opacity=0.6, line width=0.3pt] (\(p(curve.start))) .. controls (\(p(curve.control1))) "
                         + "and (\(p(curve.control2))) .. (\(p(curve.end)));")
        }
        for (node, box) in zip(graph.nodes, geometry.boxes) {
            lines.append("\\node[fill=\(Self.colour(node.verdict)), text=white, font=\\tiny\\sffamily, inner sep=0, rounded corners=1pt, "
                         + "minimum width=\(mm(box.width)), minimum height=\(mm(box.height))] at (\(p(box.centre))) "
                         + "{\\hyperref[\(node.anchor)]{\\textcolor{white}{\(LaTeXText.escape(node.number))}}};")
        }
        lines += ["\\end{tikzpicture}", "\\end{center}", ""]
        return lines.joined(separator: "\n")
    }

    /// The colours of the verdicts, as the margin marks have them.
    static let colours = """
    \\definecolor{\(colour(.verified))}{rgb}{0.10,0.50,0.22}
    \\definecolor{\(colour(.refuted))}{rgb}{0.78,0.16,0.16}
    \\definecolor{\(colour(.inconclusive))}{rgb}{0.60,0.40,0.00}
    \\definecolor{\(colour(.unchecked))}{rgb}{0.43,0.47,0.51}
    """

    private func p(_ point: ResultGraphLayout.Point) -> String { "\(HTMLMapPage.n(point.x)),\(HTMLMapPage.n(point.y))" }
}
