/// Runs of white space collapsed to one space and trimmed at both ends: what
/// `text.split(whereSeparator: \.isWhitespace).joined(separator: " ")` gives, without splitting the
/// text into characters (grapheme breaking), which made the search index the slowest part of a
/// rebuild. The scalar walk gives the same words whenever every white-space scalar stands alone as
/// a character; where a neighbour could join one (a combining mark after a space, a prepended
/// mark before it), the character split is used as it was.
enum WordSpacing {
    static func collapsed(_ text: String) -> String {
        if let words = collapsedByScalars(text) { return words }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private enum Kind { case white, plain, joining }

    /// Nil when a scalar that might join a white-space scalar into one character touches one.
    private static func collapsedByScalars(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previous = Kind.plain
        var pendingSpace = false
        var failed = false
        var copy = text
        copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var length = 1
                let kind: Kind
                if byte < 0x80 {
                    kind = byte == 0x20 || (0x09...0x0D).contains(byte) ? .white : .plain
                } else {
                    length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    guard index + length <= bytes.count, let scalar = decode(bytes, at: index, length: length) else { failed = true; return }
                    kind = scalar.properties.isWhitespace ? .white : stands(scalar) ? .plain : .joining
                }
                if (kind == .white && previous == .joining) || (kind == .joining && previous == .white) { failed = true; return }
                if kind == .white {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                }
                previous = kind
                index += length
            }
        }
        return failed ? nil : String(decoding: out, as: UTF8.self)
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar? {
        var value = UInt32(bytes[index]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// Letters with case, numbers, punctuation and symbols other than modifiers: none of these
    /// extends, prepends to or joins a neighbouring character (UAX #29's Extend, SpacingMark,
    /// Prepend and ZWJ are marks, format characters, modifier letters and symbols, and a few
    /// other letters).
    private static func stands(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
