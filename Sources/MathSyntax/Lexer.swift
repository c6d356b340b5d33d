import Diagnostics

/// Splits math source into tokens with file positions, and cooks raw tokens for the parser.
enum Lexer {
    /// Raw tokens, comments included, no end token. Unicode equivalents (`μ`, `≤`, `ℝ`) come out
    /// as the tokens of the command they stand for, at the position of the character.
    static func tokenize(_ source: SourceText) -> [Token] {
        var tokens: [Token] = []
        var line = 0
        var column = 0
        var spaceBefore = false
        let scalars = Array(source.text.unicodeScalars)
        var index = 0

        func position(_ col: Int) -> SourcePosition { source.position(line: line, column: col) }
        func emit(_ kind: Token.Kind, width: Int) {
            tokens.append(Token(kind: kind, start: position(column), end: position(column + width),
                                line: line, spaceBefore: spaceBefore))
            spaceBefore = false
        }

        while index < scalars.count {
            let c = scalars[index]
            switch c {
            case "\n":
                line += 1
                column = 0
                index += 1
                spaceBefore = true
            case " ", "\t", "\r", "~":
                // `~` is a tie: a non-breaking space, nothing for the tree.
                index += 1
                column += 1
                spaceBefore = true
            case "%":
                var end = index + 1
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                var body = ""
                body.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
                emit(.comment(body), width: end - index)
                column += end - index
                index = end
            case "\\":
                var end = index + 1
                var name = ""
                if end < scalars.count, isLetter(scalars[end]) {
                    while end < scalars.count, isLetter(scalars[end]) {
                        name.unicodeScalars.append(scalars[end])
                        end += 1
                    }
                } else if end < scalars.count, scalars[end] != "\n" {
                    name.unicodeScalars.append(scalars[end])
                    end += 1
                }
                emit(.command(name), width: end - index)
                column += end - index
                index = end
            default:
                if let kinds = CommandTable.unicode[c] {
                    for kind in kinds { emit(kind, width: 1) }
                } else {
                    emit(.char(c), width: 1)
                }
                column += 1
                index += 1
            }
        }
        return tokens
    }

    /// Tokens ready for the parser: comments dropped, spacing commands folded into the next token's
    /// flags, size commands dropped (they must stand before a delimiter), an end token appended.
    static func cook(_ raw: [Token], source: SourceText) throws -> [Token] {
        try InputLimits.checkTokens(raw, source: source)
        var cooked: [Token] = []
        var space = false
        var thin = false
        var index = 0
        while index < raw.count {
            var token = raw[index]
            index += 1
            if case .comment = token.kind { space = true; continue }
            if let name = token.commandName, let kind = CommandTable.kind(name) {
                switch kind {
                case .spacing(let isThin, _):
                    space = true
                    thin = thin || isThin
                    continue
                case .ignored:
                    continue
                case .size where ["middle", "bigm", "Bigm"].contains(name) && index < raw.count && raw[index].isChar("|"):
                    // `\middle|` and `\bigm|` are the conditioning bar, `\mid`, sized.
                    let bar = raw[index]
                    index += 1
                    token = Token(kind: .command("mid"), start: token.start, end: bar.end, line: token.line,
                                  spaceBefore: token.spaceBefore)
                case .size:
                    guard index < raw.count, isDelimiter(raw[index]) else {
                        let at = index < raw.count ? raw[index] : token
                        throw Diagnostic.error(at.start,
                                               "'\\\(name)' must be followed by a delimiter")
                    }
                    continue
                default:
                    break
                }
            }
            token.spaceBefore = token.spaceBefore || space
            token.thinSpaceBefore = thin
            space = false
            thin = false
            cooked.append(token)
        }
        markConditioningBars(&cooked)
        let endPosition = cooked.last?.end ?? raw.last?.end ?? source.position(line: 0, column: 0)
        cooked.append(Token(kind: .end, start: endPosition, end: endPosition,
                            line: cooked.last?.line ?? 0, spaceBefore: true))
        return cooked
    }

    /// Papers write the conditioning bar as `|` or `\vert` as often as `\mid`: `q(x_t|x_{t-1})`,
    /// `q(\mathbf{x}_t \vert \mathbf{x}_0)`. A bar is read as `\mid` only where it cannot be half of
    /// an absolute value: it is the one bar at the top level of a parenthesis or bracket (`p(|x|)` and
    /// `D(p || q)` have two and keep them).
    static func markConditioningBars(_ tokens: inout [Token]) {
        func isBar(_ token: Token) -> Bool { token.isChar("|") || token.isCommand("vert") }
        var open: [(index: Int, bars: [Int])] = []
        for index in tokens.indices {
            let token = tokens[index]
            switch token.kind {
            case .char("("):
                open.append((index, []))
            case .char("["):
                open.append((index, []))
            case .char("{"), .command("{"), .command("langle"):
                open.append((-1, []))
            case .char(")"), .char("]"), .char("}"), .command("}"), .command("rangle"):
                guard let group = open.popLast() else { continue }
                if group.index >= 0, token.isChar(")") || token.isChar("]"), group.bars.count == 1 {
                    let bar = tokens[group.bars[0]]
                    tokens[group.bars[0]] = Token(kind: .command("mid"), start: bar.start, end: bar.end,
                                                  line: bar.line, spaceBefore: bar.spaceBefore)
                }
            default:
                if isBar(token), !open.isEmpty {
                    // `\left|` and `\right|` size a delimiter; they are never the conditioning bar.
                    let sized = index > 0 && (tokens[index - 1].isCommand("left") || tokens[index - 1].isCommand("right"))
                    open[open.count - 1].bars.append(sized ? -1 : index)
                    if sized { open[open.count - 1].bars.append(-1) }
                }
            }
        }
    }

    /// Whether a token can follow `\big` and friends.
    static func isDelimiter(_ token: Token) -> Bool {
        switch token.kind {
        case .char(let c): return "()[]|/.".unicodeScalars.contains(c)
        case .command(let name):
            return ["{", "}", "|", "langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert"]
                .contains(name)
        default: return false
        }
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }
}
