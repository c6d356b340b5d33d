import Checker
import MathSyntax
import Pipeline

/// The derivation a cross-reference points at, shown beside the reference on hover or focus: the
/// chain's MathML printed at build time from the checked tree, in a span that the stylesheet
/// keeps hidden until then (and in print). No script is involved.
struct HTMLReferencePreview {
    /// Each labelled derivation by anchor; the last one of an anchor wins, as a table filled in
    /// reading order would have it.
    private var derivations: [String: CheckedDerivation] = [:]
    /// The previews printed so far, by anchor: each is printed once per render, and only when a
    /// page cites it.
    private var printed: [String: String] = [:]

    init(book: CheckedBook) {
        for chapter in book.chapters {
            for derivation in chapter.derivations where derivation.label != nil {
                derivations[BookLayout.anchor(of: derivation)] = derivation
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

    /// The preview of the derivation at `anchor`, printed on first use; nil for an unknown anchor.
    private mutating func preview(ofAnchor anchor: String) -> String? {
        if let done = printed[anchor] { return done }
        guard let derivation = derivations[anchor] else { return nil }
        let preview = Self.preview(of: derivation)
        printed[anchor] = preview
        return preview
    }

    private static let referenceStart = Array("<a class=\"eqref\" href=\"".utf8)
    private static let referenceEnd = Array("</a>".utf8)

    /// Wraps every `<a class="eqref" href="page.html#anchor">…</a>` of a rendered page in a span
    /// with the anchor's preview after the link; references to unknown anchors stay as they are.
    /// The page is scanned by its bytes: every marker sought is ASCII, so each cut falls between
    /// characters.
    mutating func inserting(into html: String) -> String {
        var html = html
        // The cuts: (end of the text copied as it is, the anchor's preview or nil, end of the reference).
        var references: [(start: Int, end: Int, anchor: String)] = []
        let total = html.withUTF8 { bytes -> Int in
            var from = 0
            while let start = UTF8Search.firstOffset(of: Self.referenceStart, in: bytes, from: from) {
                let hrefStart = start + Self.referenceStart.count
                guard let hrefEnd = UTF8Search.firstOffset(of: UInt8(ascii: "\""), in: bytes, from: hrefStart),
                      let close = UTF8Search.firstOffset(of: Self.referenceEnd, in: bytes, from: hrefEnd) else { break }
                let href = UnsafeBufferPointer(rebasing: bytes[hrefStart..<hrefEnd])
                let anchor = UTF8Search.firstOffset(of: UInt8(ascii: "#"), in: href)
                    .map { String(decoding: UnsafeBufferPointer(rebasing: href[($0 + 1)...]), as: UTF8.self) } ?? ""
                let end = close + Self.referenceEnd.count
                references.append((start, end, anchor))
                from = end
            }
            return bytes.count
        }
        guard !references.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(total + 2048 * references.count)
        let utf8 = html.utf8
        var copied = 0
        func piece(_ from: Int, _ to: Int) -> Substring {
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        }
        for reference in references {
            if let preview = preview(ofAnchor: reference.anchor) {
                out += piece(copied, reference.start)
                out += "<span class=\"xref\">"
                out += piece(reference.start, reference.end)
                out += preview
                out += "</span>"
                copied = reference.end
            }
        }
        out += piece(copied, total)
        return out
    }
}
