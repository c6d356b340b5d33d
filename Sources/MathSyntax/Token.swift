import Diagnostics

/// One lexical unit of math source: a single character, a control sequence, or a `%` comment.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// One Unicode scalar: a letter, a digit, or punctuation such as `(`, `^`, `&`.
        case char(Unicode.Scalar)
        /// `\name` (letters) or `\x` (one non-letter: `\,`, `\{`, `\|`, `\\`), without the backslash.
        case command(String)
        /// The text after an unescaped `%` up to the end of its line.
        case comment(String)
        case end
    }

    var kind: Kind
    var start: SourcePosition
    var end: SourcePosition
    /// 0-based line of the source text the token starts on (block parsers group by it).
    var line: Int
    /// White space or a spacing command separates it from the previous token.
    var spaceBefore: Bool
    /// A `\,` came right before it (kept so `a \, b` prints back with its thin space).
    var thinSpaceBefore: Bool = false

    var range: SourceRange { SourceRange(start: start, end: end) }

    /// The token as it was written, for messages.
    var text: String {
        switch kind {
        case .char(let c): return String(Character(c))
        case .command(let name): return "\\" + name
        case .comment(let body): return "%" + body
        case .end: return "end of input"
        }
    }

    /// Quoted for a message: `'\frac'`, or the bare words "end of input".
    var quoted: String {
        if case .end = kind { return "end of input" }
        return "'" + text + "'"
    }

    func isChar(_ c: Unicode.Scalar) -> Bool { kind == .char(c) }
    func isCommand(_ name: String) -> Bool { kind == .command(name) }

    var isEnd: Bool { kind == .end }

    var charValue: Unicode.Scalar? {
        if case .char(let c) = kind { return c }
        return nil
    }

    var commandName: String? {
        if case .command(let name) = kind { return name }
        return nil
    }

    var isASCIILetter: Bool {
        guard let c = charValue else { return false }
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    var isDigit: Bool {
        guard let c = charValue else { return false }
        return c >= "0" && c <= "9"
    }
}
