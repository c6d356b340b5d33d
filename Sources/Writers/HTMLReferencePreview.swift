import Checker
import MathSyntax
import Pipeline

/// The derivation a cross-reference points at, shown beside the reference on hover or focus: the
/// chain's MathML printed at build time from the checked tree, in a span that the stylesheet
/// keeps hidden until then (and in print). No script is involved.
struct HTMLReferencePreview {
    /// The preview's markup per anchor.
    private var previews: [String: String] = [:]

    init(book: CheckedBook) {
        for chapter in book.chapters {
            for derivation in chapter.derivations where derivation.label != nil {
                previews[BookLayout.anchor(of: derivation)] = Self.preview(of: derivation)
            }
        }
    }

    /// The number, label and verdict, then the chain as aligned rows (relation and right side).
    static func preview(of derivation: CheckedDerivation) -> String {
        let verdict = ResultGraph.verdict(of: derivation)
        // As the derivation itself sets it: the first side across both columns, the links under it.
        var rows = ["<mtr><mtd class=\"first\" columnspan=\"2\">\(MathMLPrinter.content(derivation.chain.first))</mtd></mtr>"]
        for link in derivation.chain.links {
            rows.append("<mtr><mtd></mtd><mtd>\(MathMLPrinter.content(link.relation))\(MathMLPrinter.content(link.rhs))</mtd></mtr>")
        }
        let label = derivation.label.map { " <code>\(HTMLEscaping.text($0))</code>" } ?? ""
        return "<span class=\"preview\" role=\"tooltip\"><span class=\"preview-head\">(\(HTMLEscaping.text(derivation.number)))\(label) "
            + "\(HTMLVerdictMark.html(verdict)) \(verdict.rawValue)</span>"
            + "<math display=\"block\"><mtable class=\"chain\" displaystyle=\"true\" columnalign=\"right left\">"
            + rows.joined() + "</mtable></math></span>"
    }

    static let referenceStart = "<a class=\"eqref\" href=\""

    /// Wraps every `<a class="eqref" href="page.html#anchor">…</a>` of a rendered page in a span
    /// with the anchor's preview after the link; references to unknown anchors stay as they are.
    func inserting(into html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: Self.referenceStart) {
            guard let hrefEnd = rest[start.upperBound...].firstIndex(of: "\""),
                  let close = rest[hrefEnd...].range(of: "</a>") else { break }
            let href = rest[start.upperBound..<hrefEnd]
            let anchor = href.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            out += rest[..<start.lowerBound]
            if let preview = previews[anchor] {
                out += "<span class=\"xref\">" + rest[start.lowerBound..<close.upperBound] + preview + "</span>"
            } else {
                out += rest[start.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
