import Book
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
    public var file: String
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
    public init(file: String, position: SourcePosition, label: String?, step: Int, relation: Relation,
                verdict: Verdict, method: CheckMethod, points: Int, residual: Double?, seed: UInt64,
                seconds: Double, bound: Double?, reason: String?, counterexample: Counterexample?,
                justification: String?) {
        self.file = file
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

/// A `derive` block after checking: its number in the chapter, its parsed chain and a report per link.
public struct CheckedDerivation: Sendable {
    public var label: String?
    /// "3.7": chapter number and the derivation's index in the chapter.
    public var number: String
    public var chain: Chain
    public var links: [LinkReport]
    public var attributes: BlockAttributes
    public init(label: String?, number: String, chain: Chain, links: [LinkReport], attributes: BlockAttributes) {
        self.label = label
        self.number = number
        self.chain = chain
        self.links = links
        self.attributes = attributes
    }
}

/// A fenced block after analysis, with the trees the writers print.
public enum CheckedFence: Sendable {
    case given([Declaration])
    case define([Definition])
    case derive(CheckedDerivation)
}

/// A chapter after analysis: the source model plus every parsed tree and verdict, keyed by the
/// source position of the math span or the fence that produced it.
public struct CheckedChapter: Sendable {
    public var chapter: Chapter
    /// 1-based chapter number.
    public var number: Int
    /// Prose math (`$…$`, `$$…$$`) keyed by the position of the span's first character of content.
    public var math: [SourcePosition: Expr]
    /// Derive's fences keyed by their opening fence position.
    public var fences: [SourcePosition: CheckedFence]
    public init(chapter: Chapter, number: Int, math: [SourcePosition: Expr], fences: [SourcePosition: CheckedFence]) {
        self.chapter = chapter
        self.number = number
        self.math = math
        self.fences = fences
    }
}

/// A whole book after analysis: what the writers take.
public struct CheckedBook: Sendable {
    public var book: Book
    public var chapters: [CheckedChapter]
    /// Every diagnostic, in file order: errors (bad input, refuted links) and notes.
    public var diagnostics: [Diagnostic]
    /// Cross-reference targets: label → derivation number ("3.7") and chapter number.
    public var labels: [String: (number: String, chapter: Int)]
    /// True when some input was bad (a parse error, an undeclared symbol, a shape mismatch…), as
    /// opposed to links that were checked and failed; the command line exits 2 then.
    public var hasInputErrors: Bool

    public init(book: Book, chapters: [CheckedChapter], diagnostics: [Diagnostic],
                labels: [String: (number: String, chapter: Int)], hasInputErrors: Bool) {
        self.book = book
        self.chapters = chapters
        self.diagnostics = diagnostics
        self.labels = labels
        self.hasInputErrors = hasInputErrors
    }

    /// All link reports in book order, derive fences nested in lists and quotes included.
    public var links: [LinkReport] {
        chapters.flatMap { chapter in
            chapter.fences.sorted { $0.key < $1.key }.flatMap { _, fence -> [LinkReport] in
                guard case .derive(let derivation) = fence else { return [] }
                return derivation.links
            }
        }
    }
}
