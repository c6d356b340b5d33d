/// An integer modulo the Mersenne prime p = 2⁶¹ − 1: exact arithmetic for Schwartz–Zippel checks.
public struct ModularInteger: Scalar, Hashable, CustomStringConvertible {
    /// The prime modulus 2⁶¹ − 1. A nonzero polynomial of degree d vanishes at a uniformly random
    /// point with probability at most d / p.
    public static let modulus: UInt64 = (1 << 61) - 1

    /// The canonical representative in 0 ..< modulus.
    public let residue: UInt64

    /// Reduces any 64-bit value modulo p.
    @inlinable
    public init(raw: UInt64) {
        // 2⁶¹ ≡ 1 (mod p): fold the top three bits onto the bottom 61.
        let folded = (raw & Self.modulus) + (raw >> 61)
        residue = folded >= Self.modulus ? folded - Self.modulus : folded
    }

    @usableFromInline
    init(reduced: UInt64) { residue = reduced }

    @inlinable
    public init(_ integer: Int) {
        let r = ModularInteger(raw: UInt64(integer.magnitude))
        self = integer < 0 ? -r : r
    }

    @inlinable
    public init(numerator: Int, denominator: Int) throws {
        self = try ModularInteger(numerator).divided(by: ModularInteger(denominator))
    }

    /// Only exact integers are rational constants here; π or a quadrature node is not.
    @inlinable
    public init(constant: Double) throws {
        guard constant.isFinite, constant == constant.rounded(), constant.magnitude < 0x1p63 else {
            throw ScalarError.notRational("the constant \(constant) is not an integer")
        }
        self.init(Int(constant))
    }

    /// A uniformly random residue in 0 ..< p.
    @inlinable
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ModularInteger {
        ModularInteger(reduced: UInt64.random(in: 0 ..< modulus, using: &generator))
    }

    /// A uniformly random nonzero residue (for points that must avoid zero, such as divisors).
    @inlinable
    public static func randomNonzero<G: RandomNumberGenerator>(using generator: inout G) -> ModularInteger {
        ModularInteger(reduced: UInt64.random(in: 1 ..< modulus, using: &generator))
    }

    /// The representative of least magnitude, in −(p−1)/2 … (p−1)/2, for printing counterexamples.
    @inlinable
    public var signedRepresentative: Int {
        residue > Self.modulus / 2 ? -Int(Self.modulus - residue) : Int(residue)
    }

    public var description: String { "\(signedRepresentative) (mod 2^61-1)" }

    // MARK: Field operations

    @inlinable
    public static func + (lhs: ModularInteger, rhs: ModularInteger) -> ModularInteger {
        let s = lhs.residue + rhs.residue
        return ModularInteger(reduced: s >= modulus ? s - modulus : s)
    }

    @inlinable
    public static func - (lhs: ModularInteger, rhs: ModularInteger) -> ModularInteger {
        lhs.residue >= rhs.residue
            ? ModularInteger(reduced: lhs.residue - rhs.residue)
            : ModularInteger(reduced: lhs.residue + modulus - rhs.residue)
    }

    @inlinable
    public static prefix func - (operand: ModularInteger) -> ModularInteger {
        operand.residue == 0 ? operand : ModularInteger(reduced: modulus - operand.residue)
    }

    @inlinable
    public static func * (lhs: ModularInteger, rhs: ModularInteger) -> ModularInteger {
        // The product is below 2¹²²; split it at bit 61 and add the halves (2⁶¹ ≡ 1).
        let (high, low) = lhs.residue.multipliedFullWidth(by: rhs.residue)
        let top = (high << 3) | (low >> 61)
        let s = (low & modulus) + top
        return ModularInteger(reduced: s >= modulus ? s - modulus : s)
    }

    /// The multiplicative inverse by Fermat's little theorem, a^(p−2).
    @inlinable
    public func inverse() throws -> ModularInteger {
        if residue == 0 { throw ScalarError.divisionByZero }
        return unsignedPower(Self.modulus - 2)
    }

    @inlinable
    public func divided(by divisor: ModularInteger) throws -> ModularInteger {
        try self * divisor.inverse()
    }

    @usableFromInline
    func unsignedPower(_ exponent: UInt64) -> ModularInteger {
        var result = ModularInteger(reduced: 1)
        var base = self
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            base = base * base
            e >>= 1
        }
        return result
    }

    @inlinable
    public func power(_ exponent: Int) throws -> ModularInteger {
        if exponent >= 0 { return unsignedPower(UInt64(exponent)) }
        return try inverse().unsignedPower(UInt64(exponent.magnitude))
    }

    /// A residue does not determine a real exponent, so `x^y` with a symbolic `y` is not exact.
    @inlinable
    public func power(_ exponent: ModularInteger) throws -> ModularInteger {
        throw ScalarError.notRational("a power with a non-constant exponent")
    }

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> ModularInteger {
        throw ScalarError.notRational(function.rawValue)
    }

    @inlinable
    public func realValue() throws -> Double {
        throw ScalarError.notRational("a comparison needs a real value")
    }

    @inlinable
    public var pivotMagnitude: Double { residue == 0 ? 0 : 1 }

    @inlinable
    public var isZero: Bool { residue == 0 }
}

extension ModularInteger: PolygammaEvaluable {
    public func polygamma(_ order: Int) throws -> ModularInteger {
        throw ScalarError.notRational("polygamma")
    }
}
