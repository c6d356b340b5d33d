#if arch(x86_64) || arch(i386)
import RealModule

// Float80 re-evaluates near misses: 64-bit significands separate rounding noise from real errors.
extension Float80: Scalar {
    @inlinable
    public init(numerator: Int, denominator: Int) throws {
        self = try RealKernels.rational(numerator, denominator)
    }

    @inlinable
    public init(constant: Double) { self = Float80(constant) }

    @inlinable
    public func divided(by divisor: Float80) throws -> Float80 { try RealKernels.divide(self, divisor) }

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> Float80 {
        try RealKernels.elementary(function, self)
    }

    @inlinable
    public func power(_ exponent: Int) throws -> Float80 { try RealKernels.power(self, exponent) }

    @inlinable
    public func power(_ exponent: Float80) throws -> Float80 { try RealKernels.power(self, real: exponent) }

    @inlinable
    public func realValue() -> Double { Double(self) }

    @inlinable
    public var pivotMagnitude: Double { Double(magnitude) }
}

extension Float80: RealScalar {}

extension Float80: PolygammaEvaluable {
    @inlinable
    public func polygamma(_ order: Int) throws -> Float80 { try RealKernels.polygamma(order, self) }
}
#endif
