import Testing
@testable import Pipeline

/// JSON strings are written from their UTF-8 bytes; they must be what the definition scalar by
/// scalar gives, controls, quotes, backslashes and non-ASCII text included.
@Suite struct JSONValueTests {
    static func quotedByScalars(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func stringsAreQuotedAsTheScalarDefinitionSays() {
        let pieces = ["a", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "σ²", "—", "漢", "\u{301}", "\u{2028}", "😀"]
        var state: UInt64 = 3
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<8 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                if state >> 62 == 0 { continue }
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(JSONValue.string(text).compact == Self.quotedByScalars(text))
        }
        #expect(JSONValue.object([("k", .string("a\"b\\\u{01}"))]).compact == "{\"k\":\"a\\\"b\\\\\\u0001\"}")
    }

    @Test func prettyIndentsTwoSpacesPerLevel() {
        let value = JSONValue.object([("b", .array([.integer(1), .object([("c", .null)]), .array([])])), ("a", .object([]))])
        #expect(value.sortingKeys().pretty == """
        {
          "a": {},
          "b": [
            1,
            {
              "c": null
            },
            []
          ]
        }

        """)
    }
}

