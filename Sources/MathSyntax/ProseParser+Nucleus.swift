import Diagnostics

extension ProseParser {
    /// One nucleus: a character, a group, or a command with its arguments. nil: it prints nothing.
    mutating func parseNucleus() throws -> ProseNode? {
        guard let token = peekSolid() else { return nil }
        try descend(token)
        defer { depth -= 1 }
        switch token.kind {
        case .space: return nil
        case .char(let c): return try character(c, token)
        case .command(let name):
            guard let row = ProseTable.byName[name] else {
                throw error(token, "unknown command '\\\(name)' in math" + ProseTable.didYouMean(name))
            }
            index += 1
            recordSpelling(row, token)
            return try command(row, token)
        }
    }

    /// The LaTeX book writes a row's own spelling where it differs from the command.
    mutating func recordSpelling(_ row: ProseRow, _ token: ProseToken) {
        guard var latex = row.latex else { return }
        if let last = latex.unicodeScalars.last, ProseLexer.isLetter(last), let next = peek(),
           case .char(let c) = next.kind, ProseLexer.isLetter(c) || c.properties.isAlphabetic {
            latex += " "
        }
        replacements.append((token.start..<token.end, latex))
    }

    // MARK: Characters

    private mutating func character(_ c: Unicode.Scalar, _ token: ProseToken) throws -> ProseNode? {
        switch c {
        case "{":
            index += 1
            let nodes = try parseList()
            try expectChar("}", after: "to close the group opened at \(token.position)")
            return .element("mrow", nodes)
        case "^", "_", "'":
            // A script with no nucleus (`_u^o`, a prime at the start): the base is empty.
            return .element("mrow", [])
        case "&":
            throw error(token, "'&' separates cells: use it inside an environment such as aligned or pmatrix")
        case "#":
            throw error(token, "'#' is a macro parameter: write \\# for the sign")
        case "$":
            throw error(token, "a '$' inside math: write \\$ for the sign")
        case "\\":
            return nil
        default:
            break
        }
        index += 1
        if ProseLexer.isLetter(c) && c != "@" {
            guard let font, font == .upright else { return .token("mi", styled(String(Character(c)))) }
            // Upright words stay one identifier: \mathrm{KL}, \rm data.
            var word = String(Character(c))
            while let next = peek(), case .char(let d) = next.kind, ProseLexer.isLetter(d), d != "@" {
                word.unicodeScalars.append(d)
                index += 1
            }
            return .token("mi", word, word.count == 1 ? [("mathvariant", "normal")] : [])
        }
        if c.properties.numericType != nil {
            var number = String(Character(c))
            while let next = peek(), case .char(let d) = next.kind {
                let digit = d.properties.numericType != nil && d.isASCII
                let point = d == "." && index + 1 < tokens.count && (tokens[index + 1].kind.charValue?.properties.numericType != nil)
                guard digit || point else { break }
                number.unicodeScalars.append(d)
                index += 1
            }
            return .token("mn", styled(number))
        }
        switch c {
        case "+": return .token("mo", "+", role: .binary)
        case "-", "−": return .token("mo", "−", role: .binary)
        case "*": return .token("mo", "∗", role: .binary)
        case "=", "<", ">", ":": return .token("mo", String(Character(c)), role: .relation)
        case ",", ";": return .token("mo", String(Character(c)), [("separator", "true")], role: .punctuation)
        case "(", "[": return .token("mo", String(Character(c)), [("stretchy", "false")], role: .open)
        case ")", "]": return .token("mo", String(Character(c)), [("stretchy", "false")], role: .close)
        case "|", "/": return .token("mo", String(Character(c)), [("stretchy", "false")])
        case "!", "?", ".", "@": return .token("mo", String(Character(c)), [("lspace", "0"), ("rspace", "0")])
        case "~": return .token("mtext", "\u{A0}")
        case "\"": return .token("mo", "”")
        case "`": return .token("mo", "‘")
        default: break
        }
        if let row = ProseTable.byCharacter[String(Character(c))] {
            // pdfLaTeX reads the command, not the character.
            if !inText {
                var spelling = row.latex ?? "\\" + row.name
                if let next = peek(), case .char(let d) = next.kind, ProseLexer.isLetter(d) { spelling += " " }
                replacements.append((token.start..<token.end, spelling))
            }
            return try command(row, token)
        }
        if c.properties.isAlphabetic { return .token("mi", styled(String(Character(c)))) }
        return .token("mo", String(Character(c)))
    }

    // MARK: Commands

    /// The node for a command whose token has been consumed.
    mutating func command(_ row: ProseRow, _ token: ProseToken) throws -> ProseNode? {
        switch row.meaning {
        case .identifier(let c):
            return .token("mi", styled(c))
        case .upright(let c):
            let text = styled(c)
            return .token("mi", text, text.count == 1 && text == c ? [("mathvariant", "normal")] : [])
        case .binary(let c): return .token("mo", c, role: .binary)
        case .relation(let c): return .token("mo", c, role: .relation)
        case .punctuation(let c): return .token("mo", c, [("separator", "true")], role: .punctuation)
        case .open(let c): return .token("mo", c, [("stretchy", "false")], role: .open)
        case .close(let c): return .token("mo", c, [("stretchy", "false")], role: .close)
        case .fence(let c): return .token("mo", c, [("stretchy", "false")])
        case .largeOperator(let c, let limits):
            return .token("mo", c, limits ? [] : [("movablelimits", "false")], role: .op(limits: limits))
        case .operatorName(let name, let limits):
            var node = ProseNode.token("mi", name, role: .op(limits: limits))
            node.appliesToWhatFollows = true
            return node
        case .decoratedName(let name, let mark, let over):
            let mark = ProseNode.token("mo", mark, [("stretchy", "true")])
            var node = ProseNode.element(over ? "mover" : "munder", [.token("mi", name), mark],
                                         [(over ? "accent" : "accentunder", "true")], role: .op(limits: true))
            node.appliesToWhatFollows = true
            return node
        case .textSymbol(let c): return .token("mtext", c)
        case .textAccent:
            throw error(token, "\(token.text) is an accent of text: use it inside \\text{…}, or use \\acute, \\grave, \\hat… in math")
        case .accent(let mark, let stretchy, let under):
            let body = try parseArgument(for: token)
            let accent = ProseNode.token("mo", mark, [("stretchy", stretchy ? "true" : "false")])
            return .element(under ? "munder" : "mover", [body, accent], [(under ? "accentunder" : "accent", "true")])
        case .brace(let mark, let under):
            let body = try parseArgument(for: token)
            let brace = ProseNode.token("mo", mark, [("stretchy", "true")])
            return .element(under ? "munder" : "mover", [body, brace], role: .brace)
        case .font(let font, _):
            let saved = self.font
            self.font = font
            defer { self.font = saved }
            return try parseArgument(for: token)
        case .text(let font):
            return try textArgument(of: token, font: font)
        case .space(let em):
            return em < 0 ? .element("mspace", [], [("width", "0em"), ("style", "margin-left: " + ProseNode.em(em))]) : .space(em)
        case .explicitSpace:
            if row.name == "hspace", let star = peek(), star.isChar("*") { index += 1 }
            let length = try lengthArgument(of: token)
            let em = Self.unitLength(length) ?? 0
            return em < 0 ? .element("mspace", [], [("width", "0em"), ("style", "margin-left: " + ProseNode.em(em))]) : .space(em)
        case .fraction(let style):
            let numerator = try parseArgument(for: token), denominator = try parseArgument(for: token)
            let fraction = ProseNode.element("mfrac", [numerator, denominator])
            return style == .auto ? fraction : .element("mstyle", [fraction], Self.styleAttributes(style))
        case .binomial(let style):
            let top = try parseArgument(for: token), bottom = try parseArgument(for: token)
            let binomial = Self.delimited("(", .element("mfrac", [top, bottom], [("linethickness", "0")]), ")")
            return style == .auto ? binomial : .element("mstyle", [binomial], Self.styleAttributes(style))
        case .continuedFraction:
            _ = try parseOptional()
            let numerator = try parseArgument(for: token), denominator = try parseArgument(for: token)
            return .element("mstyle", [.element("mfrac", [numerator, denominator])], Self.styleAttributes(.display))
        case .generalFraction:
            let (open, _) = try rawArgument(of: token)
            let (close, _) = try rawArgument(of: token)
            let (thickness, _) = try rawArgument(of: token)
            let (style, _) = try rawArgument(of: token)
            let numerator = try parseArgument(for: token), denominator = try parseArgument(for: token)
            var attributes: [(String, String)] = []
            if !thickness.isEmpty { attributes.append(("linethickness", Self.length(thickness))) }
            var node = Self.delimited(Self.delimiterText(open), .element("mfrac", [numerator, denominator], attributes),
                                      Self.delimiterText(close))
            let styles: [String: ProseStyle] = ["0": .display, "1": .text, "2": .script, "3": .scriptScript]
            if let chosen = styles[style] { node = .element("mstyle", [node], Self.styleAttributes(chosen)) }
            return node
        case .infixFraction, .infixAbove:
            throw error(token, "\(token.text) splits a group in two: write {a \(token.text) b}")
        case .squareRoot:
            let degree = try parseOptional()
            let body = try parseArgument(for: token)
            if let degree { return .element("mroot", [body, .row(degree)]) }
            return .element("msqrt", [body])
        case .delimiterSize(let em):
            let delimiter = try delimiterAfter(token)
            let size = ProseNode.em(em)
            let role: ProseNode.Role = row.name.hasSuffix("l") ? .open : row.name.hasSuffix("r") ? .close
                : row.name.hasSuffix("m") ? .relation : .ordinary
            return .token("mo", delimiter, [("fence", "false"), ("stretchy", "true"), ("minsize", size), ("maxsize", size)], role: role)
        case .left:
            return try leftRight(token)
        case .right:
            throw error(token, "\\right without a \\left before it")
        case .middle:
            guard leftDepth > 0 else { throw error(token, "\\middle outside \\left … \\right") }
            return .token("mo", try delimiterAfter(token), [("stretchy", "true")], role: .relation)
        case .begin:
            return try environment(token)
        case .end:
            throw error(token, "\\end without a \\begin before it")
        case .overUnderSet(let over):
            let script = try parseArgument(for: token), body = try parseArgument(for: token)
            let role: ProseNode.Role = row.name == "stackrel" ? .relation : (body.role == .relation ? .relation : .ordinary)
            return .element(over ? "mover" : "munder", [body, script], role: role)
        case .extensibleArrow(let arrow):
            let below = try parseOptional()
            let above = try parseArgument(for: token)
            // MathML Core has no relative mpadded widths: the labels get explicit spaces instead.
            let padded = { (node: ProseNode) in ProseNode.element("mrow", [.space(0.3), node, .space(0.3)]) }
            let mark = ProseNode.token("mo", arrow, [("stretchy", "true"), ("minsize", "1.8em")])
            if let below, !below.isEmpty {
                return .element("munderover", [mark, padded(.row(below)), padded(above)], role: .relation)
            }
            return .element("mover", [mark, padded(above)], role: .relation)
        case .enclose(let notation, let text):
            let body = text ? try textArgument(of: token, font: .upright) : try parseArgument(for: token)
            return .element("menclose", [body], [("notation", notation), ("style", Self.encloseStyle(notation))])
        case .enclosedLetter(let letter, let notation):
            return .element("menclose", [.token("mi", letter)], [("notation", notation), ("style", Self.encloseStyle(notation))])
        case .color:
            // A switch met as an argument (`\frac\color…`): it colours nothing there.
            _ = try colorArgument(of: token)
            return nil
        case .textColor:
            let colour = try colorArgument(of: token)
            return .element("mstyle", [try parseArgument(for: token)], [("mathcolor", colour)])
        case .colorBox:
            let colour = try colorArgument(of: token)
            return .element("mpadded", [try textArgument(of: token, font: .upright)],
                            [("mathbackground", colour), ("style", "padding: 0 0.3em")])
        case .frameColorBox:
            let frame = try colorArgument(of: token)
            let colour = try colorArgument(of: token)
            return .element("mpadded", [try textArgument(of: token, font: .upright)],
                            [("mathbackground", colour), ("style", "border: 1px solid " + frame + "; padding: 0.15em")])
        case .tag:
            guard display else { throw error(token, "\\tag works only in display math ($$…$$)") }
            var starred = false
            if let star = peek(), star.isChar("*") { starred = true; index += 1 }
            let body = try textArgument(of: token, font: .upright)
            tag = starred ? body : .row([.token("mtext", "("), body, .token("mtext", ")")])
            return nil
        case .not:
            guard var next = try parseNucleus() else { throw error(token, "\\not needs a relation after it") }
            if let text = next.text {
                let negated: [String: String] = ["=": "≠", "∈": "∉", "∋": "∌", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱",
                                                 "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∼": "≁", "≈": "≉", "≡": "≢",
                                                 "∣": "∤", "∥": "∦", "≅": "≇", "≃": "≄"]
                next.text = negated[text] ?? text + "\u{338}"
                return next
            }
            return .row([.element("mpadded", [.token("mo", "/")], [("width", "0")]), next])
        case .operatorNameWord(let limits):
            var starred = limits
            if let star = peek(), star.isChar("*") { starred = true; index += 1 }
            let saved = font
            font = .upright
            defer { font = saved }
            let body = try parseArgument(for: token)
            var node = body.name == "mrow" && body.children.count == 1 ? body.children[0] : body
            if node.name == "mi" { node.attributes = [] }
            node.role = .op(limits: starred)
            node.appliesToWhatFollows = true
            return node
        case .mathClass(let kind):
            var body = try parseArgument(for: token)
            switch kind {
            case .op:
                body.role = .op(limits: true)
                return body
            case .binary: return Self.spaced(body, 4.0 / 18, 4.0 / 18, role: .binary)
            case .relation: return Self.spaced(body, 5.0 / 18, 5.0 / 18, role: .relation)
            case .punctuation: return Self.spaced(body, 0, 3.0 / 18, role: .punctuation)
            case .open: body.role = .open
            case .close: body.role = .close
            case .ordinary, .inner: body.role = .ordinary
            }
            return .element("mrow", [body], role: body.role)
        case .limits:
            throw error(token, "\(token.text) must follow an operator such as \\sum or \\lim")
        case .font(_, switch: true), .style, .size:
            return nil
        case .phantom(let horizontal, let vertical):
            let phantom = ProseNode.element("mphantom", [try parseArgument(for: token)])
            if horizontal && vertical { return phantom }
            return .element("mpadded", [phantom], horizontal ? [("height", "0"), ("depth", "0")] : [("width", "0")])
        case .mathStrut:
            return .element("mpadded", [.element("mphantom", [.token("mo", "(")])], [("width", "0")])
        case .smash:
            var sides = "tb"
            if let option = peekSolid(), option.isChar("[") {
                sides = try parseOptional().map { $0.compactMap(\.text).joined() } ?? "tb"
            }
            var attributes: [(String, String)] = []
            if sides.contains("t") { attributes.append(("height", "0")) }
            if sides.contains("b") { attributes.append(("depth", "0")) }
            return .element("mpadded", [try parseArgument(for: token)], attributes)
        case .overlap(let side, let text):
            let body = text ? try textArgument(of: token, font: .upright) : try parseArgument(for: token)
            var attributes = [("width", "0")]
            if side == "left" { attributes.append(("style", "transform: translateX(-100%)")) }
            if side == "center" { attributes.append(("style", "transform: translateX(-50%)")) }
            return .element("mpadded", [body], attributes)
        case .raiseBox:
            let (length, _) = try rawArgument(of: token)
            return .element("mpadded", [try textArgument(of: token, font: .upright)], [("voffset", Self.length(length))])
        case .rule:
            var raise = "0em"
            if let option = peekSolid(), option.isChar("[") {
                index += 1
                var text = ""
                while let next = peek(), !next.isChar("]") { text += next.text; index += 1 }
                try expectChar("]", after: "to close the raise of \\rule")
                raise = Self.length(text)
            }
            let (width, _) = try rawArgument(of: token)
            let (height, _) = try rawArgument(of: token)
            let box = ProseNode.element("mspace", [], [("width", Self.length(width)), ("height", Self.length(height)),
                                                       ("style", "background: currentColor")])
            return raise == "0em" ? box : .element("mpadded", [box], [("voffset", raise)])
        case .modulo(let kind):
            return try modulo(kind, token)
        case .substack:
            return try substack(token)
        case .newRow:
            throw error(token, "a line break '\(token.text)' needs an environment such as gathered, aligned or pmatrix")
        case .rowRule:
            throw error(token, "\(token.text) draws a rule between rows: use it inside array or a matrix")
        case .braket(let open, let close, let stretchy):
            let body = try parseArgument(for: token)
            if stretchy { return Self.delimited(open, body, close) }
            return .row([.token("mo", open, [("stretchy", "false")], role: .open), body,
                         .token("mo", close, [("stretchy", "false")], role: .close)])
        case .logo(let word):
            return .token("mtext", word)
        case .ignored:
            return nil
        }
    }

    /// A node with TeX's space of a binary operator or relation on either side.
    static func spaced(_ body: ProseNode, _ left: Double, _ right: Double, role: ProseNode.Role) -> ProseNode {
        var nodes: [ProseNode] = []
        if left > 0 { nodes.append(.space(left)) }
        nodes.append(body)
        if right > 0 { nodes.append(.space(right)) }
        return .element("mrow", nodes, role: role)
    }

    /// CSS that draws a notation where the browser has no `menclose` (Chromium): a box, strikes.
    static func encloseStyle(_ notation: String) -> String {
        let strike = { (direction: String) in
            "linear-gradient(to \(direction), transparent 47%, currentColor 47%, currentColor 53%, transparent 53%)"
        }
        switch notation {
        case "box": return "border: 1px solid currentColor; padding: 0.15em"
        case "updiagonalstrike": return "background: " + strike("top right")
        case "downdiagonalstrike": return "background: " + strike("bottom right")
        case "horizontalstrike": return "background: " + strike("bottom")
        case "phasorangle": return "border-bottom: 1px solid currentColor; padding-left: 0.4em"
        case "actuarial": return "border-top: 1px solid currentColor; border-right: 1px solid currentColor; padding: 0 0.1em"
        default: return "background: " + strike("top right") + ", " + strike("bottom right")
        }
    }

    /// The character a delimiter argument stands for (`\langle` → ⟨, `.` → nothing).
    static func delimiterText(_ raw: String) -> String {
        let trimmed = raw.filter { $0 != " " }
        if trimmed == "." || trimmed.isEmpty { return "" }
        if trimmed == "\\{" { return "{" }
        if trimmed == "\\}" { return "}" }
        if trimmed.hasPrefix("\\"), let row = ProseTable.byName[String(trimmed.dropFirst())], let c = row.character { return c }
        return trimmed
    }

    /// The delimiter after `\left`, `\big`…: a character, a delimiter command, or `.` (none).
    mutating func delimiterAfter(_ owner: ProseToken) throws -> String {
        guard let token = peekSolid() else { throw error(nil, "\(owner.text) needs a delimiter after it") }
        switch token.kind {
        case .char(let c) where "()[]|/.<>".unicodeScalars.contains(c) || ProseTable.byCharacter[String(Character(c))]?.isDelimiter == true:
            index += 1
            if let row = ProseTable.byCharacter[String(Character(c))], !inText {
                replacements.append((token.start..<token.end, (row.latex ?? "\\" + row.name) + " "))
            }
            switch c {
            case ".": return ""
            case "<": return "⟨"
            case ">": return "⟩"
            default: return String(Character(c))
            }
        case .command(let name):
            if let row = ProseTable.byName[name], row.isDelimiter, let c = row.character {
                index += 1
                recordSpelling(row, token)
                return c
            }
            throw error(token, "\(owner.text) needs a delimiter after it, not \(token.text)")
        default:
            throw error(token, "\(owner.text) needs a delimiter after it, not '\(token.text)'")
        }
    }

    private mutating func leftRight(_ token: ProseToken) throws -> ProseNode {
        let open = try delimiterAfter(token)
        leftDepth += 1
        let body = try parseList(stop: { $0.commandName == "right" })
        leftDepth -= 1
        guard let right = peekSolid(), right.commandName == "right" else {
            throw error(token, "\\left without a matching \\right")
        }
        index += 1
        let close = try delimiterAfter(right)
        var nodes: [ProseNode] = []
        nodes.append(.token("mo", open.isEmpty ? "" : open, [("fence", "true"), ("stretchy", "true")], role: .open))
        nodes += body
        nodes.append(.token("mo", close.isEmpty ? "" : close, [("fence", "true"), ("stretchy", "true")], role: .close))
        return .element("mrow", nodes)
    }

    private mutating func modulo(_ kind: ProseModulo, _ token: ProseToken) throws -> ProseNode {
        let word = ProseNode.token("mi", "mod")
        switch kind {
        case .bmod:
            return .element("mrow", [.space(4.0 / 18), word, .space(4.0 / 18)], role: .binary)
        case .pmod:
            let body = try parseArgument(for: token)
            return .row([.space(1), .token("mo", "(", [("stretchy", "false")]), word, .space(1.0 / 3), body,
                         .token("mo", ")", [("stretchy", "false")])])
        case .pod:
            let body = try parseArgument(for: token)
            return .row([.space(1), .token("mo", "(", [("stretchy", "false")]), body, .token("mo", ")", [("stretchy", "false")])])
        case .mod:
            let body = try parseArgument(for: token)
            return .row([.space(1), word, .space(1.0 / 3), body])
        }
    }

    /// A colour: an xcolor name or `#rrggbb` (`rrggbb` too); the LaTeX book gets `[HTML]{rrggbb}`.
    mutating func colorArgument(of owner: ProseToken) throws -> String {
        let start = peekSolid()
        let (raw, range) = try rawArgument(of: owner)
        let name = raw.filter { $0 != " " }
        let hex = name.hasPrefix("#") ? String(name.dropFirst()) : name
        if hex.count == 6 || hex.count == 3, hex.allSatisfy(\.isHexDigit), hex.contains(where: \.isNumber) || name.hasPrefix("#") {
            let full = hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex
            replacements.append((range, "[HTML]{" + full.uppercased() + "}"))
            return "#" + full.lowercased()
        }
        guard Self.colorNames.contains(name) else {
            let near = Suggestions.nearest(name, among: Array(Self.colorNames)).map { "; did you mean \($0)?" } ?? ""
            throw error(start, "unknown colour '\(name)': use #rrggbb or one of " + Self.colorNames.sorted().joined(separator: ", ") + near)
        }
        return name
    }

    /// The colour names that both xcolor (without options) and CSS know.
    static let colorNames: Set<String> = [
        "black", "blue", "brown", "cyan", "darkgray", "gray", "green", "lightgray", "lime", "magenta",
        "olive", "orange", "pink", "purple", "red", "teal", "violet", "white", "yellow",
    ]
}

extension ProseRow {
    /// Whether the row can follow `\left`, `\right`, `\big…`.
    var isDelimiter: Bool {
        switch meaning {
        case .open, .close, .fence: return true
        default: return false
        }
    }
}
