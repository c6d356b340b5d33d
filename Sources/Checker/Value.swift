import DeriveNumerics

/// What an expression evaluates to: a matrix (scalars are 1 × 1, vectors n × 1), or `λI` whose
/// size is not yet known and adapts to whatever square matrix it meets (`\sigma^2 I`).
enum Value<S: Scalar> {
    case matrix(Matrix<S>)
    case identity(S)

    static func scalar(_ s: S) -> Value { .matrix(Matrix(rows: 1, columns: 1, elements: [s])) }

    var shape: Shape? {
        if case .matrix(let m) = self { return Shape(rows: m.rows, columns: m.columns) }
        return nil
    }

    /// The scalar inside a 1 × 1 value, or nil.
    var scalarValue: S? {
        switch self {
        case .matrix(let m): return m.rows == 1 && m.columns == 1 ? m.elements[0] : nil
        case .identity: return nil
        }
    }

    /// The value as a concrete matrix, sizing an identity as `size` × `size`.
    func materialized(size: Int) -> Matrix<S> {
        switch self {
        case .matrix(let m): return m
        case .identity(let lambda):
            var elements = [S](repeating: S.zero, count: size * size)
            for i in 0..<size { elements[i * size + i] = lambda }
            return Matrix(rows: size, columns: size, elements: elements)
        }
    }

    func map<T: Scalar>(_ transform: (S) throws -> T) rethrows -> Value<T> {
        switch self {
        case .matrix(let m):
            return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: try m.elements.map(transform)))
        case .identity(let lambda):
            return .identity(try transform(lambda))
        }
    }
}

extension Matrix {
    /// Elementwise combination of two equally shaped matrices.
    func combined(with other: Matrix, _ operation: (S, S) throws -> S) rethrows -> Matrix {
        var out = elements
        for index in out.indices { out[index] = try operation(elements[index], other.elements[index]) }
        return Matrix(rows: rows, columns: columns, elements: out)
    }
}
