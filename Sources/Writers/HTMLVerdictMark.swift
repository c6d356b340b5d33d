import Checker

/// How a verdict looks on the site: a glyph that differs in shape (not only in colour), a class
/// the stylesheet colours, and the word for titles and screen readers.
enum HTMLVerdictMark {
    static func glyph(_ verdict: Verdict) -> String {
        switch verdict {
        case .verified: return "✓"
        case .refuted: return "✗"
        case .inconclusive: return "?"
        case .unchecked: return "○"
        }
    }

    /// An HTML mark with its accessible name.
    static func html(_ verdict: Verdict) -> String {
        let word = verdict.rawValue
        return "<span class=\"mark \(word)\" role=\"img\" title=\"\(word)\" aria-label=\"\(word)\">\(glyph(verdict))</span>"
    }

    /// The same mark inside MathML, where only MathML elements may appear.
    static func mathML(_ verdict: Verdict) -> String {
        let word = verdict.rawValue
        return "<mtext class=\"mark \(word)\" title=\"\(word)\" aria-label=\"\(word)\">\(glyph(verdict))</mtext>"
    }
}
