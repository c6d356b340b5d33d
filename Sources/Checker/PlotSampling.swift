import Diagnostics
import MathSyntax
import DeriveNumerics

/// What a `plot` fence asks for: curves in one variable over an interval, sampled at evenly spaced
/// points, with any other names the curves need fixed by the author.
public struct PlotRequest: Sendable {
    /// The horizontal variable as written (`x`, `\mu`), and where the fence names it.
    public var variable: Expr
    public var low: Double
    public var high: Double
    /// Points per curve, ends included.
    public var samples: Int
    /// Names given a value in the fence (`\sigma=1`), with the place of each.
    public var fixed: [(name: Expr, value: Double)]
    /// The chapter's declarations and definitions at the fence.
    public var scope: Scope
    public init(variable: Expr, low: Double, high: Double, samples: Int, fixed: [(name: Expr, value: Double)], scope: Scope) {
        self.variable = variable
        self.low = low
        self.high = high
        self.samples = samples
        self.fixed = fixed
        self.scope = scope
    }
}

/// One sampled curve: `y[i]` is its value at `x[i]`, nil where it has no finite value (a gap).
public struct PlotSeries: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double?]
    public init(x: [Double], y: [Double?]) {
        self.x = x
        self.y = y
    }
}

/// Samples a curve with the evaluator that checks the book, so that a plot shows the quantity
/// that was checked. A curve must be a scalar function of the plot's variable alone: the other
/// declared symbols are drawn twice from their domains, and a curve whose values move with them
/// is an error naming them, rather than a picture of one arbitrary draw.
public enum PlotSampler {
    /// The curve's values, or an input error at the curve (or at the fence's setting it concerns).
    public static func sample(_ curve: Expr, _ request: PlotRequest) throws -> PlotSeries {
        let sampling = try Sampling(curve: curve, request: request)
        let xs = (0..<request.samples).map { i -> Double in
            i == request.samples - 1 ? request.high
                : request.low + (request.high - request.low) * Double(i) / Double(request.samples - 1)
        }
        try sampling.requireOneVariable(probes: [0.13, 0.41, 0.67, 0.89].map { request.low + (request.high - request.low) * $0 })
        return PlotSeries(x: xs, y: try xs.map { try sampling.value(at: $0, in: sampling.first) })
    }
}

/// The settled pieces of one curve's sampling: the variable's key, the dimension setting, and two
/// independent draws of every other declared symbol.
private struct Sampling {
    let curve: Expr
    let request: PlotRequest
    let key: String
    let dimensions: [String: Int]
    let first: SamplePoint<Double>
    let second: SamplePoint<Double>
    /// Declared names the curve reaches that the fence leaves free (candidates for a second variable).
    let others: [String]
    let deadline = Clock.now() + 30

    init(curve: Expr, request: PlotRequest) throws {
        self.curve = curve
        self.request = request
        let scope = request.scope
        guard let key = NameKey.of(request.variable) else {
            throw Diagnostic.error(request.variable.range.start, "a plot's variable must be a name, found '\(LaTeXPrinter.latex(request.variable))'")
        }
        self.key = key
        if let declared = scope.declarations[key] { try Self.checkVariable(declared, request) }
        let job = LinkJob(label: nil, number: "plot", step: 1, relation: .equal, lhs: curve, rhs: curve, scope: scope,
                          options: [:], uncheckedReason: nil, justification: nil, position: curve.range.start,
                          sourceLines: [], scopeText: "")
        let checker = LinkChecker(job: job, options: CheckOptions())
        var dimensions = try Self.unwrap { try checker.dimensionSettings().first ?? [:] }
        var fixedValues: [String: Double] = [:]
        for (name, value) in request.fixed {
            guard let fixedKey = NameKey.of(name), let declared = scope.declarations[fixedKey] else {
                throw Diagnostic.error(name.range.start, "'\(LaTeXPrinter.latex(name))' is not declared above this plot, so it cannot be fixed")
            }
            if scope.dimensionSymbols.contains(fixedKey) {
                guard value == value.rounded(), (1...64).contains(value) else {
                    throw Diagnostic.error(name.range.start, "the dimension '\(LaTeXPrinter.latex(name))' takes a whole number from 1 to 64, found \(value)")
                }
                dimensions[fixedKey] = Int(value)
            } else if declared.domain.shape.resolve(dimensions) != Shape(rows: 1, columns: 1) {
                throw Diagnostic.error(name.range.start, "'\(LaTeXPrinter.latex(name))' is not a scalar, so one number cannot fix it")
            } else if case .box(let low, let high, _) = declared.domain, !(value >= low && value <= high) {
                throw Diagnostic.error(name.range.start,
                    "\(Figure.text(value)) lies outside the domain of '\(LaTeXPrinter.latex(name))', declared at line \(declared.range.start.line) as (\(Figure.text(low)), \(Figure.text(high)))")
            }
            fixedValues[fixedKey] = value
        }
        self.dimensions = dimensions
        let sampler = PointSampler(scope: scope, dimensions: dimensions)
        func draw(_ seed: UInt64) throws -> SamplePoint<Double> {
            var generator = SeededGenerator(seed: seed)
            var point = try Self.unwrap { try sampler.drawReal(using: &generator) }
            for (fixedKey, value) in fixedValues {
                if point.integers[fixedKey] != nil || dimensions[fixedKey] != nil { point.integers[fixedKey] = Int(value) }
                else { point.values[fixedKey] = .scalar(value) }
            }
            point.integers[key] = nil
            return point
        }
        first = try draw(0x9107_5EED)
        second = try draw(0x5EC0_4D00)
        let reachable = checker.reachable
        others = scope.order.filter { name in
            name != key && reachable.contains(name) && fixedValues[name] == nil && dimensions[name] == nil
        }
    }

    /// The variable must be a real scalar, and the range inside its declared interval.
    private static func checkVariable(_ declared: DeclaredSymbol, _ request: PlotRequest) throws {
        let name = LaTeXPrinter.latex(request.variable)
        switch declared.domain {
        case .real(let shape) where shape.rows == nil:
            return
        case .box(let low, let high, let shape) where shape.rows == nil:
            guard request.low >= low, request.high <= high else {
                throw Diagnostic.error(request.variable.range.start,
                    "the range \(Figure.text(request.low))..\(Figure.text(request.high)) leaves the domain of '\(name)', declared at line \(declared.range.start.line) as (\(Figure.text(low)), \(Figure.text(high)))")
            }
        default:
            throw Diagnostic.error(request.variable.range.start,
                "'\(name)' is declared at line \(declared.range.start.line) as something other than a real number, so it cannot be a plot's variable")
        }
    }

    /// The curve at `x`, nil where it has no finite value there.
    func value(at x: Double, in point: SamplePoint<Double>) throws -> Double? {
        var values = point.values
        values[key] = .scalar(x)
        let context = EvaluationContext(scope: request.scope, dimensions: dimensions, functions: point.functions,
                                        densities: point.densities, seed: 0x9107, deadline: deadline,
                                        monteCarloSamples: 20000)
        let evaluator = Evaluator<Double>(context: context, values: values, integers: point.integers)
        let value: Value<Double>
        do {
            value = try Self.unwrap { try evaluator.evaluate(curve) }
        } catch is ScalarError {
            return nil
        }
        guard let y = value.scalarValue else {
            let shape = value.shape.map { "a \($0.rows) × \($0.columns) value" } ?? "a multiple of I"
            throw Diagnostic.error(curve.range.start, "a curve needs a number at each point, but '\(LaTeXPrinter.latex(curve))' is \(shape)")
        }
        return y.isFinite ? y : nil
    }

    /// Fails, naming the names, when the curve's values change with a declared symbol other than
    /// the variable: first both draws at once, then one name at a time to say which.
    func requireOneVariable(probes: [Double]) throws {
        func moves(_ point: SamplePoint<Double>) throws -> Bool {
            for x in probes {
                guard let a = try value(at: x, in: first), let b = try value(at: x, in: point) else { continue }
                if abs(a - b) > 1e-9 * max(1, abs(a), abs(b)) { return true }
            }
            return false
        }
        guard try moves(second) else { return }
        var culprits: [String] = []
        for name in others {
            var mixed = first
            mixed.values[name] = second.values[name]
            mixed.functions[name] = second.functions[name]
            mixed.densities[name] = second.densities[name]
            mixed.integers[name] = second.integers[name]
            if try moves(mixed) { culprits.append(name) }
        }
        if culprits.isEmpty { culprits = others }
        let names = culprits.map { request.scope.declarations[$0].map { LaTeXPrinter.latex($0.name) } ?? $0 }
        let variable = LaTeXPrinter.latex(request.variable)
        let example = names.first.map { " \($0)=1" } ?? ""
        throw Diagnostic.error(curve.range.start,
            "'\(LaTeXPrinter.latex(curve))' is a function of \(([variable] + names).joined(separator: ", ")), not of \(variable) alone; "
            + "a plot draws functions of one variable: fix the others in the fence, as in {\(variable)=\(Figure.text(request.low))..\(Figure.text(request.high))\(example)}")
    }

    /// Turns the evaluator's own errors into diagnostics; domain errors pass through (gaps).
    static func unwrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch EvaluationError.input(let diagnostic) {
            throw diagnostic
        } catch EvaluationError.unsupported(let reason) {
            throw Diagnostic.error(.detached, "this curve cannot be evaluated: \(reason)")
        } catch EvaluationError.timeout {
            throw Diagnostic.error(.detached, "this plot ran past its time budget of 30 s")
        }
    }
}

/// Numbers in plot messages: short, and whole numbers without a decimal point.
private enum Figure {
    static func text(_ x: Double) -> String {
        if x.isInfinite { return x < 0 ? "-\\infty" : "\\infty" }
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        return "\(x)"
    }
}
