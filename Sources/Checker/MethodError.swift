import DeriveNumerics

/// A scalar that can carry a numerical method's own error estimate (quadrature, Monte Carlo) in
/// its error bound, so that the comparison's tolerance covers it.
protocol MethodErrorCarrying {
    /// Adds |difference| (part by part: value, and for dual numbers the derivative) to the bound.
    func addingMethodError(_ difference: Self) -> Self
    func addingMethodError(_ estimate: Double) -> Self
    /// The error bound carried by the value part.
    var methodErrorBound: Double { get }
    /// Every real component: the value, and for dual numbers each derivative part as well.
    var realParts: [Double] { get }
}

extension ErrorBounded: MethodErrorCarrying {
    func addingMethodError(_ difference: ErrorBounded) -> ErrorBounded {
        ErrorBounded(value: value, error: error + abs(difference.value))
    }
    func addingMethodError(_ estimate: Double) -> ErrorBounded {
        ErrorBounded(value: value, error: error + Value(estimate))
    }
    var methodErrorBound: Double { Double(error) }
    var realParts: [Double] { [Double(value)] }
}

extension Dual: MethodErrorCarrying where Base: MethodErrorCarrying {
    func addingMethodError(_ difference: Dual) -> Dual {
        Dual(value.addingMethodError(difference.value), derivative: derivative.addingMethodError(difference.derivative))
    }
    func addingMethodError(_ estimate: Double) -> Dual {
        Dual(value.addingMethodError(estimate), derivative: derivative)
    }
    var methodErrorBound: Double { value.methodErrorBound }
    var realParts: [Double] { value.realParts + derivative.realParts }
}

/// A method's error estimate added to a recorded value cannot be replayed (it comes from a
/// nested rule whose refinement branched), so it invalidates the trace; on constants it folds.
extension Traced: MethodErrorCarrying where Base: MethodErrorCarrying {
    func addingMethodError(_ difference: Traced) -> Traced {
        if isRecorded || difference.isRecorded { invalidateTape("a method's error estimate on a traced value") }
        return Traced(replacingBaseOf: self, with: base.addingMethodError(difference.base))
    }

    func addingMethodError(_ estimate: Double) -> Traced {
        if isRecorded { invalidateTape("a method's error estimate on a traced value") }
        return Traced(replacingBaseOf: self, with: base.addingMethodError(estimate))
    }

    var methodErrorBound: Double {
        if isRecorded { invalidateTape("a method's error bound read from a traced value") }
        return base.methodErrorBound
    }

    var realParts: [Double] {
        if isRecorded { invalidateTape("a traced value's parts read") }
        return base.realParts
    }
}

/// Entry points for generic code, which cannot name the conformance; other scalars pass through.
enum MethodError {
    static func adding<S: Scalar>(_ estimate: Double, to value: S) -> S {
        guard estimate > 0, estimate.isFinite, let carrier = value as? any MethodErrorCarrying else { return value }
        return addEstimate(carrier, estimate) as! S
    }

    /// The estimate from two rules of different order: |fine − coarse|, part by part.
    static func adding<S: Scalar>(differenceFrom coarse: S, to fine: S) -> S {
        guard let carrier = fine as? any MethodErrorCarrying else { return fine }
        return addDifference(carrier, fine - coarse) as! S
    }

    /// The real components a convergence test should watch (derivative parts included).
    static func parts<S: Scalar>(_ value: S) -> [Double] {
        if let carrier = value as? any MethodErrorCarrying { return carrier.realParts }
        return [(try? value.realValue()) ?? .nan]
    }

    private static func addEstimate<T: MethodErrorCarrying>(_ value: T, _ estimate: Double) -> T {
        value.addingMethodError(estimate)
    }

    private static func addDifference<T: MethodErrorCarrying>(_ value: T, _ difference: Any) -> T {
        value.addingMethodError(difference as! T)
    }
}
