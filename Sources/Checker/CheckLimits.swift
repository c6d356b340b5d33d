/// The sizes the checker handles by enumeration; beyond them a construct is decided another way
/// or refused with a located error, never allocated (a sum to 10^12 must not ask for 8 TB).
enum CheckLimits {
    /// Terms of a `\sum` or factors of a `\prod` evaluated one by one. A longer one is decided
    /// symbolically when its body does not depend on the index, and refused otherwise.
    static let enumeratedTerms = 100_000
    /// Kinks and jumps of a one-dimensional integrand that quadrature splits at.
    static let integrandKinks = 64
    /// The size of an `I_n`, `\mathbf{1}_n` or `\mathbf{0}_n`: n × n entries are materialised.
    static let size = 1_000
    /// A literal dimension in a declaration (`\mathbb{R}^{5}`), like a dimension symbol's values.
    static let dimension = 64
}
