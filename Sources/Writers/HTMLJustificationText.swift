extension HTMLChapterRenderer {
    /// The words of a justification as MathML text, each `\eqref{label}` in them a link to its
    /// derivation (an HTML link inside an `<mtext>`, which may hold HTML), as in prose.
    func justificationText(_ words: String) -> String {
        var out = ""
        var rest = Substring(words)
        func text(_ part: Substring) {
            guard !part.isEmpty else { return }
            out += "<mtext class=\"justification\">\(HTMLEscaping.text(Self.keepingEdgeSpaces(String(part))))</mtext>"
        }
        while let start = rest.range(of: "\\eqref{"), let close = rest[start.upperBound...].firstIndex(of: "}") {
            let label = rest[start.upperBound..<close].trimmingCharacters(in: .whitespaces)
            text(rest[..<start.lowerBound])
            if let target = layout.target(ofLabel: label) {
                out += "<mtext class=\"justification\"><a class=\"eqref\" href=\"\(HTMLEscaping.attribute(target.stem + ".html#" + target.anchor))\">"
                    + "(\(HTMLEscaping.text(target.number)))</a></mtext>"
            } else {
                out += "<mtext class=\"justification reference-error\">(\(HTMLEscaping.text(label)))</mtext>"
            }
            rest = rest[rest.index(after: close)...]
        }
        if out.isEmpty { return "<mtext class=\"justification\">\(HTMLEscaping.text(String(rest)))</mtext>" }
        text(rest)
        return out
    }
}
