import Diagnostics

/// A `derive` block's chain `e0 r1 e1 r2 e2 …`.
public struct Chain: Sendable {
    public var first: Expr
    public var links: [Link]
    public init(first: Expr, links: [Link]) {
        self.first = first
        self.links = links
    }
}

/// One link of a chain: the relation, the right-hand side, and the `%` comment of its line.
public struct Link: Sendable {
    public var relation: Relation
    public var rhs: Expr
    /// Where the relation symbol sits (the position a diagnostic for this link points at).
    public var relationRange: SourceRange
    /// The justification after `%` on the link's last line, trimmed; nil when there is none.
    public var justification: String?
    /// `key: value` options found in the comment (`% wrt: z`, `% tol: 1e-3`).
    public var options: [String: String]
    public init(relation: Relation, rhs: Expr, relationRange: SourceRange, justification: String?,
                options: [String: String]) {
        self.relation = relation
        self.rhs = rhs
        self.relationRange = relationRange
        self.justification = justification
        self.options = options
    }
}

/// One line item of a `given` block: `x, \mu \in \mathbb{R}^{d}`, `\sigma > 0`, `d = 3`,
/// `f : \mathbb{R}^{d} \to \mathbb{R}`.
public struct Declaration: Sendable {
    /// The declared names (`.symbol` or `.subscripted` nodes).
    public var names: [Expr]
    /// `.element` for `\in`, `.greater`/`.less`/`.greaterEqual`/`.lessEqual` for a bound,
    /// `.equal` for a fixed value, `.colon` for a function signature.
    public var relation: Relation
    /// The domain, bound or value; for a signature, a `.comparison(from, .to, to)`.
    public var domain: Expr
    public var range: SourceRange
    public init(names: [Expr], relation: Relation, domain: Expr, range: SourceRange) {
        self.names = names
        self.relation = relation
        self.domain = domain
        self.range = range
    }
}

/// One line of a `define` block: `C = W W^\top + \sigma^2 I`, `f(x) = …`, `p(x \mid z) = …`,
/// `\bar\alpha_t = \prod_{s=1}^{t} (1 - \beta_s)`.
public struct Definition: Sendable {
    /// The left side as written: a name, a subscripted name (an indexed family), or an application
    /// (a function or a density with its argument names).
    public var head: Expr
    public var body: Expr
    public var range: SourceRange
    public init(head: Expr, body: Expr, range: SourceRange) {
        self.head = head
        self.body = body
        self.range = range
    }
}
