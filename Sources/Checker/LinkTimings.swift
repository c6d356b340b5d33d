import Foundation
import DeriveNumerics

/// How long each link took the last time it was checked, remembered beside the cache so that the
/// next run starts the slowest links first. Timings only order the work: they never change a
/// verdict, so they are read and written even when verdicts are not cached (`--no-cache`), and
/// they outlive a rebuilt checker, whose first run is the one that needs the order most.
struct LinkTimings {
    let file: URL
    private(set) var seconds: [String: Double]

    /// Beyond this many remembered links the file keeps only the current run's.
    static let capacity = 50_000

    init?(directory: String?) {
        guard let directory else { return nil }
        file = URL(fileURLWithPath: directory).appendingPathComponent("link-timings.json")
        seconds = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode([String: Double].self, from: $0) } ?? [:]
    }

    /// Identifies a link by its text and scope, not by the checker's build.
    static func key(for job: LinkJob) -> String {
        String(hash64(job.contentKey + "\u{1F}" + job.scopeText), radix: 16)
    }

    func previous(_ job: LinkJob) -> Double? { seconds[Self.key(for: job)] }

    /// Records this run's timings (cached links keep their earlier figure) and writes the file;
    /// a failed write only loses the ordering hint.
    mutating func record(_ jobs: [LinkJob], _ outcomes: [LinkOutcome], fromCache: [Bool]) {
        var current: [String: Double] = [:]
        for (index, job) in jobs.enumerated() {
            let key = Self.key(for: job)
            current[key] = fromCache[index] ? (seconds[key] ?? outcomes[index].report.seconds) : outcomes[index].report.seconds
        }
        if seconds.count + current.count > Self.capacity { seconds = [:] }
        seconds.merge(current) { _, new in new }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? JSONEncoder().encode(seconds) { try? data.write(to: file, options: .atomic) }
    }
}
