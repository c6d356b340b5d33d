import CCmark

/// The stretch of source that one paragraph or heading's inline content occupies: for each of its
/// lines, the line number and the column where content starts (after container markers).
///
/// Math protection scans only these regions, so that code blocks, HTML blocks and fence bodies are
/// never touched and a math span never crosses a block boundary (a blank line ends a paragraph).
struct InlineRegion: Sendable {
    struct Line: Sendable {
        /// 1-based line number.
        var number: Int
        /// 1-based scalar column of the first content character.
        var startColumn: Int
    }
    var lines: [Line]

    /// Finds every paragraph and heading of a parsed document. Walks with an explicit stack so
    /// that deeply nested input cannot exhaust the call stack.
    static func find(in document: CmarkNode, source: SourceLines) -> [InlineRegion] {
        var regions: [InlineRegion] = []
        // (node, number of enclosing block quotes); children pushed in reverse to keep order.
        var stack: [(CmarkNode, Int)] = [(document, 0)]
        while let (node, quotes) = stack.popLast() {
            switch node.type {
            case CMARK_NODE_PARAGRAPH:
                regions.append(region(node, lastLine: node.endLine, quotes: quotes, source: source))
            case CMARK_NODE_HEADING:
                // An ATX heading is one line; a setext heading ends with its underline.
                let last = node.endLine > node.startLine ? node.endLine - 1 : node.startLine
                regions.append(region(node, lastLine: last, quotes: quotes, source: source))
            case CMARK_NODE_DOCUMENT, CMARK_NODE_LIST, CMARK_NODE_ITEM:
                stack += node.children.reversed().map { ($0, quotes) }
            case CMARK_NODE_BLOCK_QUOTE:
                stack += node.children.reversed().map { ($0, quotes + 1) }
            default:
                break
            }
        }
        return regions
    }

    private static func region(_ node: CmarkNode, lastLine: Int, quotes: Int,
                               source: SourceLines) -> InlineRegion {
        let first = node.startLine
        var lines = [Line(number: first,
                          startColumn: source.scalarColumn(line: first, byteColumn: node.startColumn))]
        if lastLine > first {
            for number in (first + 1)...lastLine {
                lines.append(Line(number: number,
                                  startColumn: continuationStart(source.line(number), quotes: quotes)))
            }
        }
        return InlineRegion(lines: lines)
    }

    /// Where a paragraph continuation line's content starts: after up to `quotes` block-quote
    /// markers (a lazy line may omit them) and the white space that cmark strips.
    static func continuationStart(_ line: [Unicode.Scalar], quotes: Int) -> Int {
        var index = 0
        var remaining = quotes
        while true {
            while index < line.count, line[index].isMarkdownSpace { index += 1 }
            guard remaining > 0, index < line.count, line[index] == ">" else { break }
            index += 1
            remaining -= 1
        }
        return index + 1
    }
}
