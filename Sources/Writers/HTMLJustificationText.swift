extension HTMLChapterRenderer {
    /// The words of a justification as HTML for the inside of its `<mtext>`, each `\eqref{label}`
    /// in them the same link as in prose.
    func justificationHTML(_ words: String) -> String {
        var out = ""
        var rest = Substring(words)
        while let start = rest.range(of: "\\eqref{"), let close = rest[start.upperBound...].firstIndex(of: "}") {
            let label = rest[start.upperBound..<close].trimmingCharacters(in: .whitespaces)
            out += HTMLEscaping.text(String(rest[..<start.lowerBound])) + reference(label)
            rest = rest[rest.index(after: close)...]
        }
        return out + HTMLEscaping.text(String(rest))
    }
}
