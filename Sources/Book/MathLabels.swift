import CCmark

/// Link labels that hold math: `[$x$]` in a paragraph with a definition `[$x$]: /u`. Math
/// protection turns the paragraph's `$x$` into a placeholder, but cmark matches labels on their
/// text and never sees the definition's copy (definitions are not inline regions). So each
/// definition whose label matches a protected label is repeated, with the protected label, after
/// the last line (where it shifts no line number), and the link resolves as cmark resolves a code
/// span in a label.
struct MathLabels {
    /// What the first parse says about where definitions can be: the lines no leaf block covers,
    /// and whether lines added at the end would fall into an open code or HTML block.
    struct Layout: Sendable {
        var uncoveredLines: Set<Int>
        var endIsOpaque: Bool

        static func of(_ document: CmarkNode, lineCount: Int) -> Layout {
            var covered = Set<Int>()
            var stack = [document]
            while let node = stack.popLast() {
                switch node.type {
                case CMARK_NODE_DOCUMENT, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                    stack += node.children
                default:
                    if node.endLine >= node.startLine { covered.formUnion(node.startLine...node.endLine) }
                }
            }
            let uncovered = Set((1...max(lineCount, 1)).filter { !covered.contains($0) })
            let last = document.children.last?.type
            return Layout(uncoveredLines: uncovered,
                          endIsOpaque: last == CMARK_NODE_CODE_BLOCK || last == CMARK_NODE_HTML_BLOCK)
        }
    }

    /// Normalised raw label text → the label as the protected paragraph spells it.
    private(set) var protectedLabels: [String: String] = [:]

    /// Records the bracketed stretches of a region that hold a math span: `spans` are the found
    /// ranges (cell indices) with their placeholder text, on one line each.
    mutating func collect(cells: [Cell], spans: [(range: Range<Int>, placeholder: String)]) {
        guard !spans.isEmpty else { return }
        var opens: [Int] = []
        var index = 0
        var spanAt: [Int: (range: Range<Int>, placeholder: String)] = [:]
        for span in spans { spanAt[span.range.lowerBound] = span }
        while index < cells.count {
            if let span = spanAt[index] { index = span.range.upperBound; continue }
            let scalar = cells[index].scalar
            if scalar == "\\" { index += 2; continue }
            if scalar == "[" { opens.append(index) }
            if scalar == "]", let open = opens.popLast() {
                let inside = spans.filter { $0.range.lowerBound > open && $0.range.upperBound <= index }
                if !inside.isEmpty { record(cells: cells, from: open + 1, to: index, spans: inside) }
            }
            index += 1
        }
    }

    private mutating func record(cells: [Cell], from start: Int, to end: Int,
                                 spans: [(range: Range<Int>, placeholder: String)]) {
        var raw = String.UnicodeScalarView()
        var protected = String.UnicodeScalarView()
        var index = start
        for span in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let before = cells[index..<span.range.lowerBound].map(\.scalar)
            raw.append(contentsOf: before)
            protected.append(contentsOf: before)
            raw.append(contentsOf: cells[span.range].map(\.scalar))
            protected.append(contentsOf: span.placeholder.unicodeScalars)
            index = span.range.upperBound
        }
        let after = cells[index..<end].map(\.scalar)
        raw.append(contentsOf: after)
        protected.append(contentsOf: after)
        let key = Self.normalised(String(raw))
        if protectedLabels[key] == nil { protectedLabels[key] = String(protected) }
    }

    /// The definition lines to add after the last line: one per matching definition.
    func repeatedDefinitions(in source: SourceLines, layout: Layout) -> [[Unicode.Scalar]] {
        guard !protectedLabels.isEmpty, !layout.endIsOpaque else { return [] }
        var lines: [[Unicode.Scalar]] = []
        for number in layout.uncoveredLines.sorted() {
            guard let (label, rest) = Self.definition(source.line(number)),
                  let protected = protectedLabels[Self.normalised(label)] else { continue }
            lines.append(Array(("[" + protected + "]: " + rest).unicodeScalars))
        }
        return lines.isEmpty ? [] : [[]] + lines
    }

    /// `[label]: destination "title"` on one line (up to three spaces before it): the label and
    /// everything after the colon.
    static func definition(_ line: [Unicode.Scalar]) -> (String, String)? {
        var index = 0
        while index < line.count, index < 3, line[index] == " " { index += 1 }
        guard index < line.count, line[index] == "[" else { return nil }
        index += 1
        var label = String.UnicodeScalarView()
        while index < line.count, line[index] != "]" {
            if line[index] == "[" { return nil }
            if line[index] == "\\", index + 1 < line.count {
                label.append(line[index])
                index += 1
            }
            label.append(line[index])
            index += 1
        }
        guard index + 1 < line.count, line[index] == "]", line[index + 1] == ":" else { return nil }
        var rest = String.UnicodeScalarView(line[(index + 2)...])
        while let first = rest.first, first == " " || first == "\t" { rest.removeFirst() }
        guard !rest.isEmpty else { return nil }
        return (String(label), String(rest))
    }

    /// cmark's label matching: case folded, white space runs collapsed, ends trimmed.
    static func normalised(_ label: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in label.lowercased() {
            if character == " " || character == "\t" || character == "\n" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }
}
