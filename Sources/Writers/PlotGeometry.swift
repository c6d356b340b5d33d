import Foundation
import Pipeline

/// What the SVG and TikZ plots share: the frame the curves are drawn in (the variable's range
/// across, the curves' extent or the author's `range=` up), round tick values, and each curve as
/// visible polylines, broken at gaps and clipped to the frame.
struct PlotGeometry {
    let xLow: Double, xHigh: Double
    let yLow: Double, yHigh: Double
    let xTicks: [Double]
    let yTicks: [Double]

    init(_ plot: CheckedPlot) {
        xLow = plot.low
        xHigh = plot.high
        xTicks = Self.ticks(from: plot.low, to: plot.high)
        if let range = plot.verticalRange {
            yLow = range.lowerBound
            yHigh = range.upperBound
            yTicks = Self.ticks(from: yLow, to: yHigh)
        } else {
            let values = plot.curves.flatMap { $0.series.y.compactMap { $0 } }
            var low = values.min() ?? -1, high = values.max() ?? 1
            if high - low < 1e-12 * max(1, abs(low)) {
                low -= 1
                high += 1
            }
            // Widened to the ticks that enclose the curves, so that the frame ends on a label.
            let step = Self.step(from: low, to: high)
            yLow = (low / step).rounded(.down) * step
            yHigh = (high / step).rounded(.up) * step
            yTicks = Self.ticks(from: yLow, to: yHigh)
        }
    }

    /// Round values (1, 2 or 5 times a power of ten apart) inside `low...high`, about five of them.
    static func ticks(from low: Double, to high: Double) -> [Double] {
        let step = self.step(from: low, to: high)
        var ticks: [Double] = []
        var k = (low / step).rounded(.up)
        while k * step <= high + step * 1e-9, ticks.count < 50 {
            let value = k * step
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return ticks
    }

    static func step(from low: Double, to high: Double) -> Double {
        let rough = (high - low) / 5
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let fraction = rough / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
        return nice * magnitude
    }

    /// A tick label: as few digits as tell the ticks apart, a true minus sign.
    static func label(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("e") == false, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// The curve as polylines in data coordinates: a gap (no finite value) ends one, and a
    /// segment that leaves the frame is cut where it crosses the frame's edge.
    func polylines(_ series: PlotSeriesPoints) -> [[(x: Double, y: Double)]] {
        var lines: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        func finish() {
            if current.count >= 2 { lines.append(current) }
            current = []
        }
        var previous: (x: Double, y: Double)?
        for point in series {
            guard let y = point.y else {
                finish()
                previous = nil
                continue
            }
            let here = (x: point.x, y: y)
            defer { previous = here }
            guard let from = previous else { continue }
            // From beyond one edge to beyond the opposite one between two samples is a pole
            // (1/x at 0), not a steep stretch of curve: drawing it would draw a false vertical line.
            if (from.y > yHigh && here.y < yLow) || (from.y < yLow && here.y > yHigh) { finish(); continue }
            guard let (a, b) = clip(from, here) else { finish(); continue }
            if let last = current.last, last.x == a.x, last.y == a.y {
                current.append(b)
            } else {
                finish()
                current = [a, b]
            }
            // A segment cut short at its far end leaves the frame: the next one starts afresh.
            if b.x != here.x || b.y != here.y { finish() }
        }
        finish()
        return lines
    }

    /// Liang–Barsky clipping of the segment from `p` to `q` to the frame; nil when none of it shows.
    func clip(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        let dx = q.x - p.x, dy = q.y - p.y
        var enter = 0.0, leave = 1.0
        for (direction, distance) in [(-dx, p.x - xLow), (dx, xHigh - p.x), (-dy, p.y - yLow), (dy, yHigh - p.y)] {
            if direction == 0 {
                if distance < 0 { return nil }
                continue
            }
            let t = distance / direction
            if direction < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
            if enter > leave { return nil }
        }
        let a = enter == 0 ? p : (x: p.x + enter * dx, y: p.y + enter * dy)
        let b = leave == 1 ? q : (x: p.x + leave * dx, y: p.y + leave * dy)
        return (a, b)
    }
}

/// A series as (x, y) pairs, y nil at a gap.
typealias PlotSeriesPoints = [(x: Double, y: Double?)]

extension CheckedCurve {
    var points: PlotSeriesPoints { Array(zip(series.x, series.y)).map { (x: $0.0, y: $0.1) } }
}

/// The colours and dash patterns of a plot's curves, by position: colours of mid lightness
/// (Okabe and Ito's palette for colour-blind readers) that read on a light page and a dark one
/// alike, and a dash pattern each so that a curve is told apart in grey print too.
enum PlotStyle {
    static let colours: [(hex: String, red: Int, green: Int, blue: Int)] = [
        ("#0072B2", 0, 114, 178), ("#D55E00", 213, 94, 0), ("#009E73", 0, 158, 115),
        ("#CC79A7", 204, 121, 167), ("#E69F00", 230, 159, 0), ("#56B4E9", 86, 180, 233),
    ]
    /// SVG dash arrays (user units); "" is solid.
    static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 2", "1 2"]
    /// The same patterns for TikZ.
    static let tikzDashes = ["solid", "dash pattern=on 4pt off 2.5pt", "dash pattern=on 1.2pt off 1.8pt",
                             "dash pattern=on 5pt off 2pt on 1.2pt off 2pt", "dash pattern=on 2.5pt off 1.2pt",
                             "dotted"]

    static func colour(_ index: Int) -> (hex: String, red: Int, green: Int, blue: Int) { colours[index % colours.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    static func tikzDash(_ index: Int) -> String { tikzDashes[index % tikzDashes.count] }
}
