import Foundation

/// How the book and the audit page print check figures: three significant digits, so that a
/// residual of 0.000123 and a bound of 1e-30 both stay short.
enum Figures {
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        return String(format: "%.3g", value)
    }

    static func format(_ value: Double?) -> String {
        value.map(format) ?? "–"
    }
}
