import Testing
@testable import Checker

/// A link's result depends only on its content and the seed: checking it again changes nothing.
@Suite struct ReproducibilityTests {
    static let given = "a, b, c, x, y \\in \\mathbb{R}\nw > 0\nd = 3\nS \\in \\mathbb{S}_{++}^{d}\nu \\in \\mathbb{R}^{d}"
    static let derive = "a^2 + b^2 + c^2 + x^2 + y^2 + w + u^\\top S u\n  \\ge 2 a b + 2 x y"

    func check() throws -> LinkReport {
        // A fresh job each time: its dictionaries may iterate in another order.
        let job = try #require(try linkJobs(given: Self.given, derive: Self.derive).first)
        return LinkChecker(job: job, options: CheckOptions()).run().report
    }

    @Test func anInequalitysLocalSearchIsReproducible() throws {
        let first = try check()
        #expect(first.verdict == .verified)
        for _ in 0..<4 {
            let again = try check()
            #expect(again.reason == first.reason)
            #expect(again.points == first.points)
        }
    }
}
