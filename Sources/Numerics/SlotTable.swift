/// The slots of a tape's operations and constants by their content (an open-addressing hash
/// table of slots), so that recording an operation on the same operand slots, or a constant with
/// the same bits, again gives the slot it already has. The evaluator computes a great deal twice
/// (a derivative's value part once per direction, a definition at each of its uses, a constant
/// at each operation it meets): in the book's traces, seven instructions in ten repeated an
/// earlier one, and every replay repeated them too.
@usableFromInline
struct SlotTable {
    /// A slot per bucket, −1 for an empty one; the count is a power of two.
    @usableFromInline var buckets: [Int32]
    /// The hash of each occupied bucket's content, to grow the table without recomputing it.
    @usableFromInline var hashes: [UInt64]
    @usableFromInline var count = 0

    @inlinable
    init() {
        buckets = Array(repeating: -1, count: 256)
        hashes = Array(repeating: 0, count: 256)
    }

    /// The slot whose content has this hash and passes `matches`, if one was inserted.
    @inlinable
    func slot(hash: UInt64, matches: (Int32) -> Bool) -> Int32? {
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = buckets[index]
            if slot < 0 { return nil }
            if hashes[index] == hash, matches(slot) { return slot }
            index = (index + 1) & mask
        }
    }

    @inlinable
    mutating func insert(_ slot: Int32, hash: UInt64) {
        if 2 * (count + 1) > buckets.count { grow() }
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while buckets[index] >= 0 { index = (index + 1) & mask }
        buckets[index] = slot
        hashes[index] = hash
        count += 1
    }

    @usableFromInline
    mutating func grow() {
        let old = zip(buckets, hashes).filter { $0.0 >= 0 }
        buckets = Array(repeating: -1, count: 2 * buckets.count)
        hashes = Array(repeating: 0, count: buckets.count)
        count = 0
        for (slot, hash) in old { insert(slot, hash: hash) }
    }

    /// A well-mixed hash of three words (the finaliser of MurmurHash3's 64-bit variant).
    @inlinable
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var h = a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c &* 0x1656_67B1_9E37_79F9
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}

extension TraceOperation {
    /// A code for an operation whose result depends on its operands alone (so that two of them
    /// on the same slots agree); nil for inputs, constants and guards.
    @inlinable
    var contentCode: UInt64? {
        switch self {
        case .add: return 1
        case .subtract: return 2
        case .multiply: return 3
        case .negate: return 4
        case .divide: return 5
        case .power: return 6
        case .timesSign: return 7
        case .detachedConstant: return 8
        case .elementary(let function):
            switch function {
            case .exp: return 16
            case .log: return 17
            case .sqrt: return 18
            case .sin: return 19
            case .cos: return 20
            case .tanh: return 21
            case .atan: return 22
            case .erf: return 23
            case .logGamma: return 24
            case .digamma: return 25
            }
        case .integerPower(let k): return 9 | UInt64(bitPattern: Int64(k)) << 8
        case .polygamma(let k): return 10 | UInt64(bitPattern: Int64(k)) << 8
        case .input, .constant, .pivotGuard, .branchGuard, .zeroGuard, .failureGuard: return nil
        }
    }
}
