@testable import Book
import Diagnostics

/// Parses `body` as a chapter under a `# Title` heading and a blank line, so that the body's first
/// line is file line 3.
func chapter(_ body: String, file: String = "test.md") throws -> Chapter {
    try BookReader.parseChapter(text: "# Title\n\n" + body, file: file)
}

/// The inlines of the first paragraph of a chapter body.
func paragraph(_ body: String) throws -> [Inline] {
    for block in try chapter(body).blocks {
        if case let .paragraph(inlines, _) = block { return inlines }
    }
    return []
}

/// The diagnostics that parsing `text` throws (empty when it parses).
func diagnostics(_ text: String, file: String = "test.md") -> [Diagnostic] {
    do {
        _ = try BookReader.parseChapter(text: text, file: file)
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics
    } catch {
        return []
    }
}

/// Every math span of a list of inlines, in order, searching inside emphasis and links.
func mathSpans(_ inlines: [Inline]) -> [(source: SourceText, display: Bool)] {
    inlines.flatMap { inline -> [(source: SourceText, display: Bool)] in
        switch inline {
        case let .math(source, display): return [(source, display)]
        case let .emphasis(children), let .strong(children), let .link(_, _, children):
            return mathSpans(children)
        default: return []
        }
    }
}

/// A compact rendering of inlines that tests can compare: text as is, math as `⟨…⟩` or `⟪…⟫`,
/// emphasis as `_…_`, strong as `**…**`, code as `` `…` ``, references as `@label`.
func sketch(_ inlines: [Inline]) -> String {
    inlines.map { inline -> String in
        switch inline {
        case let .text(text): return text
        case let .code(code): return "`\(code)`"
        case let .emphasis(children): return "_\(sketch(children))_"
        case let .strong(children): return "**\(sketch(children))**"
        case let .link(destination, _, children): return "[\(sketch(children))](\(destination))"
        case let .image(source, _, alt): return "![\(sketch(alt))](\(source))"
        case .softBreak: return "\n"
        case .lineBreak: return "\\\n"
        case let .html(html): return html
        case let .math(source, display): return display ? "⟪\(source.text)⟫" : "⟨\(source.text)⟩"
        case let .reference(label, _): return "@\(label)"
        }
    }.joined()
}

/// The position of the character at 0-based `offset` (in scalars) of a math span's text.
func position(in source: SourceText, offset: Int) -> SourcePosition {
    var line = 0
    var column = 0
    for scalar in source.text.unicodeScalars.prefix(offset) {
        if scalar == "\n" { line += 1; column = 0 } else { column += 1 }
    }
    return source.position(line: line, column: column)
}

extension SourcePosition {
    /// A place in `test.md`, the file the helpers above parse by default.
    init(line: Int, column: Int) { self.init(file: "test.md", line: line, column: column) }
}
