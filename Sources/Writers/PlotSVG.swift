import Foundation
import MathSyntax
import Pipeline

/// A plot as an HTML figure: an inline SVG (frame, grid, ticks and their labels, the variable's
/// name, one `<path>` per curve) and a legend below it whose entries are MathML, as the rest of
/// the page. Axes and labels take the text colour (`currentColor`), so they follow a light or a
/// dark theme; the curves' colours read on both.
struct PlotSVG {
    let plot: CheckedPlot

    static let width = 600.0, height = 340.0
    static let left = 56.0, right = 16.0, top = 12.0, bottom = 46.0

    func render() -> String {
        let geometry = PlotGeometry(plot)
        let x = { (value: Double) in Self.left + (value - geometry.xLow) / (geometry.xHigh - geometry.xLow) * (Self.width - Self.left - Self.right) }
        let y = { (value: Double) in Self.height - Self.bottom - (value - geometry.yLow) / (geometry.yHigh - geometry.yLow) * (Self.height - Self.top - Self.bottom) }
        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot-area\" viewBox=\"0 0 \(Self.number(Self.width)) \(Self.number(Self.height))\" "
                   + "width=\"\(Self.number(Self.width))\" height=\"\(Self.number(Self.height))\" style=\"display: block; margin: 0 auto; max-width: 100%; height: auto;\" "
                   + "font-size=\"13\" role=\"img\" aria-label=\"\(HTMLEscaping.attribute(description))\">")
        // Frame, grid and ticks (the line through 0 darker).
        svg.append("<g fill=\"none\" stroke=\"currentColor\">")
        svg.append("<rect x=\"\(Self.number(Self.left))\" y=\"\(Self.number(Self.top))\" width=\"\(Self.number(Self.width - Self.left - Self.right))\" "
                   + "height=\"\(Self.number(Self.height - Self.top - Self.bottom))\" stroke-opacity=\"0.55\"/>")
        for tick in geometry.xTicks {
            svg.append("<line class=\"grid\" x1=\"\(Self.number(x(tick)))\" y1=\"\(Self.number(Self.top))\" x2=\"\(Self.number(x(tick)))\" y2=\"\(Self.number(Self.height - Self.bottom + 5))\" stroke-opacity=\"\(tick == 0 ? "0.45" : "0.13")\"/>")
        }
        for tick in geometry.yTicks {
            svg.append("<line class=\"grid\" x1=\"\(Self.number(Self.left - 5))\" y1=\"\(Self.number(y(tick)))\" x2=\"\(Self.number(Self.width - Self.right))\" y2=\"\(Self.number(y(tick)))\" stroke-opacity=\"\(tick == 0 ? "0.45" : "0.13")\"/>")
        }
        svg.append("</g>")
        // Tick labels and the variable's name.
        svg.append("<g fill=\"currentColor\">")
        for tick in geometry.xTicks {
            svg.append("<text x=\"\(Self.number(x(tick)))\" y=\"\(Self.number(Self.height - Self.bottom + 19))\" text-anchor=\"middle\">\(PlotGeometry.label(tick))</text>")
        }
        for tick in geometry.yTicks {
            svg.append("<text x=\"\(Self.number(Self.left - 8))\" y=\"\(Self.number(y(tick) + 4.5))\" text-anchor=\"end\">\(PlotGeometry.label(tick))</text>")
        }
        svg.append("</g>")
        let centre = (Self.left + Self.width - Self.right) / 2
        svg.append("<foreignObject x=\"\(Self.number(centre - 60))\" y=\"\(Self.number(Self.height - 22))\" width=\"120\" height=\"22\">"
                   + "<div style=\"text-align: center; font-size: 15px;\"><math>\(MathMLPrinter.content(plot.variable))</math></div></foreignObject>")
        // The curves, last: they lie over the grid.
        for (index, curve) in plot.curves.enumerated() {
            let lines = geometry.polylines(curve.points)
            let data = lines.map { line in
                line.enumerated().map { offset, point in (offset == 0 ? "M" : "L") + Self.number(x(point.x)) + " " + Self.number(y(point.y)) }.joined()
            }.joined()
            let dash = PlotStyle.dash(index)
            svg.append("<path class=\"curve\" d=\"\(data)\" fill=\"none\" stroke=\"\(PlotStyle.colour(index).hex)\" stroke-width=\"2.2\" "
                       + "stroke-linejoin=\"round\" stroke-linecap=\"round\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>")
        }
        svg.append("</svg>")
        return "<figure class=\"plot\" style=\"margin: 1.2rem 0;\">\n" + svg.joined(separator: "\n") + "\n" + caption() + "\n</figure>"
    }

    /// The legend (a swatch of each curve's line and its label or formula) and the caption.
    private func caption() -> String {
        let entries = plot.curves.enumerated().map { index, curve -> String in
            let dash = PlotStyle.dash(index)
            let swatch = "<svg width=\"30\" height=\"10\" aria-hidden=\"true\" style=\"vertical-align: middle;\"><line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" "
                + "stroke=\"\(PlotStyle.colour(index).hex)\" stroke-width=\"2.2\" stroke-linecap=\"round\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/></svg>"
            return "<li style=\"white-space: nowrap;\">\(swatch) \(label(curve))</li>"
        }
        var html = "<figcaption><ul class=\"plot-legend\" style=\"list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; justify-content: center; gap: 0.3rem 1.4rem;\">"
            + entries.joined() + "</ul>"
        if let caption = plot.caption { html += "<p class=\"plot-caption\" style=\"margin: 0.2rem 0; text-align: center; font-style: italic;\">\(Self.pieces(caption))</p>" }
        return html + "</figcaption>"
    }

    private func label(_ curve: CheckedCurve) -> String {
        guard let label = curve.label else { return "<math>\(MathMLPrinter.content(curve.expr))</math>" }
        return Self.pieces(label)
    }

    static func pieces(_ pieces: [JustificationPiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let words): return HTMLEscaping.text(words)
            case .math(let tree): return "<math>\(MathMLPrinter.content(tree))</math>"
            // A legend has no page layout at hand to number a reference: it names the label.
            case .reference(let label): return "(" + HTMLEscaping.text(label) + ")"
            }
        }.joined()
    }

    /// "Plot of softplus(x), … over x from −4 to 4", for readers who do not see the picture.
    private var description: String {
        let names = plot.curves.map { curve -> String in
            if let label = curve.label {
                return label.map { if case .text(let words) = $0 { return words }; if case .math(let tree) = $0 { return LaTeXPrinter.latex(tree) }; return "" }.joined()
            }
            return LaTeXPrinter.latex(curve.expr)
        }
        return "Plot of " + names.joined(separator: "; ") + " for " + LaTeXPrinter.latex(plot.variable)
            + " from " + PlotGeometry.label(plot.low) + " to " + PlotGeometry.label(plot.high)
    }

    /// SVG coordinates to a tenth of a unit.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let rounded = tenths / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        // What "%.1f" prints for the double nearest k/10, without the formatter's cost (a
        // plot has thousands of coordinates): the tenths are an exact integer here.
        if abs(tenths) < 1e15 {
            let k = Int(tenths)
            return (k < 0 ? "-" : "") + String(k.magnitude / 10) + "." + String(k.magnitude % 10)
        }
        return String(format: "%.1f", rounded)
    }
}
