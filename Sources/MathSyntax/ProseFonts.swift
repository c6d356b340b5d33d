/// Letters and digits in the math alphabets of Unicode (Mathematical Alphanumeric Symbols), which
/// browsers draw without needing `mathvariant` (MathML Core keeps only `normal`).
enum ProseFonts {
    private struct Alphabet {
        var upper: UInt32?
        var lower: UInt32?
        var digits: UInt32?
        var greekUpper: UInt32? = nil
        var exceptions: [Character: Character] = [:]
    }

    private static let alphabets: [ProseFont: Alphabet] = [
        .bold: Alphabet(upper: 0x1D400, lower: 0x1D41A, digits: 0x1D7CE, greekUpper: 0x1D6A8),
        .italic: Alphabet(upper: 0x1D434, lower: 0x1D44E, digits: nil, greekUpper: 0x1D6E2, exceptions: ["h": "ℎ"]),
        .boldItalic: Alphabet(upper: 0x1D468, lower: 0x1D482, digits: 0x1D7CE, greekUpper: 0x1D71C),
        .script: Alphabet(upper: 0x1D49C, lower: 0x1D4B6, digits: nil, exceptions: [
            "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
            "e": "ℯ", "g": "ℊ", "o": "ℴ",
        ]),
        .fraktur: Alphabet(upper: 0x1D504, lower: 0x1D51E, digits: nil, exceptions: [
            "C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ",
        ]),
        .doubleStruck: Alphabet(upper: 0x1D538, lower: 0x1D552, digits: 0x1D7D8, exceptions: [
            "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
        ]),
        .sansSerif: Alphabet(upper: 0x1D5A0, lower: 0x1D5BA, digits: 0x1D7E2),
        .sansSerifItalic: Alphabet(upper: 0x1D608, lower: 0x1D622, digits: 0x1D7E2),
        .monospace: Alphabet(upper: 0x1D670, lower: 0x1D68A, digits: 0x1D7F6),
    ]

    /// The character in that alphabet, or nil when the alphabet has none for it (then the caller
    /// keeps the plain character).
    static func styled(_ character: Character, _ font: ProseFont) -> Character? {
        guard let alphabet = alphabets[font] else { return nil }
        if let exception = alphabet.exceptions[character] { return exception }
        guard character.unicodeScalars.count == 1, let value = character.unicodeScalars.first?.value else { return nil }
        var mapped: UInt32?
        if value >= 0x41, value <= 0x5A, let upper = alphabet.upper { mapped = upper + value - 0x41 }
        if value >= 0x61, value <= 0x7A, let lower = alphabet.lower { mapped = lower + value - 0x61 }
        if value >= 0x30, value <= 0x39, let digits = alphabet.digits { mapped = digits + value - 0x30 }
        if let greek = alphabet.greekUpper {
            // The Greek blocks follow the basic Greek layout: 25 capitals and ∇, then 25 small
            // letters (ς among them).
            if value >= 0x391, value <= 0x3A9 { mapped = greek + value - 0x391 }
            if value >= 0x3B1, value <= 0x3C9 { mapped = greek + 26 + value - 0x3B1 }
        }
        guard let mapped, let scalar = Unicode.Scalar(mapped) else { return nil }
        return Character(scalar)
    }

    /// CSS for text in a font (`\textbf{…}`): MathML's `mtext` takes no alphabet.
    static func textStyle(_ font: ProseFont) -> String? {
        switch font {
        case .bold, .boldItalic: return "font-weight: bold"
        case .italic: return "font-style: italic"
        case .sansSerif, .sansSerifItalic: return "font-family: sans-serif"
        case .monospace: return "font-family: monospace"
        default: return nil
        }
    }
}
