import Diagnostics
import MathSyntax

/// A piece of a link's justification: words, `$…$` math rendered from its parsed tree (prose
/// math: rendered, never checked), or a `\eqref{label}` that the writers resolve to a number.
public enum JustificationPiece: Sendable {
    case text(String)
    case math(ProseMath)
    case reference(String)
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
        return pieces.flatMap(splittingReferences)
    }

    /// The `\eqref{label}` spans of a piece of words, as references between the words around them.
    static func splittingReferences(_ piece: JustificationPiece) -> [JustificationPiece] {
        guard case .text(var rest) = piece else { return [piece] }
        var pieces: [JustificationPiece] = []
        while let open = rest.range(of: "\\eqref{"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let before = String(rest[..<open.lowerBound])
            if !before.isEmpty { pieces.append(.text(before)) }
            pieces.append(.reference(String(rest[open.upperBound..<close])))
            rest = String(rest[rest.index(after: close)...])
        }
        if !rest.isEmpty { pieces.append(.text(rest)) }
        return pieces
    }

    /// Each `\eqref{label}` after the `%` of a derive fence's lines, with the position of its
    /// backslash, so that the reference check can locate an unknown label.
    static func references(in body: SourceText) -> [(label: String, position: SourcePosition)] {
        var found: [(label: String, position: SourcePosition)] = []
        let lines = body.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where index < body.lineOrigins.count {
            guard let percent = line.firstIndex(of: "%") else { continue }
            var rest = line[percent...]
            while let open = rest.range(of: "\\eqref{"), let close = rest[open.upperBound...].firstIndex(of: "}") {
                let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex,
                                                          to: open.lowerBound.samePosition(in: line.unicodeScalars) ?? line.unicodeScalars.startIndex)
                let origin = body.lineOrigins[index]
                found.append((String(rest[open.upperBound..<close]),
                              SourcePosition(file: origin.file, line: origin.line, column: origin.column + column)))
                rest = rest[rest.index(after: close)...]
            }
        }
        return found
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
