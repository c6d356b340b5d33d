import Diagnostics

/// Turns whatever parsing or scope building threw into located diagnostics.
public enum InputError {
    public static func diagnostics(from error: Error, file: String) -> [Diagnostic] {
        if let diagnostic = error as? Diagnostic { return [diagnostic] }
        if let list = error as? DiagnosticList { return list.diagnostics }
        if case EvaluationError.input(let diagnostic) = error { return [diagnostic] }
        return [.error(file: file, "\(error)")]
    }
}
