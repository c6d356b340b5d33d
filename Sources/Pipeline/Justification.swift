import Diagnostics
import MathSyntax

/// A piece of a link's justification: words, or `$…$` math rendered from its parsed tree (prose
/// math: rendered, never checked).
public enum JustificationPiece: Sendable {
    case text(String)
    case math(ProseMath)
}

/// Reads `$…$` spans in a justification. A span is found again in the link's source lines, after
/// the `%`, so that a parse error points at its line and column.
enum JustificationReader {
    static func pieces(of justification: String, body: SourceText, lines: PartialRangeFrom<Int>) throws -> [JustificationPiece] {
        var pieces: [JustificationPiece] = []
        var text = ""
        var math: String? = nil
        var escaped = false
        for character in justification {
            if escaped {
                // Only `\$` is an escape in words; in math every backslash stays (`\le`, `\$`).
                escaped = false
                if math != nil {
                    math!.append("\\")
                    math!.append(character)
                } else {
                    if character != "$" { text.append("\\") }
                    text.append(character)
                }
                continue
            }
            if character == "\\" {
                escaped = true
                continue
            }
            if character == "$" {
                if let source = math {
                    if !text.isEmpty { pieces.append(.text(text)); text = "" }
                    pieces.append(.math(try parse(source, body: body, lines: lines)))
                    math = nil
                } else {
                    math = ""
                }
                continue
            }
            if math != nil { math!.append(character) } else { text.append(character) }
        }
        if escaped { if math != nil { math!.append("\\") } else { text.append("\\") } }
        // An unclosed `$` is a literal dollar, as in prose.
        if let open = math { text += "$" + open }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    private static func parse(_ source: String, body: SourceText, lines: PartialRangeFrom<Int>) throws -> ProseMath {
        let bodyLines = body.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var origin = body.lineOrigins.first ?? .detached
        for (index, line) in bodyLines.enumerated() where index < body.lineOrigins.count {
            let lineOrigin = body.lineOrigins[index]
            guard lines.contains(lineOrigin.line), let percent = line.firstIndex(of: "%"),
                  let found = line[percent...].range(of: "$" + source + "$") else { continue }
            let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex,
                                                      to: found.lowerBound.samePosition(in: line.unicodeScalars) ?? line.unicodeScalars.startIndex)
            origin = SourcePosition(file: lineOrigin.file, line: lineOrigin.line, column: lineOrigin.column + column + 1)
            break
        }
        return try ProseMath.parse(SourceText(file: origin.file, text: source, origin: origin), display: false)
    }
}
