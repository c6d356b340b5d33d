import Diagnostics

/// Commands: what each entry of the command table builds.
extension ExprParser {
    mutating func parseCommand(_ kind: CommandKind, token: Token) throws -> Expr {
        let start = token.start
        switch kind {
        case .letter(let letter):
            advance()
            if letter == "Δ", !domainMode { return try parseLaplacianOrDelta(token: token) }
            return node(.symbol(Symbol(letter)), from: start)
        case .constant(let constant):
            advance()
            if constant == .pi, current.isChar("_") || current.isChar("'") {
                return node(.symbol(Symbol("π")), from: start)
            }
            return node(.constant(constant), from: start)
        case .function(let function):
            advance()
            switch function.row.notation {
            case .delimited(let close): return try parseDelimitedFunction(function, close: close, token: token)
            case .braced: return try parseBracedFunction(function, token: token)
            case .prefix, .postfix: break
            }
            if let letter = function.row.letter, !opensParenthesis() {
                return node(.symbol(Symbol(letter)), from: start)
            }
            if let name = token.commandName,
               let compound = Constructs.compounds[name]?.first(where: { current.isCommand($0.second) }) {
                advance()
                return try parseFunction(compound.function, token: token)
            }
            return try parseFunction(function, token: token)
        case .decoration(let decoration):
            advance()
            let argument = try parseArgument(of: token)
            guard let decorated = decorate(argument, decoration) else {
                throw error("\(token.quoted) applies to a single letter", at: argument)
            }
            return Expr(decorated.node, SourceRange(start: start, end: previousEnd))
        case .font(let font):
            advance()
            return try parseFont(font, token: token)
        case .word:
            advance()
            if current.isChar("*") { advance() }
            let word = try readWord(after: token)
            return try wordMeaning(word, token: token, start: start)
        case .text:
            advance()
            let text = try readText(after: token)
            return node(.text(text), from: start)
        case .fraction(let style):
            advance()
            return try parseFraction(style, token: token)
        case .sqrt:
            advance()
            var index: Expr?
            if current.isChar("[") {
                let open = advance()
                let items = try parseDelimitedItems()
                try expectCloser(open: open) { $0.isChar("]") }
                index = items.count == 1 ? items[0] : tupleNode(items)
            }
            let radicand = try parseArgument(of: token)
            return node(.root(radicand, index: index), from: start)
        case .sum, .product:
            advance()
            return try parseBigOperator(isSum: { if case .sum = kind { return true }; return false }(), token: token)
        case .integral:
            advance()
            return try parseIntegral(token: token)
        case .limit:
            advance()
            return try parseLimit(token: token)
        case .bound(let kind):
            advance()
            return try parseOptimum(kind, token: token)
        case .arg:
            advance()
            guard let name = current.commandName, name == "max" || name == "min" else {
                throw error("'\\arg' must be followed by \\max or \\min: \\arg\\max_{y \\in (0, 1)} f(y)", at: current)
            }
            advance()
            return try parseOptimum(name == "max" ? .argmax : .argmin, token: token)
        case .nabla:
            advance()
            return try parseNabla(token: token)
        case .partial:
            advance()
            guard current.isChar("_") else {
                throw error("'\\partial' outside a derivative: write \\frac{\\partial f}{\\partial x} or \\partial_x f", at: token)
            }
            let underscore = advance()
            let variable = try parseScript(after: underscore)
            let body = try parseBody(of: token)
            return node(.derivative(body: body, variables: [variable], partial: true), from: start)
        case .dots:
            advance()
            return node(.dots, from: start)
        case .left:
            advance()
            return try parseLeftRight(left: token)
        case .begin:
            advance()
            return try parseEnvironment(begin: token)
        case .openBrace:
            advance()
            return try parseBraceSet(open: token, leftRight: false)
        case .openAngle:
            advance()
            return try parseInner(open: token, leftRight: false)
        case .openBar:
            advance()
            return try parseAbsolute(open: token, leftRight: false)
        case .openNorm, .norm:
            guard bar == .none || bar == .absolute || { if case .openNorm = kind { return true }; return false }() else {
                throw missingOperand()
            }
            advance()
            return try parseNorm(open: token, leftRight: false)
        case .transpose:
            throw error("\(token.quoted) belongs in an exponent: A^\\top", at: token)
        case .romanSwitch:
            throw error("'\\rm' must open a group: {\\rm word}", at: token)
        case .closingDelimiter:
            throw error("\(token.quoted) closes nothing here", at: token)
        case .binary(.cdot) where isCloser(peek(1)) || peek(1).isEnd:
            // `\mathbb{E}[\,\cdot\,]`: a dot standing for an argument.
            advance()
            return node(.symbol(Symbol("·")), from: start)
        case .relation, .binary, .spacing, .size, .ignored, .prime, .mid, .right, .end, .closeBrace,
             .closeAngle, .closeBar, .closeNorm, .lineBreak:
            throw missingOperand()
        }
    }

    // MARK: Functions and words

    /// A built-in function after its spelling: `\max_i body` and `\min_i body` are extrema over an
    /// index; anything else is an application (see `parseBuiltin`).
    mutating func parseFunction(_ function: BuiltinFunction, token: Token) throws -> Expr {
        if let isMax = function.row.isMax, current.isChar("_") {
            let underscore = advance()
            let sub = try parseDomainScript(after: underscore)
            let body = try parseBody(of: token)
            try rejectUseAfterBody(of: sub, operator: isMax ? "\\max" : "\\min")
            return node(.extremum(isMax ? .max : .min, subscript: sub, body: body), from: token.start)
        }
        return try parseBuiltin(function, token: token)
    }

    /// A built-in function: with parentheses (`\log(x)`, `\exp\left(…\right)`), or applied to the
    /// next factor (`\log x`, `\det A^{-1}`); alone (`\lambda_{\min}`) it is a roman name.
    mutating func parseBuiltin(_ function: BuiltinFunction, token: Token) throws -> Expr {
        let start = token.start
        // `\tanh^2(x)`, `\sin^2 x`: a power written on the function's name is a power of its value,
        // as papers mean it (Rezende & Mohamed 2015, h' = 1 - \tanh^2). Only a positive digit: a
        // `^{-1}` there would be the inverse function, which is not read.
        if current.isChar("^"), let (exponent, after) = digitExponent(at: pos + 1) {
            let exponentToken = tokens[pos + 1]
            pos = after
            let base = try parseBuiltin(function, token: token)
            let power = Expr(.number(exponent), SourceRange(start: exponentToken.start, end: exponentToken.end))
            return node(.power(base, power), from: start)
        }
        if opensParenthesis() {
            let (arguments, conditions) = try parseArgumentList()
            return node(.apply(.builtin(function), arguments: arguments, conditions: conditions, parenthesized: true),
                        from: start)
        }
        if canStartFactor(current), !(integrand && differentialMarker(at: pos, inNumerator: false) != nil) {
            let argument = try parseFactor()
            return node(.apply(.builtin(function), arguments: [argument], conditions: [], parenthesized: false),
                        from: start)
        }
        return node(.symbol(Symbol(function.rawValue, font: .roman)), from: start)
    }

    /// A one-digit exponent 1–9 at `index`, bare (`^2`) or braced (`^{2}`), and the position after it.
    func digitExponent(at index: Int) -> (String, Int)? {
        func digit(_ token: Token) -> String? {
            guard token.isDigit, case .char(let c) = token.kind, c != "0" else { return nil }
            return String(c)
        }
        guard index < tokens.count else { return nil }
        if let d = digit(tokens[index]) { return (d, index + 1) }
        if tokens[index].isChar("{"), index + 2 < tokens.count, let d = digit(tokens[index + 1]), tokens[index + 2].isChar("}") {
            return (d, index + 3)
        }
        return nil
    }

    /// `\lfloor x \rfloor`: the argument through the closing command.
    mutating func parseDelimitedFunction(_ function: BuiltinFunction, close: String, token: Token) throws -> Expr {
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        if current.isCommand(close) { throw error("empty \(token.quoted) \\\(close)", at: token) }
        let argument = try parseAdditive()
        try expectCloser(open: token, closerText: "\\" + close) { $0.isCommand(close) }
        return node(.apply(.builtin(function), arguments: [argument], conditions: [], parenthesized: true), from: token.start)
    }

    /// `\binom{n}{k}`: as many braced arguments as the row's arity says.
    mutating func parseBracedFunction(_ function: BuiltinFunction, token: Token) throws -> Expr {
        let count = function.row.arity == .two ? 2 : 1
        var arguments: [Expr] = []
        for _ in 0..<count {
            guard current.isChar("{") else {
                throw error("\(token.quoted) takes \(function.row.arity.phrase), each in braces", at: current.isEnd ? token : current)
            }
            arguments.append(try parseArgument(of: token))
        }
        return node(.apply(.builtin(function), arguments: arguments, conditions: [], parenthesized: true), from: token.start)
    }

    /// The meaning of an `\operatorname`/`\mathrm` word, from `Constructs.words`. Families,
    /// divergences and moments need their brackets; without them the word is a roman name.
    mutating func wordMeaning(_ word: String, token: Token, start: SourcePosition) throws -> Expr {
        switch Constructs.words[word] {
        case .constant(let constant)?:
            return node(.constant(constant), from: start)
        case .function(let function)?:
            return try parseFunction(function, token: token)
        case .family(let family)? where opensParenthesis():
            return try parseDistribution(family, start: start)
        case .divergence(let kind)? where opensParenthesis():
            return try parseDivergence(kind, start: start)
        case .moment(let moment)?:
            if let result = try parseMoment(moment, token: token) { return result }
        case .family?, .divergence?, nil:
            break
        }
        return node(.symbol(Symbol(word, font: .roman)), from: start)
    }

    /// `\operatorname{Var}_{q}[x]`, `\operatorname{Cov}[x, y]`; nil when no bracket follows.
    mutating func parseMoment(_ moment: Moment, token: Token) throws -> Expr? {
        let start = token.start
        let saved = pos
        var over: Expr?
        if current.isChar("_") {
            let underscore = advance()
            over = try parseScript(after: underscore)
        }
        let opensBracket = current.isChar("[") || (current.isCommand("left") && peek(1).isChar("["))
        guard opensBracket || opensParenthesis() else {
            pos = saved
            return nil
        }
        let open = current.isCommand("left") ? peek(1) : current
        let items: [Expr]
        if opensBracket {
            let body = try parseBracketBody()
            if case .tuple(let parts) = body.node { items = parts } else { items = [body] }
        } else {
            items = try parseArgumentList().arguments
        }
        guard items.count == moment.arguments else {
            throw error("'\(moment.word)' takes \(moment.arguments == 1 ? "one argument" : "two arguments"), found \(items.count)", at: open)
        }
        switch moment {
        case .variance: return node(.variance(over: over, body: items[0]), from: start)
        case .covariance: return node(.covariance(over: over, items[0], items[1]), from: start)
        }
    }

    /// `[ … ]` or `\left[ … \right]` as the body of `\mathbb{E}`, `H`, `\mathbb{1}`, `Var`.
    /// With `conditional`, `[x_0 \mid x_t]` reads as a conditional expectation's body: the
    /// comparison `x_0 \mid x_t` (Relation.given), conditions after the bar.
    mutating func parseBracketBody(conditional: Bool = false) throws -> Expr {
        let leftRight = current.isCommand("left")
        if leftRight { advance() }
        let open = advance()
        if !leftRight, current.isChar("]") { throw error("empty brackets", at: open) }
        let start = current.start
        var items = try parseDelimitedItems()
        if conditional, items.count == 1, current.isCommand("mid") {
            advance()
            let conditions = try parseDelimitedItems()
            let given = conditions.count == 1 ? conditions[0] : tupleNode(conditions)
            items = [Expr(.comparison(items[0], .given, given), items[0].range.union(given.range))]
        }
        if leftRight {
            _ = try expectRight(open: open, closers: ["]"])
        } else {
            try expectCloser(open: open) { $0.isChar("]") }
        }
        return items.count == 1 ? items[0] : Expr(.tuple(items), SourceRange(start: start, end: items.last?.range.end ?? start))
    }

    /// `(x; \mu, \Sigma)` (a density at a point) or `(\mu, \Sigma)` (a distribution).
    mutating func parseDistribution(_ family: DistributionFamily, start: SourcePosition) throws -> Expr {
        let leftRight = current.isCommand("left")
        if leftRight { advance() }
        let open = advance()
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        var point: Expr?
        var parameters: [Expr] = []
        let first = try parseRelational()
        if current.isChar(";") {
            advance()
            point = first
            parameters.append(try parseRelational())
        } else {
            parameters.append(first)
        }
        while current.isChar(",") {
            advance()
            parameters.append(try parseRelational())
        }
        if leftRight {
            _ = try expectRight(open: open, closers: [")"])
        } else {
            try expectCloser(open: open) { $0.isChar(")") }
        }
        return node(.distribution(family, point: point, parameters: parameters), from: start)
    }

    /// The word of `\operatorname{…}`/`\mathrm{…}`: letters and digits in braces, or one letter.
    mutating func readWord(after command: Token) throws -> String {
        if current.isChar("{") {
            let open = advance()
            var word = ""
            while current.isASCIILetter || current.isDigit || current.isChar("-") {
                if current.spaceBefore, !word.isEmpty { word += " " }
                word += advance().text
            }
            guard !word.isEmpty else {
                if current.isChar("}") { throw error("empty \(command.quoted)", at: open) }
                throw error("expected letters in '\(command.text){…}', found \(current.quoted)", at: current)
            }
            try expectCloser(open: open) { $0.isChar("}") }
            return word
        }
        guard current.isASCIILetter || current.isDigit else {
            throw error("missing argument of \(command.quoted)", at: current)
        }
        return advance().text
    }

    /// The text of `\text{…}` as written (balanced braces inside are kept).
    mutating func readText(after command: Token) throws -> String {
        guard current.isChar("{") else {
            guard !current.isEnd else { throw error("missing argument of \(command.quoted)", at: current) }
            return advance().text
        }
        let open = advance()
        var text = ""
        var level = 0
        while true {
            if current.isEnd { throw error("unbalanced '{': missing '}'", at: open) }
            if current.isChar("}") {
                if level == 0 { break }
                level -= 1
            }
            if current.isChar("{") { level += 1 }
            if current.spaceBefore, !text.isEmpty { text += " " }
            text += advance().text
        }
        advance()
        return text
    }

    // MARK: Fonts and decorations

    /// `\mathbf{x}`, `\mathcal{L}`, `\mathbb{R}`; `\mathbb{E}`, `\mathbb{1}`, `\mathcal{N}` as operators.
    mutating func parseFont(_ font: SymbolFont, token: Token) throws -> Expr {
        let start = token.start
        let letter = try readFontLetter(after: token)
        switch font {
        case .blackboard:
            if letter == Constructs.expectationLetter { return try parseExpectation(token: token) }
            if letter == Constructs.indicatorLetter, current.isChar("[") || (current.isCommand("left") && peek(1).isChar("[")) {
                let body = try parseBracketBody()
                return node(.indicator(body), from: start)
            }
            if letter == Constructs.indicatorLetter, current.isChar("_") {
                let underscore = advance()
                let condition = try parseScript(after: underscore)
                return node(.indicator(condition), from: start)
            }
            return node(.blackboard(letter), from: start)
        case .calligraphic:
            let family = Constructs.familyLetters[letter]
            if let family, opensParenthesis() {
                return try parseDistribution(family, start: start)
            }
            let isSet = Constructs.setLetters.contains(letter)
            if family != nil || isSet {
                let set = node(.calligraphic(letter), from: start)
                if isSet, opensParenthesis() {
                    let (arguments, conditions) = try parseArgumentList()
                    return node(.apply(.named(set), arguments: arguments, conditions: conditions, parenthesized: true),
                                from: start)
                }
                return set
            }
            return node(.symbol(Symbol(letter, font: .calligraphic)), from: start)
        default:
            return node(.symbol(Symbol(letter, font: font)), from: start)
        }
    }

    /// The letter inside a font command: `{x}`, `x`, `{\mu}`, `\mu`, `{1}`, or a short word `{xy}`.
    mutating func readFontLetter(after command: Token) throws -> String {
        let braced = current.isChar("{")
        let open = current
        if braced { advance() }
        var letters = ""
        repeat {
            if current.isASCIILetter || current.isDigit {
                letters += advance().text
            } else if let name = current.commandName, case .letter(let letter)? = CommandTable.kind(name) {
                letters += letter
                advance()
            } else if let name = current.commandName, case .function(let function)? = CommandTable.kind(name),
                      let letter = function.row.letter {
                letters += letter
                advance()
            } else if current.isCommand("pi") {
                letters += "π"
                advance()
            } else {
                break
            }
        } while braced && !current.isChar("}")
        guard !letters.isEmpty else {
            throw error("expected a letter after \(command.quoted), found \(current.quoted)", at: current)
        }
        if braced { try expectCloser(open: open) { $0.isChar("}") } }
        return letters
    }

    /// `\mathbb{E}_{sub}[body]`, `\mathbb{E}[body]`, `\mathbb{E}_q body`; plain `\mathbb{E}` otherwise.
    mutating func parseExpectation(token: Token) throws -> Expr {
        let start = token.start
        var over: Expr?
        if current.isChar("_") {
            let underscore = advance()
            over = try parseScript(after: underscore)
        }
        if current.isChar("[") || (current.isCommand("left") && peek(1).isChar("[")) {
            let body = try parseBracketBody(conditional: true)
            return node(.expectation(over: over, body: body), from: start)
        }
        if canStartFactor(current) {
            let body = try parseBody(of: token)
            return node(.expectation(over: over, body: body), from: start)
        }
        if over != nil { throw error("missing the body of '\\mathbb{E}'", at: current) }
        return node(.blackboard(Constructs.expectationLetter), from: start)
    }

    /// The symbol with one more decoration (`\bar\alpha`, `\hat{x}_0`), or nil when not a letter.
    func decorate(_ expr: Expr, _ decoration: Decoration) -> Expr? {
        switch expr.node {
        case .symbol(var symbol):
            symbol.decorations.append(decoration)
            return Expr(.symbol(symbol), expr.range)
        case .constant(.e):
            return Expr(.symbol(Symbol("e", decorations: [decoration])), expr.range)
        case .constant(.pi):
            return Expr(.symbol(Symbol("π", decorations: [decoration])), expr.range)
        case .subscripted(let base, let index):
            guard let decorated = decorate(base, decoration) else { return nil }
            return Expr(.subscripted(base: decorated, index: index), expr.range)
        case .group(let inner, .invisible):
            return decorate(inner, decoration)
        default:
            return nil
        }
    }

    /// A command's argument: a braced group, or one token (`\frac12`, `\sqrt\varepsilon`, `\bar x`).
    mutating func parseArgument(of command: Token) throws -> Expr {
        let start = current.start
        if current.isChar("{") {
            let open = advance()
            if current.isChar("}") { throw error("empty argument of \(command.quoted)", at: open) }
            return try parseBracedContent(open: open, what: "argument")
        }
        if current.isDigit {
            let digit = advance()
            return node(.number(digit.text), from: start)
        }
        if current.isASCIILetter { return try parseLetter(allowSpecial: false) }
        if current.commandName != nil, canStartFactor(current) { return try parsePrimary() }
        if command.commandName == "frac" || command.commandName == "dfrac" || command.commandName == "tfrac" {
            throw error("\(command.quoted) needs two arguments", at: command)
        }
        throw error("missing argument of \(command.quoted)", at: command)
    }

    // MARK: Fractions and derivatives

    mutating func parseFraction(_ style: DivisionStyle, token: Token) throws -> Expr {
        if let derivative = try parseDerivativeFraction(token: token) { return derivative }
        let numerator = try parseArgument(of: token)
        let denominator = try parseArgument(of: token)
        return node(.divide(numerator, denominator, style), from: token.start)
    }

    /// The token range of a command argument at `index`: its content and the index after it.
    func argumentSpan(at index: Int) -> (content: Range<Int>, after: Int, braced: Bool)? {
        let first = token(at: index)
        if first.isEnd { return nil }
        guard first.isChar("{") else { return (index..<(index + 1), index + 1, false) }
        var level = 0
        var cursor = index
        while cursor < tokens.count {
            let t = tokens[cursor]
            if t.isChar("{") { level += 1 }
            if t.isChar("}") {
                level -= 1
                if level == 0 { return ((index + 1)..<cursor, cursor + 1, true) }
            }
            if t.isEnd { return nil }
            cursor += 1
        }
        return nil
    }

    /// `\frac{d}{dx}`, `\frac{\partial^2 f}{\partial x \partial y}`, `\frac{\partial y(x)}{\partial x}`;
    /// nil when the fraction is not a derivative (numerator and denominator must both start with a
    /// differential).
    mutating func parseDerivativeFraction(token: Token) throws -> Expr? {
        guard let numerator = argumentSpan(at: pos), numerator.braced || !numerator.content.isEmpty,
              let denominator = argumentSpan(at: numerator.after), denominator.braced,
              let top = differentialMarker(at: numerator.content.lowerBound, inNumerator: true),
              differentialMarker(at: denominator.content.lowerBound, inNumerator: false) != nil
        else { return nil }
        // A lone `d` numerator over `d`-something that is not a differential stays a fraction.
        if !numerator.braced, top.length != 1 { return nil }
        let start = token.start

        // Numerator: marker, optional order, optional function.
        if numerator.braced { advance() }
        advance(by: top.length)
        var order: Int?
        if current.isChar("^") {
            let caret = advance()
            order = try parseOrder(after: caret)
        }
        var body: Expr?
        if numerator.braced {
            if !current.isChar("}") {
                let open = self.token(at: numerator.content.lowerBound - 1)
                body = try parseBracedContent(open: open, what: "numerator")
            } else {
                advance()
            }
        }

        // Denominator: one or more `d x`, `\partial x^2`.
        let open = advance()
        var variables: [Expr] = []
        repeat {
            guard let marker = differentialMarker(at: pos, inNumerator: false) else {
                throw error("expected 'd' or '\\partial' before each variable of a derivative, found \(current.quoted)",
                            at: current)
            }
            advance(by: marker.length)
            var variable = try parseName()
            var times = 1
            if current.isChar("^"), let length = transposeMark(at: pos + 1) {
                // `\partial x^\top`, `\partial x^T` (Dinh et al. 2017): the Jacobian with outputs as
                // rows, which is what `\partial x` means here already; kept so that it prints back.
                advance(by: 1 + length)
                variable = node(.transpose(variable), from: variable.range.start)
            } else if current.isChar("^") {
                let caret = advance()
                times = try parseOrder(after: caret)
            }
            variables += Array(repeating: variable, count: times)
        } while !current.isChar("}") && !current.isEnd
        try expectCloser(open: open) { $0.isChar("}") }
        if let order, order != variables.count {
            throw error("a derivative of order \(order) needs \(order) variables below, found \(variables.count)",
                        at: token)
        }
        let derivativeBody = try body ?? parseBody(of: token)
        return node(.derivative(body: derivativeBody, variables: variables, partial: top.partial), from: start)
    }

    /// The length of a transpose mark in an exponent at `index` (`\top`, `T`, `{\top}`, `{T}`), or nil.
    func transposeMark(at index: Int) -> Int? {
        func isMark(_ token: Token) -> Bool { isTransposeToken(token) || token.isChar("T") }
        if isMark(token(at: index)) { return 1 }
        if token(at: index).isChar("{"), isMark(token(at: index + 1)), token(at: index + 2).isChar("}") { return 3 }
        return nil
    }

    /// A derivative's order: `^2`, `^{2}`.
    mutating func parseOrder(after caret: Token) throws -> Int {
        let exponent = try parseScript(after: caret)
        guard case .number(let text) = exponent.node, let order = Int(text), order >= 1, order <= 9 else {
            throw error("the order of a derivative must be a small whole number", at: exponent)
        }
        return order
    }

    // MARK: Big operators

    /// Subscript and superscript in either order.
    mutating func parseLimits() throws -> (lower: Expr?, upper: Expr?) {
        var lower: Expr?
        var upper: Expr?
        for _ in 0..<2 {
            if lower == nil, current.isChar("_") {
                let underscore = advance()
                lower = try parseScript(after: underscore)
            } else if upper == nil, current.isChar("^") {
                let caret = advance()
                upper = try parseScript(after: caret)
            }
        }
        return (lower, upper)
    }

    /// `\sum_{i=1}^{n} body`, `\prod_{s=1}^{t} body`, `\sum_{i \ne j} body`, `\sum_i body`.
    mutating func parseBigOperator(isSum: Bool, token: Token) throws -> Expr {
        let (lower, upper) = try parseLimits()
        guard let lower else {
            throw error("\(token.quoted) needs an index: \(token.text)_{i=1}^{n}", at: token)
        }
        let body = try parseBody(of: token)
        var op: BigOperator
        switch lower.node {
        case .comparison(let index, .equal, let from) where isName(index):
            op = BigOperator(index: index, lower: from, upper: upper, condition: nil, body: body)
        case .comparison(let index, _, _) where isName(index):
            op = BigOperator(index: index, lower: nil, upper: upper, condition: lower, body: body)
        default:
            guard isName(lower) else {
                throw error("cannot find the index of \(token.quoted) in its subscript", at: lower)
            }
            op = BigOperator(index: lower, lower: nil, upper: upper, condition: nil, body: body)
        }
        return node(isSum ? .sum(op) : .product(op), from: token.start)
    }

    /// `\int_a^b body \, dx`: the integrand runs up to the differential.
    mutating func parseIntegral(token: Token) throws -> Expr {
        let (lower, upper) = try parseLimits()
        let saved = integrand
        integrand = true
        let body = try parseAdditive()
        integrand = saved
        guard let marker = differentialMarker(at: pos, inNumerator: false) else {
            throw error("missing the differential (dx) of '\\int', found \(current.quoted)", at: current)
        }
        advance(by: marker.length)
        let variable = try parseName()
        return node(.integral(lower: lower, upper: upper, body: body, variable: variable), from: token.start)
    }

    /// `\sup_{y \in A} body`, `\arg\max_{y \in A} body`: an optimum over a named variable.
    mutating func parseOptimum(_ kind: ExtremumKind, token: Token) throws -> Expr {
        guard current.isChar("_") else {
            throw error("'\\\(kind.rawValue)' needs a subscript naming the variable and its domain, such as y \\in (0, 1)", at: current)
        }
        let underscore = advance()
        let sub = try parseDomainScript(after: underscore)
        let body = try parseBody(of: token)
        try rejectUseAfterBody(of: sub, operator: kind.latex)
        return node(.extremum(kind, subscript: sub, body: body), from: token.start)
    }

    /// An optimum's body is one term, but papers write `\arg\max_{y} a \log(y) + b \log(1 - y)`
    /// meaning the whole sum (Goodfellow et al. 2014, proof of Prop. 1). Where a later term of the
    /// same sum uses the one-letter variable, the reading is in doubt: an error asks for brackets
    /// rather than guessing.
    func rejectUseAfterBody(of script: Expr, operator name: String) throws {
        guard current.isChar("+") || current.isChar("-"),
              case .comparison(let variable, _, _) = script.node, case .symbol(let symbol) = variable.node,
              symbol.base.unicodeScalars.count == 1, symbol.font == .normal, symbol.decorations.isEmpty,
              let letter = symbol.base.unicodeScalars.first, letter.isASCII else { return }
        var depth = 0
        var index = pos
        while index < tokens.count {
            let t = tokens[index]
            switch t.kind {
            case .end: return
            case .char("("), .char("["), .char("{"), .command("{"), .command("langle"): depth += 1
            case .char(")"), .char("]"), .char("}"), .command("}"), .command("rangle"):
                depth -= 1
                if depth < 0 { return }
            case .char("="), .char("<"), .char(">"), .char(","), .char("&"):
                if depth == 0 { return }
            case .command(let name):
                if depth == 0, case .relation? = CommandTable.kind(name) { return }
            case .char(let c) where c == letter:
                throw error("'\(symbol.base)' is used after the body of \(name) ends at \(current.quoted); "
                            + "put the whole body in brackets, \(name)_{…} \\left[ … \\right]", at: t)
            default: break
            }
            index += 1
        }
    }

    /// An optimum's subscript, where `(0, 1)` and `[0, 1)` are intervals as in a declaration.
    mutating func parseDomainScript(after underscore: Token) throws -> Expr {
        let saved = domainMode
        domainMode = true
        defer { domainMode = saved }
        return try parseScript(after: underscore)
    }

    /// `\lim_{n \to \infty} body`.
    mutating func parseLimit(token: Token) throws -> Expr {
        guard current.isChar("_") else {
            throw error("'\\lim' needs a subscript such as n \\to \\infty", at: current)
        }
        let underscore = advance()
        let sub = try parseScript(after: underscore)
        guard case .comparison(let variable, .to, let target) = sub.node else {
            throw error("the subscript of '\\lim' must be 'variable \\to target'", at: sub)
        }
        let body = try parseBody(of: token)
        return node(.limit(variable: variable, target: target, body: body), from: token.start)
    }

    /// `\nabla_x f`, `\nabla_x^2 f`, `\nabla^2 f` (Laplacian), `\nabla_x \cdot f`, `\nabla f`.
    mutating func parseNabla(token: Token) throws -> Expr {
        let (lower, upper) = try parseLimits()
        var order = 1
        if let upper {
            guard case .number("2") = upper.node else {
                throw error("only '\\nabla^2' is supported as a power of '\\nabla'", at: upper)
            }
            order = 2
        }
        if current.isCommand("cdot") {
            guard order == 1 else { throw error("'\\nabla^2 \\cdot' is not an operator", at: current) }
            let dot = advance()
            let body = try parseBody(of: dot)
            return node(.divergenceOperator(body: body, variable: lower), from: token.start)
        }
        let body = try parseBody(of: token)
        if order == 2, lower == nil {
            return node(.laplacian(body: body, variable: nil), from: token.start)
        }
        if order == 1, let read = try transposedGradient(body, variable: lower, start: token.start) { return read }
        return node(.gradient(body: body, variable: lower, order: order), from: token.start)
    }

    /// Papers write `\nabla_x \log p(x)^\top f(x)` for `(\nabla_x \log p(x))^\top f(x)`: a transpose
    /// on the first factor of the operand ends the gradient's reach there, since the transpose of a
    /// scalar would mean nothing. On a bare name (`\nabla_x a^\top x`) either reading is a real one,
    /// so the author is asked for parentheses. The gradient is kept in a TeX group, so that it
    /// prints as written.
    private func transposedGradient(_ body: Expr, variable: Expr?, start: SourcePosition) throws -> Expr? {
        guard case .multiply = body.node, let first = Self.firstFactor(body),
              let stripped = Self.strippingTrailingTranspose(first) else { return nil }
        guard Self.isApplication(stripped) else {
            throw error("write '\\nabla (a^\\top x)' or '(\\nabla a)^\\top x': a transpose inside the operand of \\nabla is ambiguous here", at: first)
        }
        let gradientRange = SourceRange(start: start, end: first.range.end)
        let gradient = Expr(.gradient(body: stripped, variable: variable, order: 1), gradientRange)
        let head = Expr(.transpose(Expr(.group(gradient, .invisible), gradientRange)), gradientRange)
        return Self.replacingFirstFactor(body, with: head)
    }

    private static func firstFactor(_ expr: Expr) -> Expr? {
        if case .multiply(let a, _, _) = expr.node { return firstFactor(a) }
        return expr
    }

    private static func replacingFirstFactor(_ expr: Expr, with head: Expr) -> Expr {
        guard case .multiply(let a, let b, let style) = expr.node else { return head }
        let left = replacingFirstFactor(a, with: head)
        return Expr(.multiply(left, b, style), SourceRange(start: left.range.start, end: expr.range.end))
    }

    /// `X^\top` → `X`; `\log X^\top` (a function applied without brackets) → `\log X`; else nil.
    private static func strippingTrailingTranspose(_ expr: Expr) -> Expr? {
        switch expr.node {
        case .transpose(let inner):
            return inner
        case .apply(let callee, let arguments, let conditions, false) where arguments.count == 1 && conditions.isEmpty:
            guard let inner = strippingTrailingTranspose(arguments[0]) else { return nil }
            return Expr(.apply(callee, arguments: [inner], conditions: [], parenthesized: false),
                        SourceRange(start: expr.range.start, end: inner.range.end))
        default:
            return nil
        }
    }

    /// A function or density applied to arguments, possibly inside `\log`: a scalar-looking operand.
    private static func isApplication(_ expr: Expr) -> Bool {
        switch expr.ungrouped.node {
        case .apply(.named, _, _, _), .distribution: return true
        case .apply(.builtin, let arguments, _, _): return arguments.count == 1 && isApplication(arguments[0])
        default: return false
        }
    }

    /// `\Delta f` and `\Delta_x f` are Laplacians; `\Delta` followed by nothing to act on, or by a
    /// power, is the letter.
    mutating func parseLaplacianOrDelta(token: Token) throws -> Expr {
        let start = token.start
        let letter = node(.symbol(Symbol("Δ")), from: start)
        if current.isChar("^") { return letter }
        if current.isChar("_") {
            let saved = pos
            let underscore = advance()
            let variable = try parseScript(after: underscore)
            if canStartFactor(current) {
                let body = try parseTerm()
                return node(.laplacian(body: body, variable: variable), from: start)
            }
            pos = saved
            return letter
        }
        if canStartFactor(current), !(integrand && differentialMarker(at: pos, inNumerator: false) != nil) {
            let body = try parseTerm()
            return node(.laplacian(body: body, variable: nil), from: start)
        }
        return letter
    }

    // MARK: Environments

    /// `\begin{pmatrix} … \end{pmatrix}` and friends, `\begin{cases} … \end{cases}`.
    mutating func parseEnvironment(begin: Token) throws -> Expr {
        let start = begin.start
        let (name, nameToken) = try readEnvironmentName(after: begin)
        let style = MatrixStyle(rawValue: name)
        guard style != nil || name == "cases" else {
            throw error("unknown environment '\(name)'", at: nameToken)
        }
        let saved = (bar, integrand)
        bar = .none
        integrand = false
        defer { (bar, integrand) = saved }
        var rows: [[Expr]] = []
        var row: [Expr] = []
        var conditionCell = false
        while true {
            if current.isCommand("end") {
                if !row.isEmpty { rows.append(row) }
                break
            }
            if current.isEnd {
                throw error("unbalanced '\\begin{\(name)}': missing '\\end{\(name)}'", at: begin)
            }
            if name == "cases", conditionCell { try skipConditionWord() }
            row.append(try parseRelational())
            if current.isChar("&") {
                advance()
                conditionCell = true
                continue
            }
            if current.isCommand("\\") {
                advance()
                rows.append(row)
                row = []
                conditionCell = false
                continue
            }
            if current.isCommand("end") { continue }
            throw error("unexpected \(current.quoted) in '\(name)'", at: current)
        }
        let end = advance()
        let (endName, endToken) = try readEnvironmentName(after: end)
        guard endName == name else {
            throw error("'\\end{\(endName)}' does not match '\\begin{\(name)}'", at: endToken)
        }
        guard !rows.isEmpty else { throw error("empty '\(name)'", at: begin) }
        if let style {
            return node(.matrix(rows, style), from: start)
        }
        var branches: [CaseBranch] = []
        for cells in rows {
            guard cells.count <= 2 else {
                throw error("a case has a value and a condition, found \(cells.count) cells", at: cells[2])
            }
            var condition: Expr? = cells.count == 2 ? cells[1] : nil
            if let c = condition, case .text(let word) = c.node,
               word.trimmedWhitespace == "otherwise" {
                condition = nil
            }
            branches.append(CaseBranch(value: cells[0], condition: condition))
        }
        return node(.cases(branches), from: start)
    }

    /// `\text{if}` in front of a case's condition says nothing the tree needs.
    mutating func skipConditionWord() throws {
        guard current.isCommand("text"), peek(1).isChar("{") else { return }
        var word = ""
        var offset = 2
        while peek(offset).isASCIILetter {
            word += peek(offset).text
            offset += 1
        }
        if peek(offset).isChar("}"), ["if", "for", "when"].contains(word) { advance(by: offset + 1) }
    }

    mutating func readEnvironmentName(after command: Token) throws -> (String, Token) {
        guard current.isChar("{") else {
            throw error("expected '{' and an environment name after \(command.quoted)", at: current)
        }
        let open = advance()
        let nameToken = current
        var name = ""
        while current.isASCIILetter || current.isChar("*") { name += advance().text }
        guard !name.isEmpty else { throw error("missing environment name", at: current) }
        try expectCloser(open: open) { $0.isChar("}") }
        return (name, nameToken)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (Foundation stays out of this module).
    var trimmedWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
