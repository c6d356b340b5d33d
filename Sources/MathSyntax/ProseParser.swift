import Diagnostics

/// Reads prose math into MathML nodes, command by command through `ProseTable`, and records the
/// few places where the LaTeX book must spell the author's text otherwise (`replacements`). Any
/// command the table does not know is an error at its position, with the nearest known name.
struct ProseParser {
    let tokens: [ProseToken]
    let source: SourceText
    let display: Bool
    var index = 0
    /// Scalar ranges of the math text and what the LaTeX book writes there instead.
    var replacements: [(range: Range<Int>, text: String)] = []
    /// The math alphabet that letters and digits take now (`\mathbb{…}`, `\rm`).
    var font: ProseFont? = nil
    /// Inside `\text{…}`: Unicode characters stay as they are in LaTeX.
    var inText = false
    var environmentDepth = 0
    var leftDepth = 0
    /// Nuclei and text arguments being read, one inside another: bounded by `InputLimits.nesting`.
    var depth = 0
    var tag: ProseNode? = nil
    /// The `\begin` of an environment that must be the whole display (`align`…), if one was read.
    var standingEnvironment: ProseToken? = nil

    init(tokens: [ProseToken], source: SourceText, display: Bool) {
        self.tokens = tokens
        self.source = source
        self.display = display
    }

    // MARK: Tokens

    func peek() -> ProseToken? { index < tokens.count ? tokens[index] : nil }

    /// The next token that is not white space, without consuming it (white space is skipped).
    mutating func peekSolid() -> ProseToken? {
        while let token = peek(), token.kind == .space { index += 1 }
        return peek()
    }

    var endPosition: SourcePosition {
        guard let last = tokens.last else { return source.position(line: 0, column: 0) }
        return SourcePosition(file: last.position.file, line: last.position.line,
                              column: last.position.column + (last.end - last.start))
    }

    func error(_ token: ProseToken?, _ message: String) -> Diagnostic {
        .error(token?.position ?? endPosition, message)
    }

    /// One level deeper, or a located error past the documented limit.
    mutating func descend(_ token: ProseToken) throws {
        depth += 1
        guard depth <= InputLimits.nesting else {
            throw error(token, "math nested deeper than \(InputLimits.nesting) levels, the most Derive reads")
        }
    }

    mutating func expectChar(_ c: Unicode.Scalar, after what: String) throws {
        guard let token = peekSolid(), token.isChar(c) else {
            throw error(peek(), "expected '\(Character(c))' \(what)")
        }
        index += 1
    }

    // MARK: Lists

    /// Atoms up to a closing brace, the end, or a token `stop` accepts (none of which is consumed).
    mutating func parseList(stop: (ProseToken) -> Bool = { _ in false }) throws -> [ProseNode] {
        var nodes: [ProseNode] = []
        var infix: (meaning: ProseMeaning, token: ProseToken, left: [ProseNode], thickness: String?)?
        while let token = peekSolid(), !token.isChar("}"), !stop(token) {
            if let name = token.commandName, let row = ProseTable.byName[name] {
                switch row.meaning {
                case .infixFraction, .infixAbove:
                    guard infix == nil else {
                        throw error(token, "two of \\over, \\choose, \\atop… in one group; add braces around one")
                    }
                    index += 1
                    var thickness: String?
                    if case .infixAbove = row.meaning {
                        let (text, range) = try rawArgument(of: token)
                        thickness = text
                        // TeX's \above takes a bare dimension; KaTeX also accepts it in braces.
                        replacements.append((range, " " + text + " "))
                    }
                    infix = (row.meaning, token, nodes, thickness)
                    nodes = []
                    continue
                case .font(let font, switch: true):
                    index += 1
                    let saved = self.font
                    self.font = font
                    defer { self.font = saved }
                    nodes.append(.row(try parseList(stop: stop)))
                    continue
                case .style(let style):
                    index += 1
                    nodes.append(.element("mstyle", try parseList(stop: stop), Self.styleAttributes(style)))
                    continue
                case .size(let em):
                    index += 1
                    nodes.append(.element("mstyle", try parseList(stop: stop), [("mathsize", ProseNode.em(em))]))
                    continue
                case .color:
                    index += 1
                    let colour = try colorArgument(of: token)
                    nodes.append(.element("mstyle", try parseList(stop: stop), [("mathcolor", colour)]))
                    continue
                default:
                    break
                }
            }
            if let atom = try parseAtom() { nodes.append(atom) }
        }
        nodes = Self.spaceOperatorNames(nodes)
        guard let infix else { return nodes }
        let numerator = ProseNode.row(infix.left), denominator = ProseNode.row(nodes)
        switch infix.meaning {
        case .infixFraction(let open, let close, let bar):
            let fraction = ProseNode.element("mfrac", [numerator, denominator], bar ? [] : [("linethickness", "0")])
            return [Self.delimited(open, fraction, close)]
        default:
            return [.element("mfrac", [numerator, denominator], [("linethickness", Self.length(infix.thickness ?? "0.04em"))])]
        }
    }

    /// TeX's thin spaces around an operator name (`2\log x`), and the function-application
    /// operator after it; none before an opening delimiter (`\log(x)`).
    static func spaceOperatorNames(_ nodes: [ProseNode]) -> [ProseNode] {
        var out: [ProseNode] = []
        for (position, node) in nodes.enumerated() {
            if node.appliesToWhatFollows, let previous = out.last, previous.role == .ordinary || previous.role == .close {
                out.append(.space(3.0 / 18))
            }
            out.append(node)
            guard node.appliesToWhatFollows, position + 1 < nodes.count else { continue }
            let next = nodes[position + 1]
            out.append(.token("mo", "\u{2061}"))
            if next.role != .open && next.role != .punctuation && next.role != .relation && next.role != .binary {
                out.append(.space(3.0 / 18))
            }
        }
        return out
    }

    // MARK: Atoms and scripts

    /// A nucleus with its scripts and primes; nil for commands that print nothing.
    mutating func parseAtom() throws -> ProseNode? {
        guard var base = try parseNucleus() else { return nil }
        var sub: ProseNode?, sup: ProseNode?
        var primes = 0
        var limits: Bool?
        while let token = peekSolid() {
            if token.isChar("^") {
                guard sup == nil else { throw error(token, "double superscript: put one of them in braces") }
                index += 1
                sup = try parseArgument(for: token)
            } else if token.isChar("_") {
                guard sub == nil else { throw error(token, "double subscript: put one of them in braces") }
                index += 1
                sub = try parseArgument(for: token)
            } else if token.isChar("'") || token.isChar("′") {
                guard sup == nil else { throw error(token, "a prime after a superscript: write the prime first (f'^2)") }
                primes += 1
                index += 1
            } else if let name = token.commandName, case .limits(let wanted)? = ProseTable.byName[name]?.meaning {
                guard case .op = base.role else { throw error(token, "\\\(name) must follow an operator such as \\sum or \\lim") }
                limits = wanted
                index += 1
            } else {
                break
            }
        }
        if primes > 0 {
            let mark = ProseNode.token("mo", String(repeating: "′", count: primes))
            sup = sup.map { .row([mark, $0]) } ?? mark
        }
        guard sub != nil || sup != nil else {
            if let limits, case .op = base.role { base.role = .op(limits: limits) }
            return base
        }
        var stacked = false
        switch base.role {
        case .brace: stacked = true
        case .op(let byDefault):
            if base.name == "mo" {
                // MathML moves a large operator's limits to the side by itself outside display style.
                let wanted = limits ?? byDefault
                stacked = wanted
                if wanted { base.attributes.append(("movablelimits", limits == true ? "false" : "true")) }
            } else {
                stacked = limits ?? (byDefault && display)
            }
        default: break
        }
        let applies = base.appliesToWhatFollows
        var node: ProseNode
        switch (sub, sup) {
        case (let sub?, let sup?): node = .element(stacked ? "munderover" : "msubsup", [base, sub, sup])
        case (let sub?, nil): node = .element(stacked ? "munder" : "msub", [base, sub])
        case (nil, let sup?): node = .element(stacked ? "mover" : "msup", [base, sup])
        default: node = base
        }
        node.role = base.role == .brace ? .ordinary : base.role
        node.appliesToWhatFollows = applies
        return node
    }

    /// A braced group, or a single token (`x^2`, `\frac12`, `\sqrt\alpha`), as an argument.
    mutating func parseArgument(for owner: ProseToken) throws -> ProseNode {
        guard let token = peekSolid(), !token.isChar("}"), !token.isChar("&") else {
            throw error(peek(), "\(owner.text) needs an argument")
        }
        if token.isChar("{") {
            index += 1
            let nodes = try parseList()
            try expectChar("}", after: "to close the group opened at \(token.position)")
            return .element("mrow", nodes)
        }
        if let digit = token.kind.charValue, digit.properties.numericType != nil {
            index += 1
            return .token("mn", styled(String(Character(digit))))
        }
        if token.isChar("^") || token.isChar("_") { throw error(token, "\(owner.text) needs an argument") }
        guard let node = try parseNucleus() else { return .element("mrow", []) }
        return node
    }

    /// `[…]` after a command, or nil when none follows.
    mutating func parseOptional() throws -> [ProseNode]? {
        guard let token = peekSolid(), token.isChar("[") else { return nil }
        index += 1
        let nodes = try parseList(stop: { $0.isChar("]") })
        try expectChar("]", after: "to close the optional argument opened at \(token.position)")
        return nodes
    }

    /// The raw text of a braced argument (a colour, a length, an environment's name) and the
    /// scalar range of the braces, or a single token's text.
    mutating func rawArgument(of owner: ProseToken) throws -> (String, Range<Int>) {
        guard let open = peekSolid() else { throw error(nil, "\(owner.text) needs an argument") }
        guard open.isChar("{") else {
            index += 1
            return (open.text, open.start..<open.end)
        }
        index += 1
        var depth = 0
        var text = ""
        while let token = peek() {
            index += 1
            if token.isChar("{") { depth += 1 }
            if token.isChar("}") {
                if depth == 0 { return (Self.trimmed(text), open.start..<token.end) }
                depth -= 1
            }
            text += token.text
        }
        throw error(open, "the argument of \(owner.text) is not closed")
    }

    /// A length written after `\kern`, `\hspace`…: braced, or bare (`\kern1em`, `\mkern-3mu`).
    mutating func lengthArgument(of owner: ProseToken) throws -> String {
        if let token = peekSolid(), token.isChar("{") {
            let (text, range) = try rawArgument(of: owner)
            if owner.commandName != "hspace" { replacements.append((range, text + " ")) }
            return text
        }
        // A bare length is a number and a two-letter unit, as TeX reads it (`\kern1emb`: 1em, b).
        var text = ""
        while let token = peek(), case .char(let c) = token.kind,
              c.properties.numericType != nil && c.isASCII || c == "." || ((c == "-" || c == "+") && text.isEmpty) {
            text.unicodeScalars.append(c)
            index += 1
        }
        for _ in 0..<2 {
            guard let token = peek(), case .char(let c) = token.kind, ProseLexer.isLetter(c) else { break }
            text.unicodeScalars.append(c)
            index += 1
        }
        guard Self.unitLength(text) != nil else { throw error(peek() ?? owner, "\(owner.text) needs a length such as 1em or 3mu") }
        return text
    }

    /// The length in em of `1.5em`, `3mu`, `2pt`…, or nil when it is not one.
    static func unitLength(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("em", 1), ("ex", 0.431), ("mu", 1.0 / 18), ("pt", 0.1), ("bp", 0.1004), ("pc", 1.2),
            ("dd", 0.107), ("cc", 1.284), ("mm", 0.2845), ("cm", 2.845), ("in", 7.227), ("sp", 0.1 / 65536),
            ("nd", 0.1068), ("nc", 1.281),
        ]
        let trimmed = text.filter { $0 != " " }
        for (unit, em) in units where trimmed.hasSuffix(unit) {
            guard let value = Double(trimmed.dropLast(unit.count)) else { return nil }
            return value * em
        }
        return nil
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    /// A length for MathML (`linethickness`, `voffset`): in em when the unit is known.
    static func length(_ text: String) -> String {
        unitLength(text).map(ProseNode.em) ?? text
    }

    static func styleAttributes(_ style: ProseStyle) -> [(String, String)] {
        switch style {
        case .display: return [("displaystyle", "true"), ("scriptlevel", "0")]
        case .text, .auto: return [("displaystyle", "false"), ("scriptlevel", "0")]
        case .script: return [("displaystyle", "false"), ("scriptlevel", "1")]
        case .scriptScript: return [("displaystyle", "false"), ("scriptlevel", "2")]
        }
    }

    /// `open body close` as a row of stretchy fences (none where a side is empty).
    static func delimited(_ open: String, _ body: ProseNode, _ close: String) -> ProseNode {
        var nodes: [ProseNode] = []
        if !open.isEmpty { nodes.append(.token("mo", open, [("fence", "true"), ("stretchy", "true")], role: .open)) }
        nodes.append(body)
        if !close.isEmpty { nodes.append(.token("mo", close, [("fence", "true"), ("stretchy", "true")], role: .close)) }
        var row = ProseNode.element("mrow", nodes)
        row.role = .ordinary
        return row
    }

    /// A letter or digit in the current font.
    func styled(_ text: String) -> String {
        guard let font, font != .normal, font != .upright else { return text }
        return String(text.map { ProseFonts.styled($0, font) ?? $0 })
    }
}

extension ProseToken.Kind {
    var charValue: Unicode.Scalar? {
        if case .char(let c) = self { return c }
        return nil
    }
}
