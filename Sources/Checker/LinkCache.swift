import Foundation
import MathSyntax
import DeriveNumerics

/// The content-hash cache: a link whose text, scope and settings are unchanged since a previous
/// run gets that run's report back instead of being checked again. One small JSON file per link
/// under a folder named for the engine build, so that a rebuilt checker never trusts old verdicts
/// and concurrent runs never write the same file.
struct LinkCache {
    let folder: URL

    init?(directory: String?) {
        guard let directory else { return nil }
        folder = URL(fileURLWithPath: directory).appendingPathComponent("links-" + Self.engineBuild)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Identifies the running checker: the executable's size and modification time.
    static let engineBuild: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return String(hash64("\(size)-\(modified)-\(path)"), radix: 16)
    }()

    static func key(for job: LinkJob, options: CheckOptions) -> String {
        let text = [job.contentKey, job.scopeText, job.uncheckedReason ?? "", "\(options.seed)", "\(options.samples ?? 0)",
                    "\(options.timeBudgetPerLink)"].joined(separator: "\u{1F}")
        return String(hash64(text), radix: 16) + "-" + String(hash64(String(text.reversed())), radix: 16)
    }

    func lookup(_ job: LinkJob, options: CheckOptions) -> LinkReport? {
        let url = folder.appendingPathComponent(Self.key(for: job, options: options) + ".json")
        guard let data = try? Data(contentsOf: url),
              let cached = try? JSONDecoder().decode(CachedReport.self, from: data) else { return nil }
        return cached.report(for: job)
    }

    func store(_ report: LinkReport, for job: LinkJob, options: CheckOptions) {
        let url = folder.appendingPathComponent(Self.key(for: job, options: options) + ".json")
        guard let data = try? JSONEncoder().encode(CachedReport(report)) else { return }
        try? data.write(to: url, options: .atomic)
    }
}

/// The verdicts of a session that checks the same book again and again (`derive serve`), in
/// memory and by the content-hash cache's key: a link whose key is unchanged gets its report back
/// without a file read. It keeps what the disk cache keeps, in the same form, so that a report
/// from memory is the one a later `derive build` reads from disk. Owned by that session.
public final class LinkMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [String: CachedReport] = [:]
    private var answered = 0

    public init() {}

    /// How many lookups it has answered since it was made.
    public var hits: Int {
        lock.lock()
        defer { lock.unlock() }
        return answered
    }

    /// How many reports it holds.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return reports.count
    }

    func lookup(_ key: String, for job: LinkJob) -> LinkReport? {
        lock.lock()
        let cached = reports[key]
        if cached != nil { answered += 1 }
        lock.unlock()
        return cached?.report(for: job)
    }

    func store(_ report: LinkReport, _ key: String) {
        let cached = CachedReport(report)
        lock.lock()
        reports[key] = cached
        lock.unlock()
    }
}

/// The verdict part of a report, as stored; place, label and justification come from the job.
private struct CachedReport: Codable {
    var verdict: Verdict
    var method: CheckMethod
    var points: Int
    var residual: Double?
    var seed: UInt64
    var seconds: Double
    var bound: Double?
    var reason: String?
    var assignmentNames: [String]?
    var assignmentValues: [String]?
    var left: String?
    var right: String?
    var difference: Double?
    var tolerance: Double?
    var partingAt: String?
    var hint: String?

    init(_ report: LinkReport) {
        verdict = report.verdict
        method = report.method
        points = report.points
        residual = report.residual.flatMap { $0.isFinite ? $0 : nil }
        seed = report.seed
        seconds = report.seconds
        bound = report.bound
        reason = report.reason
        if let example = report.counterexample {
            assignmentNames = example.assignment.map(\.name)
            assignmentValues = example.assignment.map(\.value)
            left = example.left
            right = example.right
            difference = example.difference.isFinite ? example.difference : nil
            tolerance = example.tolerance
            partingAt = example.partingAt
            hint = example.hint
        }
    }

    func report(for job: LinkJob) -> LinkReport {
        var example: Counterexample? = nil
        if let left, let right, let names = assignmentNames, let values = assignmentValues {
            example = Counterexample(assignment: Array(zip(names, values)).map { ($0.0, $0.1) }, left: left, right: right,
                                     difference: difference ?? .infinity, tolerance: tolerance ?? 0,
                                     partingAt: partingAt, hint: hint)
        }
        return LinkReport(position: job.position, label: job.label, step: job.step, relation: job.relation,
                          verdict: verdict, method: method, points: points, residual: residual, seed: seed, seconds: seconds,
                          bound: bound, reason: reason, counterexample: example, justification: job.justification)
    }
}
