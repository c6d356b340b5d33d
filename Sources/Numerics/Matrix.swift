/// Why a matrix operation could not be carried out.
public enum MatrixError: Error, Equatable, Sendable {
    /// Operand shapes do not fit the operation (the message names both shapes).
    case shapeMismatch(String)
}

/// A dense matrix of scalars stored row-major in one flat array (a vector is an n×1 matrix).
public struct Matrix<S: Scalar>: Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major entries: entry (i, j) is `elements[i * columns + j]`.
    public var elements: [S]

    @inlinable
    public init(rows: Int, columns: Int, elements: [S]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns,
                     "\(elements.count) elements for a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    @inlinable
    public init(rows: Int, columns: Int, repeating value: S) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// Entry (i, j) from a closure, row by row.
    @inlinable
    public init(rows: Int, columns: Int, entry: (Int, Int) throws -> S) rethrows {
        var elements: [S] = []
        elements.reserveCapacity(rows * columns)
        for i in 0 ..< rows { for j in 0 ..< columns { elements.append(try entry(i, j)) } }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// A matrix from its rows; throws on ragged rows.
    @inlinable
    public init(_ rowArrays: [[S]]) throws {
        let columns = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == columns }) else {
            throw MatrixError.shapeMismatch("rows of different lengths: \(rowArrays.map(\.count))")
        }
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    @inlinable
    public subscript(i: Int, j: Int) -> S {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) outside \(shapeText)")
            return elements[i * columns + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) outside \(shapeText)")
            elements[i * columns + j] = newValue
        }
    }

    /// "r×c", for messages.
    public var shapeText: String { "\(rows)×\(columns)" }

    @inlinable public var isSquare: Bool { rows == columns }

    // MARK: Special matrices

    @inlinable
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: S(0))
    }

    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        var m = zeros(n, n)
        let one = S(1)
        for i in 0 ..< n { m.elements[i * n + i] = one }
        return m
    }

    /// The column vector (n×1) holding `v`.
    @inlinable
    public static func column(_ v: [S]) -> Matrix { Matrix(rows: v.count, columns: 1, elements: v) }

    /// The row vector (1×n) holding `v`.
    @inlinable
    public static func row(_ v: [S]) -> Matrix { Matrix(rows: 1, columns: v.count, elements: v) }

    /// The square matrix with `v` on its diagonal.
    @inlinable
    public static func diagonal(_ v: [S]) -> Matrix {
        var m = zeros(v.count, v.count)
        for (i, x) in v.enumerated() { m.elements[i * v.count + i] = x }
        return m
    }

    /// Assembles a block matrix; blocks in a block row share their row count, blocks in a block
    /// column their column count.
    @inlinable
    public static func block(_ blocks: [[Matrix]]) throws -> Matrix {
        guard let firstRow = blocks.first, !firstRow.isEmpty else { return zeros(0, 0) }
        let widths = firstRow.map(\.columns)
        var heights: [Int] = []
        for (bi, blockRow) in blocks.enumerated() {
            guard blockRow.count == widths.count else {
                throw MatrixError.shapeMismatch("block row \(bi) has \(blockRow.count) blocks, expected \(widths.count)")
            }
            let h = blockRow[0].rows
            for (bj, b) in blockRow.enumerated() where b.rows != h || b.columns != widths[bj] {
                throw MatrixError.shapeMismatch(
                    "block (\(bi), \(bj)) is \(b.shapeText), expected \(h)×\(widths[bj])")
            }
            heights.append(h)
        }
        let totalColumns = widths.reduce(0, +)
        var result = zeros(heights.reduce(0, +), totalColumns)
        var rowOffset = 0
        for (bi, blockRow) in blocks.enumerated() {
            var columnOffset = 0
            for b in blockRow {
                for i in 0 ..< b.rows {
                    let base = (rowOffset + i) * totalColumns + columnOffset
                    for j in 0 ..< b.columns { result.elements[base + j] = b.elements[i * b.columns + j] }
                }
                columnOffset += b.columns
            }
            rowOffset += heights[bi]
        }
        return result
    }

    // MARK: Shape-preserving operations

    @inlinable
    public func map<T: Scalar>(_ transform: (S) throws -> T) rethrows -> Matrix<T> {
        Matrix<T>(rows: rows, columns: columns, elements: try elements.map(transform))
    }

    @inlinable
    public func transposed() -> Matrix {
        var t = elements
        for i in 0 ..< rows { for j in 0 ..< columns { t[j * rows + i] = elements[i * columns + j] } }
        return Matrix(rows: columns, columns: rows, elements: t)
    }

    @inlinable
    func requireSameShape(_ other: Matrix, _ operation: String) throws {
        guard rows == other.rows && columns == other.columns else {
            throw MatrixError.shapeMismatch("\(operation) of \(shapeText) and \(other.shapeText)")
        }
    }

    @inlinable
    public static func + (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        try lhs.requireSameShape(rhs, "sum")
        var e = lhs.elements
        for k in e.indices { e[k] = e[k] + rhs.elements[k] }
        return Matrix(rows: lhs.rows, columns: lhs.columns, elements: e)
    }

    @inlinable
    public static func - (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        try lhs.requireSameShape(rhs, "difference")
        var e = lhs.elements
        for k in e.indices { e[k] = e[k] - rhs.elements[k] }
        return Matrix(rows: lhs.rows, columns: lhs.columns, elements: e)
    }

    @inlinable
    public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    @inlinable
    public static func * (scalar: S, matrix: Matrix) -> Matrix { matrix.map { scalar * $0 } }

    @inlinable
    public static func * (matrix: Matrix, scalar: S) -> Matrix { matrix.map { $0 * scalar } }

    /// Entrywise division; throws `divisionByZero` for a zero divisor.
    @inlinable
    public func divided(by scalar: S) throws -> Matrix { try map { try $0.divided(by: scalar) } }

    /// The matrix product.
    @inlinable
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        guard lhs.columns == rhs.rows else {
            throw MatrixError.shapeMismatch("product of \(lhs.shapeText) and \(rhs.shapeText)")
        }
        let n = lhs.rows, m = lhs.columns, p = rhs.columns
        var e = Array(repeating: S(0), count: n * p)
        // i-k-j order walks both operands along rows.
        for i in 0 ..< n {
            for k in 0 ..< m {
                let a = lhs.elements[i * m + k]
                if a.isZero { continue }
                let rowB = k * p, rowC = i * p
                for j in 0 ..< p { e[rowC + j] = e[rowC + j] + a * rhs.elements[rowB + j] }
            }
        }
        return Matrix(rows: n, columns: p, elements: e)
    }

    /// Matrix times vector.
    @inlinable
    public func multiplied(by vector: [S]) throws -> [S] {
        try (self * Matrix.column(vector)).elements
    }

    /// The entrywise (Hadamard) product.
    @inlinable
    public func hadamard(_ other: Matrix) throws -> Matrix {
        try requireSameShape(other, "Hadamard product")
        var e = elements
        for k in e.indices { e[k] = e[k] * other.elements[k] }
        return Matrix(rows: rows, columns: columns, elements: e)
    }

    /// The Kronecker product A ⊗ B.
    @inlinable
    public func kronecker(_ other: Matrix) -> Matrix {
        Matrix(rows: rows * other.rows, columns: columns * other.columns) { i, j in
            self.elements[(i / other.rows) * columns + j / other.columns]
                * other.elements[(i % other.rows) * other.columns + j % other.columns]
        }
    }

    // MARK: Reductions

    @inlinable
    public func trace() throws -> S {
        guard isSquare else { throw MatrixError.shapeMismatch("trace of \(shapeText)") }
        var s = S(0)
        for i in 0 ..< rows { s = s + elements[i * columns + i] }
        return s
    }

    /// Σ aᵢⱼ², the square of the Frobenius norm (rational, so it works modulo p).
    @inlinable
    public func frobeniusNormSquared() -> S {
        var s = S(0)
        for x in elements { s = s + x * x }
        return s
    }

    @inlinable
    public func frobeniusNorm() throws -> S { try frobeniusNormSquared().squareRoot() }

    /// The diagonal entries (of a square or rectangular matrix).
    @inlinable
    public var diagonalElements: [S] { (0 ..< min(rows, columns)).map { elements[$0 * columns + $0] } }

    @inlinable
    public func row(at i: Int) -> [S] { Array(elements[(i * columns) ..< ((i + 1) * columns)]) }

    @inlinable
    public func column(at j: Int) -> [S] { (0 ..< rows).map { elements[$0 * columns + j] } }

    /// The real values of the entries (throws `notRational` for modular entries).
    @inlinable
    public func realValues() throws -> Matrix<Double> { try map { try $0.realValue() } }

    /// The largest |aᵢⱼ − bᵢⱼ| over real values.
    @inlinable
    public func maxAbsoluteDifference(_ other: Matrix) throws -> Double {
        try requireSameShape(other, "comparison")
        var m = 0.0
        for k in elements.indices {
            m = Swift.max(m, abs(try elements[k].realValue() - other.elements[k].realValue()))
        }
        return m
    }
}

/// Vector helpers on plain arrays of scalars.
public enum Vector {
    /// uᵀv; throws on different lengths.
    @inlinable
    public static func dot<S: Scalar>(_ u: [S], _ v: [S]) throws -> S {
        guard u.count == v.count else { throw MatrixError.shapeMismatch("dot product of lengths \(u.count) and \(v.count)") }
        var s = S(0)
        for k in u.indices { s = s + u[k] * v[k] }
        return s
    }

    /// The outer product u vᵀ.
    @inlinable
    public static func outer<S: Scalar>(_ u: [S], _ v: [S]) -> Matrix<S> {
        Matrix(rows: u.count, columns: v.count) { i, j in u[i] * v[j] }
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0 ..< rows).map { i in row(at: i).map { x in (try? x.realValue()).map { "\($0)" } ?? "\(x)" }
            .joined(separator: " ") }.joined(separator: "\n")
    }
}

extension Matrix: Equatable where S: Equatable {
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.elements == rhs.elements
    }
}
