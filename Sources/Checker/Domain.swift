import Diagnostics
import MathSyntax

/// A dimension as written in a declaration: a literal or a dimension symbol, resolved per setting.
enum Dimension: Sendable, CustomStringConvertible {
    case literal(Int)
    case symbol(String)
    /// `D - d`, `d + 1`: the sizes of the parts of a split vector, as RealNVP writes them.
    indirect case combined(Dimension, Dimension, subtract: Bool)
    /// `h w c`: the length of a flattened tensor, as Glow's `h \cdot w \cdot c` counts it. At most
    /// `CheckLimits.size`, since such a vector's Jacobian is materialised.
    indirect case product(Dimension, Dimension)

    /// The size in a setting of the dimension symbols; nil when a symbol is unset or a
    /// difference is not positive.
    func value(in dimensions: [String: Int]) -> Int? {
        switch self {
        case .literal(let n): return n
        case .symbol(let name): return dimensions[name]
        case .combined(let a, let b, let subtract):
            guard let x = a.value(in: dimensions), let y = b.value(in: dimensions) else { return nil }
            let n = subtract ? x - y : x + y
            return n >= 1 ? n : nil
        case .product(let a, let b):
            guard let x = a.value(in: dimensions), let y = b.value(in: dimensions) else { return nil }
            let (n, overflow) = x.multipliedReportingOverflow(by: y)
            return !overflow && n <= CheckLimits.size ? n : nil
        }
    }

    /// The dimension symbols it is made of.
    var symbols: [String] {
        switch self {
        case .literal: return []
        case .symbol(let name): return [name]
        case .combined(let a, let b, _), .product(let a, let b): return a.symbols + b.symbols
        }
    }

    var description: String {
        switch self {
        case .literal(let n): return String(n)
        case .symbol(let name): return name
        case .combined(let a, let b, let subtract): return "\(a) \(subtract ? "-" : "+") \(b)"
        case .product(let a, let b): return "\(a) \(b)"
        }
    }
}

/// The shape of a declared quantity before dimensions are known: scalar, column vector or matrix.
struct ShapeSpec: Sendable {
    var rows: Dimension?
    var columns: Dimension?
    static let scalar = ShapeSpec(rows: nil, columns: nil)

    func resolve(_ dimensions: [String: Int]) -> Shape? {
        guard let rows else { return Shape(rows: 1, columns: 1) }
        guard let r = rows.value(in: dimensions) else { return nil }
        guard let columns else { return Shape(rows: r, columns: 1) }
        guard let c = columns.value(in: dimensions) else { return nil }
        return Shape(rows: r, columns: c)
    }

    var dimensionSymbols: [String] {
        [rows, columns].compactMap { $0 }.flatMap(\.symbols)
    }
}

/// A concrete shape: rows × columns (scalars are 1 × 1, vectors n × 1).
struct Shape: Hashable, Sendable, CustomStringConvertible {
    var rows: Int
    var columns: Int
    var isScalar: Bool { rows == 1 && columns == 1 }
    var description: String {
        if isScalar { return "a scalar" }
        if columns == 1 { return "a vector of length \(rows)" }
        if rows == 1 { return "a row vector of length \(columns)" }
        return "a \(rows)×\(columns) matrix"
    }
}

/// Where a declared symbol lives, as the sampler and the checker understand it.
enum Domain: Sendable {
    /// ℝ, ℝⁿ, ℝ^{m×n}.
    case real(ShapeSpec)
    /// A box: every entry in (low, high), ends possibly infinite or closed.
    case box(low: Double, high: Double, shape: ShapeSpec)
    /// Symmetric positive definite d × d.
    case positiveDefinite(Dimension)
    /// Orthogonal d × d (Haar measure, reflections included).
    case orthogonal(Dimension)
    /// The probability simplex in ℝᴷ.
    case simplex(Dimension)
    /// Integers from a finite set (explicit values, or a range whose ends may be symbols).
    case integers(IntegerSet)
    /// A fixed value: `d = 3`, `n = 10` (integers), `c = 0.5`.
    case fixed(Expr)
    /// Vectors or matrices whose entries come from a finite set of integers: `h \in \{0, 1\}^{m}`.
    case lattice(values: [Int], shape: ShapeSpec)
    /// A generic smooth function of the given signature.
    case function(from: [ShapeSpec], to: ShapeSpec, codomain: Codomain)
    /// A generic density on ℝᵈ (a random mixture with known density, sampler and score).
    case density(ShapeSpec)

    var shape: ShapeSpec {
        switch self {
        case .real(let shape), .box(_, _, let shape), .density(let shape), .lattice(_, let shape): return shape
        case .positiveDefinite(let d), .orthogonal(let d): return ShapeSpec(rows: d, columns: d)
        case .simplex(let k): return ShapeSpec(rows: k, columns: nil)
        case .integers, .fixed: return .scalar
        case .function(_, let to, _): return to
        }
    }
}

/// The codomain of a generic function, so that `D : ℝᵈ → (0, 1)` yields values in (0, 1).
enum Codomain: Sendable {
    case real
    case box(low: Double, high: Double)
}

/// A finite set of integers: `\{1, 3, 4\}` or `\{1, \dots, T\}`.
enum IntegerSet: Sendable {
    case values([Int])
    case range(low: IntegerBound, high: IntegerBound)
    /// ℕ = {0, 1, 2, …} (ISO 80000-2): drawn from its first `NaturalNumbers.drawn` members, never
    /// enumerated, so a sum over it needs its bounds.
    case naturals

    func members(_ integers: [String: Int]) -> [Int]? {
        switch self {
        case .values(let values): return values
        case .naturals: return nil
        case .range:
            return bounds { integers[$0] }.map { Array($0) }
        }
    }

    /// A range's ends where `lookup` knows their symbols; nil for an unknown, empty or too long
    /// range (one too long to list is treated like an unknown one, and the caller reports it).
    func bounds(_ lookup: (String) -> Int?) -> ClosedRange<Int>? {
        guard case .range(let low, let high) = self, let a = low.value(lookup), let b = high.value(lookup), a <= b,
              b.subtractingReportingOverflow(a).partialValue < 1_000_000, !b.subtractingReportingOverflow(a).overflow else { return nil }
        return a...b
    }
}

/// An end of an integer range: a literal, or symbols with signs plus an offset (`T`, `n - 1`,
/// `D - d`, the size of RealNVP's second part).
struct IntegerBound: Sendable {
    var terms: [(symbol: String, sign: Int)]
    var offset: Int
    init(symbol: String?, offset: Int) {
        self.terms = symbol.map { [($0, 1)] } ?? []
        self.offset = offset
    }
    init(terms: [(symbol: String, sign: Int)], offset: Int) {
        self.terms = terms
        self.offset = offset
    }
    var symbols: [String] { terms.map(\.symbol) }
    func value(_ integers: [String: Int]) -> Int? { value { integers[$0] } }

    /// The end's value where `lookup` knows its symbols.
    func value(_ lookup: (String) -> Int?) -> Int? {
        var total = offset
        for (symbol, sign) in terms {
            guard let base = lookup(symbol) else { return nil }
            let (value, overflow) = total.addingReportingOverflow(sign * base)
            if overflow { return nil }
            total = value
        }
        return total
    }
}

/// Reads a `given` declaration's domain expression into a `Domain`.
struct DomainReader {

    /// The domain as written; `domain(of:)` (Domain+Validation.swift) also rejects empty ones.
    func unvalidatedDomain(of declaration: Declaration) throws -> Domain {
        let expr = declaration.domain
        switch declaration.relation {
        case .greater, .greaterEqual:
            return .box(low: try number(expr), high: .infinity, shape: .scalar)
        case .less, .lessEqual:
            return .box(low: -.infinity, high: try number(expr), shape: .scalar)
        case .equal:
            return .fixed(expr)
        case .colon:
            guard case .comparison(let from, .to, let to) = strip(expr).node else {
                throw error(expr, "a function signature is written 'f : \\mathbb{R}^{d} \\to \\mathbb{R}'")
            }
            // `\mathbb{R}^{d} \times \mathbb{R} \times \mathbb{R}`: one input per factor of the product.
            func spaces(_ expr: Expr) -> [Expr] {
                if case .multiply(let a, let b, .times) = strip(expr).node { return spaces(a) + spaces(b) }
                return [expr]
            }
            let inputs = try spaces(from).map { try shape(ofSpace: $0) }
            let target = strip(to)
            if case .interval(let low, let high, _, _) = target.node {
                return .function(from: inputs, to: .scalar, codomain: .box(low: try number(low), high: try number(high)))
            }
            return .function(from: inputs, to: try shape(ofSpace: to), codomain: .real)
        case .element:
            return try membership(expr)
        default:
            throw error(expr, "a declaration is written 'x \\in D', 'x > 0', 'd = 3' or 'f : A \\to B'")
        }
    }

    private func membership(_ raw: Expr) throws -> Domain {
        let expr = strip(raw)
        switch expr.node {
        case .blackboard("R"):
            return .real(.scalar)
        case .blackboard("N"):
            return .integers(.naturals)
        case .interval(let low, let high, _, _):
            return .box(low: try number(low), high: try number(high), shape: .scalar)
        case .set(let items):
            return .integers(try integerSet(items, at: expr))
        case .power(let base, let exponent):
            let b = strip(base)
            switch b.node {
            case .blackboard("R"):
                return .real(try spaceShape(exponent))
            case .set(let items):
                guard case .values(let values) = try integerSet(items, at: b) else {
                    throw error(b, "the entries of a product set are listed: \\{0, 1\\}^{m}")
                }
                return .lattice(values: values, shape: try spaceShape(exponent))
            case .interval(let low, let high, _, _):
                return .box(low: try number(low), high: try number(high), shape: try spaceShape(exponent))
            case .symbol(let symbol) where symbol.base == "Δ" || symbol.base == "\\Delta":
                return .simplex(try dimension(exponent))
            default:
                if containsBlackboard(b, "S") { return .positiveDefinite(try dimension(exponent)) }
            }
        case .subscripted(let base, _):
            // \mathbb{S}^{d}_{++} written with the subscript last.
            if case .power(let s, let exponent) = strip(base).node, containsBlackboard(s, "S") {
                return .positiveDefinite(try dimension(exponent))
            }
        case .apply(.named(let head), let arguments, _, _) where arguments.count == 1:
            if case .calligraphic(let letter) = strip(head).node {
                if letter == "O" { return .orthogonal(try dimension(arguments[0])) }
                if letter == "P" { return .density(try shape(ofSpace: arguments[0])) }
            }
        case .multiply(let head, let argument, .juxtaposition):
            if case .calligraphic(let letter) = strip(head).node, case .group(let inner, _) = argument.node {
                if letter == "O" { return .orthogonal(try dimension(inner)) }
                if letter == "P" { return .density(try shape(ofSpace: inner)) }
            }
        default:
            break
        }
        throw error(raw, "unknown domain '\(LaTeXPrinter.latex(raw))'; expected \\mathbb{R}^{…}, an interval, \\mathbb{S}_{++}^{d}, \\mathcal{O}(d), \\Delta^{K}, a set of integers, \\{0, 1\\}^{m}, \\mathbb{N} or \\mathcal{P}(\\mathbb{R}^{d})")
    }

    /// ℝ, ℝᵈ or ℝ^{m×n} as the space of a function's argument or value.
    private func shape(ofSpace raw: Expr) throws -> ShapeSpec {
        let expr = strip(raw)
        if case .blackboard("R") = expr.node { return .scalar }
        if case .interval = expr.node { return .scalar }
        if case .power(let base, let exponent) = expr.node {
            let b = strip(base)
            if case .blackboard("R") = b.node { return try spaceShape(exponent) }
            if case .interval = b.node { return try spaceShape(exponent) }
        }
        throw error(raw, "expected a space such as \\mathbb{R} or \\mathbb{R}^{d}")
    }

    private func spaceShape(_ exponent: Expr) throws -> ShapeSpec {
        if case .multiply(let m, let n, .times) = strip(exponent).node {
            return ShapeSpec(rows: try dimension(m), columns: try dimension(n))
        }
        return ShapeSpec(rows: try dimension(exponent), columns: nil)
    }

    func dimension(_ raw: Expr) throws -> Dimension {
        let expr = strip(raw)
        if case .number(let text) = expr.node, let n = Int(text) { return .literal(n) }
        if let key = NameKey.of(expr) { return .symbol(key) }
        switch expr.node {
        case .add(let a, let b): return .combined(try dimension(a), try dimension(b), subtract: false)
        case .subtract(let a, let b): return .combined(try dimension(a), try dimension(b), subtract: true)
        // `\times` is kept for the two sides of a matrix space, ℝ^{m × n}.
        case .multiply(let a, let b, let style) where style != .times: return .product(try dimension(a), try dimension(b))
        default: break
        }
        throw error(raw, "a dimension must be a whole number, a symbol, or a sum, difference or product of them")
    }

    private func integerSet(_ items: [Expr], at expr: Expr) throws -> IntegerSet {
        if let dotsIndex = items.firstIndex(where: { if case .dots = $0.node { return true }; return false }) {
            guard dotsIndex > 0, dotsIndex == items.count - 2 else {
                throw error(expr, "write a range as \\{1, \\dots, T\\}")
            }
            return .range(low: try bound(items[0]), high: try bound(items[items.count - 1]))
        }
        return .values(try items.map { item in
            guard let value = try bound(item).value([:]) else {
                throw error(item, "a set's elements must be whole numbers")
            }
            return value
        })
    }

    private func bound(_ raw: Expr) throws -> IntegerBound {
        var terms: [(symbol: String, sign: Int)] = []
        var offset = 0
        // A sum or difference of whole numbers and names: `T`, `n - 1`, `D - d`, `D - d + 1`.
        func collect(_ raw: Expr, _ sign: Int) -> Bool {
            let expr = strip(raw)
            switch expr.node {
            case .number(let text):
                guard let n = Int(text) else { return false }
                offset += sign * n
                return true
            case .negate(let inner): return collect(inner, -sign)
            case .add(let a, let b): return collect(a, sign) && collect(b, sign)
            case .subtract(let a, let b): return collect(a, sign) && collect(b, -sign)
            default:
                guard let key = NameKey.of(expr) else { return false }
                terms.append((key, sign))
                return true
            }
        }
        guard collect(raw, 1), terms.count <= 4 else {
            throw error(raw, "an end of an integer range must be a whole number, a symbol, or a sum or difference of them (T - 1, D - d)")
        }
        return IntegerBound(terms: terms, offset: offset)
    }

    /// A real constant: numbers, ±\infty, simple arithmetic on numbers.
    func number(_ raw: Expr) throws -> Double {
        let expr = strip(raw)
        switch expr.node {
        case .number(let text):
            if let value = Double(text) { return value }
        case .constant(.infinity): return .infinity
        case .constant(.pi): return .pi
        case .negate(let inner): return -(try number(inner))
        case .plus(let inner): return try number(inner)
        case .divide(let a, let b, _): return try number(a) / number(b)
        case .multiply(let a, let b, _): return try number(a) * number(b)
        case .add(let a, let b): return try number(a) + number(b)
        case .subtract(let a, let b): return try number(a) - number(b)
        default: break
        }
        throw error(raw, "expected a number here, found '\(LaTeXPrinter.latex(raw))'")
    }

    private func containsBlackboard(_ expr: Expr, _ letter: String) -> Bool {
        switch strip(expr).node {
        case .blackboard(let l): return l == letter
        case .subscripted(let base, _): return containsBlackboard(base, letter)
        case .power(let base, _): return containsBlackboard(base, letter)
        default: return false
        }
    }

    private func strip(_ expr: Expr) -> Expr {
        if case .group(let inner, .invisible) = expr.node { return strip(inner) }
        return expr
    }

    private func error(_ expr: Expr, _ message: String) -> Diagnostic {
        .error(expr.range.start, message)
    }
}
