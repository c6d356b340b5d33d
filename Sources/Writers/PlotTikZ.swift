import Foundation
import MathSyntax
import Pipeline

/// A plot as a plain TikZ picture (no pgfplots): the frame, grid and tick labels, each curve as
/// `plot coordinates` in centimetres (mapped here, so that TeX never sees a large number), and a
/// legend line below, the formulas printed from the same trees as the HTML's.
struct PlotTikZ {
    let plot: CheckedPlot

    static let width = 10.0, height = 5.6

    func render() -> String {
        let geometry = PlotGeometry(plot)
        let x = { (value: Double) in (value - geometry.xLow) / (geometry.xHigh - geometry.xLow) * Self.width }
        let y = { (value: Double) in (value - geometry.yLow) / (geometry.yHigh - geometry.yLow) * Self.height }
        var lines = ["\\begin{center}", "\\begin{tikzpicture}[x=1cm,y=1cm,font=\\small]"]
        for tick in geometry.xTicks {
            let at = Self.number(x(tick))
            lines.append("\\draw[black!\(tick == 0 ? 45 : 12)] (\(at),0) -- (\(at),\(Self.number(Self.height)));")
            lines.append("\\draw[black!55] (\(at),0) -- (\(at),-0.1) node[below,text=black] {$\(Self.tick(tick))$};")
        }
        for tick in geometry.yTicks {
            let at = Self.number(y(tick))
            lines.append("\\draw[black!\(tick == 0 ? 45 : 12)] (0,\(at)) -- (\(Self.number(Self.width)),\(at));")
            lines.append("\\draw[black!55] (0,\(at)) -- (-0.1,\(at)) node[left,text=black] {$\(Self.tick(tick))$};")
        }
        lines.append("\\draw[black!55] (0,0) rectangle (\(Self.number(Self.width)),\(Self.number(Self.height)));")
        lines.append("\\node[below] at (\(Self.number(Self.width / 2)),-0.55) {$\(LaTeXText.safeUnicode(LaTeXPrinter.latex(plot.variable)))$};")
        for (index, curve) in plot.curves.enumerated() {
            for line in geometry.polylines(curve.points) {
                let coordinates = line.map { "(\(Self.number(x($0.x))),\(Self.number(y($0.y))))" }.joined(separator: " ")
                lines.append("\\draw[\(Self.style(index))] plot coordinates {\(coordinates)};")
            }
        }
        lines.append("\\end{tikzpicture}")
        let legend = plot.curves.enumerated().map { index, curve in
            "\\mbox{\\tikz[baseline=-0.5ex]\\draw[\(Self.style(index))] (0,0) -- (0.8,0);~\(label(curve))}"
        }
        lines.append("\\par\\smallskip{\\small " + legend.joined(separator: "\\quad ") + "}")
        if let caption = plot.caption { lines.append("\\par{\\small\\itshape " + Self.pieces(caption) + "}") }
        lines.append("\\end{center}")
        return lines.joined(separator: "\n")
    }

    private func label(_ curve: CheckedCurve) -> String {
        guard let label = curve.label else { return "$" + LaTeXText.safeUnicode(LaTeXPrinter.latex(curve.expr)) + "$" }
        return Self.pieces(label)
    }

    static func pieces(_ pieces: [JustificationPiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let words): return LaTeXText.escape(words)
            case .math(let tree): return "$" + LaTeXText.safeUnicode(LaTeXPrinter.latex(tree)) + "$"
            case .reference(let label): return "\\eqref{" + label + "}"
            }
        }.joined()
    }

    private static func style(_ index: Int) -> String {
        let colour = PlotStyle.colour(index)
        return "line width=1pt,line join=round,color={rgb,255:red,\(colour.red);green,\(colour.green);blue,\(colour.blue)},\(PlotStyle.tikzDash(index))"
    }

    private static func tick(_ value: Double) -> String {
        PlotGeometry.label(value).replacingOccurrences(of: "−", with: "-")
    }

    /// Centimetres to a thousandth.
    static func number(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        let rounded = thousandths / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        // What "%.3f" prints for the double nearest k/1000, without the formatter's cost.
        if abs(thousandths) < 1e15 {
            let k = Int(thousandths)
            let fraction = String(k.magnitude % 1000)
            return (k < 0 ? "-" : "") + String(k.magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
        }
        return String(format: "%.3f", rounded)
    }
}
