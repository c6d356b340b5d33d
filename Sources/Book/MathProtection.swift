import Diagnostics

/// Finds math spans and cross-references in the inline regions of a chapter and replaces them by
/// placeholders, so that cmark's inline parser never sees their content (DESIGN.md §1.1).
///
/// The scan follows cmark's own precedence: backslash escapes, code spans, autolinks and raw HTML
/// tags are recognised so that dollars inside them stay what they are; otherwise a math span takes
/// precedence over everything, like a code span.
struct MathProtection: Sendable {
    /// The chapter's lines with every protected span replaced by placeholders.
    var protectedLines: SourceLines
    var placeholders: Placeholders
    var diagnostics: [Diagnostic]

    /// `layout` (from the same first parse as `regions`) lets a link label that holds math find its
    /// reference definition, see `MathLabels`.
    init(source: SourceLines, regions: [InlineRegion], file: String, layout: MathLabels.Layout? = nil) {
        var placeholders = Placeholders(avoiding: source.text)
        var labels = MathLabels()
        var diagnostics: [Diagnostic] = []
        // Edits per 0-based line: (start, end) scalar offsets and the replacement.
        var edits: [Int: [(Range<Int>, String)]] = [:]

        for region in regions {
            let cells = Cell.cells(of: region, in: source)
            var scanner = RegionScanner(cells: cells, file: file)
            let found = scanner.scan()
            diagnostics += scanner.diagnostics
            var singleLine: [(range: Range<Int>, placeholder: String)] = []
            for (range, kind) in found {
                let spanIndex = placeholders.add(ProtectedSpan(kind: kind))
                // One placeholder per line the span touches; newline cells separate the pieces.
                var pieceStart = range.lowerBound
                var isContinuation = false
                for index in range.lowerBound...range.upperBound {
                    let atEnd = index == range.upperBound
                    guard atEnd || cells[index].scalar == "\n" else { continue }
                    if pieceStart < index {
                        let first = cells[pieceStart]
                        let raw = String(String.UnicodeScalarView(cells[pieceStart..<index].map(\.scalar)))
                        let text = placeholders.placeholder(span: spanIndex,
                                                            isContinuation: isContinuation, raw: raw)
                        if case .math = kind, !isContinuation, atEnd { singleLine.append((range, text)) }
                        let lineIndex = first.position.line - 1
                        let start = first.position.column - 1
                        edits[lineIndex, default: []].append((start..<(start + index - pieceStart), text))
                    }
                    pieceStart = index + 1
                    isContinuation = true
                }
            }
            if layout != nil { labels.collect(cells: cells, spans: singleLine) }
        }

        var lines = source.lines
        for (lineIndex, lineEdits) in edits where lineIndex < lines.count {
            // Rebuilt in one pass: replacing in place would move the tail once per edit.
            let old = lines[lineIndex]
            var rebuilt: [Unicode.Scalar] = []
            rebuilt.reserveCapacity(old.count + 16 * lineEdits.count)
            var copied = 0
            for (range, text) in lineEdits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound })
            where range.lowerBound >= copied && range.upperBound <= old.count {
                rebuilt += old[copied..<range.lowerBound]
                rebuilt += text.unicodeScalars
                copied = range.upperBound
            }
            rebuilt += old[copied...]
            lines[lineIndex] = rebuilt
        }
        if let layout { lines += labels.repeatedDefinitions(in: source, layout: layout) }
        self.protectedLines = SourceLines(lines: lines, file: file)
        self.placeholders = placeholders
        self.diagnostics = diagnostics
    }
}

/// One scalar of an inline region with its file position; lines are joined by "\n" cells.
struct Cell: Sendable {
    var scalar: Unicode.Scalar
    var position: SourcePosition

    static func cells(of region: InlineRegion, in source: SourceLines) -> [Cell] {
        var cells: [Cell] = []
        for (index, line) in region.lines.enumerated() {
            let scalars = source.line(line.number)
            if index > 0 {
                let previous = region.lines[index - 1].number
                cells.append(Cell(scalar: "\n", position: SourcePosition(
                    file: source.file, line: previous, column: source.line(previous).count + 1)))
            }
            let start = max(line.startColumn - 1, 0)
            guard start < scalars.count else { continue }
            for column in start..<scalars.count {
                cells.append(Cell(scalar: scalars[column],
                                  position: SourcePosition(file: source.file, line: line.number, column: column + 1)))
            }
        }
        return cells
    }
}

/// The scan of one region. Every lookup ahead goes through tables built once, so the scan is
/// linear in the region's length however many unmatched `$` or backticks it holds.
struct RegionScanner {
    let cells: [Cell]
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    /// For each index, the first unescaped `$` at or after it. Inline math ends at the first
    /// dollar after its opener; if that dollar cannot close (white space before it, a digit
    /// after it), there is no math: `costs $5, and $x$` keeps `$5, and ` as prose.
    private var nextDollar: [Int] = []
    /// For each index, the first index at or after it where an unescaped `$$` starts.
    private var nextDisplayCloser: [Int] = []
    /// Start indices of maximal backtick runs, by run length.
    private var backtickRuns: [Int: [Int]] = [:]
    /// For each index, the next `"`, the next `'` and the next `-->` at or after it (HTML tags).
    private var nextDoubleQuote: [Int] = []
    private var nextSingleQuote: [Int] = []
    private var nextCommentClose: [Int] = []
    /// For each index, the next `?>` (processing instruction), `]]>` (CDATA) and `>` at or after it.
    private var nextProcessingClose: [Int] = []
    private var nextCDataClose: [Int] = []
    private var nextGreater: [Int] = []

    init(cells: [Cell], file: String) {
        self.cells = cells
        self.file = file
        buildTables()
    }

    private func scalar(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < cells.count ? cells[index].scalar : nil
    }

    private mutating func buildTables() {
        let count = cells.count
        // Inside math a backslash takes the next character with it (`\$` does not close), so a
        // dollar is a delimiter only after an even run of backslashes.
        var escaped = [Bool](repeating: false, count: count)
        var run = 0
        for index in 0..<count {
            escaped[index] = run % 2 == 1
            run = cells[index].scalar == "\\" ? run + 1 : 0
        }
        nextDollar = [Int](repeating: count, count: count + 2)
        nextDisplayCloser = [Int](repeating: count, count: count + 2)
        nextDoubleQuote = [Int](repeating: count, count: count + 2)
        nextSingleQuote = [Int](repeating: count, count: count + 2)
        nextCommentClose = [Int](repeating: count, count: count + 2)
        nextProcessingClose = [Int](repeating: count, count: count + 2)
        nextCDataClose = [Int](repeating: count, count: count + 2)
        nextGreater = [Int](repeating: count, count: count + 2)
        var index = count - 1
        while index >= 0 {
            nextDollar[index] = nextDollar[index + 1]
            nextDisplayCloser[index] = nextDisplayCloser[index + 1]
            nextDoubleQuote[index] = cells[index].scalar == "\"" ? index : nextDoubleQuote[index + 1]
            nextSingleQuote[index] = cells[index].scalar == "'" ? index : nextSingleQuote[index + 1]
            let closesComment = cells[index].scalar == "-" && scalar(index + 1) == "-"
                && scalar(index + 2) == ">"
            nextCommentClose[index] = closesComment ? index : nextCommentClose[index + 1]
            let current = cells[index].scalar
            nextProcessingClose[index] = current == "?" && scalar(index + 1) == ">" ? index : nextProcessingClose[index + 1]
            nextCDataClose[index] = current == "]" && scalar(index + 1) == "]" && scalar(index + 2) == ">"
                ? index : nextCDataClose[index + 1]
            nextGreater[index] = current == ">" ? index : nextGreater[index + 1]
            if cells[index].scalar == "$" && !escaped[index] {
                nextDollar[index] = index
                if scalar(index + 1) == "$" { nextDisplayCloser[index] = index }
            }
            index -= 1
        }
        var start = 0
        while start < count {
            guard cells[start].scalar == "`" else { start += 1; continue }
            var end = start
            while end < count, cells[end].scalar == "`" { end += 1 }
            backtickRuns[end - start, default: []].append(start)
            start = end
        }
    }

    /// The protected spans of the region: cell ranges and what they become.
    mutating func scan() -> [(Range<Int>, ProtectedSpan.Kind)] {
        var found: [(Range<Int>, ProtectedSpan.Kind)] = []
        var index = 0
        while index < cells.count {
            switch cells[index].scalar {
            case "\\":
                if let (label, end) = eqref(at: index) {
                    found.append((index..<end, .reference(label: label, position: cells[index].position)))
                    index = end
                } else if let next = scalar(index + 1), next.isASCIIPunctuation {
                    index += 2
                } else {
                    index += 1
                }
            case "`":
                index = codeSpanEnd(at: index)
            case "<":
                index = autolinkOrTagEnd(at: index) ?? index + 1
            case "[":
                if scalar(index - 1) != "!", let (label, end) = emptyLinkReference(at: index) {
                    found.append((index..<end, .reference(label: label, position: cells[index].position)))
                    index = end
                } else {
                    index += 1
                }
            case "$":
                if scalar(index + 1) == "$" {
                    let closer = nextDisplayCloser[index + 2]
                    if closer < cells.count {
                        found.append((index..<(closer + 2), .math(source: sourceText(index + 2, closer),
                                                                   display: true)))
                        index = closer + 2
                    } else {
                        // No closer before the paragraph ends: two literal dollars, as pandoc and
                        // markdown-it read `It costs $$ money.` and a `$$` alone on a line.
                        index += 2
                    }
                } else if let next = scalar(index + 1), !next.isWhitespaceLike,
                          case let closer = nextDollar[index + 2], canCloseInline(closer) {
                    found.append((index..<(closer + 1), .math(source: sourceText(index + 1, closer),
                                                               display: false)))
                    index = closer + 1
                } else {
                    // Not an opener (`$20`, `$ x`): a literal dollar.
                    index += 1
                }
            default:
                index += 1
            }
        }
        return found
    }

    /// Whether the dollar at `index` closes inline math: no white space before, no digit after.
    private func canCloseInline(_ index: Int) -> Bool {
        guard index < cells.count, let before = scalar(index - 1) else { return false }
        return !before.isWhitespaceLike && !(scalar(index + 1)?.isASCIIDigit ?? false)
    }

    /// The text of cells `start..<end` with each line's file origin.
    private func sourceText(_ start: Int, _ end: Int) -> SourceText {
        var text = String.UnicodeScalarView()
        // `start` may equal `end` (empty math); its origin is then the closing delimiter.
        var origins = [cells[min(start, cells.count - 1)].position]
        for index in start..<end {
            text.append(cells[index].scalar)
            if cells[index].scalar == "\n", index + 1 < cells.count {
                origins.append(cells[index + 1].position)
            }
        }
        return SourceText(file: file, text: String(text), lineOrigins: origins)
    }

    /// A backtick run at `index` opens a code span when a run of the same length follows; the scan
    /// resumes after the span, or after the run when it is literal.
    private func codeSpanEnd(at index: Int) -> Int {
        var end = index
        while end < cells.count, cells[end].scalar == "`" { end += 1 }
        let length = end - index
        guard let starts = backtickRuns[length] else { return end }
        // First maximal run of exactly this length that starts at or after `end`.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < end { low = middle + 1 } else { high = middle }
        }
        return low < starts.count ? starts[low] + length : end
    }

    /// `\eqref{label}` at `index`: the trimmed label and the index after `}`.
    private func eqref(at index: Int) -> (String, Int)? {
        let command = Array("\\eqref{".unicodeScalars)
        for (offset, expected) in command.enumerated() where scalar(index + offset) != expected {
            return nil
        }
        var cursor = index + command.count
        var label = String.UnicodeScalarView()
        while let current = scalar(cursor), current != "}" {
            guard current != "\n", current != "{" else { return nil }
            label.append(current)
            cursor += 1
        }
        let trimmed = String(label).trimmingSpaces
        guard scalar(cursor) == "}", !trimmed.isEmpty else { return nil }
        return (trimmed, cursor + 1)
    }

    /// `[](#label)` at `index`: the label and the index after `)`.
    private func emptyLinkReference(at index: Int) -> (String, Int)? {
        guard scalar(index + 1) == "]", scalar(index + 2) == "(", scalar(index + 3) == "#" else {
            return nil
        }
        var cursor = index + 4
        var label = String.UnicodeScalarView()
        while let current = scalar(cursor), current != ")" {
            guard !current.isWhitespaceLike, current != "(" else { return nil }
            label.append(current)
            cursor += 1
        }
        guard scalar(cursor) == ")", !label.isEmpty else { return nil }
        return (String(label), cursor + 1)
    }

    /// An autolink (`<https://…>`) or an HTML tag (`<span class="x">`, `</span>`, `<!-- … -->`)
    /// at `index`, following CommonMark's grammar: the index after its `>`.
    private func autolinkOrTagEnd(at index: Int) -> Int? {
        autolinkEnd(at: index) ?? closingTagEnd(at: index) ?? openTagEnd(at: index)
            ?? commentEnd(at: index) ?? processingInstructionEnd(at: index) ?? cdataEnd(at: index)
            ?? declarationEnd(at: index)
    }

    /// `<?php … ?>`: raw HTML in CommonMark, so dollars inside are not math.
    private func processingInstructionEnd(at index: Int) -> Int? {
        guard scalar(index + 1) == "?" else { return nil }
        let close = nextProcessingClose[index + 2]
        return close < cells.count ? close + 2 : nil
    }

    /// `<![CDATA[ … ]]>`.
    private func cdataEnd(at index: Int) -> Int? {
        let opener = Array("<![CDATA[".unicodeScalars)
        for (offset, expected) in opener.enumerated() where scalar(index + offset) != expected { return nil }
        let close = nextCDataClose[index + opener.count]
        return close < cells.count ? close + 3 : nil
    }

    /// `<!DOCTYPE …>` and other declarations: `<!` then an ASCII letter, up to the next `>`.
    private func declarationEnd(at index: Int) -> Int? {
        guard scalar(index + 1) == "!", isASCIILetter(scalar(index + 2)) else { return nil }
        let close = nextGreater[index + 3]
        return close < cells.count ? close + 1 : nil
    }

    private func isASCIILetter(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private func autolinkEnd(at index: Int) -> Int? {
        var cursor = index + 1
        guard isASCIILetter(scalar(cursor)) else { return nil }
        while let current = scalar(cursor), isASCIILetter(current) || current.isASCIIDigit
                || current == "+" || current == "." || current == "-" {
            cursor += 1
        }
        let schemeLength = cursor - index - 1
        guard schemeLength >= 2, schemeLength <= 32, scalar(cursor) == ":" else { return nil }
        while let current = scalar(cursor), current != ">" {
            guard current != "<", !current.isWhitespaceLike, current.value >= 0x20 else { return nil }
            cursor += 1
        }
        return scalar(cursor) == ">" ? cursor + 1 : nil
    }

    private func tagNameEnd(from start: Int) -> Int? {
        guard isASCIILetter(scalar(start)) else { return nil }
        var cursor = start + 1
        while let current = scalar(cursor), isASCIILetter(current) || current.isASCIIDigit
                || current == "-" {
            cursor += 1
        }
        return cursor
    }

    private func skipWhitespace(from start: Int) -> Int {
        var cursor = start
        while let current = scalar(cursor), current.isWhitespaceLike { cursor += 1 }
        return cursor
    }

    private func closingTagEnd(at index: Int) -> Int? {
        guard scalar(index + 1) == "/", let nameEnd = tagNameEnd(from: index + 2) else { return nil }
        let cursor = skipWhitespace(from: nameEnd)
        return scalar(cursor) == ">" ? cursor + 1 : nil
    }

    private func openTagEnd(at index: Int) -> Int? {
        guard var cursor = tagNameEnd(from: index + 1) else { return nil }
        while true {
            let afterSpace = skipWhitespace(from: cursor)
            if scalar(afterSpace) == ">" { return afterSpace + 1 }
            if scalar(afterSpace) == "/" { return scalar(afterSpace + 1) == ">" ? afterSpace + 2 : nil }
            // An attribute needs white space before it.
            guard afterSpace > cursor, let current = scalar(afterSpace),
                  isASCIILetter(current) || current == "_" || current == ":" else { return nil }
            cursor = afterSpace + 1
            while let next = scalar(cursor), isASCIILetter(next) || next.isASCIIDigit
                    || "_.:-".unicodeScalars.contains(next) {
                cursor += 1
            }
            let beforeEquals = skipWhitespace(from: cursor)
            guard scalar(beforeEquals) == "=" else { continue }
            cursor = skipWhitespace(from: beforeEquals + 1)
            guard let quote = scalar(cursor) else { return nil }
            if quote == "\"" || quote == "'" {
                let table = quote == "\"" ? nextDoubleQuote : nextSingleQuote
                cursor = table[cursor + 1]
                guard cursor < cells.count else { return nil }
                cursor += 1
            } else {
                let start = cursor
                while let next = scalar(cursor), !next.isWhitespaceLike,
                      !"\"'=<>`".unicodeScalars.contains(next) {
                    cursor += 1
                }
                guard cursor > start else { return nil }
            }
        }
    }

    private func commentEnd(at index: Int) -> Int? {
        guard scalar(index + 1) == "!", scalar(index + 2) == "-", scalar(index + 3) == "-" else {
            return nil
        }
        let close = nextCommentClose[index + 4]
        return close < cells.count ? close + 3 : nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceLike }),
              let last = scalars.lastIndex(where: { !$0.isWhitespaceLike }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
