import Checker
import Pipeline

/// `map.html`: the map of results as an SVG drawn at build time from `ResultGraph` and its
/// layout, each node a link to its derivation coloured by its verdict, and the same citations as
/// a list, for readers who do not see the picture.
struct HTMLMapPage {
    static let fileName = "map.html"

    let book: CheckedBook
    let layout: BookLayout
    let graph: ResultGraph
    let geometry: ResultGraphLayout

    init(book: CheckedBook, layout: BookLayout) {
        self.book = book
        self.layout = layout
        graph = ResultGraph(book)
        var titles: [Int: String] = [:]
        for chapter in book.chapters { titles[chapter.number] = "\(chapter.number) \(chapter.chapter.title)" }
        geometry = ResultGraphLayout(graph, titles: titles)
    }

    func content() -> String {
        let counts = Dictionary(grouping: graph.nodes, by: \.verdict).mapValues(\.count)
        let legend = [Verdict.verified, .unchecked, .inconclusive, .refuted].map {
            "<span class=\"legend-item\"><span class=\"swatch \($0.rawValue)\"></span> \($0.rawValue) (\(counts[$0] ?? 0))</span>"
        }.joined(separator: " ")
        return """
        <h1 id="map-of-results">Map of results</h1>
        <p>Each box is a derivation of the book, in reading order by chapter; an arrow runs from a derivation \
        to each one that its justifications, or the prose leading up to it, cite. A box is coloured by the \
        derivation's verdict (its weakest link's) and leads to it. \(graph.nodes.count) derivations, \
        \(graph.edges.count) citations.</p>
        <p class="legend">\(legend)</p>
        <div class="map-frame">
        \(svg())
        </div>
        <h2 id="citations">The citations as a list</h2>
        \(list())
        """
    }

    func svg() -> String {
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"result-map\" viewBox=\"0 0 \(Self.n(geometry.width)) \(Self.n(geometry.height))\" "
                     + "width=\"\(Self.n(geometry.width))\" height=\"\(Self.n(geometry.height))\" role=\"img\" aria-labelledby=\"map-title\">",
                     "<title id=\"map-title\">Map of results: \(graph.nodes.count) derivations, \(graph.edges.count) citations</title>",
                     "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                     + "orient=\"auto-start-reverse\"><path class=\"arrowhead\" d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>",
                     "<g class=\"bands\">"]
        for band in geometry.bands {
            parts.append("<text class=\"band-caption\" x=\"\(Self.n(ResultGraphLayout.margin))\" y=\"\(Self.n(band.captionBaseline))\">"
                         + "\(HTMLEscaping.text(band.title))</text>")
        }
        parts.append("</g>\n<g class=\"edges\">")
        for curve in geometry.curves {
            parts.append("<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M \(Self.p(curve.start)) C \(Self.p(curve.control1)) "
                         + "\(Self.p(curve.control2)) \(Self.p(curve.end))\"/>")
        }
        parts.append("</g>\n<g class=\"nodes\">")
        for (node, box) in zip(graph.nodes, geometry.boxes) {
            let href = layout.stem(of: node.chapter) + ".html#" + node.anchor
            let name = node.label.map { "\($0) (\(node.number))" } ?? "(\(node.number))"
            parts.append("<a href=\"\(HTMLEscaping.attribute(href))\"><title>\(HTMLEscaping.text(name)): \(node.verdict.rawValue)</title>"
                         + "<rect class=\"node \(node.verdict.rawValue)\" x=\"\(Self.n(box.x))\" y=\"\(Self.n(box.y))\" "
                         + "width=\"\(Self.n(box.width))\" height=\"\(Self.n(box.height))\" rx=\"4\"/>"
                         + "<text class=\"node-label\" x=\"\(Self.n(box.centre.x))\" y=\"\(Self.n(box.centre.y + 4))\" "
                         + "text-anchor=\"middle\">\(HTMLEscaping.text(node.number))</text></a>")
        }
        parts.append("</g>\n</svg>")
        return parts.joined(separator: "\n")
    }

    /// One line per derivation that cites another: what it cites.
    private func list() -> String {
        var items: [String] = []
        for (index, node) in graph.nodes.enumerated() {
            let cited = graph.cited(by: index)
            guard !cited.isEmpty else { continue }
            let targets = cited.map { link(to: graph.nodes[$0]) }
            items.append("<li>\(link(to: node)) cites \(targets.joined(separator: ", "))</li>")
        }
        return items.isEmpty ? "<p>No derivation cites another.</p>" : "<ul class=\"citations\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    private func link(to node: ResultGraph.Node) -> String {
        let href = layout.stem(of: node.chapter) + ".html#" + node.anchor
        return "\(HTMLVerdictMark.html(node.verdict)) <a href=\"\(HTMLEscaping.attribute(href))\">(\(HTMLEscaping.text(node.number)))</a>"
            + (node.label.map { " <code>\(HTMLEscaping.text($0))</code>" } ?? "")
    }

    /// A coordinate with at most one decimal, so that the file stays small and stable.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func p(_ point: ResultGraphLayout.Point) -> String { "\(n(point.x)) \(n(point.y))" }
}
