import DeriveNumerics

/// |a − b| ≤ tolerance · max(1, |a|, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

func close<S: Scalar>(_ a: Matrix<S>, _ b: Matrix<S>, _ tolerance: Double = 1e-10) -> Bool {
    guard let d = try? a.maxAbsoluteDifference(b) else { return false }
    return d <= tolerance
}

/// Matrices built from literal rows in tests.
func matrix(_ rows: [[Double]]) -> Matrix<Double> { try! Matrix(rows) }

/// A fixed symmetric positive definite 3×3 matrix.
let spd3 = matrix([[4, 1, 0.5], [1, 3, 0.25], [0.5, 0.25, 2]])
