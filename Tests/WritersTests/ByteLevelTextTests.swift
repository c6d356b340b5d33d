import Foundation
import Testing
@testable import Writers

/// The writers' text helpers work on UTF-8 bytes for speed; each must give exactly what its
/// definition by characters or scalars gives, on text built to hit the edges (combining marks
/// after spaces, CR LF, controls, U+2028, U+FFFE, prepended marks, letters without case).
@Suite struct ByteLevelTextTests {
    /// Pieces that random text is made of: ASCII, white space of every kind, marks that join a
    /// space into one character, and characters that need escaping.
    static let pieces: [String] = [
        "a", "Z", "7", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{01}", "\u{85}", "\u{A0}",
        "\u{2003}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{301}", "\u{200D}", "\u{200C}", "\u{93F}", "\u{600}", "\u{E33}",
        "\u{1F3FB}", "\u{1F600}", "\u{1F1E6}", "é", "σ", "—", "‖", "∑", "’", "漢", "&", "<", ">", "\"", "'", "\\", "\u{FFFE}",
        "\u{FFFF}", "\u{FFFD}", "ﬁ", "$", "{", "}", "^", "_",
    ]

    /// Deterministic random text from `pieces`.
    static func samples(count: Int = 3000, seed: UInt64 = 11) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    @Test func collapsedWordsAreTheCharacterSplitsWords() {
        for text in Self.samples() {
            #expect(WordSpacing.collapsed(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                    "\(Array(text.unicodeScalars.map(\.value)))")
        }
        // The prose of a real page: mostly ASCII, dashes and Greek beside spaces.
        let prose = "The  ELBO — a bound\non log p(x), with σ² and ‖x‖ — holds.\r\n  "
        #expect(WordSpacing.collapsed(prose) == "The ELBO — a bound on log p(x), with σ² and ‖x‖ — holds.")
    }

    /// HTML text escaping as defined scalar by scalar.
    static func escapedByScalars(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test func htmlEscapingIsTheScalarDefinition() {
        for text in Self.samples() {
            #expect(HTMLEscaping.text(text) == Self.escapedByScalars(text))
        }
        #expect(HTMLEscaping.text("a < b & \"c\"\u{01}\u{FFFE}") == "a &lt; b &amp; &quot;c&quot;")
    }

    /// A JSON string literal as defined scalar by scalar, `<` escaped.
    static func jsonByScalars(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "<": out += "\\u003c"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func searchIndexStringsAreTheScalarDefinition() {
        for text in Self.samples() {
            #expect(HTMLSearch.json(text) == Self.jsonByScalars(text))
        }
        #expect(HTMLSearch.json("a\u{1F}<\u{2028}") == "\"a\\u001f\\u003c\\u2028\"")
    }

    /// The words of a math span as defined character by character.
    static func mathWordsByCharacters(_ text: String) -> String {
        var words = ""
        var command = false
        for character in text {
            if character == "\\" { command = true; words += " "; continue }
            if command && character.isLetter { continue }
            command = false
            words.append(character.isLetter || character.isNumber ? character : " ")
        }
        return words.split(separator: " ").joined(separator: " ")
    }

    @Test func mathWordsAreTheCharacterDefinition() {
        for text in Self.samples() + ["\\frac{a_1}{b^2}", "rank\\,k", "\\mathbb{E}_{q}[x]\r\ny", "x2\\alpha3"] {
            #expect(SectionTextScanner.mathWords(text) == Self.mathWordsByCharacters(text))
        }
        #expect(SectionTextScanner.mathWords("\\frac{a_1}{b^2}") == "a 1 b 2")
    }

    @Test func plotCoordinatesAreWhatTheFormatterPrints() {
        var values: [Double] = [0, -0.0, 0.05, -0.05, 0.04, 0.15, -0.15, 1.25, -1.25, 123.45, -99.99, 1e6 + 0.3, 340, 56.000001]
        var state: UInt64 = 5
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append((Double(state >> 11) / Double(1 << 53) - 0.5) * 2000)
        }
        for value in values {
            let rounded = (value * 10).rounded() / 10
            let expected = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
            #expect(PlotSVG.number(value) == expected, "\(value)")
        }
    }

    @Test func tikzCoordinatesAreWhatTheFormatterPrints() {
        var values: [Double] = [0, -0.0, 0.0005, -0.0005, 0.0004, 0.0015, 1.0625, -1.0625, 5.6, 10, -0.1, 9.999, 1e9 + 0.25]
        var state: UInt64 = 17
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append((Double(state >> 11) / Double(1 << 53) - 0.5) * 40)
        }
        for value in values {
            let rounded = (value * 1000).rounded() / 1000
            let expected = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.3f", rounded)
            #expect(PlotTikZ.number(value) == expected, "\(value)")
        }
    }

    /// pdfLaTeX-safe text as defined scalar by scalar.
    static func safeByScalars(_ text: String, escaping: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if escaping {
                let special: [Unicode.Scalar: String] = ["\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&",
                                                         "#": "\\#", "%": "\\%", "_": "\\_", "^": "\\textasciicircum{}",
                                                         "~": "\\textasciitilde{}", "<": "\\textless{}", ">": "\\textgreater{}",
                                                         "|": "\\textbar{}", "\"": "\\textquotedbl{}"]
                if let replacement = special[scalar] { out += replacement; continue }
            }
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20..<0x7F, 0xA0...0x17F: out.unicodeScalars.append(scalar)
            case _ where LaTeXText.unicode.contains(where: { $0.0 == scalar }): out.unicodeScalars.append(scalar)
            case 0..<0x20, 0x7F: break
            default: out += "?"
            }
        }
        return out
    }

    @Test func latexTextIsTheScalarDefinition() {
        for text in Self.samples() + ["x_1^2 \\le \\sigma", "café ½ — σ² ≤ 1 漢 \u{7F}"] {
            #expect(LaTeXText.escape(text) == Self.safeByScalars(text, escaping: true))
            #expect(LaTeXText.safeUnicode(text) == Self.safeByScalars(text, escaping: false))
        }
        #expect(LaTeXText.escape("a_b & 漢 σ") == "a\\_b \\& ? σ")
    }

    @Test func checkFiguresAreWhatTheFormatterPrints() {
        var values: [Double] = [0, -0.0, 1, -1, 0.000123, 1e-30, 4.48e-51, 2.5e300, 5e-324, .infinity, -.infinity, .nan, 0.0005, 999.5, 1e15, 123456]
        var state: UInt64 = 23
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(state >> 11) / Double(1 << 53) - 0.5
            values.append(mantissa * pow(10, Double(Int(state % 80) - 40)))
        }
        for value in values {
            #expect(Figures.format(value) == (value == 0 ? "0" : String(format: "%.3g", value)), "\(value)")
        }
        #expect(Figures.format(nil as Double?) == "–")
    }
}

