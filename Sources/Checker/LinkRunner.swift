import Diagnostics
import Dispatch
import Foundation

/// Runs link checks on several threads; each link is independent and seeded by its own content.
public enum LinkRunner {
    /// Checks every job and returns the outcomes in the jobs' order. Workers take the next job
    /// from one shared queue, slowest first (by the previous run's timings where they exist, by
    /// the kind of link otherwise), so that a slow link starts early instead of setting the wall
    /// time alone at the end of a worker's share.
    /// With a `memo` (a session's verdicts in memory), a link whose cache key it holds is answered
    /// from it, and every report the disk cache would keep is kept there too.
    public static func run(_ jobs: [LinkJob], options: CheckOptions, memo: LinkMemo? = nil) -> [LinkOutcome] {
        let results = ResultBox(count: jobs.count)
        let cache = LinkCache(directory: options.cacheDirectory)
        var timings = LinkTimings(directory: options.timingsDirectory)
        let order = longestFirst(jobs, previous: timings)
        let workers = max(1, min(options.jobs > 0 ? options.jobs : ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        DeepStack.concurrentPerform(iterations: workers) { _ in
            while let next = results.claim() {
                let index = order[next]
                let key = memo.map { _ in LinkCache.key(for: jobs[index], options: options) }
                if let key, let remembered = memo?.lookup(key, for: jobs[index]) {
                    results.set(index, LinkOutcome(report: remembered, inputError: nil), fromCache: true)
                } else if let cached = cache?.lookup(jobs[index], options: options) {
                    if let key { memo?.store(cached, key) }
                    results.set(index, LinkOutcome(report: cached, inputError: nil), fromCache: true)
                } else {
                    let outcome = LinkChecker(job: jobs[index], options: options).run()
                    // Input errors and time-outs are not remembered: the first must be fixed, the second may pass.
                    if outcome.inputError == nil, outcome.report.reason?.contains("time budget") != true {
                        cache?.store(outcome.report, for: jobs[index], options: options)
                        if let key { memo?.store(outcome.report, key) }
                    }
                    results.set(index, outcome, fromCache: false)
                }
                if let progress = options.progress { progress(results.finished(), jobs.count) }
            }
        }
        let outcomes = results.values.map { $0! }
        timings?.record(jobs, outcomes, fromCache: results.fromCache)
        return outcomes
    }

    /// Job indices by decreasing expected time; equal estimates keep book order. A link without a
    /// previous timing is estimated by its kind (typical thread times of the book's links).
    static func longestFirst(_ jobs: [LinkJob], previous: LinkTimings? = nil) -> [Int] {
        let estimates = jobs.map { job -> Double in
            if let seconds = previous?.previous(job) { return seconds }
            switch LinkCost.of(job.lhs).combined(with: LinkCost.of(job.rhs)) {
            case .cheap: return 0.002
            case .expectation: return 0.02
            case .integral: return 0.05
            }
        }
        return jobs.indices.sorted { estimates[$0] != estimates[$1] ? estimates[$0] > estimates[$1] : $0 < $1 }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [LinkOutcome?]
        private(set) var fromCache: [Bool]
        init(count: Int) {
            values = Array(repeating: nil, count: count)
            fromCache = Array(repeating: false, count: count)
        }
        private var done = 0
        private var claimed = 0
        /// The next position in the run order, or nil when every job has been taken.
        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard claimed < values.count else { return nil }
            claimed += 1
            return claimed - 1
        }
        func set(_ index: Int, _ outcome: LinkOutcome, fromCache cached: Bool) {
            lock.lock()
            values[index] = outcome
            fromCache[index] = cached
            done += 1
            lock.unlock()
        }
        func finished() -> Int {
            lock.lock()
            defer { lock.unlock() }
            return done
        }
    }
}

extension LinkReport {
    /// The report of a link that has not been checked yet (replaced by `LinkRunner`'s).
    public static func pending(_ job: LinkJob) -> LinkReport {
        LinkChecker(job: job, options: CheckOptions()).report(.inconclusive, .none, points: 0, reason: "not checked yet")
    }
}
