import Diagnostics

/// A JSON value that remembers where it starts, so that a bad `book.json` is reported at the
/// offending line and column rather than as a whole.
struct LocatedJSON: Sendable {
    indirect enum Value: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    /// One `"key": value` pair of an object, in source order.
    struct Member: Sendable {
        var key: String
        var keyPosition: SourcePosition
        var value: LocatedJSON
    }

    var value: Value
    var position: SourcePosition

    /// A short name for the kind of value, for messages.
    var kindName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// Parses `text`; a syntax error is thrown as a located diagnostic in `file`.
    static func parse(_ text: String, file: String) throws -> LocatedJSON {
        var parser = JSONParser(text: text, file: file)
        return try parser.document()
    }
}

/// A recursive-descent JSON parser (RFC 8259) that tracks line and column.
private struct JSONParser {
    /// Deeper nesting than a metadata file could need is refused rather than recursed into.
    static let maximumDepth = 64

    let scalars: [Unicode.Scalar]
    let file: String
    var index = 0
    var line = 1
    var column = 1

    init(text: String, file: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        self.file = file
    }

    var position: SourcePosition { SourcePosition(file: file, line: line, column: column) }
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func failure(_ message: String, at position: SourcePosition? = nil) -> Diagnostic {
        .error(position ?? self.position, "bad book.json: \(message)")
    }

    mutating func advance() {
        guard let scalar = current else { return }
        index += 1
        if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            advance()
        }
    }

    mutating func document() throws -> LocatedJSON {
        skipWhitespace()
        let value = try self.value(depth: 0)
        skipWhitespace()
        if current != nil { throw failure("unexpected text after the JSON value") }
        return value
    }

    mutating func value(depth: Int) throws -> LocatedJSON {
        guard depth < Self.maximumDepth else { throw failure("nested too deeply") }
        let start = position
        guard let scalar = current else { throw failure("unexpected end of file") }
        switch scalar {
        case "{": return LocatedJSON(value: .object(try object(depth: depth)), position: start)
        case "[": return LocatedJSON(value: .array(try array(depth: depth)), position: start)
        case "\"": return LocatedJSON(value: .string(try string()), position: start)
        case "t": try literal("true"); return LocatedJSON(value: .bool(true), position: start)
        case "f": try literal("false"); return LocatedJSON(value: .bool(false), position: start)
        case "n": try literal("null"); return LocatedJSON(value: .null, position: start)
        case "-", "0"..."9": return LocatedJSON(value: .number(try number()), position: start)
        default: throw failure("unexpected '\(scalar)'")
        }
    }

    mutating func literal(_ word: String) throws {
        for expected in word.unicodeScalars {
            guard current == expected else { throw failure("unexpected '\(current.map(String.init) ?? "end of file")'") }
            advance()
        }
    }

    mutating func number() throws -> String {
        var text = String.UnicodeScalarView()
        while let scalar = current, scalar == "-" || scalar == "+" || scalar == "." || scalar == "e"
                || scalar == "E" || scalar.isASCIIDigit {
            text.append(scalar)
            advance()
        }
        guard Double(String(text)) != nil else { throw failure("malformed number '\(String(text))'") }
        return String(text)
    }

    mutating func string() throws -> String {
        let start = position
        advance()  // the opening quote
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw failure("string is never closed", at: start) }
            if scalar == "\"" { advance(); return String(text) }
            if scalar == "\n" { throw failure("line break inside a string", at: start) }
            guard scalar == "\\" else { text.append(scalar); advance(); continue }
            advance()
            guard let escape = current else { throw failure("string is never closed", at: start) }
            switch escape {
            case "\"", "\\", "/": text.append(escape)
            case "b": text.append("\u{8}")
            case "f": text.append("\u{C}")
            case "n": text.append("\n")
            case "r": text.append("\r")
            case "t": text.append("\t")
            case "u":
                let high = try hexQuad()
                if (0xD800..<0xDC00).contains(high), current == "\\", index + 1 < scalars.count,
                   scalars[index + 1] == "u" {
                    advance()
                    let low = try hexQuad()
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    text.append(Unicode.Scalar(UInt32(combined)) ?? "\u{FFFD}")
                } else {
                    text.append(Unicode.Scalar(UInt32(high)) ?? "\u{FFFD}")
                }
                continue  // hexQuad consumed the digits
            default: throw failure("unknown escape '\\\(escape)'")
            }
            advance()
        }
    }

    /// `uXXXX` with the cursor on `u`: the code unit.
    mutating func hexQuad() throws -> Int {
        advance()  // u
        var value = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = Int(String(scalar), radix: 16) else {
                throw failure("malformed \\u escape")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    mutating func object(depth: Int) throws -> [LocatedJSON.Member] {
        advance()  // {
        var members: [LocatedJSON.Member] = []
        skipWhitespace()
        if current == "}" { advance(); return members }
        while true {
            skipWhitespace()
            guard current == "\"" else { throw failure("expected a \"key\" in quotes") }
            let keyPosition = position
            let key = try string()
            skipWhitespace()
            guard current == ":" else { throw failure("expected ':' after the key \"\(key)\"") }
            advance()
            skipWhitespace()
            let value = try self.value(depth: depth + 1)
            members.append(LocatedJSON.Member(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            if current == "," { advance(); continue }
            if current == "}" { advance(); return members }
            throw failure("expected ',' or '}' in the object")
        }
    }

    mutating func array(depth: Int) throws -> [LocatedJSON] {
        advance()  // [
        var elements: [LocatedJSON] = []
        skipWhitespace()
        if current == "]" { advance(); return elements }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == "," { advance(); continue }
            if current == "]" { advance(); return elements }
            throw failure("expected ',' or ']' in the array")
        }
    }
}
