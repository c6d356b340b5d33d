import Diagnostics

/// The grammar of fence bodies: a `derive` chain with its comments and options, the declarations
/// of a `given` block, the definitions of a `define` block, split into logical lines first.
extension MathParser {
    /// A `derive` block's body `e0 r1 e1 r2 e2 …`. Line breaks are free; a leading `&` (or one right
    /// before a relation) and a trailing `\\` on a line are ignored outside environments. The text
    /// after `%` on a line is the comment of the last link whose relation starts at or before that
    /// line (the first link for lines before any relation); `key: value` parts of a comment, split
    /// on `;`, with key wrt, tol, samples, seed or method, become options, the rest (joined by "; ")
    /// the justification.
    public static func parseChain(_ source: SourceText, functions: Set<String> = []) throws -> Chain {
        let raw = Lexer.tokenize(source)
        let comments = raw.compactMap { token -> (line: Int, text: String)? in
            if case .comment(let text) = token.kind { return (token.line, text) }
            return nil
        }
        let tokens = try Lexer.cook(stripAlignment(raw), source: source)
        var parser = ExprParser(tokens: tokens, source: source, functions: functions)
        let first = try parser.parseAdditive()
        var links: [Link] = []
        var linkLines: [Int] = []
        while let (relation, count) = parser.relationAhead() {
            let opening = parser.current
            parser.advance(by: count)
            let relationRange = SourceRange(start: opening.start, end: parser.previousEnd)
            let rhs = try parser.parseAdditive()
            links.append(Link(relation: relation, rhs: rhs, relationRange: relationRange, justification: nil,
                              options: [:]))
            linkLines.append(opening.line)
        }
        try parser.expectEnd()
        guard !links.isEmpty else {
            throw Diagnostic.error(parser.current.start,
                                   "a derivation needs at least one relation (=, \\le, \\propto, …) after its first expression")
        }
        for comment in comments {
            let index = linkLines.lastIndex { $0 <= comment.line } ?? 0
            let (justification, options) = parseComment(comment.text)
            if let justification {
                links[index].justification = links[index].justification.map { $0 + "; " + justification }
                    ?? justification
            }
            links[index].options.merge(options) { _, new in new }
        }
        return Chain(first: first, links: links)
    }

    /// A `given` block's body: one declaration per line, several on a line separated by `\quad`,
    /// `\qquad` or `;` (a comma before the separator allowed). Names separated by commas share the
    /// relation and domain. What the domains come out as:
    /// - `\mathbb{R}` → `.blackboard("R")`; `\mathbb{R}^{d}` → `.power(.blackboard("R"), d)`;
    ///   `\mathbb{R}^{m \times n}` → `.power(.blackboard("R"), .multiply(m, n, .times))`.
    /// - `(a, b)` → `.interval(a, b, leftOpen: true, rightOpen: true)`; `[a, b]`, `(a, b]`, `[a, b)`
    ///   likewise; `(0, 1)^{T}` → `.power(.interval(…), T)`; `\infty` → `.constant(.infinity)`.
    /// - `\{1, \dots, T\}` → `.set([1, .dots, T])`; `\{0, 1\}` → `.set([0, 1])`.
    /// - `\mathbb{S}_{++}^{d}` → `.power(.subscripted(base: .blackboard("S"), index: .text("++")), d)`.
    /// - `\Delta^{K}` → `.power(.symbol(Symbol("Δ")), K)`.
    /// - `\mathcal{O}(d)` → `.apply(.named(.calligraphic("O")), arguments: [d], conditions: [],
    ///   parenthesized: true)`; `\mathcal{P}(\mathbb{R}^{d})` likewise with "P".
    /// - `> 0`, `\ge 0`, `= 3`: relation `.greater`/`.greaterEqual`/`.equal`, domain the number.
    /// - `f : \mathbb{R}^{d} \to (0, 1)`: relation `.colon`, domain `.comparison(from, .to, to)`.
    /// Names are `.symbol` or `.subscripted`; `e` and `\pi` declared as names are symbols "e", "π".
    public static func parseDeclarations(_ source: SourceText, functions: Set<String> = []) throws -> [Declaration] {
        let raw = Lexer.tokenize(source).filter { if case .comment = $0.kind { return false }; return true }
        var declarations: [Declaration] = []
        for line in logicalLines(raw) {
            for segment in splitDeclarations(line) {
                let tokens = try Lexer.cook(segment, source: source)
                var parser = ExprParser(tokens: tokens, source: source, functions: functions)
                declarations.append(try parseDeclaration(&parser))
            }
        }
        return declarations
    }

    /// A `define` block's body: `name = expr`, `name := expr`, `f(x) = …`, `p(x \mid z) = …`, one per
    /// line; a line continues on the next while a group is open or when the next line starts with an
    /// operator or the line ends with one. A head with arguments makes its name a known function for
    /// its own body and the following lines. The head is the name (`.symbol`/`.subscripted`) or an
    /// `.apply(.named(name), arguments:, conditions:, parenthesized: true)`.
    public static func parseDefinitions(_ source: SourceText, functions: Set<String> = []) throws -> [Definition] {
        let raw = Lexer.tokenize(source).filter { if case .comment = $0.kind { return false }; return true }
        var known = functions
        var definitions: [Definition] = []
        for line in logicalLines(stripAlignment(raw)) {
            let tokens = try Lexer.cook(line, source: source)
            var parser = ExprParser(tokens: tokens, source: source, functions: known)
            let name = try parser.parseName()
            var head = name
            if parser.opensParenthesis() {
                let (arguments, conditions) = try parser.parseArgumentList()
                head = parser.node(.apply(.named(name), arguments: arguments, conditions: conditions,
                                          parenthesized: true), from: name.range.start)
                known.insert(LaTeXPrinter.latex(name))
                parser.functions = known
            }
            guard let (relation, count) = parser.relationAhead(), relation == .equal || relation == .defines else {
                throw Diagnostic.error(parser.current.start,
                                       "expected '=' or ':=' after '\(LaTeXPrinter.latex(head))', found \(parser.current.quoted)")
            }
            parser.advance(by: count)
            let body = try parser.parseAdditive()
            try parser.expectEnd()
            definitions.append(Definition(head: head, body: body, range: head.range.union(body.range)))
        }
        return definitions
    }

    // MARK: Helpers


    /// The comment's parts between semicolons that are not inside `$…$` (math uses `;` too:
    /// `$\mathcal{N}(x; \mu, \sigma^2)$`); `\$` is a literal dollar.
    static func splitOutsideMath(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inMath = false
        var escaped = false
        for character in text {
            if escaped { escaped = false; current.append(character); continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "$" { inMath.toggle() }
            if character == ";" && !inMath {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.filter { !$0.trimmedWhitespace.isEmpty }
    }

    /// Splits a link comment into its justification and its `key: value` options.
    static func parseComment(_ text: String) -> (justification: String?, options: [String: String]) {
        var words: [String] = []
        var options: [String: String] = [:]
        for part in splitOutsideMath(text) {
            let piece = part.trimmedWhitespace
            if piece.isEmpty { continue }
            if let colon = piece.firstIndex(of: ":") {
                let key = String(piece[..<colon]).trimmedWhitespace
                if LinkOption.keys.contains(key) {
                    options[key] = String(piece[piece.index(after: colon)...]).trimmedWhitespace
                    continue
                }
            }
            words.append(piece)
        }
        return (words.isEmpty ? nil : words.joined(separator: "; "), options)
    }

    /// Drops alignment marks outside environments: `&` first on a line or right before a relation,
    /// and `\\` last on a line. Other `&` and `\\` stay and are reported by the parser.
    static func stripAlignment(_ raw: [Token]) -> [Token] {
        var kept: [Token] = []
        var environments = 0
        let code = raw.filter { if case .comment = $0.kind { return false }; return true }
        for (index, token) in code.enumerated() {
            if token.isCommand("begin") { environments += 1 }
            if token.isCommand("end") { environments = max(0, environments - 1) }
            if environments == 0 {
                let previous = index > 0 ? code[index - 1] : nil
                let next = index + 1 < code.count ? code[index + 1] : nil
                if token.isChar("&") {
                    let firstOnLine = previous == nil || previous?.line != token.line
                    if firstOnLine || (next.map(isRelation) ?? false) { continue }
                }
                if token.isCommand("\\"), next == nil || next?.line != token.line { continue }
            }
            kept.append(token)
        }
        return kept
    }

    static func isRelation(_ token: Token) -> Bool {
        switch token.kind {
        case .char("="), .char("<"), .char(">"): return true
        case .command(let name):
            if case .relation? = CommandTable.kind(name) { return true }
            return false
        default: return false
        }
    }

    /// Groups tokens by source line, joining a line with the next while a group is open, when the
    /// line ends with an operator, or when the next line starts with one.
    static func logicalLines(_ tokens: [Token]) -> [[Token]] {
        var physical: [[Token]] = []
        for token in tokens {
            if let last = physical.last?.last, last.line == token.line {
                physical[physical.count - 1].append(token)
            } else {
                physical.append([token])
            }
        }
        var logical: [[Token]] = []
        var currentLine: [Token] = []
        var level = 0
        for line in physical {
            if !currentLine.isEmpty {
                let continues = level > 0 || endsWithOperator(currentLine) || startsWithOperator(line)
                if !continues {
                    logical.append(currentLine)
                    currentLine = []
                    level = 0
                }
            }
            currentLine += line
            level += line.reduce(0) { $0 + nesting($1) }
        }
        if !currentLine.isEmpty { logical.append(currentLine) }
        return logical
    }

    /// +1 for an opener, -1 for a closer (`\left(` counts as two openers, matched by `\right)`).
    static func nesting(_ token: Token) -> Int {
        switch token.kind {
        case .char("("), .char("["), .char("{"): return 1
        case .char(")"), .char("]"), .char("}"): return -1
        case .command(let name):
            switch name {
            case "{", "left", "begin", "langle": return 1
            case "}", "right", "end", "rangle": return -1
            default: return 0
            }
        default: return 0
        }
    }

    static func isOperator(_ token: Token) -> Bool {
        if token.isChar("+") || token.isChar("-") || token.isChar("=") { return true }
        if let name = token.commandName, let kind = CommandTable.kind(name) {
            if case .binary = kind { return true }
            if case .relation = kind { return true }
        }
        return false
    }

    static func endsWithOperator(_ line: [Token]) -> Bool { line.last.map(isOperator) ?? false }
    static func startsWithOperator(_ line: [Token]) -> Bool { line.first.map(isOperator) ?? false }

    /// Splits a line of declarations at `\quad`, `\qquad` and `;` outside groups, dropping a comma
    /// before each separator.
    static func splitDeclarations(_ line: [Token]) -> [[Token]] {
        var segments: [[Token]] = []
        var segment: [Token] = []
        var level = 0
        func flush() {
            while let last = segment.last, last.isChar(",") { segment.removeLast() }
            if !segment.isEmpty { segments.append(segment) }
            segment = []
        }
        for token in line {
            level += nesting(token)
            if level == 0, token.isChar(";") || token.isCommand("quad") || token.isCommand("qquad") {
                flush()
                continue
            }
            segment.append(token)
        }
        flush()
        return segments
    }

    static func parseDeclaration(_ parser: inout ExprParser) throws -> Declaration {
        let start = parser.current.start
        var names = [try parser.parseName()]
        while parser.current.isChar(",") {
            parser.advance()
            names.append(try parser.parseName())
        }
        guard let (relation, count) = parser.relationAhead() else {
            throw parser.error("expected '\\in', '>', '=' or ':' after the declared name, found \(parser.current.quoted)",
                               at: parser.current)
        }
        parser.advance(by: count)
        parser.domainMode = true
        let domain: Expr
        if relation == .colon {
            let from = try parser.parseAdditive()
            guard parser.current.isCommand("to") || parser.current.isCommand("rightarrow") else {
                throw parser.error("a signature is written 'f : A \\to B', found \(parser.current.quoted)",
                                   at: parser.current)
            }
            parser.advance()
            let to = try parser.parseAdditive()
            domain = Expr(.comparison(from, .to, to), from.range.union(to.range))
        } else {
            domain = try parser.parseAdditive()
        }
        try parser.expectEnd()
        return Declaration(names: names, relation: relation, domain: domain,
                           range: SourceRange(start: start, end: domain.range.end))
    }
}
