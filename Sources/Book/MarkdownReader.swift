import CCmark
import Diagnostics

/// Turns one chapter's Markdown into blocks with source positions, in two cmark passes: the first
/// finds where inline content lives, math protection replaces math and references there by
/// placeholders, and the second parses the protected text into the chapter model.
struct MarkdownReader {
    /// Containers and inlines nested deeper than this are reported rather than followed, so that
    /// hostile input cannot exhaust the stack. Far beyond what cmark renders in practice (1,000
    /// nested block quotes are fine); the walks below, and the checker's and writers' walks over
    /// the blocks, recurse once per level and run on a deep stack (`DeepStack`).
    static let maximumDepth = 10_000

    let file: String
    let source: SourceLines
    let protected: SourceLines
    let placeholders: Placeholders
    private(set) var diagnostics: [Diagnostic] = []
    private var reportedDepth = false

    /// Reads `text`; problems are returned, not thrown, so that a caller can collect them all.
    static func read(text: String, file: String) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let source = SourceLines(text, file: file)
        let (regions, layout) = CmarkNode.parse(source.text) {
            (InlineRegion.find(in: $0, source: source), MathLabels.Layout.of($0, lineCount: source.lines.count))
        }
        let protection = MathProtection(source: source, regions: regions, file: file, layout: layout)
        var reader = MarkdownReader(file: file, source: source, protected: protection.protectedLines,
                                    placeholders: protection.placeholders,
                                    diagnostics: protection.diagnostics)
        let blocks = CmarkNode.parse(reader.protected.text) { reader.blocks(of: $0, depth: 0) }
        return (blocks, reader.diagnostics)
    }

    private init(file: String, source: SourceLines, protected: SourceLines, placeholders: Placeholders,
                 diagnostics: [Diagnostic]) {
        self.file = file
        self.source = source
        self.protected = protected
        self.placeholders = placeholders
        self.diagnostics = diagnostics
    }

    private func position(of node: CmarkNode) -> SourcePosition {
        protected.position(line: node.startLine, byteColumn: node.startColumn)
    }

    private mutating func tooDeep(_ depth: Int, at position: SourcePosition) -> Bool {
        guard depth > Self.maximumDepth else { return false }
        if !reportedDepth {
            reportedDepth = true
            diagnostics.append(.error(position,
                "content nested more than \(Self.maximumDepth) levels deep; the deeper part is left out"))
        }
        return true
    }

    // MARK: Blocks

    mutating func blocks(of node: CmarkNode, depth: Int) -> [Block] {
        guard !tooDeep(depth, at: position(of: node)) else { return [] }
        return node.children.compactMap { block($0, depth: depth + 1) }
    }

    private mutating func block(_ node: CmarkNode, depth: Int) -> Block? {
        let position = position(of: node)
        switch node.type {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(of: node, depth: depth, at: position), position: position)
        case CMARK_NODE_HEADING:
            return .heading(level: node.headingLevel, inlines(of: node, depth: depth, at: position),
                            position: position)
        case CMARK_NODE_LIST:
            let items = node.children.map { blocks(of: $0, depth: depth + 1) }
            return .list(ordered: node.isOrderedList, start: node.listStart, tight: node.listTight,
                         items: items, position: position)
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(of: node, depth: depth), position: position)
        case CMARK_NODE_CODE_BLOCK:
            return codeBlock(node, at: position)
        case CMARK_NODE_HTML_BLOCK:
            var html = placeholders.restore(node.literal)
            if html.hasSuffix("\n") { html.removeLast() }
            return .html(html, position: position)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak(position: position)
        default:
            return nil
        }
    }

    // MARK: Code and Derive fences

    private mutating func codeBlock(_ node: CmarkNode, at position: SourcePosition) -> Block {
        let info = node.fenceInfo
        var literal = placeholders.restore(node.literal)
        // Only a fenced block has an info string; an indented block (or a bare fence) is plain code,
        // kept byte for byte as cmark gives it (final newline included).
        guard let fence = FenceLine(source.line(node.startLine), from: position.column - 1),
              let kind = fence.kind else {
            return .code(info: info, text: literal, position: position)
        }
        if literal.hasSuffix("\n") { literal.removeLast() }
        var parser = FenceAttributeParser(
            text: fence.attributeText,
            origin: SourcePosition(file: file, line: position.line, column: fence.attributeColumn),
            file: file)
        let attributes = parser.parse(kind: kind)
        diagnostics += parser.diagnostics
        if !fence.isClosed(by: source.line(node.endLine), onSameLine: node.endLine == node.startLine) {
            diagnostics.append(.error(position,
                "the '\(kind.rawValue)' fence opened here is never closed",
                details: ["close it with a line of \(fence.length) '\(fence.character)' characters"]))
        }
        let body = bodyText(literal, fenceLine: node.startLine, fenceColumn: position.column)
        return .fenced(FencedBlock(kind: kind, body: body, attributes: attributes, position: position))
    }

    /// The body with each line's file origin: the column where cmark's literal line sits inside the
    /// file line (after the fence's indentation and any container markers).
    private func bodyText(_ literal: String, fenceLine: Int, fenceColumn: Int) -> SourceText {
        let bodyLines = literal.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var origins: [SourcePosition] = []
        for (index, bodyLine) in bodyLines.enumerated() {
            let number = fenceLine + 1 + index
            let fileLine = source.line(number)
            let column: Int
            if fileLine.count >= bodyLine.count, fileLine.suffix(bodyLine.count).elementsEqual(bodyLine) {
                column = fileLine.count - bodyLine.count + 1
            } else {
                // cmark rewrote the line (a tab split by the indentation): the fence's column is
                // the best guess.
                column = fenceColumn
            }
            origins.append(SourcePosition(file: file, line: number, column: column))
        }
        return SourceText(file: file, text: literal, lineOrigins: origins)
    }

    // MARK: Inlines

    /// One converted inline or the marker of a placeholder that continues a multi-line span.
    private enum Item {
        case inline(Inline)
        case continuation
    }

    private mutating func inlines(of node: CmarkNode, depth: Int, at position: SourcePosition) -> [Inline] {
        guard !tooDeep(depth, at: position) else { return [] }
        var items: [Item] = []
        for child in node.children {
            items += self.items(child, depth: depth + 1, at: position)
        }
        // A multi-line span's later lines only continue it: drop them with the line break before.
        var result: [Inline] = []
        for item in items {
            switch item {
            case .continuation:
                if case .softBreak? = result.last { result.removeLast() }
            case let .inline(.text(text)):
                if case let .text(previous)? = result.last {
                    result[result.count - 1] = .text(previous + text)
                } else {
                    result.append(.text(text))
                }
            case let .inline(inline):
                result.append(inline)
            }
        }
        return result
    }

    private mutating func items(_ node: CmarkNode, depth: Int, at position: SourcePosition) -> [Item] {
        switch node.type {
        case CMARK_NODE_TEXT:
            return placeholders.split(node.literal).map { piece in
                switch piece {
                case let .text(text):
                    return .inline(.text(text))
                case let .entry(index):
                    let entry = placeholders.entries[index]
                    return entry.isContinuation ? .continuation : .inline(placeholders.spans[entry.span].inline)
                }
            }
        case CMARK_NODE_CODE:
            return [.inline(.code(placeholders.restore(node.literal)))]
        case CMARK_NODE_SOFTBREAK:
            return [.inline(.softBreak)]
        case CMARK_NODE_LINEBREAK:
            return [.inline(.lineBreak)]
        case CMARK_NODE_HTML_INLINE:
            return [.inline(.html(placeholders.restore(node.literal)))]
        case CMARK_NODE_EMPH:
            return [.inline(.emphasis(inlines(of: node, depth: depth, at: position)))]
        case CMARK_NODE_STRONG:
            return [.inline(.strong(inlines(of: node, depth: depth, at: position)))]
        case CMARK_NODE_LINK:
            let destination = placeholders.restore(node.url)
            let children = inlines(of: node, depth: depth, at: position)
            // `[](#eq:label)` is normally caught before cmark; this covers spellings such as
            // `[](<#eq:label>)`, whose exact column is no longer known.
            if children.isEmpty, destination.hasPrefix("#"), destination.count > 1 {
                return [.inline(.reference(label: String(destination.dropFirst()), position: position))]
            }
            return [.inline(.link(destination: destination, title: placeholders.restore(node.title),
                                  children))]
        case CMARK_NODE_IMAGE:
            return [.inline(.image(source: placeholders.restore(node.url),
                                   title: placeholders.restore(node.title),
                                   alt: inlines(of: node, depth: depth, at: position)))]
        default:
            return []
        }
    }
}

/// The opening line of a fenced code block, read from the source so that attribute errors can
/// point at their column: the fence run, the info word and the attribute text after it.
struct FenceLine {
    var character: Unicode.Scalar
    var length: Int
    /// The info word (`derive`), up to white space or `{`.
    var word: String
    var attributeText: String
    /// 1-based column of `attributeText`'s first scalar.
    var attributeColumn: Int

    var kind: FenceKind? { FenceKind(rawValue: word) }

    /// `line` is the file line, `start` the 0-based scalar offset where cmark says the block starts.
    init?(_ line: [Unicode.Scalar], from start: Int) {
        var cursor = max(start, 0)
        while cursor < line.count, line[cursor].isMarkdownSpace { cursor += 1 }
        guard cursor < line.count, line[cursor] == "`" || line[cursor] == "~" else { return nil }
        character = line[cursor]
        let runStart = cursor
        while cursor < line.count, line[cursor] == character { cursor += 1 }
        length = cursor - runStart
        guard length >= 3 else { return nil }
        while cursor < line.count, line[cursor].isMarkdownSpace { cursor += 1 }
        var word = String.UnicodeScalarView()
        while cursor < line.count, !line[cursor].isWhitespaceLike, line[cursor] != "{" {
            word.append(line[cursor])
            cursor += 1
        }
        guard !word.isEmpty else { return nil }
        self.word = String(word)
        attributeColumn = cursor + 1
        attributeText = String(String.UnicodeScalarView(line[cursor...]))
    }

    /// Whether `last`, the block's last line, is a closing fence for this opening.
    func isClosed(by last: [Unicode.Scalar], onSameLine: Bool) -> Bool {
        guard !onSameLine else { return false }
        var cursor = 0
        while cursor < last.count, last[cursor].isMarkdownSpace || last[cursor] == ">" { cursor += 1 }
        var run = 0
        while cursor < last.count, last[cursor] == character { run += 1; cursor += 1 }
        while cursor < last.count, last[cursor].isMarkdownSpace { cursor += 1 }
        return run >= length && cursor == last.count
    }
}
