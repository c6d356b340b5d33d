import MathSyntax
import DeriveNumerics

/// One draw of every declared symbol: values for the float and exact evaluators, whole numbers for
/// integer symbols, and instances of the generic functions and densities.
struct SamplePoint<S: Scalar> {
    var values: [String: Value<S>] = [:]
    var integers: [String: Int] = [:]
    var functions: [String: RandomFunction] = [:]
    var densities: [String: RandomMixture] = [:]
}

/// How far a sample reaches into ℕ: checks draw natural numbers from 0 to this bound.
enum NaturalNumbers {
    static let drawn = 12
}

/// Draws sample points from the declared domains, for one dimension setting.
struct PointSampler {
    let scope: Scope
    let dimensions: [String: Int]
    /// Every fourth positive definite draw is ill-conditioned (eigenvalues over 1e-2…1e2).
    var drawIndex: Int = 0
    /// What each draw does, in declaration order, with the shapes resolved for this setting:
    /// a draw then neither copies declarations nor resolves shapes (the draws are the same).
    private let integerDraws: [(key: String, draw: IntegerDraw)]
    private let realDraws: [(key: String, draw: RealDraw)]

    private enum IntegerDraw {
        case known(Int)
        case natural
        case member([Int])
        /// A range whose ends may name the numbers drawn before it.
        case range(IntegerSet, DeclaredSymbol)
    }

    private enum RealDraw {
        case gaussian(Shape)
        case box(low: Double, high: Double, Shape)
        case positiveDefinite(Int)
        case orthogonal(Int)
        case simplex(Int)
        case lattice([Int], Shape)
        /// A fixed value that is not a whole number, unless the key is a dimension or drawn whole.
        case fixed(Expr)
        case family(RandomFunctionFamilyPlan)
        case function(inputs: [Shape], output: Shape, codomain: Codomain)
        case density(Int)
        /// A shape that this setting cannot size: the draw fails when it gets here.
        case unsizable(DeclaredSymbol)
        /// A draw the link never reads, of a fixed count of generator outputs: the generator
        /// moves on by that count, so that the names the link reads get the numbers they would
        /// get if it were drawn.
        case skipped(outputs: Int)
        /// A draw the link never reads whose count of outputs depends on them (a lattice's
        /// rejection sampling, a mixture): made and dropped.
        indirect case dropped(RealDraw)
    }

    /// A function family's fixed parts; its seed is drawn with the point.
    private struct RandomFunctionFamilyPlan {
        var base: String, index: String, from: [ShapeSpec], to: ShapeSpec, codomain: Codomain
    }

    /// `reaching`, when given, holds the names the link can read (those its fixed values are
    /// computed from included): the others are not drawn into the point (a chapter declares dozens
    /// of names, a link reads a few, and every point was carrying, lifting and binding them all),
    /// though the generator moves past them as if they were, so that the names that are drawn get
    /// the same numbers either way.
    init(scope: Scope, dimensions: [String: Int], reaching: Set<String>? = nil) {
        self.scope = scope
        self.dimensions = dimensions
        let declarations = scope.order.compactMap { key in scope.declarations[key].map { (key, $0) } }
        let declaredKeys = Set(scope.order)
        integerDraws = declarations.compactMap { key, declared in
            if let value = dimensions[key] { return (key, .known(value)) }
            switch declared.domain {
            case .integers(.naturals): return (key, .natural)
            case .integers(.values(let members)) where !members.isEmpty: return (key, .member(members))
            case .integers(let set): return (key, .range(set, declared))
            case .fixed(let expr):
                if case .number(let text) = expr.node, let n = Int(text) { return (key, .known(n)) }
                return nil
            default: return nil
            }
        }
        let draws: [(key: String, draw: RealDraw)] = declarations.compactMap { key, declared in
            let shape = declared.domain.shape.resolve(dimensions)
            func sized(_ make: (Shape) -> RealDraw) -> RealDraw { shape.map(make) ?? .unsizable(declared) }
            switch declared.domain {
            case .real: return (key, sized { .gaussian($0) })
            case .box(let low, let high, _): return (key, sized { .box(low: low, high: high, $0) })
            case .positiveDefinite: return (key, sized { .positiveDefinite($0.rows) })
            case .orthogonal: return (key, sized { .orthogonal($0.rows) })
            case .simplex: return (key, sized { .simplex($0.rows) })
            case .lattice(let members, _): return (key, sized { .lattice(members, $0) })
            case .integers: return nil
            case .fixed(let expr): return (key, .fixed(expr))
            case .function(let from, let to, let codomain):
                if let index = RandomFunctionFamily.index(of: declared, declaredKeys: declaredKeys),
                   case .subscripted(let base, _) = declared.name.node, let baseKey = NameKey.of(base),
                   (from + [to]).contains(where: { $0.dimensionSymbols.contains(index) }) {
                    // `\mu_i : \mathbb{R}^{i-1} \to \mathbb{R}`: one function per index, drawn on demand.
                    return (key, .family(RandomFunctionFamilyPlan(base: baseKey, index: index, from: from, to: to, codomain: codomain)))
                }
                var inputs: [Shape] = []
                for spec in from {
                    guard let input = spec.resolve(dimensions) else { return (key, .unsizable(declared)) }
                    inputs.append(input)
                }
                guard let output = to.resolve(dimensions) else { return (key, .unsizable(declared)) }
                return (key, .function(inputs: inputs, output: output, codomain: codomain))
            case .density: return (key, sized { .density($0.rows) })
            }
        }
        if let reaching {
            realDraws = draws.map { key, draw in reaching.contains(key) ? (key, draw) : (key, Self.unread(draw)) }
        } else {
            realDraws = draws
        }
    }

    /// How an unread name's draw still moves the generator: by the count of outputs it takes,
    /// where that count is fixed by the shape.
    private static func unread(_ draw: RealDraw) -> RealDraw {
        // Box–Muller takes two outputs per pair of normals; `standardNormal` keeps one of them.
        func normals(_ count: Int) -> Int { 2 * ((count + 1) / 2) }
        switch draw {
        case .gaussian(let shape): return .skipped(outputs: normals(shape.rows * shape.columns))
        case .box(let low, let high, let shape):
            return .skipped(outputs: shape.rows * shape.columns * (low.isFinite && high.isFinite ? 1 : 2))
        case .positiveDefinite(let n), .orthogonal(let n): return .skipped(outputs: normals(n * n))
        case .simplex(let n): return .skipped(outputs: n)
        case .fixed: return .skipped(outputs: 0)
        case .family: return .skipped(outputs: 1)
        case .function(let inputs, let output, _):
            let inputCount = inputs.reduce(0) { $0 + $1.rows * $1.columns }
            let outputCount = output.rows * output.columns
            return .skipped(outputs: 2 * outputCount * (2 + 3 * (2 + inputCount)))
        case .lattice, .density: return .dropped(draw)
        case .unsizable, .skipped, .dropped: return draw
        }
    }

    /// A floating-point point: ℝ entries standard normal, boxes uniform (half-lines log-normal),
    /// positive definite, orthogonal (Haar) and simplex draws from their own samplers.
    func drawReal(using generator: inout SeededGenerator) throws -> SamplePoint<Double> {
        var point = SamplePoint<Double>()
        try drawIntegers(into: &point.integers, using: &generator)
        point.values.reserveCapacity(realDraws.count)
        for (key, draw) in realDraws {
            if let value = drawValue(draw, using: &generator) { point.values[key] = value; continue }
            switch draw {
            case .skipped(let outputs):
                for _ in 0..<outputs { _ = generator.next() }
            case .dropped(let draw):
                if case .density(let n) = draw { _ = RandomMixture(dimension: n, generator: &generator) }
                else { _ = drawValue(draw, using: &generator) }
            case .gaussian, .box, .positiveDefinite, .orthogonal, .simplex, .lattice:
                break
            case .fixed(let expr):
                if point.integers[key] == nil { point.values[key] = try fixedValue(expr, Double.self, point: point) }
            case .family(let plan):
                let family = RandomFunctionFamily(base: plan.base, index: plan.index, from: plan.from, to: plan.to,
                                                  codomain: plan.codomain, seed: generator.next())
                point.functions[key] = RandomFunction(family: family)
            case .function(let inputs, let output, let codomain):
                point.functions[key] = RandomFunction(inputs: inputs, output: output, codomain: codomain, generator: &generator)
            case .density(let n):
                point.densities[key] = RandomMixture(dimension: n, generator: &generator)
            case .unsizable(let declared):
                throw unsizable(declared)
            }
        }
        return point
    }

    /// A fresh draw of the one variable `key` (a structured value the local search cannot nudge:
    /// positive definite, orthogonal, simplex, lattice), or a fixed value recomputed from `point`;
    /// nil for anything else. Drawing the whole point for one variable cost the search more
    /// than its evaluations.
    func redraw(_ key: String, in point: SamplePoint<Double>, using generator: inout SeededGenerator) throws -> Value<Double>? {
        guard let draw = realDraws.first(where: { $0.key == key })?.draw else { return nil }
        switch draw {
        case .positiveDefinite, .orthogonal, .simplex, .lattice:
            return drawValue(draw, using: &generator)
        case .fixed(let expr):
            return point.integers[key] == nil ? try fixedValue(expr, Double.self, point: point) : nil
        case .gaussian, .box, .family, .function, .density, .unsizable, .skipped, .dropped:
            return nil
        }
    }

    /// A fresh value of a variable drawn on its own (nil for the draws that are not values of
    /// the point's variables alone: fixed values, functions, densities, unsizable shapes).
    private func drawValue(_ draw: RealDraw, using generator: inout SeededGenerator) -> Value<Double>? {
        switch draw {
        case .gaussian(let shape):
            return .matrix(Sampler.gaussianMatrix(rows: shape.rows, columns: shape.columns, using: &generator))
        case .box(let low, let high, let shape):
            let entries = (0..<(shape.rows * shape.columns)).map { _ in Self.drawInBox(low, high, using: &generator) }
            return .matrix(Matrix(rows: shape.rows, columns: shape.columns, elements: entries))
        case .positiveDefinite(let n):
            return .matrix(drawIndex % 4 == 3
                ? Sampler.illConditionedSymmetricPositiveDefinite(n, using: &generator)
                : Sampler.symmetricPositiveDefinite(n, using: &generator))
        case .orthogonal(let n):
            return .matrix(Sampler.orthogonal(n, using: &generator))
        case .simplex(let n):
            return .matrix(Matrix.column(Sampler.simplexPoint(dimension: n, using: &generator)))
        case .lattice(let members, let shape):
            let entries = (0..<(shape.rows * shape.columns)).map { _ in
                Double(members[Sampler.integer(in: 0...(members.count - 1), using: &generator)])
            }
            return .matrix(Matrix(rows: shape.rows, columns: shape.columns, elements: entries))
        case .fixed, .family, .function, .density, .unsizable, .skipped, .dropped:
            return nil
        }
    }

    /// An exact point: every real entry a random residue. Identities that hold on an open set of a
    /// domain hold as rational identities, so residues may stand in for reals, boxes and positive
    /// definite matrices (any symmetric one); orthogonal matrices come from the Cayley transform
    /// times a reflection, simplex points from normalising. Generic functions have no exact form:
    /// one in `needed` makes the draw fail with `notRational`; the others are left out.
    func drawExact(using generator: inout SeededGenerator, reaching needed: Set<String>) throws -> SamplePoint<ModularInteger> {
        var point = SamplePoint<ModularInteger>()
        try drawIntegers(into: &point.integers, using: &generator)
        func residues(_ count: Int) -> [ModularInteger] {
            (0..<count).map { _ in ModularInteger.random(using: &generator) }
        }
        for key in scope.order {
            guard let declared = scope.declarations[key] else { continue }
            let shape = declared.domain.shape.resolve(dimensions)
            switch declared.domain {
            case .real, .box:
                guard let shape else { throw unsizable(declared) }
                point.values[key] = .matrix(Matrix(rows: shape.rows, columns: shape.columns, elements: residues(shape.rows * shape.columns)))
            case .positiveDefinite:
                guard let shape else { throw unsizable(declared) }
                let n = shape.rows
                var m = Matrix(rows: n, columns: n, elements: residues(n * n))
                for i in 0..<n { for j in 0..<i { m.elements[i * n + j] = m.elements[j * n + i] } }
                point.values[key] = .matrix(m)
            case .orthogonal:
                guard let shape else { throw unsizable(declared) }
                point.values[key] = .matrix(try Self.cayleyOrthogonal(shape.rows, reflect: generator.next() & 1 == 1, using: &generator))
            case .simplex:
                guard let shape else { throw unsizable(declared) }
                let raw = residues(shape.rows)
                let total = raw.reduce(ModularInteger.zero, +)
                point.values[key] = .matrix(Matrix.column(try raw.map { try $0.divided(by: total) }))
            case .lattice(let members, _):
                guard let shape else { throw unsizable(declared) }
                let entries = (0..<(shape.rows * shape.columns)).map { _ in
                    ModularInteger(members[Sampler.integer(in: 0...(members.count - 1), using: &generator)])
                }
                point.values[key] = .matrix(Matrix(rows: shape.rows, columns: shape.columns, elements: entries))
            case .integers, .fixed:
                if point.integers[key] == nil, case .fixed(let expr) = declared.domain {
                    point.values[key] = try fixedValue(expr, ModularInteger.self, point: point)
                }
            case .function, .density:
                // Only a generic function the link uses forces floating point.
                if needed.contains(key) { throw ScalarError.notRational("a generic function has no exact form") }
            }
        }
        return point
    }

    /// Integer symbols that are not dimensions: drawn from their sets.
    private func drawIntegers(into integers: inout [String: Int], using generator: inout SeededGenerator) throws {
        integers.reserveCapacity(integerDraws.count)
        for (key, draw) in integerDraws {
            switch draw {
            case .known(let value):
                integers[key] = value
            case .natural:
                integers[key] = Sampler.integer(in: 0...NaturalNumbers.drawn, using: &generator)
            case .member(let members):
                integers[key] = members[Sampler.integer(in: 0...(members.count - 1), using: &generator)]
            case .range(let set, let declared):
                // A range is drawn from its ends, without listing it (the draw is the same).
                let known = integers
                guard let range = set.bounds({ known[$0] ?? dimensions[$0] }) else {
                    throw EvaluationError.input(.error(declared.range.start, "the set of '\(LaTeXPrinter.latex(declared.name))' is empty or its ends are unknown"))
                }
                integers[key] = range.lowerBound + Sampler.integer(in: 0...(range.upperBound - range.lowerBound), using: &generator)
            }
        }
    }

    private func fixedValue<S: Scalar>(_ expr: Expr, _ type: S.Type, point: SamplePoint<S>) throws -> Value<S> {
        let context = EvaluationContext(scope: scope, dimensions: dimensions, functions: [:], densities: [:],
                                        seed: 0, deadline: .infinity, monteCarloSamples: 0)
        return try Evaluator<S>(context: context, values: point.values, integers: point.integers).evaluate(expr)
    }

    private func unsizable(_ declared: DeclaredSymbol) -> EvaluationError {
        .input(.error(declared.range.start, "the size of '\(LaTeXPrinter.latex(declared.name))' depends on an undeclared dimension, or a product of dimensions exceeds \(CheckLimits.size); declare it (d = 3 or d \\in \\{1, 3\\})"))
    }

    static func drawInBox(_ low: Double, _ high: Double, using generator: inout SeededGenerator) -> Double {
        switch (low.isFinite, high.isFinite) {
        case (true, true): return low + (high - low) * Sampler.openUnit(using: &generator)
        case (true, false): return low + Foundation_exp(0.8 * Sampler.standardNormal(using: &generator))
        case (false, true): return high - Foundation_exp(0.8 * Sampler.standardNormal(using: &generator))
        case (false, false): return Sampler.standardNormal(using: &generator)
        }
    }

    /// Q = (I − K)(I + K)⁻¹ for a random skew K, times diag(−1, 1, …) when `reflect`.
    static func cayleyOrthogonal(_ n: Int, reflect: Bool, using generator: inout SeededGenerator) throws -> Matrix<ModularInteger> {
        var k = Matrix<ModularInteger>(rows: n, columns: n, repeating: ModularInteger.zero)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let r = ModularInteger.random(using: &generator)
                k.elements[i * n + j] = r
                k.elements[j * n + i] = -r
            }
        }
        let identity = Matrix<ModularInteger>.identity(n)
        var q = try (try identity - k) * (try (try identity + k).inverse())
        if reflect {
            for j in 0..<n { q.elements[j] = -q.elements[j] }
        }
        return q
    }
}

#if canImport(Glibc)
import Glibc
private func Foundation_exp(_ x: Double) -> Double { Glibc.exp(x) }
#else
import Darwin
private func Foundation_exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
