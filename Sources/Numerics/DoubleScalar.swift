import RealModule

extension Double: Scalar {
    @inlinable
    public init(numerator: Int, denominator: Int) throws {
        self = try RealKernels.rational(numerator, denominator)
    }

    @inlinable
    public init(constant: Double) { self = constant }

    @inlinable
    public func divided(by divisor: Double) throws -> Double { try RealKernels.divide(self, divisor) }

    @inlinable
    public func elementary(_ function: ElementaryFunction) throws -> Double {
        try RealKernels.elementary(function, self)
    }

    @inlinable
    public func power(_ exponent: Int) throws -> Double { try RealKernels.power(self, exponent) }

    @inlinable
    public func power(_ exponent: Double) throws -> Double { try RealKernels.power(self, real: exponent) }

    @inlinable
    public func realValue() -> Double { self }

    @inlinable
    public var pivotMagnitude: Double { magnitude }
}

extension Double: RealScalar {}

extension Double: PolygammaEvaluable {
    @inlinable
    public func polygamma(_ order: Int) throws -> Double { try RealKernels.polygamma(order, self) }
}
