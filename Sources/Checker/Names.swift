import MathSyntax

/// Canonical keys for names, so that `x_{0}`, `x_0` and `x_{ 0 }` are the same symbol and a
/// definition's head finds its uses. Keys are plain strings built from the tree, not the printer.
enum NameKey {
    /// The key of a name-like expression: a symbol, or a symbol with a subscript of names/numbers.
    static func of(_ expr: Expr) -> String? {
        switch expr.node {
        case .symbol(let symbol):
            return key(symbol)
        case .subscripted(let base, let index):
            guard let baseKey = of(base), let indexKey = indexText(index) else { return nil }
            return baseKey + "_{" + indexKey + "}"
        case .group(let inner, .invisible):
            return of(inner)
        default:
            return nil
        }
    }

    /// The bold name whose entry a plain subscripted base stands for, as papers write it (`\mu_j`
    /// for an entry of `\boldsymbol{\mu}`, Kingma & Welling 2014, Appendix B), when the plain
    /// name itself is not declared; nil otherwise.
    static func boldContainer(ofEntryBase base: Expr, declared: (String) -> Bool) -> String? {
        guard case .symbol(var symbol) = base.node, symbol.font == .normal, let plain = of(base), !declared(plain) else { return nil }
        symbol.font = .bold
        return key(symbol)
    }

    static func key(_ symbol: Symbol) -> String {
        // The common case, a plain letter, needs no string building (this runs on every lookup).
        if symbol.font == .normal, symbol.primes == 0, symbol.stars == 0, symbol.decorations.isEmpty { return symbol.base }
        var text = symbol.base
        if symbol.font != .normal { text = symbol.font.rawValue + "{" + text + "}" }
        for decoration in symbol.decorations.reversed() { text = decoration.rawValue + "{" + text + "}" }
        return text + String(repeating: "'", count: symbol.primes) + String(repeating: "^{*}", count: symbol.stars)
    }

    /// A symbol without its primes, and how many there were (`f''` → `f`, 2).
    static func unprimed(_ expr: Expr) -> (key: String, primes: Int)? {
        switch expr.node {
        case .symbol(var symbol):
            let primes = symbol.primes
            symbol.primes = 0
            return (key(symbol), primes)
        case .subscripted(let base, let index):
            guard let (baseKey, primes) = unprimed(base), let indexKey = indexText(index) else { return nil }
            return (baseKey + "_{" + indexKey + "}", primes)
        default:
            return nil
        }
    }

    /// The text of a subscript that names (numbers, names, words, juxtaposed letters, `\mathrm{data}`).
    static func indexText(_ expr: Expr) -> String? {
        switch expr.node {
        case .number(let text): return text
        case .symbol: return of(expr)
        case .text(let word): return word
        case .group(let inner, _): return indexText(inner)
        case .multiply(let a, let b, .juxtaposition):
            guard let x = indexText(a), let y = indexText(b) else { return nil }
            return x + " " + y
        case .subscripted: return of(expr)
        // `x_{t-1}`, `x_{t+1}`, `\bar\alpha_{t-1}`: an offset index names a symbol of its own.
        case .add(let a, let b):
            guard let x = indexText(a), let y = indexText(b) else { return nil }
            return x + "+" + y
        case .subtract(let a, let b):
            guard let x = indexText(a), let y = indexText(b) else { return nil }
            return x + "-" + y
        case .negate(let a): return indexText(a).map { "-" + $0 }
        case .indexRange(let a, let b):
            guard let x = indexText(a), let y = indexText(b) else { return nil }
            return x + ":" + y
        case .tuple(let items):
            let parts = items.compactMap(indexText)
            return parts.count == items.count ? parts.joined(separator: ",") : nil
        default: return nil
        }
    }

    /// The base name of a subscripted expression (for indexing `x_i` into a declared vector `x`).
    static func base(_ expr: Expr) -> Expr? {
        if case .subscripted(let base, _) = expr.node { return base }
        return nil
    }
}
