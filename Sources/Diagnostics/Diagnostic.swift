/// How bad a diagnostic is; the words are those a compiler prints.
public enum Severity: String, Sendable, Codable {
    case error, warning, note
}

/// One problem report, printed compiler style as `file:line:col: severity: message`, followed by
/// indented detail lines (the offending source line, a counterexample, where the sides part).
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// Where the problem is; its file is the file the diagnostic names.
    public var position: SourcePosition
    public var message: String
    public var details: [String]

    public init(_ severity: Severity, at position: SourcePosition, _ message: String, details: [String] = []) {
        self.severity = severity
        self.position = position
        self.message = message
        self.details = details
    }

    public static func error(_ position: SourcePosition, _ message: String, details: [String] = []) -> Diagnostic {
        Diagnostic(.error, at: position, message, details: details)
    }

    /// An error about a whole file or path (unreadable, missing), placed at its start.
    public static func error(file: String, _ message: String, details: [String] = []) -> Diagnostic {
        Diagnostic(.error, at: SourcePosition(file: file, line: 1, column: 1), message, details: details)
    }

    public var file: String { position.file }

    /// The compiler-style text: a header line and the details indented by two spaces.
    public var description: String {
        var lines = ["\(file):\(position.line):\(position.column): \(severity.rawValue): \(message)"]
        lines += details.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// Several diagnostics thrown together, when one phase finds more than one problem.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
