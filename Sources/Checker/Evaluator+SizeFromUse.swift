import DeriveNumerics
import MathSyntax

/// Bound variables sized by their use: `\mathbb{E}_{\epsilon \sim \mathcal{N}(0, I)}[\epsilon^\top A \epsilon]`
/// draws ε with the size that A gives it, as a paper leaves it to the reader.
extension Evaluator {
    /// The one length, among the sizes of the declared vectors and matrices of this dimension
    /// setting, at which the uses of `variable` evaluate without a shape error (a scalar when none
    /// does). When a length that nothing declares fits as well, nothing sizes the variable, and
    /// that is an error at it.
    func sizeFromUse(of variable: Expr, in uses: [Expr]) throws -> Int {
        guard let key = NameKey.of(variable) else { throw error(variable, "the variable of an expectation must be a name") }
        var sizes: Set<Int> = []
        for declared in context.scope.declarations.values {
            guard let shape = declared.domain.shape.resolve(context.dimensions) else { continue }
            sizes.insert(shape.rows)
            sizes.insert(shape.columns)
        }
        sizes.remove(1)
        if sizes.isEmpty { return 1 }
        // A length no declaration has: when it fits too, the uses do not fix the size.
        var foreign = 2
        while sizes.contains(foreign) { foreign += 1 }
        func fits(_ n: Int) throws -> Bool {
            var inner = self
            // Small positive entries, so that logarithms and roots of the trial stay defined.
            let entries = try (0..<n).map { try S(numerator: 1, denominator: $0 + 2) }
            inner.values[key] = .matrix(Matrix(rows: n, columns: 1, elements: entries))
            inner.integers[key] = nil
            do {
                for use in uses { _ = try inner.evaluate(use) }
                return true
            } catch EvaluationError.input {
                return false
            } catch EvaluationError.unsupported {
                return true
            }
        }
        let fitting = try sizes.sorted().filter(fits)
        let name = LaTeXPrinter.latex(variable)
        guard try !fits(foreign) else {
            throw self.error(variable, "nothing here sizes '\(name)': its use fits a vector of any length; write its distribution with a sized identity, \\mathcal{N}(0, I_n)")
        }
        // No declared length fits: the use is scalar here (a dimension that is 1 in this setting).
        guard let size = fitting.first else { return 1 }
        guard fitting.count == 1 else {
            throw self.error(variable, "cannot size '\(name)' from its use: it fits the lengths \(fitting.map(String.init).joined(separator: " and ")); write \\mathcal{N}(0, I_n) with its size")
        }
        return size
    }
}
