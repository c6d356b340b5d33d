/// Escaping for HTML text and attributes. Every page must also parse as XML (the tests check it),
/// so only the five XML entities are produced and characters XML forbids are dropped.
enum HTMLEscaping {
    /// Text and attribute values escape alike, quotes included, as cmark's HTML renderer does.
    static func text(_ text: String) -> String {
        escape(text)
    }

    static func attribute(_ text: String) -> String {
        escape(text)
    }

    /// A link destination as cmark writes it: bytes outside the characters that URLs keep as they
    /// are become `%XX` (existing escapes stay), then `&` and `'` are escaped for the attribute.
    static func href(_ destination: String) -> String {
        var out = ""
        for byte in destination.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "'"): out += "&#x27;"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where hrefSafe.contains(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static let hrefSafe: Set<UInt8> = Set("-_.+!*(),%#@?=;:/$~".utf8)

    private static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
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
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
