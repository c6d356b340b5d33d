import Diagnostics

/// What a walk knows about the place of a block: whether it sits in a tight list item (where
/// paragraphs lose their spacing) and how many ordered lists enclose it.
public struct BlockContext: Sendable {
    public var tight = false
    public var orderedListDepth = 0
    public init() {}
}

/// The callbacks of one output of a chapter walk, as cmark's renderers supply theirs to one tree
/// walk: each gets its children already rendered, in document order. Math spans and Derive fences
/// come with their ordinal in the chapter (0, 1, 2, … in document order), which is how results
/// computed by an earlier walk travel with them.
public protocol ChapterVisitor {
    associatedtype Output
    mutating func heading(level: Int, content: [Inline], rendered: Output, position: SourcePosition) -> Output
    mutating func paragraph(_ rendered: Output, context: BlockContext) -> Output
    mutating func list(ordered: Bool, start: Int, tight: Bool, items: [Output], context: BlockContext) -> Output
    mutating func blockQuote(_ rendered: Output) -> Output
    mutating func code(info: String, text: String) -> Output
    mutating func html(block raw: String) -> Output
    mutating func thematicBreak() -> Output
    mutating func fence(_ fence: FencedBlock, ordinal: Int) -> Output
    /// Joins sibling blocks (a chapter, a list item, a quote).
    mutating func blocks(_ rendered: [Output]) -> Output

    mutating func text(_ text: String) -> Output
    mutating func code(inline text: String) -> Output
    mutating func emphasis(_ rendered: Output) -> Output
    mutating func strong(_ rendered: Output) -> Output
    mutating func link(destination: String, title: String, _ rendered: Output) -> Output
    mutating func image(source: String, title: String, alt: [Inline]) -> Output
    mutating func softBreak() -> Output
    mutating func lineBreak() -> Output
    mutating func html(inline raw: String) -> Output
    mutating func math(_ source: SourceText, display: Bool, ordinal: Int) -> Output
    mutating func reference(label: String, position: SourcePosition) -> Output
    /// Joins sibling inlines.
    mutating func inlines(_ rendered: [Output]) -> Output
}

/// The one walk over a chapter's blocks: the checker's collector, the reference check and the
/// writers all go through it, so that every output sees nested content (lists in quotes, fences in
/// list items) the same way and numbers math spans and fences identically.
public struct ChapterWalk {
    private var mathOrdinal = 0
    private var fenceOrdinal = 0

    public init() {}

    /// Walks `blocks` in document order. Nesting is bounded by the reader, so recursion here is as
    /// deep as the Markdown is.
    public static func walk<V: ChapterVisitor>(_ blocks: [Block], with visitor: inout V) -> V.Output {
        var walk = ChapterWalk()
        return walk.blocks(blocks, BlockContext(), &visitor)
    }

    private mutating func blocks<V: ChapterVisitor>(_ blocks: [Block], _ context: BlockContext, _ visitor: inout V) -> V.Output {
        var rendered: [V.Output] = []
        rendered.reserveCapacity(blocks.count)
        for block in blocks { rendered.append(self.block(block, context, &visitor)) }
        return visitor.blocks(rendered)
    }

    private mutating func block<V: ChapterVisitor>(_ block: Block, _ context: BlockContext, _ visitor: inout V) -> V.Output {
        switch block {
        case .heading(let level, let content, let position):
            let rendered = inlines(content, &visitor)
            return visitor.heading(level: level, content: content, rendered: rendered, position: position)
        case .paragraph(let content, _):
            return visitor.paragraph(inlines(content, &visitor), context: context)
        case .list(let ordered, let start, let tight, let items, _):
            var inner = context
            inner.tight = tight
            if ordered { inner.orderedListDepth += 1 }
            let rendered = items.map { blocks($0, inner, &visitor) }
            return visitor.list(ordered: ordered, start: start, tight: tight, items: rendered, context: inner)
        case .blockQuote(let children, _):
            var inner = context
            inner.tight = false
            return visitor.blockQuote(blocks(children, inner, &visitor))
        case .code(let info, let text, _):
            return visitor.code(info: info, text: text)
        case .html(let raw, _):
            return visitor.html(block: raw)
        case .thematicBreak:
            return visitor.thematicBreak()
        case .fenced(let fence):
            defer { fenceOrdinal += 1 }
            return visitor.fence(fence, ordinal: fenceOrdinal)
        }
    }

    private mutating func inlines<V: ChapterVisitor>(_ content: [Inline], _ visitor: inout V) -> V.Output {
        var rendered: [V.Output] = []
        rendered.reserveCapacity(content.count)
        for item in content { rendered.append(inline(item, &visitor)) }
        return visitor.inlines(rendered)
    }

    private mutating func inline<V: ChapterVisitor>(_ inline: Inline, _ visitor: inout V) -> V.Output {
        switch inline {
        case .text(let text): return visitor.text(text)
        case .code(let text): return visitor.code(inline: text)
        case .emphasis(let children): return visitor.emphasis(inlines(children, &visitor))
        case .strong(let children): return visitor.strong(inlines(children, &visitor))
        case .link(let destination, let title, let children):
            return visitor.link(destination: destination, title: title, inlines(children, &visitor))
        case .image(let source, let title, let alt): return visitor.image(source: source, title: title, alt: alt)
        case .softBreak: return visitor.softBreak()
        case .lineBreak: return visitor.lineBreak()
        case .html(let raw): return visitor.html(inline: raw)
        case .math(let source, let display):
            defer { mathOrdinal += 1 }
            return visitor.math(source, display: display, ordinal: mathOrdinal)
        case .reference(let label, let position): return visitor.reference(label: label, position: position)
        }
    }
}

/// A visitor that only wants a few kinds of content (the checker's collector, the reference
/// check): every callback does nothing unless overridden.
public protocol ChapterScanner: ChapterVisitor where Output == Void {}

extension ChapterScanner {
    public mutating func heading(level: Int, content: [Inline], rendered: Void, position: SourcePosition) {}
    public mutating func paragraph(_ rendered: Void, context: BlockContext) {}
    public mutating func list(ordered: Bool, start: Int, tight: Bool, items: [Void], context: BlockContext) {}
    public mutating func blockQuote(_ rendered: Void) {}
    public mutating func code(info: String, text: String) {}
    public mutating func html(block raw: String) {}
    public mutating func thematicBreak() {}
    public mutating func fence(_ fence: FencedBlock, ordinal: Int) {}
    public mutating func blocks(_ rendered: [Void]) {}
    public mutating func text(_ text: String) {}
    public mutating func code(inline text: String) {}
    public mutating func emphasis(_ rendered: Void) {}
    public mutating func strong(_ rendered: Void) {}
    public mutating func link(destination: String, title: String, _ rendered: Void) {}
    public mutating func image(source: String, title: String, alt: [Inline]) {}
    public mutating func softBreak() {}
    public mutating func lineBreak() {}
    public mutating func html(inline raw: String) {}
    public mutating func math(_ source: SourceText, display: Bool, ordinal: Int) {}
    public mutating func reference(label: String, position: SourcePosition) {}
    public mutating func inlines(_ rendered: [Void]) {}
}
