extension Array where Element == Inline {
    /// The inlines as plain text, for titles and tables of contents: markup dropped, math kept as
    /// the author wrote it (`$…$`), line breaks as spaces.
    public var plainText: String {
        map(\.plainText).joined()
    }
}

extension Inline {
    /// This inline as plain text (see `[Inline].plainText`).
    public var plainText: String {
        switch self {
        case let .text(text), let .code(text): return text
        case let .emphasis(children), let .strong(children), let .link(_, _, children):
            return children.plainText
        case let .image(_, _, alt): return alt.plainText
        case .softBreak, .lineBreak: return " "
        case .html: return ""
        case let .math(source, display): return display ? "$$\(source.text)$$" : "$\(source.text)$"
        case let .reference(label, _): return "(\(label))"
        }
    }
}
