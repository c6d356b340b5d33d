import MathSyntax
import DeriveNumerics
import Foundation

/// Evaluating both sides of a link at a sample point, and bringing them to one shape.
extension LinkChecker {
    func context(for point: SamplePoint<some Scalar>, dimensions: [String: Int], salt: UInt64) -> EvaluationContext {
        let context = EvaluationContext(scope: job.scope, dimensions: dimensions, functions: point.functions,
                                        densities: point.densities, seed: seed ^ salt, deadline: deadline,
                                        monteCarloSamples: 20000)
        context.tracing = options.tracing
        context.bodyPrograms = bodyPrograms
        return context
    }

    typealias Bounded = ErrorBounded<Double>

    func lift(_ point: SamplePoint<Double>) -> SamplePoint<Bounded> {
        SamplePoint(values: point.values.mapValues { $0.map { Bounded(value: $0, error: 0) } }, integers: point.integers,
                    functions: point.functions, densities: point.densities)
    }

    /// A literal 0 on one side stands for the zero of the other side's shape.
    func broadcastZero<S: Scalar>(_ left: Value<S>, _ right: Value<S>, lhs: Expr, rhs: Expr) -> (Value<S>, Value<S>) {
        func isZero(_ e: Expr) -> Bool { if case .number("0") = e.ungrouped.node { return true }; return false }
        if isZero(rhs), case .matrix(let m) = left, m.elements.count > 1 {
            return (left, .matrix(Matrix(rows: m.rows, columns: m.columns, repeating: S.zero)))
        }
        if isZero(lhs), case .matrix(let m) = right, m.elements.count > 1 {
            return (.matrix(Matrix(rows: m.rows, columns: m.columns, repeating: S.zero)), right)
        }
        return (left, right)
    }

    /// Both sides at a point, in a given scalar type.
    func sides<S: Scalar>(_ point: SamplePoint<S>, _ dimensions: [String: Int], lhs: Expr, rhs: Expr,
                                  salt: UInt64 = 0) throws -> (Value<S>, Value<S>, EvaluationContext) {
        let context = context(for: point, dimensions: dimensions, salt: salt)
        let evaluator = Evaluator<S>(context: context, values: point.values, integers: point.integers)
        let (left, right) = broadcastZero(try evaluator.evaluate(lhs), try evaluator.evaluate(rhs), lhs: lhs, rhs: rhs)
        return (left, right, context)
    }

    /// The two sides as equally shaped matrices (sizing a bare λI from the other side).
    func aligned<S: Scalar>(_ left: Value<S>, _ right: Value<S>) throws -> (Matrix<S>, Matrix<S>) {
        switch (left, right) {
        case (.identity, .identity):
            return (left.materialized(size: 1), right.materialized(size: 1))
        case (.identity, .matrix(let m)):
            guard m.rows == m.columns else { throw shapeError(left, right) }
            return (left.materialized(size: m.rows), m)
        case (.matrix(let m), .identity):
            guard m.rows == m.columns else { throw shapeError(left, right) }
            return (m, right.materialized(size: m.rows))
        case (.matrix(let a), .matrix(let b)):
            guard a.rows == b.rows, a.columns == b.columns else { throw shapeError(left, right) }
            return (a, b)
        }
    }

    func shapeError<S: Scalar>(_ left: Value<S>, _ right: Value<S>) -> EvaluationError {
        func text(_ v: Value<S>) -> String { v.shape?.description ?? "I" }
        return .input(.error(job.position, "the two sides have different shapes: the left is \(text(left)), the right is \(text(right))"))
    }
}
