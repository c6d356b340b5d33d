/// The checking options a derivation can carry, as fence attributes (`{samples=64}`) or in a link's
/// comment (`% wrt: z`). It lives here, in the module that both readers of options share (Book for
/// attributes, MathSyntax for comments), so that the two accept exactly the same keys.
public enum LinkOption: String, CaseIterable, Sendable {
    case samples, tol, wrt, seed, method

    /// Every key, for lookups and for "known options are …" messages.
    public static let keys: Set<String> = Set(allCases.map(\.rawValue))
}
