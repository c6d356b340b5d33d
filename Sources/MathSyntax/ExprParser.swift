import Diagnostics

/// Which bar-like delimiter encloses the current position, so that `|` or `\|` closes it there.
enum BarContext: Sendable {
    case none, absolute, norm, divergence
}

/// A recursive-descent parser over cooked tokens (see `Lexer.cook`). The grammar, loosest first:
/// items (`,`) → relations → sums (`+ -`) → terms (unary sign) → products (juxtaposition, `\cdot`,
/// `/`) → factors (an atom with subscripts, powers, primes and application).
/// Operators such as `\sum`, `\nabla`, `\frac{d}{dx}` take the rest of the term as their body.
struct ExprParser {
    let source: SourceText
    var tokens: [Token]
    var pos = 0
    /// LaTeX keys of names that are applied like functions when followed by `(`.
    var functions: Set<String>
    /// In a declaration's domain: `(a, b)` is an interval, `\{…\}` a set, `\Delta` a letter.
    var domainMode = false
    var bar: BarContext = .none
    /// Inside an integrand: a differential `dx` ends the product.
    var integrand = false
    var depth = 0
    /// Deeper nesting than this is rejected rather than risking the stack.
    static let maxDepth = 120

    init(tokens: [Token], source: SourceText, functions: Set<String>) {
        self.tokens = tokens.isEmpty || tokens.last?.isEnd == false
            ? tokens + [Token(kind: .end, start: tokens.last?.end ?? source.position(line: 0, column: 0),
                              end: tokens.last?.end ?? source.position(line: 0, column: 0),
                              line: tokens.last?.line ?? 0, spaceBefore: true)]
            : tokens
        self.source = source
        self.functions = functions
    }

    // MARK: Token access

    var current: Token { tokens[pos] }

    func peek(_ offset: Int) -> Token { tokens[min(pos + offset, tokens.count - 1)] }

    func token(at index: Int) -> Token { tokens[min(max(index, 0), tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return token
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    /// End of the last consumed token: where a node that ends here stops.
    var previousEnd: SourcePosition { pos > 0 ? tokens[pos - 1].end : tokens[0].start }

    func node(_ node: Expr.Node, from start: SourcePosition) -> Expr {
        Expr(node, SourceRange(start: start, end: max(previousEnd, start)))
    }

    func error(_ message: String, at token: Token) -> Diagnostic {
        .error(token.start, message)
    }

    func error(_ message: String, at expr: Expr) -> Diagnostic {
        .error(expr.range.start, message)
    }

    mutating func enter() throws {
        depth += 1
        if depth > ExprParser.maxDepth { throw error("expression nested too deeply (more than \(ExprParser.maxDepth) levels)", at: current) }
    }

    // MARK: Entry points

    /// A whole text: items separated by commas, each a chain of relations; nothing may be left.
    mutating func parseWhole() throws -> Expr {
        let start = current.start
        let items = try parseItems()
        try expectEnd()
        return items.count == 1 ? items[0] : node(.tuple(items), from: start)
    }

    mutating func expectEnd() throws {
        guard !current.isEnd else { return }
        if isCloser(current) { throw error("unbalanced \(current.quoted)", at: current) }
        throw error("unexpected \(current.quoted)", at: current)
    }

    // MARK: Levels

    /// Comma-separated relational expressions.
    mutating func parseItems() throws -> [Expr] {
        var items = [try parseRelational()]
        while current.isChar(",") {
            advance()
            items.append(try parseRelational())
        }
        return items
    }

    /// `a = b \le c`: comparisons nest to the left.
    mutating func parseRelational() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        var lhs = try parseAdditive()
        while let (relation, count) = relationAhead() {
            advance(by: count)
            let rhs = try parseAdditive()
            lhs = node(.comparison(lhs, relation, rhs), from: lhs.range.start)
        }
        return lhs
    }

    mutating func parseAdditive() throws -> Expr {
        var lhs = try parseTerm()
        while current.isChar("+") || current.isChar("-") {
            let isPlus = current.isChar("+")
            advance()
            let rhs = try parseTerm()
            lhs = node(isPlus ? .add(lhs, rhs) : .subtract(lhs, rhs), from: lhs.range.start)
        }
        return lhs
    }

    /// A product with an optional leading sign, which covers the whole product (`-\frac12 a x^2`).
    mutating func parseTerm() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = current.start
        if current.isChar("-") {
            advance()
            let operand = try parseTerm()
            return node(.negate(operand), from: start)
        }
        if current.isChar("+") {
            advance()
            let operand = try parseTerm()
            return node(.plus(operand), from: start)
        }
        return try parseProduct()
    }

    mutating func parseProduct() throws -> Expr {
        if integrand, differentialMarker(at: pos, inNumerator: false) != nil {
            throw error("missing integrand before the differential", at: current)
        }
        var lhs = try parseFactor()
        while true {
            if let op = binaryAhead() {
                advance()
                let rhs = try parseSignedFactor()
                let combined: Expr.Node
                switch op {
                case .cdot: combined = .multiply(lhs, rhs, .cdot)
                case .times: combined = .multiply(lhs, rhs, .times)
                case .odot: combined = .hadamard(lhs, rhs)
                case .otimes: combined = .kronecker(lhs, rhs)
                case .slash: combined = .divide(lhs, rhs, .slash)
                }
                lhs = node(combined, from: lhs.range.start)
                continue
            }
            if integrand, differentialMarker(at: pos, inNumerator: false) != nil { break }
            if canStartFactor(current) {
                let style: MultiplicationStyle = current.thinSpaceBefore ? .thinSpace : .juxtaposition
                let rhs = try parseFactor()
                lhs = node(.multiply(lhs, rhs, style), from: lhs.range.start)
                continue
            }
            break
        }
        return lhs
    }

    /// The operand of `\cdot`, `/`: a factor, or a negated factor (`a \cdot -b`).
    mutating func parseSignedFactor() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if current.isChar("-") {
            let start = current.start
            advance()
            let operand = try parseSignedFactor()
            return node(.negate(operand), from: start)
        }
        return try parseFactor()
    }

    /// The body of an operator that takes the rest of the term (`\sum`, `\nabla_x`, `\frac{d}{dx}`).
    mutating func parseBody(of operatorToken: Token) throws -> Expr {
        guard canStartFactor(current) || current.isChar("-") || current.isChar("+") else {
            throw error("missing operand after \(operatorToken.quoted)", at: current)
        }
        return try parseTerm()
    }

    // MARK: Classification

    enum ProductOperator { case cdot, times, odot, otimes, slash }

    func binaryAhead() -> ProductOperator? {
        if current.isChar("/") { return .slash }
        guard let name = current.commandName, case .binary(let op)? = CommandTable.kind(name) else { return nil }
        switch op {
        case .cdot: return .cdot
        case .times: return .times
        case .odot: return .odot
        case .otimes: return .otimes
        }
    }

    /// The relation at the current token and how many tokens spell it (`:=` is two).
    func relationAhead() -> (Relation, Int)? {
        switch current.kind {
        case .char("="): return (.equal, 1)
        case .char("<"): return (.less, 1)
        case .char(">"): return (.greater, 1)
        case .char(":"):
            if peek(1).isChar("="), !peek(1).spaceBefore { return (.defines, 2) }
            return (.colon, 1)
        case .command(let name):
            if case .relation(let relation)? = CommandTable.kind(name) { return (relation, 1) }
            return nil
        default:
            return nil
        }
    }

    /// Whether the current token is `||`, two bars with nothing between them: the separator of a
    /// divergence as papers type it, `D_{KL}(q || p)`.
    var atDoubleBar: Bool {
        guard current.isChar("|"), pos + 1 < tokens.count else { return false }
        let next = tokens[pos + 1]
        return next.isChar("|") && next.start == current.end
    }

    /// Whether a token can begin a factor, so that juxtaposition continues a product.
    func canStartFactor(_ token: Token) -> Bool {
        switch token.kind {
        case .char(let c):
            if token.isASCIILetter || token.isDigit { return true }
            switch c {
            case "(", "[", "{": return true
            case "|": return bar != .absolute && !(bar == .divergence && atDoubleBar)
            default: return false
            }
        case .command(let name):
            guard let kind = CommandTable.kind(name) else { return true }
            switch kind {
            case .letter, .constant, .function, .decoration, .font, .word, .text, .fraction,
                 .sqrt, .sum, .product, .integral, .limit, .bound, .arg, .nabla, .partial, .dots, .left, .begin,
                 .openBrace, .openAngle, .openBar, .openNorm:
                return true
            case .norm:
                return bar == .none || bar == .absolute
            default:
                return false
            }
        default:
            return false
        }
    }

    /// Whether a token can begin a name (after a differential's `d`).
    func startsName(_ token: Token) -> Bool {
        if token.isASCIILetter { return true }
        guard let name = token.commandName, let kind = CommandTable.kind(name) else { return false }
        switch kind {
        case .letter, .decoration, .font, .constant: return true
        case .function(let function): return function.row.letter != nil
        default: return false
        }
    }

    /// Closing delimiters, for "unbalanced" messages.
    func isCloser(_ token: Token) -> Bool {
        switch token.kind {
        case .char(let c): return c == ")" || c == "]" || c == "}"
        case .command(let name):
            return ["right", "}", "rangle", "rvert", "rVert", "end"].contains(name)
        default: return false
        }
    }

    /// A differential marker at `index`: `d`, `\partial`, `\mathrm{d}`, `\mathrm d`; the number of
    /// tokens it spans. Outside a numerator the marker must be followed by a name (`dx`, `d\theta`).
    func differentialMarker(at index: Int, inNumerator: Bool) -> (partial: Bool, length: Int)? {
        let first = token(at: index)
        var length = 0
        var partial = false
        if first.isCommand("partial") {
            length = 1
            partial = true
        } else if first.isChar("d") {
            length = 1
        } else if first.isCommand("mathrm") {
            if token(at: index + 1).isChar("{"), token(at: index + 2).isChar("d"), token(at: index + 3).isChar("}") {
                length = 4
            } else if token(at: index + 1).isChar("d") {
                length = 2
            } else {
                return nil
            }
        } else {
            return nil
        }
        if !inNumerator, !partial, !startsName(token(at: index + length)) { return nil }
        return (partial, length)
    }

    /// The error for a missing operand or a stray token at the current position.
    func missingOperand() -> Diagnostic {
        let here = current
        let isStop = here.isEnd || isCloser(here) || relationAhead() != nil || binaryAhead() != nil
            || here.isChar("+") || here.isChar("-") || here.isChar(",") || here.isChar("&")
            || here.isCommand("\\") || here.isChar("^") || here.isChar("_")
        if isStop {
            if pos > 0 { return error("missing operand after \(tokens[pos - 1].quoted)", at: here) }
            return error("missing expression", at: here)
        }
        return error("unexpected \(here.quoted)", at: here)
    }
}
