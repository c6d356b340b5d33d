import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the book and the audit page print check figures: three significant digits, so that a
/// residual of 0.000123 and a bound of 1e-30 both stay short.
enum Figures {
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        return threeDigits(value)
    }

    static func format(_ value: Double?) -> String {
        value.map(format) ?? "–"
    }

    /// "%.3g" through C's formatter, which Foundation's `String(format:)` also ends in, without
    /// the cost of building a format string object for each of the book's thousands of figures.
    private static func threeDigits(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let written = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([value]) { vsnprintf(out.baseAddress, out.count, "%.3g", $0) }
        }
        guard written > 0, written < 32 else { return String(format: "%.3g", value) }
        return String(decoding: buffer[..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
