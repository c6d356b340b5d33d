/// A seeded, deterministic xoshiro256** generator: the same seed gives the same stream on every
/// machine, so each link's sample points are reproducible from the link alone.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// Expands the seed with SplitMix64, which never yields the all-zero state.
    @inlinable
    public init(seed: UInt64) {
        var x = seed
        state = (splitMix64(&x), splitMix64(&x), splitMix64(&x), splitMix64(&x))
    }

    /// An independent stream for the same seed (for example one per link or per side).
    @inlinable
    public init(seed: UInt64, stream: UInt64) {
        var x = stream
        self.init(seed: seed ^ splitMix64(&x))
    }

    /// Seeded from text (a link's source), through `hash64`.
    @inlinable
    public init(hashing text: String) { self.init(seed: hash64(text)) }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform double in the open interval (0, 1), so that its logarithm is finite.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    public static func == (lhs: SeededGenerator, rhs: SeededGenerator) -> Bool {
        lhs.state == rhs.state
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
    }
}

@inlinable
func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// One SplitMix64 step: advances `x` and returns a well-mixed output.
@inlinable
public func splitMix64(_ x: inout UInt64) -> UInt64 {
    x &+= 0x9E37_79B9_7F4A_7C15
    return mix64(x)
}

/// The SplitMix64 finaliser: a bijection on UInt64 with good avalanche.
@inlinable
public func mix64(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// A stable 64-bit hash of a string's UTF-8 bytes (FNV-1a, then `mix64`), unlike `Hasher`, which
/// is seeded per process. Links seed their generators from it.
@inlinable
public func hash64(_ string: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in string.utf8 {
        h ^= UInt64(byte)
        h &*= 0x0000_0100_0000_01B3
    }
    return mix64(h)
}
