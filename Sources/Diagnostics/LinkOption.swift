/// The checking options a derivation can carry, as fence attributes (`{samples=64}`) or in a link's
/// comment (`% wrt: z`). It lives here, in the module that both readers of options share (Book for
/// attributes, MathSyntax for comments) and the checker sees too, so that all three accept exactly
/// the same keys and values.
public enum LinkOption: String, CaseIterable, Sendable {
    case samples, tol, wrt, seed, method

    /// Every key, for lookups and for "known options are …" messages.
    public static let keys: Set<String> = Set(allCases.map(\.rawValue))

    /// The most points or samples a link may ask for: more would only spend the time budget.
    public static let maxSamples = 100_000

    /// Why `value` cannot be the value of the option `key` (`samples=many`, `tol=-1`), or nil when
    /// it can (unknown keys are the caller's to report).
    public static func problem(withOption key: String, value: String) -> String? {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text = String(value.drop(while: blank).reversed().drop(while: blank).reversed())
        switch LinkOption(rawValue: key) {
        case .samples?:
            guard let n = Int(text), n >= 1, n <= maxSamples else {
                return "'samples' must be a whole number from 1 to \(maxSamples), found '\(text)'"
            }
        case .tol?:
            guard let x = Double(text), x.isFinite, x > 0 else {
                return "'tol' must be a positive number such as 1e-6, found '\(text)'"
            }
        case .seed?:
            guard UInt64(text) != nil else { return "'seed' must be a whole number from 0 to 2^64 - 1, found '\(text)'" }
        case .method?:
            guard ["auto", "float"].contains(text) else {
                return "'method' must be 'auto' or 'float', found '\(text)'"
            }
        case .wrt?, nil:
            break
        }
        return nil
    }
}
