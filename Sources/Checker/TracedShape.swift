import DeriveNumerics

/// The shape of one traced value: how a program's flat outputs (or inputs) become values again.
enum TracedShape: Hashable {
    /// A matrix of this size, its entries row by row.
    case matrix(rows: Int, columns: Int)
    /// λI of a size still open: one entry.
    case identity

    init<S: Scalar>(of value: Value<S>) {
        switch value {
        case .matrix(let m): self = .matrix(rows: m.rows, columns: m.columns)
        case .identity: self = .identity
        }
    }

    static func entries<S: Scalar>(of value: Value<S>) -> [S] {
        switch value {
        case .matrix(let m): return m.elements
        case .identity(let lambda): return [lambda]
        }
    }

    /// Every value's entries in one list, with the shapes that split it again.
    static func pack<S: Scalar>(_ values: [Value<S>]) -> (entries: [S], shapes: [TracedShape]) {
        (values.flatMap { entries(of: $0) }, values.map { TracedShape(of: $0) })
    }

    static func unpack<S: Scalar>(_ entries: [S], _ shapes: [TracedShape]) -> [Value<S>] {
        var values: [Value<S>] = []
        values.reserveCapacity(shapes.count)
        var start = 0
        for shape in shapes {
            switch shape {
            case .matrix(let rows, let columns):
                values.append(.matrix(Matrix(rows: rows, columns: columns, elements: Array(entries[start ..< start + rows * columns]))))
                start += rows * columns
            case .identity:
                values.append(.identity(entries[start]))
                start += 1
            }
        }
        return values
    }
}
