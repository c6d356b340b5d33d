import Testing
import DeriveNumerics
import RealModule

@Suite struct RandomTests {
    @Test func seededGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let xs = (0 ..< 5).map { _ in a.next() }
        #expect(xs == (0 ..< 5).map { _ in b.next() })
        #expect(xs != (0 ..< 5).map { _ in c.next() })
        // Pinned outputs (computed independently from the xoshiro256** and SplitMix64 reference
        // code): a change of algorithm would silently change every link's sample points.
        var d = SeededGenerator(seed: 0)
        #expect([d.next(), d.next(), d.next()] == [11091344671253066420, 13793997310169335082, 1900383378846508768])
        var s1 = SeededGenerator(seed: 1, stream: 0), s2 = SeededGenerator(seed: 1, stream: 1)
        #expect(s1.next() != s2.next())
    }

    @Test func hashIsStableAndSensitive() {
        #expect(hash64("a = b") == 10813196236848713962)
        #expect(hash64("a = b") != hash64("a = c"))
        // FNV-1a of the empty string is its offset basis; mix64 of it is fixed.
        #expect(hash64("") == mix64(0xCBF2_9CE4_8422_2325))
        #expect(SeededGenerator(hashing: "x") == SeededGenerator(seed: hash64("x")))
    }

    @Test func uniformAndNormalMoments() {
        var g = SeededGenerator(seed: 1)
        let n = 20000
        let u = (0 ..< n).map { _ in Sampler.uniform(2, 5, using: &g) }
        #expect(u.allSatisfy { $0 > 2 && $0 < 5 })
        #expect(abs(u.reduce(0, +) / Double(n) - 3.5) < 0.03)
        let z = Sampler.gaussianVector(count: n, using: &g)
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.04)
        let k = (0 ..< 1000).map { _ in Sampler.integer(in: -3 ... 3, using: &g) }
        #expect(Set(k) == Set(-3 ... 3))
    }

    @Test func orthogonalSamplerIsOrthogonalWithBothSigns() throws {
        var g = SeededGenerator(seed: 8)
        var signs = Set<Int>()
        for _ in 0 ..< 16 {
            let q = Sampler.orthogonal(4, using: &g)
            #expect(close(try q.transposed() * q, .identity(4), 1e-13))
            let d = try q.determinant()
            #expect(close(abs(d), 1, 1e-13))
            signs.insert(d > 0 ? 1 : -1)
        }
        #expect(signs == [1, -1])
    }

    @Test func positiveDefiniteSamplers() throws {
        var g = SeededGenerator(seed: 4)
        let a = Sampler.symmetricPositiveDefinite(5, using: &g)
        #expect(a.isSymmetric())
        let values = try a.symmetricEigen().values
        #expect(values[0] >= 1 - 1e-12)
        let ill = Sampler.illConditionedSymmetricPositiveDefinite(6, using: &g)
        let spread = try ill.symmetricEigen().values
        #expect(close(spread[0], 1e-3, 1e-8) && close(spread[5], 1e3, 1e-10))
        _ = try ill.cholesky()
    }

    @Test func simplexPoints() {
        var g = SeededGenerator(seed: 2)
        for _ in 0 ..< 20 {
            let p = Sampler.simplexPoint(dimension: 4, using: &g)
            #expect(p.count == 4 && p.allSatisfy { $0 > 0 } && close(p.reduce(0, +), 1, 1e-15))
        }
    }
}
