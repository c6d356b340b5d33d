import Diagnostics
import MathSyntax

/// One link to check, with everything needed to check it independently of the rest of the book.
public struct LinkJob: Sendable {
    public var label: String?
    /// "3.7", for messages about unlabeled derivations.
    public var number: String
    public var step: Int
    public var relation: Relation { didSet { refreshContentKey() } }
    public var lhs: Expr { didSet { refreshContentKey() } }
    public var rhs: Expr { didSet { refreshContentKey() } }
    public var scope: Scope
    /// Block attributes merged with the link's own `% key: value` options (the link's win).
    public var options: [String: String] { didSet { refreshContentKey() } }
    public var uncheckedReason: String?
    public var justification: String?
    public var position: SourcePosition
    /// The source lines of the link, for the diagnostic.
    public var sourceLines: [String]
    /// The text of every given and define block above the link, for the cache key.
    public var scopeText: String

    public init(label: String?, number: String, step: Int, relation: Relation, lhs: Expr, rhs: Expr,
                scope: Scope, options: [String: String], uncheckedReason: String?, justification: String?,
                position: SourcePosition, sourceLines: [String], scopeText: String) {
        self.label = label
        self.number = number
        self.step = step
        self.relation = relation
        self.lhs = lhs
        self.rhs = rhs
        self.scope = scope
        self.options = options
        self.uncheckedReason = uncheckedReason
        self.justification = justification
        self.position = position
        self.sourceLines = sourceLines
        self.scopeText = scopeText
        refreshContentKey()
    }

    /// The chapter file, from the link's own position.
    public var file: String { position.file }

    /// Seeds the link from its own content, so results do not depend on the rest of the file.
    /// Kept with the job: the seed, the cache key and the timings file all read it, and printing
    /// the sides cost more than checking a short link.
    private(set) var contentKey = ""

    private mutating func refreshContentKey() {
        contentKey = LaTeXPrinter.latex(lhs) + " " + LaTeXPrinter.latex(relation) + " " + LaTeXPrinter.latex(rhs)
            + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// "step 2 of eq:elbo", or the derivation's number when it has no label.
    public var name: String {
        if let label { return "step \(step) of \(label)" }
        return "step \(step) of derivation (\(number))"
    }
}
