import Diagnostics
import MathSyntax
import DeriveNumerics

/// Why evaluating an expression stopped.
enum EvaluationError: Error {
    /// The author's input is wrong (undeclared symbol, shape mismatch, misuse of a construct).
    case input(Diagnostic)
    /// The engine cannot evaluate this construct; the link becomes inconclusive with this reason.
    case unsupported(String)
    /// The link ran past its time budget.
    case timeout
}

/// What an evaluation needs besides the values of variables: the scope, the dimension setting, the
/// generic functions and densities drawn for this point, and the settings of the numerical methods.
/// Independent of the scalar type, so that it is shared by the Double, modular and dual evaluators.
final class EvaluationContext: @unchecked Sendable {
    let scope: Scope
    let dimensions: [String: Int]
    let functions: [String: RandomFunction]
    let densities: [String: RandomMixture]
    /// Seed for Monte Carlo draws; expectations with the same text share their draws (common random numbers).
    let seed: UInt64
    let deadline: Double
    /// Monte Carlo sample count.
    let monteCarloSamples: Int
    /// Method errors (quadrature, Monte Carlo) met while evaluating, and which methods were used.
    var methodsUsed: Set<CheckMethod> = []
    /// While a quadrature looks for the kinks and jumps of its integrand: the switching quantities
    /// (an indicator's `a − b`, the argument of `|·|`, of ReLU, the gap between `\max`'s two
    /// arguments) in the order the evaluation met them; nil otherwise.
    var switches: [Double]? = nil
    /// Whether evaluation used a generic function's or density's drawn numbers as constants
    /// (rather than as the bound coefficients of a trace): a program traced so holds only at
    /// points that drew the same functions.
    var foldedRandomObjects = false
    /// Whether `BodyAtNodes` may trace (`CheckOptions.tracing`).
    var tracing = true
    /// The link's rule-body programs, kept across its points (nil: each rule traces its own).
    var bodyPrograms: BodyProgramStore?
    /// Set by a rule over nodes met while `SidePrograms` traces a link's sides: its refinement
    /// would branch on the point, so the trace is given up (the evaluation ends with
    /// `SideTraceAbandoned`) rather than finished in the dearer traced arithmetic.
    var sideTraceAbandoned = false

    /// Notes a quantity whose sign decides a non-smooth branch, when a kink search is listening.
    /// Lazily, so that a switch is read off a value only while a kink search listens (reading
    /// it in a trace would give the trace up).
    func recordSwitch(_ value: @autoclosure () throws -> Double) rethrows {
        guard switches != nil else { return }
        let v = try value()
        if v.isFinite { switches?.append(v) }
    }

    init(scope: Scope, dimensions: [String: Int], functions: [String: RandomFunction],
         densities: [String: RandomMixture], seed: UInt64, deadline: Double, monteCarloSamples: Int) {
        self.scope = scope
        self.dimensions = dimensions
        self.functions = functions
        self.densities = densities
        self.seed = seed
        self.deadline = deadline
        self.monteCarloSamples = monteCarloSamples
    }

    func error(_ expr: Expr, _ message: String) -> EvaluationError {
        .input(.error(expr.range.start, message))
    }

    /// Calls of `checkTime` since the clock was last read.
    private var callsSinceClockRead = 0

    /// Throws once the link's time is spent. The clock is read at every 16th call: rules call
    /// this at each node, and reading the clock there cost 2% of a nested expectation's time;
    /// 16 nodes take microseconds, far below any budget.
    func checkTime() throws {
        callsSinceClockRead += 1
        guard callsSinceClockRead >= 16 else { return }
        callsSinceClockRead = 0
        if Clock.now() > deadline { throw EvaluationError.timeout }
    }
}

/// Wall-clock seconds, for time budgets and the audit.
enum Clock {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
