extension BlockAttributes {
    /// The most points or samples a link may ask for: more would only spend the time budget.
    public static let maxSamples = 100_000

    /// Why `value` cannot be the value of the option `key` (`samples=many`, `tol=-1`), or nil when
    /// it can; the same rule serves fence attributes and a link's `% key: value` comment.
    public static func problem(withOption key: String, value: String) -> String? {
        let text = value.trimmingSpaces
        switch key {
        case "samples":
            guard let n = Int(text), n >= 1, n <= maxSamples else {
                return "'samples' must be a whole number from 1 to \(maxSamples), found '\(text)'"
            }
        case "tol":
            guard let x = Double(text), x.isFinite, x > 0 else {
                return "'tol' must be a positive number such as 1e-6, found '\(text)'"
            }
        case "seed":
            guard UInt64(text) != nil else { return "'seed' must be a whole number from 0 to 2^64 - 1, found '\(text)'" }
        case "method":
            guard ["auto", "float"].contains(text) else {
                return "'method' must be 'auto' or 'float', found '\(text)'"
            }
        default:
            break
        }
        return nil
    }
}
