/// Unicode forms of styled letters for MathML: double-struck (ℝ, 𝔼) and script (𝒩, ℒ).
enum Symbols {
    /// `\mathbb{R}` → "ℝ"; letters outside A–Z, a–z, 0–9 stay as they are.
    static func doubleStruck(_ letter: String) -> String {
        let exceptions: [String: String] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        if let special = exceptions[letter] { return special }
        return offset(letter, upper: 0x1D538, lower: 0x1D552, digits: 0x1D7D8)
    }

    /// `\mathcal{N}` → "𝒩" (the letterlike-block exceptions included).
    static func script(_ letter: String) -> String {
        let exceptions: [String: String] = [
            "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
            "e": "ℯ", "g": "ℊ", "o": "ℴ",
        ]
        if let special = exceptions[letter] { return special }
        return offset(letter, upper: 0x1D49C, lower: 0x1D4B6, digits: nil)
    }

    private static func offset(_ letter: String, upper: UInt32, lower: UInt32, digits: UInt32?) -> String {
        guard letter.unicodeScalars.count == 1, let scalar = letter.unicodeScalars.first else { return letter }
        let value = scalar.value
        var mapped: UInt32?
        if value >= 0x41, value <= 0x5A { mapped = upper + value - 0x41 }
        if value >= 0x61, value <= 0x7A { mapped = lower + value - 0x61 }
        if let digits, value >= 0x30, value <= 0x39 { mapped = digits + value - 0x30 }
        guard let mapped, let result = Unicode.Scalar(mapped) else { return letter }
        return String(Character(result))
    }
}
