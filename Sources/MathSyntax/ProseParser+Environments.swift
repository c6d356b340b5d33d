import Diagnostics

extension ProseParser {
    /// The cells of an environment's rows, and where rules stand.
    struct Grid {
        var rows: [[ProseNode]] = []
        /// Row indices with a rule above them (`rows.count`: below the last row); dashed or not.
        var rules: [Int: Bool] = [:]
    }

    /// A column of `array{…}`: its alignment and the rule on its left (nil, solid, dashed).
    struct Column {
        var align: String
        var ruleBefore: Bool? = nil
    }

    /// `\begin{name}` … `\end{name}`, its token consumed.
    mutating func environment(_ begin: ProseToken) throws -> ProseNode {
        let nameToken = peekSolid()
        let (name, range) = try rawArgument(of: begin)
        guard let environment = ProseEnvironment.byName[name] else {
            let near = Suggestions.nearest(name, among: ProseTable.environmentNames).map { "; did you mean \($0)?" } ?? ""
            throw error(nameToken, "unknown environment '\(name)'" + near)
        }
        if let latex = environment.latex { replacements.append((range, "{" + latex + "}")) }
        if environment.standsAlone {
            guard display, environmentDepth == 0 else {
                throw error(begin, "\\begin{\(name)} must be the whole of a $$…$$ display; inside other math use aligned or gathered")
            }
            standingEnvironment = begin
        }
        var columns: [Column]? = nil
        var alignment: String? = nil
        switch environment.layout {
        case .array:
            let (spec, specRange) = try rawArgument(of: begin)
            columns = try Self.columns(spec, at: nameToken ?? begin)
            // A dashed rule needs arydshln in LaTeX; the book draws it solid there.
            if spec.contains(":") { replacements.append((specRange, "{" + String(spec.map { $0 == ":" ? "|" : $0 }) + "}")) }
        case .aligned(argument: true):
            _ = try rawArgument(of: begin)
        case .matrix(_, _, _, starred: true):
            if let option = try parseOptional() { alignment = option.compactMap(\.text).joined() }
        default:
            break
        }
        environmentDepth += 1
        let grid = try cells(until: name, begin: begin)
        environmentDepth -= 1
        return table(environment, grid, columns: columns, alignment: alignment)
    }

    /// Rows of cells up to `\end{name}`.
    private mutating func cells(until name: String, begin: ProseToken) throws -> Grid {
        var grid = Grid()
        var row: [ProseNode] = []
        var cell: [ProseNode] = []
        let stop: (ProseToken) -> Bool = { token in
            if token.isChar("&") { return true }
            guard let command = token.commandName, let meaning = ProseTable.byName[command]?.meaning else { return false }
            switch meaning {
            case .newRow, .end, .rowRule: return true
            default: return false
            }
        }
        while true {
            cell += try parseList(stop: stop)
            guard let token = peekSolid() else {
                throw error(begin, "\\begin{\(name)} is not closed by \\end{\(name)}")
            }
            if token.isChar("}") { throw error(token, "an unmatched '}' inside \\begin{\(name)}") }
            index += 1
            if token.isChar("&") {
                row.append(.row(cell))
                cell = []
                continue
            }
            switch ProseTable.byName[token.commandName ?? ""]?.meaning {
            case .rowRule(let dashed)?:
                recordSpelling(ProseTable.byName[token.commandName!]!, token)
                grid.rules[grid.rows.count] = dashed
            case .newRow?:
                recordSpelling(ProseTable.byName[token.commandName!]!, token)
                // `\\[4pt]`: extra space below the row, which MathML leaves to the table's spacing.
                if let option = peek(), option.isChar("[") { _ = try parseOptional() }
                row.append(.row(cell))
                grid.rows.append(row)
                row = []
                cell = []
            default:
                let endToken = peekSolid()
                let (closing, closingRange) = try rawArgument(of: token)
                guard closing == name else {
                    throw error(endToken, "\\end{\(closing)} closes \\begin{\(name)} opened at \(begin.position)")
                }
                if let latex = ProseEnvironment.byName[name]?.latex { replacements.append((closingRange, "{" + latex + "}")) }
                if !cell.isEmpty || !row.isEmpty {
                    row.append(.row(cell))
                    grid.rows.append(row)
                }
                return grid
            }
        }
    }

    /// An `array` column specification: `l`, `c`, `r`, with `|` and `:` rules between.
    static func columns(_ spec: String, at token: ProseToken) throws -> [Column] {
        var columns: [Column] = []
        var rule: Bool? = nil
        for character in spec where character != " " {
            switch character {
            case "l", "c", "r":
                let align = character == "l" ? "left" : character == "r" ? "right" : "center"
                columns.append(Column(align: align, ruleBefore: rule))
                rule = nil
            case "|": rule = false
            case ":": rule = true
            default:
                throw Diagnostic.error(token.position, "column type '\(character)' in '\(spec)' is not supported: use l, c, r, | and :")
            }
        }
        if let rule { columns.append(Column(align: "", ruleBefore: rule)) }
        return columns
    }

    /// The MathML table of an environment, with its delimiters.
    private func table(_ environment: ProseEnvironment, _ grid: Grid, columns: [Column]?, alignment: String?) -> ProseNode {
        let width = grid.rows.map(\.count).max() ?? 0
        var aligns: [String] = []
        var displayCells = false
        var pairs = false
        switch environment.layout {
        case .matrix:
            let align = alignment.map { $0 == "l" ? "left" : $0 == "r" ? "right" : "center" } ?? "center"
            aligns = Array(repeating: align, count: width)
        case .array(let display, _):
            aligns = (columns ?? []).filter { !$0.align.isEmpty }.map(\.align)
            displayCells = display
        case .cases(_, let display):
            aligns = Array(repeating: "left", count: width)
            displayCells = display
        case .aligned:
            aligns = (0..<width).map { $0 % 2 == 0 ? "right" : "left" }
            displayCells = true
            pairs = true
        case .gathered:
            aligns = Array(repeating: "center", count: width)
            displayCells = true
        }
        let realColumns = (columns ?? []).filter { !$0.align.isEmpty }
        let trailingRule = columns?.last.flatMap { $0.align.isEmpty ? $0.ruleBefore : nil }
        var rows: [ProseNode] = []
        for (r, row) in grid.rows.enumerated() {
            var cells: [ProseNode] = []
            for c in 0..<width {
                var content = c < row.count ? row[c] : .element("mrow", [])
                // `&=` in aligned: the relation keeps its space on the left, as `{}=` does in TeX.
                if pairs, c % 2 == 1, let first = content.name == "mrow" ? content.children.first : content,
                   first.role == .relation || first.role == .binary {
                    content = .element("mrow", [.token("mi", "")] + (content.name == "mrow" ? content.children : [content]))
                }
                if displayCells { content = .element("mstyle", [content], Self.styleAttributes(.display)) }
                let align = c < aligns.count ? aligns[c] : "center"
                var style = ["text-align: \(align)"]
                if pairs { style.append(c % 2 == 0 ? "padding-right: 0" : "padding-left: 0") }
                if c < realColumns.count, let rule = realColumns[c].ruleBefore {
                    style.append("border-left: 1px \(rule ? "dashed" : "solid") currentColor")
                }
                if c == width - 1, let rule = trailingRule {
                    style.append("border-right: 1px \(rule ? "dashed" : "solid") currentColor")
                }
                if let rule = grid.rules[r] { style.append("border-top: 1px \(rule ? "dashed" : "solid") currentColor") }
                if r == grid.rows.count - 1, let rule = grid.rules[grid.rows.count] {
                    style.append("border-bottom: 1px \(rule ? "dashed" : "solid") currentColor")
                }
                cells.append(.element("mtd", [content], [("columnalign", align), ("style", style.joined(separator: "; "))]))
            }
            rows.append(.element("mtr", cells))
        }
        var attributes: [(String, String)] = []
        if !aligns.isEmpty { attributes.append(("columnalign", aligns.joined(separator: " "))) }
        if pairs { attributes.append(("columnspacing", "0em 2em")) }
        var node = ProseNode.element("mtable", rows, attributes)
        switch environment.layout {
        case .matrix(let open, let close, let small, _):
            if small { node = .element("mstyle", [node], Self.styleAttributes(.script)) }
            node = Self.delimited(open, node, close)
        case .array(_, let small):
            if small { node = .element("mstyle", [node], Self.styleAttributes(.script)) }
        case .cases(let right, _):
            node = right ? Self.delimited("", node, "}") : Self.delimited("{", node, "")
        default:
            break
        }
        return node
    }

    /// `\substack{a \\ b}`: centred lines in script style, for the limits of a big operator.
    mutating func substack(_ token: ProseToken) throws -> ProseNode {
        try expectChar("{", after: "after \\substack")
        var lines: [ProseNode] = []
        while true {
            let line = try parseList(stop: { ProseTable.byName[$0.commandName ?? ""]?.meaning == .newRow })
            lines.append(.element("mtr", [.element("mtd", [.row(line)])]))
            guard let next = peekSolid() else { throw error(token, "the argument of \\substack is not closed") }
            index += 1
            if next.isChar("}") { break }
            if let name = next.commandName, let row = ProseTable.byName[name] { recordSpelling(row, next) }
        }
        return .element("mstyle", [.element("mtable", lines, [("rowspacing", "0")])], Self.styleAttributes(.script))
    }
}
