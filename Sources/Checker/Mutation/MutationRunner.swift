import DeriveNumerics
import Diagnostics
import Foundation
import MathSyntax

/// Settings of a mutation run (`derive mutate`).
public struct MutationOptions: Sendable {
    /// At most this many mutants per link, drawn with `seed`; 0 plants every candidate.
    public var perLink: Int = 0
    /// Chooses the mutants when `perLink` leaves out some; also added to every check's seed.
    public var seed: UInt64 = 0
    /// Worker threads; 0 means one per core.
    public var jobs: Int = 0
    /// Seconds each mutant's check may take.
    public var timeBudgetPerLink: Double = 10
    /// Only these kinds (all when empty).
    public var kinds: Set<MutationKind> = []

    public init(perLink: Int = 0, seed: UInt64 = 0, jobs: Int = 0, timeBudgetPerLink: Double = 10, kinds: Set<MutationKind> = []) {
        self.perLink = perLink
        self.seed = seed
        self.jobs = jobs
        self.timeBudgetPerLink = timeBudgetPerLink
        self.kinds = kinds
    }
}

/// The mutation self-test: plants one slip at a time in the right-hand side of each link that the
/// book verifies, re-checks that link alone, and sorts each mutant into killed, survived,
/// equivalent (its mutated side equals the original one by the checker's own `=`, or `\propto`
/// for a ∝ link) or implied (an inequality's bound moved the safe way, so it still holds).
public enum MutationRunner {
    /// `bookJobs` are the book's link jobs in book order (from `BookAnalyzer.linkJobs(of:)`).
    public static func run(_ bookJobs: [LinkJob], options: MutationOptions) -> MutationReport {
        let check = CheckOptions(seed: options.seed, jobs: 1, cacheDirectory: nil, timeBudgetPerLink: options.timeBudgetPerLink)
        let jobs = bookJobs.filter { $0.uncheckedReason == nil && $0.relation != .approx }

        // First the links as written: only a link that verifies can show whether a slip is caught.
        let originals = parallelMap(jobs, workers: options.jobs) { LinkChecker(job: $0, options: check).run() }
        var mutants: [Mutant] = []
        var generator = SeededGenerator(seed: options.seed ^ 0x6D75_7461_6E74)
        for (job, outcome) in zip(jobs, originals) where outcome.report.verdict == .verified {
            var planted = candidates(job.rhs, kinds: options.kinds)
            if options.perLink > 0, planted.count > options.perLink {
                planted.shuffle(using: &generator)
                planted = Array(planted.prefix(options.perLink))
            }
            for (kind, mutated) in planted { mutants.append(Mutant(job: job, kind: kind, mutated: mutated)) }
        }
        let results = parallelMap(mutants, workers: options.jobs) { mutant in judge(mutant, check: check) }
        return MutationReport(results: results, linksChecked: jobs.count,
                              linksVerified: originals.filter { $0.report.verdict == .verified }.count)
    }

    struct Mutant: Sendable {
        var job: LinkJob
        var kind: MutationKind
        var mutated: Expr
    }

    /// Every mutation of every node of `rhs`, in tree order, of the requested kinds.
    static func candidates(_ rhs: Expr, kinds: Set<MutationKind>) -> [(MutationKind, Expr)] {
        var sites: [Expr] = []
        _ = ExprRewrite.rewrite(rhs) { node in sites.append(node); return nil }
        var result: [(MutationKind, Expr)] = []
        var seen: Set<String> = [LaTeXPrinter.latex(rhs)]
        for (ordinal, site) in sites.enumerated() {
            for kind in MutationKind.allCases where kinds.isEmpty || kinds.contains(kind) {
                for replacement in kind.mutations(of: site) {
                    var visited = 0
                    let mutated = ExprRewrite.rewrite(rhs) { _ in
                        defer { visited += 1 }
                        return visited == ordinal ? replacement : nil
                    }
                    // Two slips that print alike are one mutant.
                    if seen.insert(LaTeXPrinter.latex(mutated)).inserted { result.append((kind, mutated)) }
                }
            }
        }
        return result
    }

    /// Re-checks the link with its right side mutated; a survivor is then compared with the
    /// original right side, and is equivalent when the checker verifies the two equal.
    static func judge(_ mutant: Mutant, check: CheckOptions) -> MutantResult {
        var job = mutant.job
        job.rhs = mutant.mutated
        let outcome = LinkChecker(job: job, options: check).run()
        var fate: MutantResult.Fate
        switch outcome.report.verdict {
        case .refuted: fate = .refuted
        case .inconclusive: fate = outcome.inputError == nil ? .inconclusive : .inputError
        case .verified, .unchecked: fate = .survived
        }
        if fate == .survived, let (relation, implied) = sameness(mutant.job.relation) {
            // The original side against the mutated one, by the checker's own relation: equal
            // (or proportional, for a ∝ link) means the slip changed nothing; for an inequality,
            // a bound moved the safe way means the mutated link is implied by the original one.
            var twin = mutant.job
            twin.lhs = mutant.mutated
            twin.relation = relation
            twin.rhs = mutant.job.rhs
            if LinkChecker(job: twin, options: check).run().report.verdict == .verified { fate = implied ? .implied : .equivalent }
        }
        return MutantResult(file: job.file, position: job.position, link: job.name, kind: mutant.kind,
                            original: LaTeXPrinter.latex(mutant.job.rhs), mutated: LaTeXPrinter.latex(mutant.mutated),
                            fate: fate, reason: outcome.report.reason)
    }

    /// How a survivor is compared with the original right side, mutated side first: the relation,
    /// and whether passing makes the mutant implied rather than equivalent.
    static func sameness(_ relation: Relation) -> (Relation, Bool)? {
        switch relation {
        case .equal: return (.equal, false)
        case .proportional: return (.proportional, false)
        // `a < b` with b grown stays true; `a > b` with b shrunk likewise.
        case .less, .lessEqual: return (.greaterEqual, true)
        case .greater, .greaterEqual: return (.lessEqual, true)
        default: return nil
        }
    }

    /// `transform` of each element on `workers` deep-stack threads, results in order.
    static func parallelMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let box = Results<R>(count: items.count)
        let count = max(1, min(workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount, items.count))
        DeepStack.concurrentPerform(iterations: count) { worker in
            var index = worker
            while index < items.count {
                box.set(index, transform(items[index]))
                index += count
            }
        }
        return box.values.map { $0! }
    }

    private final class Results<R>: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [R?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: R) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
    }
}
