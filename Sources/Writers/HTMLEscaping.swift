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

    /// By UTF-8 bytes, which is exact: every byte that changes is ASCII, and the two dropped
    /// non-characters U+FFFE and U+FFFF are the sequences EF BF BE and EF BF BF.
    private static func escape(_ text: String) -> String {
        var bytesOf = text
        let escaped = bytesOf.withUTF8 { bytes -> String? in
            // Most text needs nothing: it is returned as it is.
            guard let first = bytes.firstIndex(where: needsWork) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            out.append(contentsOf: bytes[..<first])
            var index = first
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: amp)
                case UInt8(ascii: "<"): out.append(contentsOf: lt)
                case UInt8(ascii: ">"): out.append(contentsOf: gt)
                case UInt8(ascii: "\""): out.append(contentsOf: quot)
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): out.append(byte)
                case 0..<0x20: break
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Whether a byte may be escaped or dropped (0xEF may start U+FFFE or U+FFFF).
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0xEF: return true
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return false
        default: return byte < 0x20
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8), quot = Array("&quot;".utf8)
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
