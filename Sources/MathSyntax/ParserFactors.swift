import Diagnostics

/// Factors: atoms, groups and their postfix subscripts, powers, primes and applications.
extension ExprParser {
    mutating func parseFactor() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let base = try parsePrimary()
        return try parsePostfix(base)
    }

    /// Subscripts, superscripts, primes, and application of a known function to `( … )`.
    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var expr = base
        var subscripted = false
        var superscripted = false
        let start = base.range.start
        while true {
            if current.isChar("_") {
                let underscore = advance()
                if subscripted { throw error("double subscript", at: underscore) }
                let index = try parseScript(after: underscore)
                subscripted = true
                switch expr.node {
                case .norm(let inner, nil):
                    expr = node(.norm(inner, subscript: index), from: start)
                case .power(let b, let e) where superscripted && isName(b):
                    // `\sigma^2_{\rm ML}` is the power of the subscripted name.
                    let name = Expr(.subscripted(base: b, index: index), b.range.union(index.range))
                    expr = node(.power(name, e), from: start)
                case .transpose(let b) where superscripted && isName(b):
                    let name = Expr(.subscripted(base: b, index: index), b.range.union(index.range))
                    expr = node(.transpose(name), from: start)
                default:
                    expr = node(.subscripted(base: expr, index: index), from: start)
                }
                continue
            }
            if current.isChar("^") {
                let caret = advance()
                if superscripted { throw error("double superscript", at: caret) }
                // A star makes a new name (`D^*_G(x)` is still applied); anything else is a script.
                superscripted = starScript() == nil
                expr = try parseSuperscript(of: expr, caret: caret, from: start)
                continue
            }
            if case .char(let c) = current.kind, let function = Constructs.postfix[Character(c)] {
                // `n!`, `(n + 1)!`: the function of what came before, an atom like `f(x)`.
                advance()
                expr = node(.apply(.builtin(function), arguments: [expr], conditions: [], parenthesized: true), from: start)
                continue
            }
            if current.isChar("'") {
                let prime = advance()
                guard let primed = addPrimes(expr, 1) else {
                    throw error("a prime must follow a name", at: prime)
                }
                expr = Expr(primed.node, SourceRange(start: start, end: previousEnd))
                continue
            }
            if !superscripted, opensParenthesis(), isName(expr) {
                if let divergence = try parseDivergenceAfterName(expr) {
                    expr = divergence
                    continue
                }
                if isKnownFunction(expr) || parenthesisHoldsMid() {
                    let (arguments, conditions) = try parseArgumentList()
                    expr = node(.apply(.named(expr), arguments: arguments, conditions: conditions,
                                       parenthesized: true), from: start)
                    continue
                }
            }
            return expr
        }
    }

    /// After `^`: `\top`, `{-\top}`, `\prime`, or an exponent.
    mutating func parseSuperscript(of base: Expr, caret: Token, from start: SourcePosition) throws -> Expr {
        if isTransposeToken(current) {
            advance()
            return node(.transpose(base), from: start)
        }
        if current.isChar("{") {
            if isTransposeToken(peek(1)), peek(2).isChar("}") {
                advance(by: 3)
                return node(.transpose(base), from: start)
            }
            if peek(1).isChar("-"), isTransposeToken(peek(2)), peek(3).isChar("}") {
                let minus = peek(1)
                let top = peek(2)
                advance(by: 4)
                let one = Expr(.number("1"), top.range)
                let minusOne = Expr(.negate(one), minus.range.union(top.range))
                let inverse = node(.power(base, minusOne), from: start)
                return node(.transpose(inverse), from: start)
            }
            var primes = 0
            var index = pos + 1
            while token(at: index).isCommand("prime") {
                primes += 1
                index += 1
            }
            if primes > 0, token(at: index).isChar("}") {
                advance(by: primes + 2)
                guard let primed = addPrimes(base, primes) else { throw error("a prime must follow a name", at: caret) }
                return Expr(primed.node, SourceRange(start: start, end: previousEnd))
            }
        }
        if current.isCommand("prime") {
            advance()
            guard let primed = addPrimes(base, 1) else { throw error("a prime must follow a name", at: caret) }
            return Expr(primed.node, SourceRange(start: start, end: previousEnd))
        }
        if let (stars, length) = starScript() {
            guard let starred = addStars(base, stars) else {
                throw error("a star must follow a name (\\theta^*, D^*_G); for a product write \\cdot", at: caret)
            }
            advance(by: length)
            return Expr(starred.node, SourceRange(start: start, end: previousEnd))
        }
        let exponent = try parseScript(after: caret)
        return node(.power(base, exponent), from: start)
    }

    func isTransposeToken(_ token: Token) -> Bool {
        guard let name = token.commandName, case .transpose? = CommandTable.kind(name) else { return false }
        return true
    }

    /// A subscript or superscript: a braced group, or one token (`x_0`, `x_i`, `q_\phi`, `x^2`).
    mutating func parseScript(after marker: Token) throws -> Expr {
        let start = current.start
        if current.isChar("{") {
            let open = advance()
            // `\mathbb{S}_{++}`, `\mathbb{R}_{+}`: pluses are a label, not an expression.
            var pluses = 0
            while token(at: pos + pluses).isChar("+") { pluses += 1 }
            if pluses > 0, token(at: pos + pluses).isChar("}") {
                advance(by: pluses)
                let label = node(.text(String(repeating: "+", count: pluses)), from: start)
                advance()
                return label
            }
            return try parseBracedContent(open: open, what: marker.text == "^" ? "superscript" : "subscript")
        }
        if current.isChar("+") {
            advance()
            return node(.text("+"), from: start)
        }
        if current.isDigit {
            let digit = advance()
            return node(.number(digit.text), from: start)
        }
        if current.isASCIILetter {
            return try parseLetter(allowSpecial: false)
        }
        if current.commandName != nil, canStartFactor(current) {
            return try parsePrimary()
        }
        throw error("missing \(marker.text == "^" ? "superscript" : "subscript") after \(marker.quoted)", at: current)
    }

    /// The inside of `{ … }` after its opening brace, through the closing brace. The braces do not
    /// reach the tree; bars and integrands outside do not reach inside.
    mutating func parseBracedContent(open: Token, what: String) throws -> Expr {
        if current.isChar("}") { throw error("empty \(what)", at: open) }
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        let start = current.start
        var items = try parseItems()
        // `x_{1:T}`: a run of indices, which only a subscript holds.
        if what == "subscript", items.count == 1, case .comparison(let lower, .colon, let upper) = items[0].node {
            items = [Expr(.indexRange(lower, upper), items[0].range)]
        }
        try expectCloser(open: open) { $0.isChar("}") }
        return items.count == 1 ? items[0] : Expr(.tuple(items), SourceRange(start: start, end: items.last?.range.end ?? start))
    }

    /// Consumes the closer, or reports the opener as unbalanced.
    mutating func expectCloser(open: Token, closerText: String? = nil, _ isCloser: (Token) -> Bool) throws {
        if isCloser(current) {
            advance()
            return
        }
        let expected = closerText ?? Self.closerText(for: open)
        if current.isEnd {
            throw error("unbalanced \(open.quoted): missing '\(expected)'", at: open)
        }
        throw error("expected '\(expected)' to close \(open.quoted) at \(open.start), found \(current.quoted)",
                    at: current)
    }

    static func closerText(for open: Token) -> String {
        switch open.kind {
        case .char("("): return ")"
        case .char("["): return "]"
        case .char("{"): return "}"
        case .char("|"): return "|"
        case .command("{"): return "\\}"
        case .command("langle"): return "\\rangle"
        case .command("lvert"): return "\\rvert"
        case .command("lVert"): return "\\rVert"
        case .command("|"): return "\\|"
        default: return "\\right"
        }
    }

    // MARK: Atoms

    mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .char(let c):
            if token.isDigit { return parseNumber() }
            if token.isASCIILetter { return try parseLetter(allowSpecial: true) }
            switch c {
            case "(": return try parseParenthesized(open: advance(), leftRight: false)
            case "[": return try parseBracketed(open: advance(), leftRight: false)
            case "{": return try parseTeXGroup(open: advance())
            case "|" where bar != .absolute:
                return try parseAbsolute(open: advance(), leftRight: false)
            default:
                throw missingOperand()
            }
        case .command(let name):
            guard let kind = CommandTable.kind(name) else {
                throw error("unknown command '\\\(name)'" + Suggestions.didYouMean(command: name), at: token)
            }
            return try parseCommand(kind, token: token)
        case .end, .comment:
            throw missingOperand()
        }
    }

    /// Digits, and a decimal part: `2`, `0.5`. Digits separated by spaces stay separate numbers.
    mutating func parseNumber() -> Expr {
        let start = current.start
        var text = advance().text
        while current.isDigit, !current.spaceBefore { text += advance().text }
        if current.isChar("."), !current.spaceBefore, peek(1).isDigit, !peek(1).spaceBefore {
            text += advance().text
            while current.isDigit, !current.spaceBefore { text += advance().text }
        }
        return node(.number(text), from: start)
    }

    /// A Latin letter: a name, `e` (Euler's number unless subscripted or primed), or `H[p]`.
    mutating func parseLetter(allowSpecial: Bool) throws -> Expr {
        let token = advance()
        let letter = token.text
        let start = token.start
        if letter == "e", !current.isChar("_"), !current.isChar("'") {
            return node(.constant(.e), from: start)
        }
        if allowSpecial, letter == Constructs.entropyLetter, !functions.contains(letter) {
            if current.isChar("[") || (current.isCommand("left") && peek(1).isChar("[")) {
                let body = try parseBracketBody()
                return node(.entropy(body), from: start)
            }
            if current.isChar("(") {
                let group = try parseParenthesized(open: advance(), leftRight: false)
                if case .group(let inner, _) = group.node, isDensityLike(inner) {
                    return node(.entropy(inner), from: start)
                }
                let name = Expr(.symbol(Symbol(letter)), token.range)
                return node(.multiply(name, group, .juxtaposition), from: start)
            }
        }
        return node(.symbol(Symbol(letter)), from: start)
    }

    /// Whether an entropy's argument looks like a density or distribution (a name or an application).
    func isDensityLike(_ expr: Expr) -> Bool {
        switch expr.node {
        case .symbol, .subscripted, .apply, .distribution: return true
        default: return false
        }
    }

    /// `( … )`: a group, a tuple, or in a domain an interval `(a, b)` / `(a, b]`.
    mutating func parseParenthesized(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        if !leftRight, current.isChar(")") { throw error("empty parentheses", at: open) }
        let items = try parseDelimitedItems()
        let closeBracket: Bool
        if leftRight {
            closeBracket = try expectRight(open: open, closers: domainMode ? [")", "]"] : [")"]) == "]"
        } else {
            closeBracket = current.isChar("]") && domainMode && items.count == 2
            try expectCloser(open: open, closerText: ")") { $0.isChar(")") || (closeBracket && $0.isChar("]")) }
        }
        if domainMode, items.count == 2 {
            return node(.interval(items[0], items[1], leftOpen: true, rightOpen: !closeBracket), from: start)
        }
        let inner = items.count == 1 ? items[0] : tupleNode(items)
        return node(.group(inner, leftRight ? .leftRightParen : .paren), from: start)
    }

    /// `[ … ]`: a group, or in a domain a closed or half-open interval.
    mutating func parseBracketed(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        if !leftRight, current.isChar("]") { throw error("empty brackets", at: open) }
        let items = try parseDelimitedItems()
        let closeParen: Bool
        if leftRight {
            closeParen = try expectRight(open: open, closers: domainMode ? ["]", ")"] : ["]"]) == ")"
        } else {
            closeParen = current.isChar(")") && domainMode && items.count == 2
            try expectCloser(open: open, closerText: "]") { $0.isChar("]") || (closeParen && $0.isChar(")")) }
        }
        if domainMode, items.count == 2 {
            return node(.interval(items[0], items[1], leftOpen: false, rightOpen: closeParen), from: start)
        }
        let inner = items.count == 1 ? items[0] : tupleNode(items)
        return node(.group(inner, leftRight ? .leftRightBracket : .bracket), from: start)
    }

    /// `\{ … \}`: a set when it lists elements (or in a domain), otherwise a brace group.
    mutating func parseBraceSet(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        let items = try parseDelimitedItems()
        if leftRight {
            _ = try expectRight(open: open, closers: ["\\}"])
        } else {
            try expectCloser(open: open) { $0.isCommand("}") }
        }
        let hasDots = items.contains { if case .dots = $0.node { return true }; return false }
        if domainMode || items.count > 1 || hasDots {
            return node(.set(items), from: start)
        }
        return node(.group(items[0], leftRight ? .leftRightBrace : .brace), from: start)
    }

    /// `{ … }` in an expression: an invisible group; `{\rm word}` is a roman name.
    mutating func parseTeXGroup(open: Token) throws -> Expr {
        let start = open.start
        if current.isCommand("rm") {
            advance()
            var word = ""
            while current.isASCIILetter || current.isDigit { word += advance().text }
            try expectCloser(open: open) { $0.isChar("}") }
            guard !word.isEmpty else { throw error("expected a word after '\\rm'", at: open) }
            return try wordMeaning(word, token: open, start: start)
        }
        let inner = try parseBracedContent(open: open, what: "group")
        return node(.group(inner, .invisible), from: start)
    }

    /// Comma-separated items inside delimiters, with bars and integrands reset.
    mutating func parseDelimitedItems() throws -> [Expr] {
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        return try parseItems()
    }

    func tupleNode(_ items: [Expr]) -> Expr {
        let range = items.dropFirst().reduce(items[0].range) { $0.union($1.range) }
        return Expr(.tuple(items), range)
    }

    /// `|x|`, `\lvert x \rvert`, `\left| x \right|`.
    mutating func parseAbsolute(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        let saved = (bar, integrand)
        bar = .absolute
        integrand = false
        let inner = try parseAdditive()
        (bar, integrand) = saved
        if leftRight {
            _ = try expectRight(open: open, closers: ["|", "\\rvert", "\\vert"])
        } else if open.isChar("|") {
            try expectCloser(open: open) { $0.isChar("|") }
        } else {
            try expectCloser(open: open) { $0.isCommand("rvert") || $0.isCommand("vert") }
        }
        return node(.absolute(inner), from: start)
    }

    /// `\|x\|`, `\lVert x \rVert`, `\left\| x \right\|`; a subscript (`_2`, `_F`) comes as a postfix.
    mutating func parseNorm(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        let saved = (bar, integrand)
        bar = .norm
        integrand = false
        let inner = try parseAdditive()
        (bar, integrand) = saved
        if leftRight {
            _ = try expectRight(open: open, closers: ["\\|", "\\rVert", "\\Vert"])
        } else {
            try expectCloser(open: open) { $0.isCommand("|") || $0.isCommand("rVert") || $0.isCommand("Vert") }
        }
        return node(.norm(inner, subscript: nil), from: start)
    }

    /// `\langle a, b \rangle`.
    mutating func parseInner(open: Token, leftRight: Bool) throws -> Expr {
        let start = open.start
        let items = try parseDelimitedItems()
        if leftRight {
            _ = try expectRight(open: open, closers: ["\\rangle"])
        } else {
            try expectCloser(open: open) { $0.isCommand("rangle") }
        }
        guard items.count == 2 else {
            throw error("an inner product '\\langle a, b \\rangle' takes two items, found \(items.count)", at: open)
        }
        return node(.inner(items[0], items[1]), from: start)
    }

    /// `\left` and its delimiter, through the matching `\right`.
    mutating func parseLeftRight(left: Token) throws -> Expr {
        let inner = try parseLeftRightDelimited()
        return Expr(inner.node, SourceRange(start: left.start, end: previousEnd))
    }

    private mutating func parseLeftRightDelimited() throws -> Expr {
        let delimiter = advance()
        switch delimiter.kind {
        case .char("("): return try parseParenthesized(open: delimiter, leftRight: true)
        case .char("["): return try parseBracketed(open: delimiter, leftRight: true)
        case .char("|"): return try parseAbsolute(open: delimiter, leftRight: true)
        case .command("{"): return try parseBraceSet(open: delimiter, leftRight: true)
        case .command("lvert"), .command("vert"): return try parseAbsolute(open: delimiter, leftRight: true)
        case .command("|"), .command("lVert"), .command("Vert"): return try parseNorm(open: delimiter, leftRight: true)
        case .command("langle"): return try parseInner(open: delimiter, leftRight: true)
        case .command(let name) where Self.delimitedFunction(name) != nil:
            // `\left\lfloor x \right\rfloor`: a delimited function, stretched.
            guard let (function, close) = Self.delimitedFunction(name) else { throw missingOperand() }
            let saved = (bar, integrand)
            bar = .none
            integrand = false
            defer { (bar, integrand) = saved }
            let argument = try parseAdditive()
            _ = try expectRight(open: delimiter, closers: ["\\" + close])
            return node(.apply(.builtin(function), arguments: [argument], conditions: [], parenthesized: true),
                        from: delimiter.start)
        default:
            throw error("unsupported delimiter \(delimiter.quoted) after '\\left'", at: delimiter)
        }
    }

    /// The function that a command opens as a delimiter (`\lfloor` → floor), with its closer.
    static func delimitedFunction(_ name: String) -> (BuiltinFunction, String)? {
        guard case .function(let function)? = CommandTable.kind(name),
              case .delimited(let close) = function.row.notation else { return nil }
        return (function, close)
    }

    /// `\right` and one of the closing delimiters (written as in the source: ")", "\\rvert");
    /// returns the one found.
    mutating func expectRight(open: Token, closers: [String]) throws -> String {
        guard current.isCommand("right") else {
            if current.isEnd {
                throw error("unbalanced '\\left\(open.text)': missing '\\right\(closers[0])'", at: open)
            }
            throw error("expected '\\right\(closers[0])' to close '\\left\(open.text)', found \(current.quoted)",
                        at: current)
        }
        let right = advance()
        let delimiter = current
        guard closers.contains(delimiter.text) else {
            throw error("'\\right\(delimiter.text)' does not match '\\left\(open.text)'", at: right)
        }
        advance()
        return delimiter.text
    }

    // MARK: Application

    /// Whether `(` or `\left(` comes next.
    func opensParenthesis() -> Bool {
        current.isChar("(") || (current.isCommand("left") && peek(1).isChar("("))
    }

    /// `( args \mid conds )` after a function: arguments split by `,` or `;`, conditions after `\mid`.
    mutating func parseArgumentList() throws -> (arguments: [Expr], conditions: [Expr]) {
        let leftRight = current.isCommand("left")
        if leftRight { advance() }
        let open = advance()
        if !leftRight, current.isChar(")") { throw error("empty argument list", at: open) }
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        var arguments = [try parseRelational()]
        var conditions: [Expr] = []
        while current.isChar(",") || current.isChar(";") {
            advance()
            arguments.append(try parseRelational())
        }
        if current.isCommand("mid") {
            advance()
            conditions.append(try parseRelational())
            while current.isChar(",") || current.isChar(";") {
                advance()
                conditions.append(try parseRelational())
            }
        }
        if leftRight {
            _ = try expectRight(open: open, closers: [")"])
        } else {
            try expectCloser(open: open) { $0.isChar(")") }
        }
        return (arguments, conditions)
    }

    /// Whether the parenthesis at the current token holds `\mid` at its own level, which makes the
    /// name before it a density however it was declared (`q(z \mid x)`).
    func parenthesisHoldsMid() -> Bool {
        var index = pos + (current.isCommand("left") ? 1 : 0)
        var level = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .char("("), .char("["), .char("{"), .command("{"), .command("langle"):
                level += 1
            case .char(")"), .char("]"), .char("}"), .command("}"), .command("rangle"):
                level -= 1
                if level <= 0 { return false }
            case .command("mid"):
                if level == 1 { return true }
            case .end:
                return false
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Whether a name is in the known-function set (primes ignored: `f'` is `f`'s derivative).
    func isKnownFunction(_ expr: Expr) -> Bool {
        guard !functions.isEmpty, let bare = removePrimes(expr) else { return false }
        if case .subscripted(let base, _) = bare.node, functions.contains(MathParser.familySpelling(of: base)) { return true }
        return functions.contains(LaTeXPrinter.latex(bare))
    }

    /// `D_{\mathrm{KL}}( … \| … )` after the subscripted `D`.
    mutating func parseDivergenceAfterName(_ expr: Expr) throws -> Expr? {
        guard case .subscripted(let base, let index) = expr.node,
              case .symbol(let d) = base.node, d == Symbol("D") else { return nil }
        var word: String?
        switch index.node {
        case .symbol(let s) where s.font == .roman: word = s.base
        case .text(let t): word = t
        default: word = italicWord(index)
        }
        guard let word, case .divergence(let kind)? = Constructs.words[word] else { return nil }
        return try parseDivergence(kind, start: expr.range.start)
    }

    /// The letters of `D_{KL}`'s italic subscript, which the parser reads as the product K·L: papers
    /// type the divergence's name so as often as upright.
    func italicWord(_ index: Expr) -> String? {
        switch index.node {
        case .symbol(let s) where s.font == .normal && s.decorations.isEmpty && s.primes == 0 && s.stars == 0 && s.base.count == 1:
            return s.base
        case .multiply(let a, let b, _):
            guard let left = italicWord(a), let right = italicWord(b) else { return nil }
            return left + right
        default:
            return nil
        }
    }

    /// `( p \| q )` of a divergence.
    mutating func parseDivergence(_ kind: DivergenceKind, start: SourcePosition) throws -> Expr {
        let leftRight = current.isCommand("left")
        if leftRight { advance() }
        let open = advance()
        let saved = (bar, integrand)
        bar = .divergence
        integrand = false
        let first = try parseAdditive()
        if atDoubleBar {
            advance()
        } else if !(current.isCommand("|") || current.isCommand("Vert")) {
            (bar, integrand) = saved
            throw error("expected '\\|' between the arguments of a divergence, found \(current.quoted)", at: current)
        }
        advance()
        let second = try parseAdditive()
        (bar, integrand) = saved
        if leftRight {
            _ = try expectRight(open: open, closers: [")"])
        } else {
            try expectCloser(open: open) { $0.isChar(")") }
        }
        return node(.divergence(kind, first, second), from: start)
    }

    // MARK: Names

    /// Whether an expression is a name: a symbol, possibly subscripted (`x_0`, `q_\phi`, `\bar\alpha_t`).
    func isName(_ expr: Expr) -> Bool {
        switch expr.node {
        case .symbol: return true
        case .subscripted(let base, _): return isName(base)
        default: return false
        }
    }

    /// The name with `count` more primes, or nil when it is not a name.
    func addPrimes(_ expr: Expr, _ count: Int) -> Expr? {
        switch expr.node {
        case .symbol(var symbol):
            symbol.primes += count
            return Expr(.symbol(symbol), expr.range)
        case .constant(.e):
            return Expr(.symbol(Symbol("e", primes: count)), expr.range)
        case .subscripted(let base, let index):
            guard let primed = addPrimes(base, count) else { return nil }
            return Expr(.subscripted(base: primed, index: index), expr.range)
        default:
            return nil
        }
    }

    /// After `^`: a star as a name's mark (`*`, `{*}`, `\\ast`, `\\star`, `{**}`), as (stars, tokens).
    func starScript(at index: Int? = nil) -> (Int, Int)? {
        let first = index ?? pos
        func isStar(_ token: Token) -> Bool { token.isChar("*") || token.isCommand("ast") || token.isCommand("star") }
        if isStar(token(at: first)) { return (1, 1) }
        guard token(at: first).isChar("{") else { return nil }
        var count = 0
        while isStar(token(at: first + 1 + count)) { count += 1 }
        guard count > 0, token(at: first + 1 + count).isChar("}") else { return nil }
        return (count, count + 2)
    }

    /// The name with `count` more stars, or nil when it is not a name.
    func addStars(_ expr: Expr, _ count: Int) -> Expr? {
        switch expr.node {
        case .symbol(var symbol):
            symbol.stars += count
            return Expr(.symbol(symbol), expr.range)
        case .subscripted(let base, let index):
            guard let starred = addStars(base, count) else { return nil }
            return Expr(.subscripted(base: starred, index: index), expr.range)
        default:
            return nil
        }
    }

    func removePrimes(_ expr: Expr) -> Expr? {
        switch expr.node {
        case .symbol(var symbol):
            symbol.primes = 0
            return Expr(.symbol(symbol), expr.range)
        case .subscripted(let base, let index):
            guard let bare = removePrimes(base) else { return nil }
            return Expr(.subscripted(base: bare, index: index), expr.range)
        default:
            return nil
        }
    }

    /// A name for a declaration, a definition head or a differential: an atom with subscripts and
    /// primes; `e` and `\pi` become plain names here.
    mutating func parseName() throws -> Expr {
        let first = current
        let start = first.start
        var expr: Expr
        if first.isASCIILetter {
            advance()
            expr = node(.symbol(Symbol(first.text)), from: start)
        } else if first.commandName != nil, canStartFactor(first) {
            expr = try parsePrimary()
        } else {
            throw error("expected a name, found \(first.quoted)", at: first)
        }
        switch expr.node {
        case .constant(.pi): expr = Expr(.symbol(Symbol("π")), expr.range)
        case .constant(.e): expr = Expr(.symbol(Symbol("e")), expr.range)
        default: break
        }
        while current.isChar("_") || current.isChar("'") || (current.isChar("^") && starScript(at: pos + 1) != nil) {
            if current.isChar("^") {
                let caret = advance()
                guard let (stars, length) = starScript(), let starred = addStars(expr, stars) else {
                    throw error("a star must follow a name", at: caret)
                }
                advance(by: length)
                expr = Expr(starred.node, SourceRange(start: start, end: previousEnd))
            } else if current.isChar("_") {
                let underscore = advance()
                if case .subscripted = expr.node { throw error("double subscript", at: underscore) }
                let index = try parseScript(after: underscore)
                expr = node(.subscripted(base: expr, index: index), from: start)
            } else {
                let prime = advance()
                guard let primed = addPrimes(expr, 1) else { throw error("a prime must follow a name", at: prime) }
                expr = Expr(primed.node, SourceRange(start: start, end: previousEnd))
            }
        }
        guard isName(expr) else {
            throw error("expected a name, found '\(LaTeXPrinter.latex(expr))'", at: first)
        }
        return expr
    }
}
