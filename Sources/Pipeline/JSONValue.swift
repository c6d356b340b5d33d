/// A JSON value written by hand so that key order and number formatting are fixed, not left to
/// a serializer's defaults: audit diffs and JSON-lines consumers both depend on them.
public enum JSONValue {
    case null
    case bool(Bool)
    /// A number already formatted as JSON.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys keep the order given; `sortingKeys()` puts them in code-point order.
    case object([(String, JSONValue)])

    public static func integer<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }

    /// Non-finite values have no JSON spelling and become null.
    public static func double(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value.description)
    }

    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The same value with every object's keys sorted, recursively.
    public func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items): return .array(items.map { $0.sortingKeys() })
        case .object(let members):
            return .object(members.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
                .map { ($0.0, $0.1.sortingKeys()) })
        default: return self
        }
    }

    /// One line, no spaces: for JSON lines.
    public var compact: String {
        var out = ""
        write(to: &out, indent: nil, depth: 0)
        return out
    }

    /// Indented by two spaces per level, for files meant to be read and diffed.
    public var pretty: String {
        var out = ""
        write(to: &out, indent: "  ", depth: 0)
        return out + "\n"
    }

    private func write(to out: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONValue.quote(text, into: &out)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, to: &out, indent: indent, depth: depth) { index, out in
                items[index].write(to: &out, indent: indent, depth: depth + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, to: &out, indent: indent, depth: depth) { index, out in
                JSONValue.quote(members[index].0, into: &out)
                out += indent == nil ? ":" : ": "
                members[index].1.write(to: &out, indent: indent, depth: depth + 1)
            }
        }
    }

    private func writeContainer(open: String, close: String, count: Int, to out: inout String, indent: String?,
                                depth: Int, item: (Int, inout String) -> Void) {
        out += open
        guard count > 0 else { out += close; return }
        // The line breaks and indents are made once per container, not once per item.
        let itemBreak = indent.map { "\n" + String(repeating: $0, count: depth + 1) }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let itemBreak { out += itemBreak }
            item(index, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: depth) }
        out += close
    }

    /// Runs of bytes that need no escape are copied whole; what is escaped is ASCII, so cutting
    /// at those bytes never splits a character.
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        var copy = text
        copy.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self) }
                switch byte {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case UInt8(ascii: "\n"): out += "\\n"
                case UInt8(ascii: "\r"): out += "\\r"
                case UInt8(ascii: "\t"): out += "\\t"
                default:
                    let hex = String(byte, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                runStart = index + 1
            }
            if runStart < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self) }
        }
        out += "\""
    }
}
