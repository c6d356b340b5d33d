import Diagnostics

/// A chapter's text split into lines of Unicode scalars, the coordinate system of every position
/// Derive reports (1-based lines, 1-based columns counted in scalars).
struct SourceLines: Sendable {
    /// The text as cmark sees it (line endings, NULs and a byte-order mark normalised).
    let text: String
    /// Each line without its line ending.
    let lines: [[Unicode.Scalar]]
    /// The chapter file the lines come from, stamped on every position made from them.
    let file: String

    /// Normalises the text the way cmark would, so that cmark's line numbers and ours agree:
    /// CRLF and CR become LF, NUL becomes U+FFFD, a leading byte-order mark is dropped.
    init(_ raw: String, file: String) {
        var lines: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        var previousWasCR = false
        var isFirst = true
        for scalar in raw.unicodeScalars {
            defer { isFirst = false }
            if isFirst && scalar == "\u{FEFF}" { continue }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(line)
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(scalar == "\0" ? "\u{FFFD}" : scalar)
            }
        }
        lines.append(line)
        self.init(lines: lines, file: file)
    }

    /// Lines built directly (the protected text of `MathProtection`).
    init(lines: [[Unicode.Scalar]], file: String) {
        self.lines = lines
        self.file = file
        // Encoded into bytes and decoded once: appending to a String scalar by scalar can copy.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for (index, line) in lines.enumerated() {
            if index > 0 { bytes.append(0x0A) }
            for scalar in line { UTF8.encode(scalar) { bytes.append($0) } }
        }
        text = String(decoding: bytes, as: UTF8.self)
    }

    /// The scalars of a 1-based line, empty when the line does not exist.
    func line(_ number: Int) -> [Unicode.Scalar] {
        guard number >= 1, number <= lines.count else { return [] }
        return lines[number - 1]
    }

    /// Converts cmark's column (1-based, counted in UTF-8 bytes) into a 1-based scalar column.
    func scalarColumn(line number: Int, byteColumn: Int) -> Int {
        let scalars = line(number)
        var bytes = 0
        var column = 1
        for scalar in scalars {
            if bytes >= byteColumn - 1 { break }
            bytes += UTF8.width(scalar)
            column += 1
        }
        return column
    }

    /// The position of a cmark node start, converted to scalar columns.
    func position(line: Int, byteColumn: Int) -> SourcePosition {
        SourcePosition(file: file, line: max(line, 1), column: scalarColumn(line: line, byteColumn: byteColumn))
    }
}

extension Unicode.Scalar {
    /// Space or tab: the white space that Markdown's line structure is made of.
    var isMarkdownSpace: Bool { self == " " || self == "\t" }
    /// Any white space, for the math delimiter rules.
    var isWhitespaceLike: Bool { properties.isWhitespace }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// ASCII punctuation, the characters a backslash may escape in CommonMark.
    var isASCIIPunctuation: Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }
}
