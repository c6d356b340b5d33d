import Diagnostics

extension ProseParser {
    /// `{…}` read as text (`\text`, `\textbf`, `\fbox`, `\tag`): words, text symbols and accents,
    /// nested text fonts, and `$…$` math inside.
    mutating func textArgument(of owner: ProseToken, font: ProseFont) throws -> ProseNode {
        guard let open = peekSolid() else { throw error(nil, "\(owner.text) needs an argument") }
        try descend(open)
        defer { depth -= 1 }
        let savedText = inText
        inText = true
        defer { inText = savedText }
        guard open.isChar("{") else {
            // One token, as TeX reads `\text a`.
            index += 1
            return Self.text(open.text, font)
        }
        index += 1
        var nodes: [ProseNode] = []
        var words = ""
        var depth = 0
        func flush() {
            if !words.isEmpty { nodes.append(Self.text(words, font)) }
            words = ""
        }
        while let token = peek() {
            index += 1
            switch token.kind {
            case .space:
                if !words.hasSuffix(" ") { words += " " }
            case .char(let c):
                switch c {
                case "{": depth += 1
                case "}":
                    if depth == 0 {
                        flush()
                        return nodes.count == 1 ? nodes[0] : .element("mrow", nodes)
                    }
                    depth -= 1
                case "$":
                    flush()
                    inText = false
                    let math = try parseList(stop: { $0.isChar("$") })
                    inText = true
                    try expectChar("$", after: "to end the math inside \(owner.text)")
                    nodes.append(.element("mrow", math))
                case "-":
                    if peek()?.isChar("-") == true {
                        index += 1
                        if peek()?.isChar("-") == true { index += 1; words += "—" } else { words += "–" }
                    } else {
                        words += "-"
                    }
                case "&", "#", "^", "_":
                    // LaTeX stops on these in text, as KaTeX does.
                    throw error(token, "'\(Character(c))' inside \(owner.text): write \\\(Character(c)) for the sign, or put math in $…$")
                case "`": words += "‘"
                case "'": words += "’"
                case "~": words += "\u{A0}"
                default: words.unicodeScalars.append(c)
                }
            case .command(let name):
                if ["$", "%", "&", "#", "_", "{", "}"].contains(name) { words += name; continue }
                guard let row = ProseTable.byName[name] else {
                    throw error(token, "unknown command '\\\(name)' in text" + ProseTable.didYouMean(name))
                }
                switch row.meaning {
                case .textSymbol(let c), .identifier(let c), .upright(let c), .relation(let c), .binary(let c),
                     .punctuation(let c), .open(let c), .close(let c), .fence(let c):
                    words += c
                case .textAccent(let mark):
                    let (letters, _) = try rawArgument(of: token)
                    words += letters.isEmpty ? mark : String(letters.prefix(1)) + mark + String(letters.dropFirst())
                case .space(let em):
                    flush()
                    nodes.append(.space(em))
                case .text(let inner):
                    flush()
                    nodes.append(try textArgument(of: token, font: inner == .upright ? font : inner))
                case .logo(let word):
                    words += word
                case .textColor:
                    flush()
                    let colour = try colorArgument(of: token)
                    nodes.append(.element("mstyle", [try textArgument(of: token, font: font)], [("mathcolor", colour)]))
                case .enclose(let notation, true):
                    flush()
                    nodes.append(.element("menclose", [try textArgument(of: token, font: font)],
                                          [("notation", notation), ("style", Self.encloseStyle(notation))]))
                case .ignored:
                    break
                default:
                    throw error(token, "\(token.text) works in math, not inside \(owner.text); close the text or use $…$ inside it")
                }
            }
        }
        throw error(open, "the argument of \(owner.text) is not closed")
    }

    /// Words as `mtext`, in a text font through CSS.
    static func text(_ words: String, _ font: ProseFont) -> ProseNode {
        // Edge spaces would be dropped by the browser: keep them as no-break spaces.
        var text = words
        if text.hasPrefix(" ") { text = "\u{A0}" + text.dropFirst() }
        if text.hasSuffix(" ") { text = text.dropLast() + "\u{A0}" }
        return .token("mtext", text, ProseFonts.textStyle(font).map { [("style", $0)] } ?? [])
    }
}
