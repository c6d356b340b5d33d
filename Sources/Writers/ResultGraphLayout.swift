/// Where the map of results puts each node and edge, computed once so that the SVG and the TikZ
/// picture agree: one band per chapter, top to bottom, with its derivations in reading order,
/// left to right, wrapping after `perRow`; each edge a cubic curve from the citing box to the
/// cited one. Coordinates are in points with y growing downwards, as in SVG.
struct ResultGraphLayout: Equatable {
    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    struct Box: Equatable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var centre: Point { Point(x: x + width / 2, y: y + height / 2) }
    }

    /// A chapter's band: its caption's baseline.
    struct Band: Equatable {
        var chapter: Int
        var title: String
        var captionBaseline: Double
    }

    /// A cubic Bézier curve.
    struct Curve: Equatable {
        var start: Point
        var control1: Point
        var control2: Point
        var end: Point
    }

    var boxes: [Box]
    var bands: [Band]
    var curves: [Curve]
    var width: Double
    var height: Double

    static let boxWidth = 46.0
    static let boxHeight = 20.0
    static let columnPitch = 58.0
    static let rowPitch = 34.0
    static let captionHeight = 24.0
    static let margin = 12.0

    /// `titles` by chapter number caption the bands; chapters without a node get no band.
    init(_ graph: ResultGraph, titles: [Int: String], perRow: Int = 16) {
        let perRow = max(perRow, 1)
        var boxes = [Box](repeating: Box(x: 0, y: 0, width: 0, height: 0), count: graph.nodes.count)
        var bands: [Band] = []
        var y = Self.margin
        var widest = 0
        var chapters: [Int] = []
        for node in graph.nodes where !chapters.contains(node.chapter) { chapters.append(node.chapter) }
        for chapter in chapters {
            bands.append(Band(chapter: chapter, title: titles[chapter] ?? "Chapter \(chapter)", captionBaseline: y + 15))
            y += Self.captionHeight
            let members = graph.nodes.indices.filter { graph.nodes[$0].chapter == chapter }
            for (position, node) in members.enumerated() {
                let row = position / perRow, column = position % perRow
                widest = max(widest, column + 1)
                boxes[node] = Box(x: Self.margin + Double(column) * Self.columnPitch, y: y + Double(row) * Self.rowPitch,
                                  width: Self.boxWidth, height: Self.boxHeight)
            }
            let rows = (members.count + perRow - 1) / perRow
            y += Double(rows) * Self.rowPitch + 4
        }
        self.boxes = boxes
        self.bands = bands
        self.curves = graph.edges.map { Self.curve(from: boxes[$0.from], to: boxes[$0.to]) }
        width = 2 * Self.margin + Double(max(widest, 1) - 1) * Self.columnPitch + Self.boxWidth
        height = y + Self.margin
    }

    /// From the side of `from` that faces `to`, to the facing side of `to`; boxes in one row are
    /// joined by an arc over the row, so that the curve does not run through its neighbours.
    static func curve(from: Box, to: Box) -> Curve {
        let a = from.centre, b = to.centre
        if abs(a.y - b.y) < 1 {
            let start = Point(x: a.x, y: from.y), end = Point(x: b.x, y: to.y)
            let lift = min(rowPitch * 0.9, 10 + abs(a.x - b.x) / 6)
            return Curve(start: start, control1: Point(x: start.x, y: start.y - lift),
                         control2: Point(x: end.x, y: end.y - lift), end: end)
        }
        let downwards = b.y > a.y
        let start = Point(x: a.x, y: downwards ? from.y + from.height : from.y)
        let end = Point(x: b.x, y: downwards ? to.y : to.y + to.height)
        let bend = max(abs(end.y - start.y) / 2, 12)
        let sign = downwards ? 1.0 : -1.0
        return Curve(start: start, control1: Point(x: start.x, y: start.y + sign * bend),
                     control2: Point(x: end.x, y: end.y - sign * bend), end: end)
    }
}
