import Diagnostics
import MathSyntax

/// The outcome of checking one link. There is no fifth, silent state.
public enum Verdict: String, Sendable, Codable {
    case verified, refuted, inconclusive, unchecked
}

/// How a link was checked, as printed in diagnostics, the book and `audit.json`.
public enum CheckMethod: String, Sendable, Codable {
    /// Modular arithmetic at random points (Schwartz–Zippel), with a false-accept bound.
    case exact
    /// Float64 evaluation at random points with error-aware tolerances.
    case floatPoints = "float-points"
    /// Forward-mode automatic differentiation cross-checked by finite differences.
    case automaticDifferentiation = "ad+cross-check"
    /// Quadrature (Gauss–Kronrod, Gauss–Hermite, product rules).
    case quadrature
    /// Monte Carlo with common random numbers and a confidence interval.
    case monteCarlo = "monte-carlo"
    /// An optimum decided by a dense grid and golden-section refinement, or by enumerating a finite set.
    case optimisation = "grid+golden-section"
    /// An optimum over a vector of small dimension: a dense start grid and Nelder–Mead refinement.
    case vectorOptimisation = "grid+nelder-mead"
    /// Not checked (author-marked, or `\approx` without `tol=`).
    case none
}

/// The counterexample of a refuted link.
public struct Counterexample: Sendable {
    /// The free symbols' values, in declaration order: (LaTeX name, printed value).
    public var assignment: [(name: String, value: String)]
    public var left: String
    public var right: String
    public var difference: Double
    public var tolerance: Double
    /// LaTeX of the smallest sub-expression where the two sides part, with a hint ("a sign?").
    public var partingAt: String?
    public var hint: String?
    public init(assignment: [(name: String, value: String)], left: String, right: String, difference: Double,
                tolerance: Double, partingAt: String?, hint: String?) {
        self.assignment = assignment
        self.left = left
        self.right = right
        self.difference = difference
        self.tolerance = tolerance
        self.partingAt = partingAt
        self.hint = hint
    }
}

/// Everything known about one checked link, for diagnostics, the book and the audit.
public struct LinkReport: Sendable {
    /// The position of the link's relation (for the first link, where its line starts).
    public var position: SourcePosition
    public var label: String?
    /// 1-based index of the link in its chain.
    public var step: Int
    public var relation: Relation
    public var verdict: Verdict
    public var method: CheckMethod
    /// Points evaluated (or samples drawn, for Monte Carlo).
    public var points: Int
    /// Largest normalised residual |L − R| / tolerance seen over the points (≤ 1 when verified).
    public var residual: Double?
    public var seed: UInt64
    public var seconds: Double
    /// False-accept probability bound, for exact checks.
    public var bound: Double?
    /// Why a link is inconclusive or unchecked; the conditions that mattered for a verified one.
    public var reason: String?
    public var counterexample: Counterexample?
    public var justification: String?
    /// The chapter file, from the link's position.
    public var file: String { position.file }

    public init(position: SourcePosition, label: String?, step: Int, relation: Relation,
                verdict: Verdict, method: CheckMethod, points: Int, residual: Double?, seed: UInt64,
                seconds: Double, bound: Double?, reason: String?, counterexample: Counterexample?,
                justification: String?) {
        self.position = position
        self.label = label
        self.step = step
        self.relation = relation
        self.verdict = verdict
        self.method = method
        self.points = points
        self.residual = residual
        self.seed = seed
        self.seconds = seconds
        self.bound = bound
        self.reason = reason
        self.counterexample = counterexample
        self.justification = justification
    }
}
