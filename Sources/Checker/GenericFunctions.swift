import DeriveNumerics
import MathSyntax

/// A random smooth function standing in for a declared `f : ℝᵈ → ℝᵐ`: each output is a constant
/// plus a few tanh and sine ridges and a small quadratic, so that every derivative is nonzero and
/// no identity that holds for "most" functions slips through. Coefficients are doubles; evaluation
/// is generic so that dual numbers differentiate it to any order.
struct RandomFunction: Sendable {
    let inputShapes: [Shape]
    let outputShape: Shape
    let codomain: Codomain
    /// Set for a family `\mu_i`: its members are drawn per index, and this value has no coefficients.
    private(set) var family: RandomFunctionFamily? = nil
    /// Per output: offset, and per ridge: amplitude, bias, weights over the flattened inputs.
    private let offsets: [Double]
    private let ridges: [[(amplitude: Double, bias: Double, weights: [Double], isSine: Bool)]]
    private let curvature: [Double]

    init(inputs: [Shape], output: Shape, codomain: Codomain, generator: inout SeededGenerator) {
        inputShapes = inputs
        outputShape = output
        self.codomain = codomain
        let inputCount = inputs.reduce(0) { $0 + $1.rows * $1.columns }
        let outputCount = output.rows * output.columns
        func normal() -> Double { Sampler.standardNormal(using: &generator) }
        offsets = (0..<outputCount).map { _ in normal() * 0.5 }
        curvature = (0..<outputCount).map { _ in normal() * 0.1 }
        ridges = (0..<outputCount).map { _ in
            (0..<3).map { r in
                (amplitude: normal(), bias: normal() * 0.5,
                 weights: (0..<inputCount).map { _ in normal() * (r == 2 ? 0.35 : 0.5) }, isSine: r == 2)
            }
        }
    }

    init(family: RandomFunctionFamily) {
        inputShapes = []
        outputShape = Shape(rows: 1, columns: 1)
        codomain = family.codomain
        offsets = []
        ridges = []
        curvature = []
        self.family = family
    }

    /// The drawn numbers in the order `evaluate` reads them: a trace of a side passes them as
    /// inputs, so that its program serves the functions drawn at other points too.
    var coefficients: [Double] {
        var list: [Double] = []
        for o in offsets.indices {
            list.append(offsets[o])
            for ridge in ridges[o] { list += [ridge.bias] + ridge.weights + [ridge.amplitude] }
            list.append(curvature[o])
        }
        return list
    }

    var coefficientCount: Int {
        offsets.indices.reduce(0) { total, o in total + 2 + ridges[o].reduce(0) { $0 + 2 + $1.weights.count } }
    }

    /// The function at `inputs`; `given` holds `coefficients` as scalars (a trace's inputs),
    /// otherwise each is made from its double where it is used.
    func evaluate<S: Scalar>(_ inputs: [Matrix<S>], coefficients given: [S]? = nil) throws -> Matrix<S> {
        let flat = inputs.flatMap(\.elements)
        var cursor = CoefficientCursor(given: given)
        var outputs: [S] = []
        for o in offsets.indices {
            var total = try cursor.next(offsets[o])
            var square = S.zero
            for ridge in ridges[o] {
                var argument = try cursor.next(ridge.bias)
                for (j, weight) in ridge.weights.enumerated() {
                    let w = try cursor.next(weight)
                    if j < flat.count { argument += w * flat[j] }
                }
                let shaped = try argument.elementary(ridge.isSine ? .sin : .tanh)
                total += try cursor.next(ridge.amplitude) * shaped
                square += argument * argument
            }
            total += try cursor.next(curvature[o]) * square
            if case .box(let low, let high) = codomain {
                let unit = try S.one.divided(by: S.one + (-total).exp())
                total = try S(constant: low) + S(constant: high - low) * unit
            }
            outputs.append(total)
        }
        return Matrix(rows: outputShape.rows, columns: outputShape.columns, elements: outputs)
    }
}

/// A random Gaussian mixture standing in for a declared density `p ∈ 𝒫(ℝᵈ)`: its density, its
/// sampler and (through dual numbers) its score are all exact.
struct RandomMixture: Sendable {
    let dimension: Int
    let weights: [Double]
    let means: [[Double]]
    /// Covariances, row-major d × d, symmetric positive definite.
    let covariances: [[Double]]
    /// Cholesky factors of the covariances, row-major lower triangular, for sampling.
    let factors: [[Double]]

    init(dimension: Int, generator: inout SeededGenerator) {
        self.dimension = dimension
        let components = 2
        func normal() -> Double { Sampler.standardNormal(using: &generator) }
        let raw = (0..<components).map { _ in 0.5 + Sampler.openUnit(using: &generator) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        means = (0..<components).map { _ in (0..<dimension).map { _ in normal() } }
        var covariances: [[Double]] = []
        var factors: [[Double]] = []
        for _ in 0..<components {
            // L lower triangular with a positive diagonal; Σ = L Lᵀ.
            var l = [Double](repeating: 0, count: dimension * dimension)
            for i in 0..<dimension {
                for j in 0...i { l[i * dimension + j] = i == j ? 0.6 + 0.5 * Sampler.openUnit(using: &generator) : 0.3 * normal() }
            }
            var sigma = [Double](repeating: 0, count: dimension * dimension)
            for i in 0..<dimension {
                for j in 0..<dimension {
                    var s = 0.0
                    for k in 0..<dimension { s += l[i * dimension + k] * l[j * dimension + k] }
                    sigma[i * dimension + j] = s
                }
            }
            covariances.append(sigma)
            factors.append(l)
        }
        self.covariances = covariances
        self.factors = factors
    }

    /// The drawn numbers in the order `density` reads them (per component: the mean and the
    /// factor's rows entry by entry, then the weight over the normaliser).
    var coefficients: [Double] {
        var list: [Double] = []
        let n = dimension
        for component in weights.indices {
            let l = factors[component]
            var diagonalProduct = 1.0
            for i in 0..<n {
                list.append(means[component][i])
                for k in 0..<i { list.append(l[i * n + k]) }
                list.append(l[i * n + i])
                diagonalProduct *= l[i * n + i]
            }
            list.append(weights[component] / (pow(2 * Double.pi, Double(n) / 2) * diagonalProduct))
        }
        return list
    }

    var coefficientCount: Int { weights.count * (dimension + dimension * (dimension + 1) / 2 + 1) }

    /// Σ_k w_k N(x; m_k, L_k L_kᵀ), through the Cholesky factors drawn with the mixture: with
    /// y = L⁻¹(x − m) by forward substitution the quadratic form is |y|² and √det Σ = Π L_ii, so
    /// no matrix is solved or factorised per call (this runs at every quadrature node).
    func density<S: Scalar>(_ x: [S], coefficients given: [S]? = nil) throws -> S {
        var cursor = CoefficientCursor(given: given)
        var total = S.zero
        let n = dimension
        let half = try S(numerator: 1, denominator: 2)
        for component in weights.indices {
            let l = factors[component]
            var y = [S](repeating: S.zero, count: n)
            var quadratic = S.zero
            var diagonalProduct = 1.0
            for i in 0..<n {
                var residual = x[i] - (try cursor.next(means[component][i]))
                for k in 0..<i { residual -= (try cursor.next(l[i * n + k])) * y[k] }
                y[i] = try residual.divided(by: try cursor.next(l[i * n + i]))
                quadratic += y[i] * y[i]
                diagonalProduct *= l[i * n + i]
            }
            let normaliser = pow(2 * Double.pi, Double(n) / 2) * diagonalProduct
            total += try cursor.next(weights[component] / normaliser) * (try (-half * quadratic).exp())
        }
        return total
    }

    /// Draws a point: a component by weight, then mean + L z.
    func sample(using generator: inout SeededGenerator) -> [Double] {
        let u = Sampler.openUnit(using: &generator)
        var component = weights.count - 1
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if u < cumulative { component = index; break }
        }
        let z = (0..<dimension).map { _ in Sampler.standardNormal(using: &generator) }
        return (0..<dimension).map { i in
            var value = means[component][i]
            for k in 0...i { value += factors[component][i * dimension + k] * z[k] }
            return value
        }
    }
}

/// Where a trace binds the drawn coefficients of the point's generic functions and densities.
enum RandomObjects {
    /// The binding of the coefficients of the function or density `key` (not a variable's name:
    /// `#` starts no name a chapter can write).
    static func coefficientKey(_ key: String) -> String { "#coefficients " + key }
}

/// Reads a random object's coefficients in order: the given scalars, or each double made a
/// scalar where it is read (the same value either way: a trace's inputs are made from the doubles).
struct CoefficientCursor<S: Scalar> {
    let given: [S]?
    private var position = 0

    init(given: [S]?) { self.given = given }

    mutating func next(_ value: Double) throws -> S {
        guard let given else { return try S(constant: value) }
        defer { position += 1 }
        return given[position]
    }
}

extension Scope {
    /// The declared function family with this base (`\mu_i` for `\mu`), if any.
    func functionFamily(base: String) -> DeclaredSymbol? {
        let declaredKeys = Set(order)
        for key in order {
            guard let declared = declarations[key], case .subscripted(let b, _) = declared.name.node, NameKey.of(b) == base,
                  RandomFunctionFamily.index(of: declared, declaredKeys: declaredKeys) != nil else { continue }
            return declared
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A family of generic functions indexed by a name that is not declared, each member with its
/// own input size: `\mu_i : \mathbb{R}^{i-1} \to \mathbb{R}` of an autoregressive model, used as
/// `\mu_i(x_{1:i-1})` under a sum over i or as `\mu_2(x_{1:1})`. Members are drawn on demand from
/// a seed of the sample point and the index, so one index always names one function.
struct RandomFunctionFamily: Sendable {
    /// The base name's key (`\mu`) and the index symbol (`i`).
    let base: String
    let index: String
    let from: [ShapeSpec]
    let to: ShapeSpec
    let codomain: Codomain
    let seed: UInt64

    /// The index of a declared function that makes it a family: its name's subscript is one
    /// symbol that is not itself declared; nil otherwise.
    static func index(of declared: DeclaredSymbol, declaredKeys: Set<String>? = nil) -> String? {
        guard case .function = declared.domain, case .subscripted(_, let index) = declared.name.node,
              case .symbol = index.node, let key = NameKey.of(index) else { return nil }
        if let declaredKeys, declaredKeys.contains(key) { return nil }
        return key
    }

    /// The member at index k; nil when a size is not positive there (`\mathbb{R}^{i-1}` at i = 1).
    func member(_ k: Int, dimensions: [String: Int]) -> RandomFunction? {
        var sizes = dimensions
        sizes[index] = k
        var inputs: [Shape] = []
        for spec in from {
            guard let shape = spec.resolve(sizes) else { return nil }
            inputs.append(shape)
        }
        guard let output = to.resolve(sizes) else { return nil }
        var generator = SeededGenerator(seed: seed ^ (UInt64(bitPattern: Int64(k)) &* 0x9E37_79B9_7F4A_7C15))
        return RandomFunction(inputs: inputs, output: output, codomain: codomain, generator: &generator)
    }
}
