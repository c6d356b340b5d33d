import DeriveNumerics
import Testing
@testable import Checker

/// Every declared domain samples inside itself, in floats and (where exact checks use it) exactly.
@Suite struct DomainSamplingTests {
    static let given = """
        d = 4
        S \\in \\mathbb{S}_{++}^{d}
        Q \\in \\mathcal{O}(d)
        p \\in \\Delta^{d}
        u \\in (0, 1)^{d}
        v \\in [2, 5]
        w > 0
        z < -1
        k \\in \\{2, \\dots, 6\\}
        m \\in \\{1, 3, 7\\}
        """

    func draws(_ count: Int, seed: UInt64 = 7) throws -> [(point: SamplePoint<Double>, scope: Scope)] {
        let scope = try scope(given: Self.given)
        var sampler = PointSampler(scope: scope, dimensions: [try key("d", in: scope): 4])
        var generator = SeededGenerator(seed: seed)
        return try (0..<count).map { index in
            // Every fourth positive definite draw is the ill-conditioned kind: cover both.
            sampler.drawIndex = index
            return (try sampler.drawReal(using: &generator), scope)
        }
    }

    func matrix(_ name: String, _ draw: (point: SamplePoint<Double>, scope: Scope)) throws -> Matrix<Double> {
        guard case .matrix(let m)? = draw.point.values[try key(name, in: draw.scope)] else {
            Issue.record("no value drawn for \(name)")
            return Matrix(rows: 0, columns: 0, elements: [])
        }
        return m
    }

    /// The local search redraws one structured variable alone, still inside its domain; values
    /// it can nudge (reals, boxes) are not its to redraw.
    @Test func aStructuredVariableIsRedrawnAloneInsideItsDomain() throws {
        let draw = try draws(1)[0]
        let scope = draw.scope
        let sampler = PointSampler(scope: scope, dimensions: [try key("d", in: scope): 4])
        var generator = SeededGenerator(seed: 11)
        guard case .matrix(let s)? = try sampler.redraw(try key("S", in: scope), in: draw.point, using: &generator),
              case .matrix(let q)? = try sampler.redraw(try key("Q", in: scope), in: draw.point, using: &generator),
              case .matrix(let p)? = try sampler.redraw(try key("p", in: scope), in: draw.point, using: &generator) else {
            Issue.record("a structured variable was not redrawn")
            return
        }
        let earlier = try matrix("S", draw)
        #expect(s.elements != earlier.elements)
        #expect(throws: Never.self) { _ = try s.cholesky() }
        let gram = try q.transposed() * q
        #expect(close(gram[1, 1], 1) && close(gram[0, 1], 0))
        #expect(p.elements.allSatisfy { $0 > 0 } && close(p.elements.reduce(0, +), 1))
        #expect(try sampler.redraw(try key("u", in: scope), in: draw.point, using: &generator) == nil)
    }

    @Test func positiveDefiniteDrawsAreSymmetricPositiveDefinite() throws {
        for draw in try draws(12) {
            let s = try matrix("S", draw)
            #expect(s.rows == 4 && s.columns == 4)
            for i in 0..<4 { for j in 0..<4 { #expect(close(s[i, j], s[j, i])) } }
            #expect(throws: Never.self) { _ = try s.cholesky() }
        }
    }

    @Test func orthogonalDrawsAreOrthogonal() throws {
        for draw in try draws(8) {
            let q = try matrix("Q", draw)
            let product = try q.transposed() * q
            for i in 0..<4 { for j in 0..<4 { #expect(close(product[i, j], i == j ? 1 : 0, 1e-10)) } }
        }
    }

    @Test func simplexDrawsArePositiveAndSumToOne() throws {
        for draw in try draws(8) {
            let p = try matrix("p", draw)
            #expect(p.rows == 4 && p.columns == 1)
            #expect(p.elements.allSatisfy { $0 > 0 })
            #expect(close(p.elements.reduce(0, +), 1))
        }
    }

    @Test func boxesAndHalfLinesKeepToTheirEnds() throws {
        for draw in try draws(32) {
            let u = try matrix("u", draw)
            #expect(u.elements.count == 4 && u.elements.allSatisfy { $0 > 0 && $0 < 1 })
            // A closed interval is sampled in its interior: the ends are measure zero.
            #expect(try matrix("v", draw).elements.allSatisfy { $0 >= 2 && $0 <= 5 })
            #expect(try matrix("w", draw).elements.allSatisfy { $0 > 0 && $0.isFinite })
            #expect(try matrix("z", draw).elements.allSatisfy { $0 < -1 && $0.isFinite })
        }
    }

    @Test func integerDomainsDrawTheirMembers() throws {
        var seenRange: Set<Int> = [], seenSet: Set<Int> = []
        for draw in try draws(64) {
            let k = try #require(draw.point.integers[try key("k", in: draw.scope)])
            let m = try #require(draw.point.integers[try key("m", in: draw.scope)])
            #expect((2...6).contains(k))
            #expect([1, 3, 7].contains(m))
            seenRange.insert(k)
            seenSet.insert(m)
            #expect(draw.point.integers[try key("d", in: draw.scope)] == 4)
        }
        #expect(seenRange == Set(2...6))
        #expect(seenSet == [1, 3, 7])
    }

    @Test func exactDrawsKeepTheConstraintsExactly() throws {
        let scope = try scope(given: Self.given)
        let sampler = PointSampler(scope: scope, dimensions: [try key("d", in: scope): 4])
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<4 {
            let point = try sampler.drawExact(using: &generator, reaching: [])
            guard case .matrix(let q)? = point.values[try key("Q", in: scope)],
                  case .matrix(let p)? = point.values[try key("p", in: scope)],
                  case .matrix(let s)? = point.values[try key("S", in: scope)] else {
                Issue.record("an exact draw lacks Q, p or S")
                return
            }
            #expect((try q.transposed() * q).elements == Matrix<ModularInteger>.identity(4).elements)
            #expect(p.elements.reduce(ModularInteger.zero, +) == ModularInteger(1))
            #expect(s.elements == s.transposed().elements)
        }
    }
}

/// The point sampler is reproducible: one seed, one sequence of points.
@Suite struct PointSamplerTests {
    static let given = "n = 3\nx \\in \\mathbb{R}^{n}\nS \\in \\mathbb{S}_{++}^{n}\nt \\in (0, 1)\nj \\in \\{1, \\dots, 9\\}"

    func sequence(seed: UInt64) throws -> [[Double]] {
        let scope = try scope(given: Self.given)
        let sampler = PointSampler(scope: scope, dimensions: [try key("n", in: scope): 3])
        var generator = SeededGenerator(seed: seed)
        return try (0..<5).map { _ in
            let point = try sampler.drawReal(using: &generator)
            return try ["x", "S", "t"].flatMap { entries(point.values[try key($0, in: scope)]) }
                + [Double(point.integers[try key("j", in: scope)] ?? -1)]
        }
    }

    @Test func theSameSeedDrawsTheSamePoints() throws {
        #expect(try sequence(seed: 42) == sequence(seed: 42))
    }

    @Test func anotherSeedDrawsOtherPoints() throws {
        let first = try sequence(seed: 42), second = try sequence(seed: 43)
        #expect(first.count == second.count)
        for (a, b) in zip(first, second) { #expect(a != b) }
    }

    /// A sampler told which names a link reads leaves the others out of the point, yet gives the
    /// names it keeps the very numbers a full draw gives them: each skipped draw moves the
    /// generator by what it would have taken. Every kind of draw sits between two kept names.
    @Test func namesTheLinkDoesNotReadAreSkippedWithoutMovingTheOthers() throws {
        let given = """
            d = 3
            a \\in \\mathbb{R}
            G \\in \\mathbb{R}^{d \\times 2}
            b \\in \\mathbb{R}
            u \\in (0, 1)^{d}
            w > 0
            S \\in \\mathbb{S}_{++}^{d}
            Q \\in \\mathcal{O}(d)
            p \\in \\Delta^{d}
            s \\in \\{0, 1, 2\\}^{d}
            f : \\mathbb{R}^{d} \\to \\mathbb{R}^{2}
            \\mu_i : \\mathbb{R}^{i-1} \\to \\mathbb{R}
            r \\in \\mathcal{P}(\\mathbb{R}^{2})
            c \\in \\mathbb{R}^{d}
            """
        let scope = try scope(given: given)
        let dimensions = [try key("d", in: scope): 3]
        let read: Set<String> = [try key("a", in: scope), try key("b", in: scope), try key("c", in: scope)]
        let full = PointSampler(scope: scope, dimensions: dimensions)
        let partial = PointSampler(scope: scope, dimensions: dimensions, reaching: read)
        var first = SeededGenerator(seed: 5), second = SeededGenerator(seed: 5)
        for index in 0..<8 {
            // The ill-conditioned positive definite draw (every fourth) takes its own path.
            var fullSampler = full, partialSampler = partial
            fullSampler.drawIndex = index
            partialSampler.drawIndex = index
            let all = try fullSampler.drawReal(using: &first)
            let some = try partialSampler.drawReal(using: &second)
            #expect(Set(some.values.keys) == read)
            #expect(some.functions.isEmpty && some.densities.isEmpty)
            for name in read { #expect(entries(some.values[name]) == entries(all.values[name])) }
            #expect(all.values.count > read.count && all.functions.count == 2 && all.densities.count == 1)
        }
    }

    /// A link that names only a fixed value reaches the names the value is computed from, so its
    /// points still hold them: the true bound verifies, and its twin with the wrong bound is
    /// refuted rather than stopped by an undeclared name.
    @Test func aFixedValueReachesTheNamesItIsComputedFrom() throws {
        let given = "a \\in \\mathbb{R}\nb \\in \\mathbb{R}\nc = a^2 + 1"
        let right = try #require(try linkJobs(given: given, derive: "c\n  \\ge 1").first)
        let wrong = try #require(try linkJobs(given: given, derive: "c\n  \\ge 2").first)
        #expect(LinkChecker(job: right, options: CheckOptions()).reachable == ["a", "c"])
        #expect(LinkChecker(job: right, options: CheckOptions()).run().report.verdict == .verified)
        #expect(LinkChecker(job: wrong, options: CheckOptions()).run().report.verdict == .refuted)
    }
}
