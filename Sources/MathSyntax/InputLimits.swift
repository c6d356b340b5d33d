import Diagnostics

/// The documented limits on one formula, so that no input can exhaust the stack or the memory:
/// beyond them the parser reports a located error instead of building the tree.
public enum InputLimits {
    /// Tokens in one formula, fence line group or chain: a flat sum of 50,000 terms fits; walks
    /// along a sum or product spine are iterative, and the rest run on a deep stack (`DeepStack`).
    public static let tokens = 250_000
    /// Levels of nesting (brackets, fractions, scripts, operator bodies): the parser's recursion.
    public static let nesting = ExprParser.maxDepth

    static func checkTokens(_ raw: [Token], source: SourceText) throws {
        guard raw.count > tokens else { return }
        throw Diagnostic.error(raw[tokens].start,
                               "this formula has more than \(tokens) tokens, the most Derive reads in one formula")
    }
}
