import Dispatch
import Foundation

/// Runs link checks on several threads; each link is independent and seeded by its own content.
public enum LinkRunner {
    public static func run(_ jobs: [LinkJob], options: CheckOptions) -> [LinkOutcome] {
        let results = ResultBox(count: jobs.count)
        let cache = LinkCache(directory: options.cacheDirectory)
        let workers = max(1, min(options.jobs > 0 ? options.jobs : ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < jobs.count {
                if let cached = cache?.lookup(jobs[index], options: options) {
                    results.set(index, LinkOutcome(report: cached, inputError: nil))
                } else {
                    let outcome = LinkChecker(job: jobs[index], options: options).run()
                    // Input errors and time-outs are not remembered: the first must be fixed, the second may pass.
                    if outcome.inputError == nil, outcome.report.reason?.contains("time budget") != true {
                        cache?.store(outcome.report, for: jobs[index], options: options)
                    }
                    results.set(index, outcome)
                }
                if let progress = options.progress { progress(results.finished(), jobs.count) }
                index += workers
            }
        }
        return results.values.map { $0! }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [LinkOutcome?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        private var done = 0
        func set(_ index: Int, _ outcome: LinkOutcome) {
            lock.lock()
            values[index] = outcome
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
