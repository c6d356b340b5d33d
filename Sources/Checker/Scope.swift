import Diagnostics
import MathSyntax

/// A declared symbol: its name as written, its domain, and where it was declared.
struct DeclaredSymbol: Sendable {
    var key: String
    var name: Expr
    var domain: Domain
    var range: SourceRange
}

/// A defined function or density: `f(x) = …`, `p(x \mid z) = …`.
struct FunctionDefinition: Sendable {
    var parameters: [String]
    var conditions: [String]
    var body: Expr
    var head: Expr

    /// `p(x \mid z)` as text, for "which definitions exist" errors.
    var signature: String { LaTeXPrinter.latex(head) }
}

extension [FunctionDefinition] {
    /// DESIGN §1.3: the definition a use of the head picks: the one whose argument names match the
    /// use's, else the only one when its arity fits; nil when none does.
    func chosenIndex(arguments: [Expr], conditions: [Expr]) -> Int? {
        let argumentKeys = arguments.map { NameKey.of($0) }, conditionKeys = conditions.map { NameKey.of($0) }
        if let exact = firstIndex(where: { $0.parameters.map(Optional.some) == argumentKeys && $0.conditions.map(Optional.some) == conditionKeys }) {
            return exact
        }
        if count == 1, self[0].parameters.count == arguments.count, self[0].conditions.count == conditions.count { return 0 }
        return nil
    }
}

/// Everything a derivation can refer to at its position in a chapter: the `given` declarations
/// and `define` definitions above it. Later declarations shadow earlier ones.
public struct Scope: Sendable {
    private(set) var declarations: [String: DeclaredSymbol] = [:] {
        didSet { dimensionSymbols = Self.dimensionSymbols(of: declarations) }
    }
    /// Symbols that size a vector or matrix somewhere in this scope: kept with the declarations,
    /// since every link asks (twice) and a chapter declares dozens of names.
    private(set) var dimensionSymbols: Set<String> = []
    /// Keys in declaration order (for counterexamples), without duplicates.
    private(set) var order: [String] = []
    private(set) var quantities: [String: Expr] = [:]
    /// Indexed families `\bar\alpha_t = …`: base key → (index key, body).
    private(set) var families: [String: (index: String, body: Expr)] = [:]
    /// Where each family was defined, as written (`\bar\alpha_t`), to name it in a clash.
    private var familyHeads: [String: Expr] = [:]
    private(set) var functions: [String: [FunctionDefinition]] = [:]
    /// LaTeX keys of every name that is applied like a function, for the parser.
    public private(set) var functionNames: Set<String> = []

    public init() {}

    /// Adds every name of one `given` declaration with its domain; a name that is not declarable
    /// or a domain that cannot be read is an input error at its place.
    public mutating func declare(_ declaration: Declaration) throws {
        let domain = try DomainReader().domain(of: declaration)
        for name in declaration.names {
            guard let key = NameKey.of(name) else {
                throw Diagnostic.error(name.range.start, "cannot declare '\(LaTeXPrinter.latex(name))': not a name")
            }
            if let base = NameKey.base(name), let baseKey = NameKey.of(base), let family = familyHeads[baseKey] {
                throw Diagnostic.error(name.range.start,
                    "'\(LaTeXPrinter.latex(name))' is declared here, but the family '\(LaTeXPrinter.latex(family))' defined at line \(family.range.start.line) already gives it a value; declare it in another chapter or drop the family")
            }
            declare(DeclaredSymbol(key: key, name: name, domain: domain, range: declaration.range))
        }
    }

    mutating func declare(_ symbol: DeclaredSymbol) {
        if declarations[symbol.key] == nil { order.append(symbol.key) }
        declarations[symbol.key] = symbol
        quantities[symbol.key] = nil
        functions[symbol.key] = nil
        switch symbol.domain {
        case .function, .density: break
        default: removeFunctionName(symbol.name)
        }
        if case .function = symbol.domain { insertFunctionName(symbol.name) }
        if RandomFunctionFamily.index(of: symbol) != nil, case .subscripted(let base, _) = symbol.name.node {
            functionNames.insert(MathParser.familySpelling(of: base))
        }
        if case .density = symbol.domain { functionNames.insert(LaTeXPrinter.latex(symbol.name)) }
    }

    /// A variable declared after a function of the same name shadows it (`x` after the path `x(t)`).
    private mutating func removeFunctionName(_ name: Expr) {
        for spelling in Self.appliedSpellings(name) { functionNames.remove(spelling) }
    }

    private mutating func insertFunctionName(_ name: Expr) {
        for spelling in Self.appliedSpellings(name) { functionNames.insert(spelling) }
    }

    /// A function's name and its time derivatives `\dot x`, `\ddot x`, which are applied like it.
    private static func appliedSpellings(_ name: Expr) -> [String] {
        var spellings = [LaTeXPrinter.latex(name)]
        guard case .symbol(let symbol) = name.node else { return spellings }
        for dots in [Decoration.dot, .ddot] {
            var dotted = symbol
            dotted.decorations.append(dots)
            spellings.append(LaTeXPrinter.latex(Expr(.symbol(dotted), name.range)))
        }
        return spellings
    }

    public mutating func define(_ definition: Definition) throws {
        let head = definition.head
        // A definition shadows an earlier declaration of the same name (DESIGN §1.2: later blocks shadow).
        if let key = NameKey.of(head) ?? { if case .apply(.named(let name), _, _, _) = head.node { return NameKey.of(name) }; return nil }() {
            if declarations.removeValue(forKey: key) != nil { order.removeAll { $0 == key } }
        }
        switch head.node {
        case .apply(.named(let name), let arguments, let conditions, _):
            guard let key = NameKey.of(name) else {
                throw Diagnostic.error(head.range.start, "a defined function needs a name, found '\(LaTeXPrinter.latex(name))'")
            }
            func parameterKeys(_ items: [Expr]) throws -> [String] {
                try items.map { item in
                    guard let k = NameKey.of(item) else {
                        throw Diagnostic.error(item.range.start, "a parameter must be a name, found '\(LaTeXPrinter.latex(item))'")
                    }
                    return k
                }
            }
            let entry = FunctionDefinition(parameters: try parameterKeys(arguments),
                                           conditions: try parameterKeys(conditions),
                                           body: definition.body, head: head)
            var existing = functions[key] ?? []
            existing.removeAll { $0.parameters == entry.parameters && $0.conditions == entry.conditions }
            existing.append(entry)
            functions[key] = existing
            insertFunctionName(name)
        case .subscripted(let base, let index):
            if let indexKey = NameKey.of(index), let baseKey = NameKey.of(base), isInteger(indexKey) {
                if let clash = declarations.values.first(where: { NameKey.base($0.name).flatMap(NameKey.of) == baseKey }) {
                    throw Diagnostic.error(head.range.start,
                        "the family '\(LaTeXPrinter.latex(head))' clashes with '\(LaTeXPrinter.latex(clash.name))' declared at line \(clash.range.start.line); a name is either declared or defined by its family, not both")
                }
                families[baseKey] = (indexKey, definition.body)
                familyHeads[baseKey] = head
            } else if let key = NameKey.of(head) {
                quantities[key] = definition.body
            } else {
                throw Diagnostic.error(head.range.start, "cannot define '\(LaTeXPrinter.latex(head))'")
            }
        default:
            guard let key = NameKey.of(head) else {
                throw Diagnostic.error(head.range.start, "the left side of a definition must be a name or a function head, found '\(LaTeXPrinter.latex(head))'")
            }
            quantities[key] = definition.body
        }
    }

    /// Whether a key is declared as an integer (a set of integers or a fixed whole number).
    func isInteger(_ key: String) -> Bool {
        guard let declared = declarations[key] else { return false }
        switch declared.domain {
        case .integers: return true
        case .fixed(let expr):
            if case .number(let text) = expr.node { return Int(text) != nil }
            return false
        default: return false
        }
    }

    /// Symbols that size a vector or matrix somewhere in this scope.
    private static func dimensionSymbols(of declarations: [String: DeclaredSymbol]) -> Set<String> {
        var result: Set<String> = []
        for declared in declarations.values {
            switch declared.domain {
            case .positiveDefinite(let d), .orthogonal(let d), .simplex(let d):
                result.formUnion(d.symbols)
            case .function(let from, let to, _):
                for shape in from + [to] { result.formUnion(shape.dimensionSymbols) }
            default:
                result.formUnion(declared.domain.shape.dimensionSymbols)
            }
        }
        return result
    }
}
