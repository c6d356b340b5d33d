import Book
import Diagnostics
import MathSyntax

/// One link to check, with everything needed to check it independently of the rest of the book.
struct LinkJob: Sendable {
    var file: String
    var label: String?
    /// "3.7", for messages about unlabeled derivations.
    var number: String
    var step: Int
    var relation: Relation
    var lhs: Expr
    var rhs: Expr
    var scope: Scope
    /// Block attributes merged with the link's own `% key: value` options (the link's win).
    var options: [String: String]
    var uncheckedReason: String?
    var justification: String?
    var position: SourcePosition
    /// The source lines of the link, for the diagnostic.
    var sourceLines: [String]
    /// The text of every given and define block above the link, for the cache key.
    var scopeText: String

    /// Seeds the link from its own content, so results do not depend on the rest of the file.
    var contentKey: String {
        LaTeXPrinter.latex(lhs) + " " + LaTeXPrinter.latex(relation) + " " + LaTeXPrinter.latex(rhs)
            + options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    var name: String {
        if let label { return "step \(step) of \(label)" }
        return "step \(step) of derivation (\(number))"
    }
}
