import Diagnostics
import Foundation
import MathSyntax

/// Diagnostics for verdicts, in the form of DESIGN §4.
public enum VerdictDiagnostics {
    /// Nil for a verified link; a note for an unchecked one; an error with the counterexample otherwise.
    public static func diagnostic(for report: LinkReport, job: LinkJob) -> Diagnostic? {
        let relation = LaTeXPrinter.latex(report.relation)
        var details = job.sourceLines.map { "  " + $0.trimmingCharacters(in: .whitespaces) }
        switch report.verdict {
        case .verified:
            return nil
        case .unchecked:
            return Diagnostic(.note, at: report.position, "\(job.name) is unchecked: \(report.reason ?? "marked by the author")")
        case .inconclusive:
            return Diagnostic(.error, at: report.position, "\(job.name) is inconclusive: \(report.reason ?? "no reason given")", details: details)
        case .refuted:
            if let example = report.counterexample {
                let assignment = example.assignment.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
                let comparison = example.difference.isFinite
                    ? String(format: "|diff| = %.3g > tol %.3g", example.difference, example.tolerance)
                    : "the sides differ"
                details.append("at \(assignment.isEmpty ? "any point" : assignment):  left = \(example.left)  right = \(example.right)  \(comparison)")
                if let parting = example.partingAt {
                    details.append("the sides part at: \(parting)" + (example.hint.map { "   (\($0))" } ?? ""))
                } else if let hint = example.hint {
                    details.append(hint)
                }
            }
            let method = report.method == .exact ? " [exact]" : ""
            return Diagnostic(.error, at: report.position, "\(job.name) is refuted ('\(relation)' does not hold)\(method)", details: details)
        }
    }
}
