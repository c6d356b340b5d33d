import Diagnostics
import MathSyntax
import DeriveNumerics

/// What checking one link produced: its report, and an input error when the link could not be
/// evaluated because of the author's input (the command line then exits 2).
public struct LinkOutcome: Sendable {
    public var report: LinkReport
    public var inputError: Diagnostic?
}

/// Float comparisons accept |L − R| ≤ tolerance factor × (error bound of L + error bound of R).
let toleranceFactor = 8.0

/// Checks one link by its relation, as DESIGN.md §3 says: exactly where the step is rational,
/// otherwise at random points with error-aware tolerances; inequalities with a local search for
/// the worst point; ∝ and `+ const` by the invariance of the ratio or difference in `wrt`.
/// This file chooses the check and builds reports; each relation's check has its own file, and
/// all of them draw their points through `SampleLoop`.
struct LinkChecker {
    let job: LinkJob
    let options: CheckOptions

    let started: Double
    let deadline: Double
    /// Drawn from the link's own content (and `--seed`), so that its points never depend on the rest of the book.
    let seed: UInt64
    /// The names the link depends on (`reachableNames()`), found once: the settings, the exact
    /// check and the counterexample all ask, and each walk of the trees and definitions cost more
    /// than a short link's arithmetic.
    private(set) var reachable: Set<String> = []
    /// The programs of the link's rule bodies, shared by every point's evaluation.
    let bodyPrograms = BodyProgramStore()

    init(job: LinkJob, options: CheckOptions) {
        self.job = job
        self.options = options
        started = Clock.now()
        deadline = started + options.timeBudgetPerLink
        var seed = hash64(job.contentKey) ^ options.seed
        if let text = job.options["seed"], let extra = UInt64(text) { seed ^= extra &* 0x9E37_79B9_7F4A_7C15 }
        self.seed = seed
        reachable = reachableNames()
    }

    func run() -> LinkOutcome {
        if let reason = job.uncheckedReason {
            return LinkOutcome(report: report(.unchecked, .none, points: 0, reason: reason))
        }
        if job.relation == .approx, job.options["tol"] == nil {
            return LinkOutcome(report: report(.unchecked, .none, points: 0,
                                              reason: "an \\approx link is checked only with tol=…"))
        }
        do {
            try validateOptions()
            let settings = try dimensionSettings()
            // `… + \text{const}` on either side (the left one carried over from the previous link)
            // makes the link a statement about the difference of the sides.
            let (core, rightConstant) = Self.splitConstant(job.rhs)
            let (leftCore, leftConstant) = Self.splitConstant(job.lhs)
            switch job.relation {
            case .equal where rightConstant || leftConstant:
                return LinkOutcome(report: try checkInvariance(settings, lhs: leftCore, rhs: core, ratio: false))
            case .equal:
                return LinkOutcome(report: try checkEquality(settings))
            case .proportional:
                return LinkOutcome(report: try checkInvariance(settings, lhs: leftCore, rhs: core, ratio: true))
            case .less, .lessEqual, .greater, .greaterEqual:
                return LinkOutcome(report: try checkInequality(settings))
            case .approx, .notEqual:
                return LinkOutcome(report: try checkTolerance(settings))
            default:
                throw EvaluationError.input(.error(job.position, "'\(LaTeXPrinter.latex(job.relation))' cannot link the steps of a derivation"))
            }
        } catch EvaluationError.input(let diagnostic) {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "bad input: " + diagnostic.message),
                               inputError: diagnostic)
        } catch EvaluationError.unsupported(let reason) {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: reason))
        } catch EvaluationError.timeout {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0,
                                              reason: "the time budget of \(options.timeBudgetPerLink) s per link ran out"))
        } catch let error as ScalarError {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: Self.describe(error)))
        } catch let diagnostic as Diagnostic {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "bad input: " + diagnostic.message),
                               inputError: diagnostic)
        } catch {
            return LinkOutcome(report: report(.inconclusive, .none, points: 0, reason: "\(error)"))
        }
    }

    // MARK: - Settings and points

    /// Every combination of the dimension symbols' values (at most 12, drawn when there are more).
    func dimensionSettings() throws -> [[String: Int]] {
        var settings: [[String: Int]] = [[:]]
        let scope = job.scope
        let relevant = relevantDimensions()
        let dimensionSymbols = scope.dimensionSymbols
        for key in scope.order where dimensionSymbols.contains(key) {
            guard let declared = scope.declarations[key] else { continue }
            var choices: [Int]
            switch declared.domain {
            case .fixed(let expr):
                guard case .number(let text) = expr.node, let n = Int(text) else {
                    throw EvaluationError.input(.error(declared.range.start, "a dimension must be a whole number"))
                }
                guard (1...64).contains(n) else {
                    throw EvaluationError.input(.error(declared.range.start, "the dimension '\(key)' must be between 1 and 64, found \(n)"))
                }
                choices = [n]
            case .integers(let set):
                var next: [[String: Int]] = []
                for setting in settings {
                    guard let members = set.members(setting), !members.isEmpty else {
                        throw EvaluationError.input(.error(declared.range.start, "the values of dimension '\(key)' are unknown"))
                    }
                    guard members.allSatisfy({ (1...64).contains($0) }) else {
                        throw EvaluationError.input(.error(declared.range.start, "the values of dimension '\(key)' must lie between 1 and 64"))
                    }
                    // Dimensions the link does not reach keep one value: varying them only repeats work.
                    let picked = !relevant.contains(key) ? [members[0]]
                        : members.count <= 4 ? members : [members[0], members[members.count / 3], members[2 * members.count / 3], members[members.count - 1]]
                    for value in picked {
                        var s = setting
                        s[key] = value
                        next.append(s)
                    }
                }
                settings = next
                continue
            default:
                throw EvaluationError.input(.error(declared.range.start, "'\(key)' sizes a vector or matrix, so it must be a whole number or a set of them"))
            }
            settings = settings.flatMap { setting in choices.map { var s = setting; s[key] = $0; return s } }
            choices = []
        }
        if settings.count > 12 {
            var generator = SeededGenerator(seed: seed ^ 0xD1)
            settings.shuffle(using: &generator)
            settings = Array(settings.prefix(12))
        }
        return settings
    }

    /// Dimension symbols that size something the link reaches (or that it uses directly).
    func relevantDimensions() -> Set<String> {
        var result: Set<String> = []
        let dimensionSymbols = job.scope.dimensionSymbols
        for key in reachable {
            if dimensionSymbols.contains(key) { result.insert(key) }
            guard let declared = job.scope.declarations[key] else { continue }
            switch declared.domain {
            case .positiveDefinite(let d), .orthogonal(let d), .simplex(let d):
                result.formUnion(d.symbols)
            case .function(let from, let to, _):
                for shape in from + [to] { result.formUnion(shape.dimensionSymbols) }
            case .integers(.range(let low, let high)):
                for bound in [low, high] { result.formUnion(bound.symbols) }
            default:
                result.formUnion(declared.domain.shape.dimensionSymbols)
            }
        }
        return result
    }

    var cost: LinkCost { LinkCost.of(job.lhs).combined(with: LinkCost.of(job.rhs)) }

    /// Points per dimension setting: 16 by default, fewer for quadrature-heavy links.
    func pointCount() -> Int {
        if let text = job.options["samples"], let n = Int(text), n > 0 { return n }
        if let n = options.samples { return n }
        switch cost {
        case .cheap: return 16
        case .expectation: return 6
        case .integral: return 3
        }
    }

    /// The shared sample-point loop over this link's scope, under its time budget.
    func sampleLoop(_ rules: SampleRules) -> SampleLoop {
        SampleLoop(scope: job.scope, deadline: deadline, rules: rules, reaching: reachable)
    }

    // MARK: - Reports

    func checkTime() throws {
        if Clock.now() > deadline { throw EvaluationError.timeout }
    }

    func method(_ used: Set<CheckMethod>) -> CheckMethod {
        if used.contains(.monteCarlo) { return .monteCarlo }
        if used.contains(.quadrature) { return .quadrature }
        if used.contains(.vectorOptimisation) { return .vectorOptimisation }
        if used.contains(.optimisation) { return .optimisation }
        if !DerivativeNodes.collect(job.lhs).isEmpty || !DerivativeNodes.collect(job.rhs).isEmpty { return .automaticDifferentiation }
        return .floatPoints
    }

    func report(_ verdict: Verdict, _ method: CheckMethod, points: Int, residual: Double? = nil, bound: Double? = nil,
                reason: String? = nil, counterexample: Counterexample? = nil) -> LinkReport {
        LinkReport(position: job.position, label: job.label, step: job.step, relation: job.relation,
                   verdict: verdict, method: method, points: points, residual: residual, seed: seed,
                   seconds: Clock.now() - started, bound: bound, reason: reason, counterexample: counterexample,
                   justification: job.justification)
    }

    static func describe(_ error: ScalarError) -> String {
        switch error {
        case .notRational(let what): return "not rational: \(what)"
        case .divisionByZero: return "division by zero"
        case .outOfDomain(let what): return what
        }
    }

    /// `X + \text{const}` → (X, true).
    static func splitConstant(_ rhs: Expr) -> (Expr, Bool) {
        if case .add(let rest, let last) = rhs.node, case .text(let word) = last.ungrouped.node, word == "const" {
            return (rest, true)
        }
        if case .subtract(let rest, let last) = rhs.node, case .text(let word) = last.ungrouped.node, word == "const" {
            return (rest, true)
        }
        return (rhs, false)
    }

}

import Foundation
