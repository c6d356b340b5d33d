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
    /// The page is scanned and copied by its bytes: every marker sought is ASCII, so each cut
    /// falls between characters.
    mutating func inserting(into html: String) -> String {
        var page = html
        var out: [UInt8] = []
        var changed = false
        page.withUTF8 { bytes in
            var from = 0, copied = 0
            while let start = UTF8Search.firstOffset(of: Self.referenceStart, in: bytes, from: from) {
                let hrefStart = start + Self.referenceStart.count
                guard let hrefEnd = UTF8Search.firstOffset(of: UInt8(ascii: "\""), in: bytes, from: hrefStart),
                      let close = UTF8Search.firstOffset(of: Self.referenceEnd, in: bytes, from: hrefEnd) else { break }
                let end = close + Self.referenceEnd.count
                from = end
                let href = UnsafeBufferPointer(rebasing: bytes[hrefStart..<hrefEnd])
                let anchor = UTF8Search.firstOffset(of: UInt8(ascii: "#"), in: href)
                    .map { String(decoding: UnsafeBufferPointer(rebasing: href[($0 + 1)...]), as: UTF8.self) } ?? ""
                guard let preview = preview(ofAnchor: anchor) else { continue }
                if !changed {
                    out.reserveCapacity(bytes.count * 2)
                    changed = true
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                out.append(contentsOf: Self.spanStart)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                out.append(contentsOf: preview.utf8)
                out.append(contentsOf: Self.spanEnd)
                copied = end
            }
            if changed { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...])) }
        }
        return changed ? String(decoding: out, as: UTF8.self) : html
    }

    private static let spanStart = Array("<span class=\"xref\">".utf8), spanEnd = Array("</span>".utf8)
}
