import Diagnostics
import MathSyntax

/// Source text as if it sat in `test.md` at the given line and column.
func source(_ text: String, line: Int = 1, column: Int = 1) -> SourceText {
    SourceText(file: "test.md", text: text, origin: SourcePosition(line: line, column: column))
}

func parse(_ text: String, functions: Set<String> = []) throws -> Expr {
    try MathParser.parseExpression(source(text), functions: functions)
}

/// The parsed tree's structure, or the diagnostic's text when parsing fails.
func tree(_ text: String, functions: Set<String> = []) -> String {
    do {
        return try parse(text, functions: functions).structure
    } catch let diagnostic as Diagnostic {
        return "error: \(diagnostic.description)"
    } catch {
        return "error: \(error)"
    }
}

/// The diagnostic a parse throws, as `line:col: message`, or "no error".
func parseError(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch let diagnostic as Diagnostic {
        return "\(diagnostic.position): \(diagnostic.message)"
    } catch {
        return "unexpected error \(error)"
    }
}

/// Function names a chapter's blocks make known: signatures in `given`, heads in `define`.
func knownFunctions(given: String, define: String) throws -> Set<String> {
    var names: Set<String> = []
    for declaration in try MathParser.parseDeclarations(source(given)) where declaration.relation == .colon {
        for name in declaration.names { names.insert(LaTeXPrinter.latex(name)) }
    }
    for definition in try MathParser.parseDefinitions(source(define), functions: names) {
        if case .apply(.named(let name), _, _, _) = definition.head.node { names.insert(LaTeXPrinter.latex(name)) }
    }
    return names
}

extension SourcePosition {
    /// A place in `test.md`, the file `source(_:)` names.
    init(line: Int, column: Int) { self.init(file: "test.md", line: line, column: column) }
}
