import Book
import Checker
import Diagnostics
import MathSyntax
import Pipeline

/// The book's results and which rests on which: a node per labelled derivation (and per
/// unlabelled one that cites another), an edge from a derivation to each one it cites with
/// `\eqref` in its justifications or in the prose that leads up to it. Both writers draw the map
/// of results from this one value.
struct ResultGraph: Equatable {
    /// One derivation on the map.
    struct Node: Equatable {
        /// The derivation's anchor (its label, or `eq-3-7`), unique in the book.
        var anchor: String
        var label: String?
        /// "3.7".
        var number: String
        var chapter: Int
        /// The verdict of the whole derivation: its worst link's (refuted before inconclusive
        /// before unchecked before verified); unchecked when it has no link.
        var verdict: Verdict
    }

    /// `from` cites `to`: indices into `nodes`.
    struct Edge: Equatable, Hashable {
        var from: Int
        var to: Int
    }

    var nodes: [Node]
    var edges: [Edge]

    /// Prose citations count for the next derivation of the same chapter (the prose that leads up
    /// to it); those after a chapter's last derivation cite on behalf of none and are left out.
    /// A derivation citing itself is no edge.
    init(_ book: CheckedBook) {
        var candidates: [(node: Node, cites: [String])] = []
        for chapter in book.chapters {
            var scanner = CitationScanner(chapter: chapter)
            ChapterWalk.walk(chapter.chapter.blocks, with: &scanner)
            for (derivation, prose) in zip(chapter.derivations, scanner.proseCitations) {
                let node = Node(anchor: BookLayout.anchor(of: derivation), label: derivation.label,
                                number: derivation.number, chapter: chapter.number,
                                verdict: Self.verdict(of: derivation))
                candidates.append((node, prose + Self.citations(inJustificationsOf: derivation)))
            }
        }
        let labelled = Set(candidates.compactMap(\.node.label))
        let kept = candidates.filter { $0.node.label != nil || $0.cites.contains(where: labelled.contains) }
        nodes = kept.map(\.node)
        var index: [String: Int] = [:]
        for (position, node) in nodes.enumerated() { if let label = node.label { index[label] = position } }
        var edges: [Edge] = []
        var seen = Set<Edge>()
        for (from, candidate) in kept.enumerated() {
            for label in candidate.cites {
                guard let to = index[label], to != from else { continue }
                let edge = Edge(from: from, to: to)
                if seen.insert(edge).inserted { edges.append(edge) }
            }
        }
        self.edges = edges
    }

    /// The labels a derivation cites in its links' justifications, in order.
    static func citations(inJustificationsOf derivation: CheckedDerivation) -> [String] {
        derivation.chain.links.flatMap { link -> [String] in
            guard let text = link.justification else { return [] }
            return citations(in: text)
        }
    }

    /// Every `\eqref{label}` in a text, trimmed labels in order.
    static func citations(in text: String) -> [String] {
        // Most justifications cite nothing: their bytes are searched once, without Foundation.
        guard UTF8Search.contains(anyOf: [eqrefBytes], in: text) else { return [] }
        var labels: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\\eqref{") {
            rest = rest[start.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let label = rest[..<close].trimmingCharacters(in: .whitespaces)
            if !label.isEmpty { labels.append(label) }
            rest = rest[rest.index(after: close)...]
        }
        return labels
    }

    private static let eqrefBytes = Array("\\eqref{".utf8)

    static func verdict(of derivation: CheckedDerivation) -> Verdict {
        let verdicts = Set(derivation.links.map(\.verdict))
        for verdict in [Verdict.refuted, .inconclusive, .unchecked, .verified] where verdicts.contains(verdict) {
            return verdict
        }
        return .unchecked
    }

    /// The nodes `node` cites, and those citing it, as indices.
    func cited(by node: Int) -> [Int] { edges.filter { $0.from == node }.map(\.to) }
    func citing(_ node: Int) -> [Int] { edges.filter { $0.to == node }.map(\.from) }
}

/// Walks one chapter and collects, for each derivation in document order, the labels that the
/// prose since the previous derivation cites.
private struct CitationScanner: ChapterScanner {
    let chapter: CheckedChapter
    private(set) var proseCitations: [[String]] = []
    private var pending: [String] = []

    init(chapter: CheckedChapter) { self.chapter = chapter }

    mutating func reference(label: String, position: SourcePosition) { pending.append(label) }

    mutating func link(destination: String, title: String, _ rendered: Void) {
        if destination.hasPrefix("#eq:") { pending.append(String(destination.dropFirst())) }
    }

    mutating func fence(_ fence: FencedBlock, ordinal: Int) {
        // Only fences that were analysed into a derivation line up with `chapter.derivations`.
        guard case .derive? = chapter.fence(ordinal) else { return }
        proseCitations.append(pending)
        pending = []
    }
}
