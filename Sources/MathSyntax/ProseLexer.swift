import Diagnostics

/// One lexical unit of prose math, with its place in the math text (scalar offsets, for the LaTeX
/// book's verbatim copy) and in the file (for messages).
struct ProseToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `\name` or `\x`, without the backslash.
        case command(String)
        /// One Unicode scalar.
        case char(Unicode.Scalar)
        /// A run of white space (it separates words inside `\text{…}`).
        case space
    }

    var kind: Kind
    /// Scalar offsets into the math text: `start..<end`.
    var start: Int
    var end: Int
    var position: SourcePosition

    func isChar(_ c: Unicode.Scalar) -> Bool { kind == .char(c) }

    var commandName: String? {
        if case .command(let name) = kind { return name }
        return nil
    }

    /// The token as written, for messages.
    var text: String {
        switch kind {
        case .command(let name): return "\\" + name
        case .char(let c): return String(Character(c))
        case .space: return " "
        }
    }
}

/// Splits prose math into tokens. `%` starts a comment to the end of the line, as in TeX.
enum ProseLexer {
    static func tokenize(_ source: SourceText) -> [ProseToken] {
        let scalars = Array(source.text.unicodeScalars)
        var tokens: [ProseToken] = []
        var line = 0
        var column = 0
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            let position = source.position(line: line, column: column)
            if c == "\n" || c == " " || c == "\t" || c == "\r" {
                let start = index
                while index < scalars.count, [" ", "\t", "\r", "\n"].contains(scalars[index]) {
                    if scalars[index] == "\n" { line += 1; column = 0 } else { column += 1 }
                    index += 1
                }
                tokens.append(ProseToken(kind: .space, start: start, end: index, position: position))
                continue
            }
            if c == "%" {
                while index < scalars.count, scalars[index] != "\n" { index += 1; column += 1 }
                continue
            }
            if c == "\\" {
                var end = index + 1
                var name = ""
                if end < scalars.count, isLetter(scalars[end]) {
                    while end < scalars.count, isLetter(scalars[end]) {
                        name.unicodeScalars.append(scalars[end])
                        end += 1
                    }
                } else if end < scalars.count {
                    // `\` before a new line is a control space, as in TeX.
                    name.unicodeScalars.append(scalars[end] == "\n" ? " " : scalars[end])
                    end += 1
                }
                tokens.append(ProseToken(kind: .command(name), start: index, end: end, position: position))
                if end > index + 1, scalars[end - 1] == "\n" { line += 1; column = 0 } else { column += end - index }
                index = end
                continue
            }
            tokens.append(ProseToken(kind: .char(c), start: index, end: index + 1, position: position))
            index += 1
            column += 1
        }
        return tokens
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "@"
    }
}
