import Foundation
import Testing
@testable import Checker

/// The content-hash cache: a hit only for the same link, scope and options, and never a crash.
@Suite struct LinkCacheTests {
    static let given = "x, y \\in \\mathbb{R}"

    func temporaryCache() throws -> (LinkCache, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("derive-cache-test-" + UUID().uuidString)
        return (try #require(LinkCache(directory: folder.path)), folder)
    }

    func job(_ derive: String) throws -> LinkJob {
        try #require(try linkJobs(given: Self.given, derive: derive).first)
    }

    @Test func aStoredReportIsFoundAgain() throws {
        let (cache, folder) = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try job("(x + y)^2\n  = x^2 + 2 x y + y^2")
        let options = CheckOptions()
        let report = LinkChecker(job: job, options: options).run().report
        #expect(cache.lookup(job, options: options) == nil)
        cache.store(report, for: job, options: options)
        let found = try #require(cache.lookup(job, options: options))
        #expect(found.verdict == report.verdict && found.method == report.method)
        #expect(found.points == report.points && found.residual == report.residual && found.bound == report.bound)
        #expect(found.reason == report.reason && found.seed == report.seed)
        #expect(found.position == job.position && found.step == job.step)
    }

    @Test func aRefutationKeepsItsCounterexample() throws {
        let (cache, folder) = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try job("(x + y)^2\n  = x^2 + x y + y^2")
        let report = LinkChecker(job: job, options: CheckOptions()).run().report
        let example = try #require(report.counterexample)
        cache.store(report, for: job, options: CheckOptions())
        let found = try #require(cache.lookup(job, options: CheckOptions())?.counterexample)
        #expect(found.assignment.map(\.name) == example.assignment.map(\.name))
        #expect(found.assignment.map(\.value) == example.assignment.map(\.value))
        #expect(found.left == example.left && found.right == example.right)
        #expect(found.partingAt == example.partingAt && found.hint == example.hint)
    }

    @Test func aChangedScopeOrOptionMisses() throws {
        let (cache, folder) = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try job("x + y\n  = y + x")
        let options = CheckOptions()
        cache.store(LinkChecker(job: job, options: options).run().report, for: job, options: options)
        #expect(cache.lookup(job, options: options) != nil)

        var rescoped = job
        rescoped.scopeText += "given\nz \\in \\mathbb{R}\n"
        #expect(cache.lookup(rescoped, options: options) == nil)
        #expect(cache.lookup(job, options: CheckOptions(seed: 1)) == nil)
        #expect(cache.lookup(job, options: CheckOptions(samples: 4)) == nil)
        #expect(cache.lookup(job, options: CheckOptions(timeBudgetPerLink: 3)) == nil)
        var unchecked = job
        unchecked.uncheckedReason = "by inspection"
        #expect(cache.lookup(unchecked, options: options) == nil)
        #expect(cache.lookup(try self.job("x + y\n  = x + y"), options: options) == nil)
    }

    @Test func aCorruptedEntryIsAMiss() throws {
        let (cache, folder) = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try job("x y\n  = y x")
        let options = CheckOptions()
        cache.store(LinkChecker(job: job, options: options).run().report, for: job, options: options)
        let file = cache.folder.appendingPathComponent(LinkCache.key(for: job, options: options) + ".json")
        #expect(FileManager.default.fileExists(atPath: file.path))
        for garbage in ["{\"verdict\": \"verified\", \"poi", "not json at all", "", "{\"verdict\": \"maybe\"}"] {
            try Data(garbage.utf8).write(to: file)
            #expect(cache.lookup(job, options: options) == nil, "garbage: \(garbage)")
        }
    }

    @Test func noDirectoryMeansNoCache() {
        #expect(LinkCache(directory: nil) == nil)
    }
}
