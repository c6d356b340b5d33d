import Diagnostics

/// How a run prints its diagnostics and summary: compiler-style text or JSON lines.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json

    /// One diagnostic: `Diagnostic.description`, or one JSON object on a single line.
    public func render(_ diagnostic: Diagnostic) -> String {
        switch self {
        case .text:
            return diagnostic.description
        case .json:
            return JSONValue.object([
                ("file", .string(diagnostic.file)),
                ("line", .integer(diagnostic.position.line)),
                ("column", .integer(diagnostic.position.column)),
                ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
                ("details", .array(diagnostic.details.map { .string($0) })),
            ]).compact
        }
    }

    /// The summary line: `checked N links: …`, or the same counts as a JSON object.
    public func render(_ summary: LinkSummary) -> String {
        switch self {
        case .text: return summary.description
        case .json: return summary.json.compact
        }
    }

    /// A problem with no place in a chapter (the output folder could not be written).
    public func renderError(_ message: String) -> String {
        switch self {
        case .text: return "error: " + message
        case .json: return JSONValue.object([("severity", .string("error")), ("message", .string(message))]).compact
        }
    }
}
