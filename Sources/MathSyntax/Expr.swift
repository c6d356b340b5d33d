import Diagnostics

/// A parsed math expression: a node and the stretch of the chapter file it was read from.
public struct Expr: Hashable, Sendable {
    public var node: Node
    public var range: SourceRange

    public init(_ node: Node, _ range: SourceRange) {
        self.node = node
        self.range = range
    }

    /// The expression inside any parentheses, brackets or TeX groups around it.
    public var ungrouped: Expr {
        if case .group(let inner, _) = node { return inner.ungrouped }
        return self
    }

    /// The math language's constructs. The printers render every case back, the checker
    /// evaluates every case or reports it as not checkable; nothing is dropped silently.
    public indirect enum Node: Hashable, Sendable {
        // Atoms
        /// A numeral as written: "2", "0.5".
        case number(String)
        /// `\pi`, `e`, `\infty` (the checker decides whether `e` is declared otherwise).
        case constant(Constant)
        /// A single-letter or multi-letter name with decorations and primes (no subscript).
        case symbol(Symbol)
        /// `base_{index}`: a name like `x_0`, an index into a vector `x_i`, a family `\bar\alpha_{t-1}`,
        /// or a matrix entry `A_{ij}` (index is then a `.tuple` or juxtaposed letters).
        case subscripted(base: Expr, index: Expr)
        /// `\text{...}`, `\mathrm{...}` words that are not names (`\text{const}`, `\text{otherwise}`).
        case text(String)
        /// `\mathbb{R}`, `\mathbb{S}`, `\mathbb{E}` when not applied: a blackboard letter.
        case blackboard(String)
        /// `\mathcal{O}` and other calligraphic letters when not a known distribution.
        case calligraphic(String)
        /// `\dots`, `\ldots`, `\cdots` inside a set or list.
        case dots

        // Arithmetic
        case add(Expr, Expr)
        case subtract(Expr, Expr)
        case negate(Expr)
        /// Unary plus, kept so that it prints back.
        case plus(Expr)
        case multiply(Expr, Expr, MultiplicationStyle)
        /// `\frac{a}{b}` (style .fraction) or `a / b` (style .slash).
        case divide(Expr, Expr, DivisionStyle)
        /// `a^{b}`; `^\top` is `.transpose`, `^{-1}` stays a power (the checker inverts matrices).
        case power(Expr, Expr)
        case transpose(Expr)
        /// `\sqrt{x}` or `\sqrt[n]{x}`.
        case root(Expr, index: Expr?)
        /// `a \odot b`.
        case hadamard(Expr, Expr)
        /// `a \otimes b`, kept for rendering.
        case kronecker(Expr, Expr)

        // Grouping and structure
        /// Parentheses and friends, kept so that the printed form matches the source.
        case group(Expr, Delimiter)
        /// `|x|` or `\lvert x \rvert` (absolute value, or determinant of a matrix).
        case absolute(Expr)
        /// `\|x\|` (Euclidean or Frobenius norm), with an optional subscript like `_2`.
        case norm(Expr, subscript: Expr?)
        /// `\langle a, b \rangle`.
        case inner(Expr, Expr)
        /// A comma-separated list: arguments, `(0, 1)` intervals, `\{1, \dots, T\}` sets' contents.
        case tuple([Expr])
        /// `1:T` in a subscript (`x_{1:T}`, `x_{0:T}`): a run of indices that names one symbol.
        case indexRange(Expr, Expr)
        /// `\{ ... \}` as a set of elements (contents are the tuple's items).
        case set([Expr])
        /// An interval `(a, b)`, `[a, b]`, `(a, b]`: open on the left/right.
        case interval(Expr, Expr, leftOpen: Bool, rightOpen: Bool)
        /// `pmatrix`, `bmatrix`, `matrix`, `vmatrix`: rows of cells.
        case matrix([[Expr]], MatrixStyle)
        /// `\begin{cases} value & condition \\ ... \end{cases}`; a nil condition is `\text{otherwise}`.
        case cases([CaseBranch])
        /// A comparison inside an expression: `x > 0` in a case condition, `i \ne j` under a sum,
        /// `x \in A`, `z \sim q`.
        case comparison(Expr, Relation, Expr)
        /// `\mathbb{1}[cond]`, `\mathbb{1}_{cond}`.
        case indicator(Expr)

        // Application
        /// A function applied to arguments: builtins (`\exp`, `\det`, `\operatorname{tr}`), user
        /// functions and densities (`f(x)`, `p(x \mid z)`, `q_\phi(z \mid x)`). `conditions` holds
        /// what comes after `\mid`; `parenthesized` is false for `\log x` written without brackets.
        case apply(Callee, arguments: [Expr], conditions: [Expr], parenthesized: Bool)
        /// `\mathcal{N}(x; \mu, \Sigma)` (point present) or `\mathcal{N}(\mu, \Sigma)`; same for the
        /// other named families.
        case distribution(DistributionFamily, point: Expr?, parameters: [Expr])
        /// `\mathbb{E}_{z \sim q}[body]` or `\mathbb{E}_{q(z \mid x)}[body]`; `over` is the subscript
        /// (a `.comparison(var, .distributedAs, dist)` or a density application); nil for plain `\mathbb{E}[...]`.
        case expectation(over: Expr?, body: Expr)
        /// `\operatorname{Var}[x]`, `\operatorname{Cov}[x, y]` with an optional subscript distribution.
        case variance(over: Expr?, body: Expr)
        case covariance(over: Expr?, Expr, Expr)
        /// `\mathrm{KL}(p \,\|\, q)`, `D_{\mathrm{KL}}(p \| q)`, `\mathrm{JSD}(p \| q)`.
        case divergence(DivergenceKind, Expr, Expr)
        /// `H[p]` or `H(p)`.
        case entropy(Expr)

        // Big operators
        /// `\sum_{i=1}^{n} body`: `index` is the bound variable, `lower`/`upper` the bounds; when
        /// written as `\sum_{i \ne j}` the condition is in `condition` and bounds come from the domain.
        case sum(BigOperator)
        case product(BigOperator)
        /// `\int_a^b body \, dx`; bounds absent means the variable's declared domain.
        case integral(lower: Expr?, upper: Expr?, body: Expr, variable: Expr)
        /// `\lim_{n \to \infty} body`.
        case limit(variable: Expr, target: Expr, body: Expr)
        /// `\max_{i} body`, `\min`, `\sup`, `\inf`, `\arg\max`, `\arg\min` with a subscript
        /// naming the variable and its domain; the plain `\max(a, b)` is an `.apply`.
        case extremum(ExtremumKind, subscript: Expr, body: Expr)

        // Calculus
        /// `\frac{d}{dx} body`, `\frac{\partial^2 f}{\partial x \partial y}`: one entry in
        /// `variables` per differentiation (so second order in x lists x twice), `partial` for ∂.
        /// `body` is the numerator's function or the expression that follows the operator.
        case derivative(body: Expr, variables: [Expr], partial: Bool)
        /// `\nabla_x body` (order 1) and `\nabla_x^2 body` (order 2, the Hessian). `variable` nil
        /// for a bare `\nabla`.
        case gradient(body: Expr, variable: Expr?, order: Int)
        /// `\nabla_x \cdot body`.
        case divergenceOperator(body: Expr, variable: Expr?)
        /// `\Delta body` / `\nabla^2 body` without subscript meaning the Laplacian.
        case laplacian(body: Expr, variable: Expr?)
    }
}

/// Named constants of the math language.
public enum Constant: String, Sendable {
    case pi, e, infinity
}

/// A name: a base letter or word with decorations, primes and stars, no subscript.
/// `base` holds the letter as written in Unicode ("x", "α", "Σ") or a word from `\operatorname`.
public struct Symbol: Hashable, Sendable {
    public var base: String
    public var decorations: [Decoration]
    public var primes: Int
    /// `\theta^*`, `D^*_G`: a starred name is a name of its own, as papers use it for optima.
    public var stars: Int = 0
    /// The font the name was written in, which distinguishes `\mathbf{1}` from `1`, `\mathcal{L}` from `L`.
    public var font: SymbolFont

    public init(_ base: String, decorations: [Decoration] = [], primes: Int = 0, font: SymbolFont = .normal) {
        self.base = base
        self.decorations = decorations
        self.primes = primes
        self.font = font
    }
}

public enum Decoration: String, Hashable, Sendable {
    case hat, bar, tilde, check, dot, ddot, vec, overline, widehat, widetilde
}

public enum SymbolFont: String, Hashable, Sendable {
    /// Plain italic letters and Greek.
    case normal
    /// `\mathbf`, `\boldsymbol`, `\bm`.
    case bold
    /// `\mathrm`, `\operatorname`, `\text` used as a name.
    case roman
    case calligraphic
    case blackboard
}

public enum MultiplicationStyle: String, Sendable {
    /// `Wz`, `2x`, `\sigma^2 I`.
    case juxtaposition
    /// `a \cdot b`.
    case cdot
    /// `a \times b` (products of dimensions, scalars).
    case times
    /// `a \, b` with explicit thin space; prints back with `\,`.
    case thinSpace
}

public enum DivisionStyle: String, Sendable {
    case fraction, slash, dfrac, tfrac
}

public enum Delimiter: String, Sendable {
    /// `( )`, `[ ]`, `\{ \}`, with or without `\left \right`.
    case paren, bracket, brace
    case leftRightParen, leftRightBracket, leftRightBrace
    /// `{...}` that was only a TeX group (a subscript's braces never reach the tree).
    case invisible
}

public enum MatrixStyle: String, Sendable {
    case pmatrix, bmatrix, matrix, vmatrix, Vmatrix
}

public struct CaseBranch: Hashable, Sendable {
    public var value: Expr
    /// nil for `\text{otherwise}`.
    public var condition: Expr?
    public init(value: Expr, condition: Expr?) {
        self.value = value
        self.condition = condition
    }
}

/// A sum or product: `\sum_{index = lower}^{upper} body` or `\sum_{condition} body`.
public struct BigOperator: Hashable, Sendable {
    public var index: Expr
    public var lower: Expr?
    public var upper: Expr?
    /// For `\sum_{i \ne j}` or `\sum_{i \in S}`: the whole subscript.
    public var condition: Expr?
    public var body: Expr
    public init(index: Expr, lower: Expr?, upper: Expr?, condition: Expr?, body: Expr) {
        self.index = index
        self.lower = lower
        self.upper = upper
        self.condition = condition
        self.body = body
    }
}

/// Which optimum an `.extremum` asks for: the extreme value or the point that attains it.
public enum ExtremumKind: String, Sendable, CaseIterable {
    case max, min, sup, inf, argmax, argmin

    /// Whether it looks for the largest value.
    public var seeksLargest: Bool { self == .max || self == .sup || self == .argmax }
    /// Whether its value is the optimising point rather than the optimum.
    public var yieldsPoint: Bool { self == .argmax || self == .argmin }
    /// How it prints in LaTeX: `\max`, `\arg\max`.
    public var latex: String {
        switch self {
        case .argmax: return "\\arg\\max"
        case .argmin: return "\\arg\\min"
        default: return "\\" + rawValue
        }
    }
    /// The words of its MathML operator name.
    public var mathML: String {
        switch self {
        case .argmax: return "arg max"
        case .argmin: return "arg min"
        default: return rawValue
        }
    }
}

/// What is being applied.
public enum Callee: Hashable, Sendable {
    /// A built-in function (`\exp`, `\log\det`, `\operatorname{tr}`); its spellings are its row in
    /// `Constructs.swift`.
    case builtin(BuiltinFunction)
    /// A user-declared or defined function or density: `f`, `p_\theta`, `q_\phi`, `f'`; the Expr is
    /// a `.symbol` or `.subscripted` name.
    case named(Expr)
}

/// Relations, both the links of a chain and comparisons inside expressions.
public enum Relation: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "\\ne"
    case less = "<"
    case greater = ">"
    case lessEqual = "\\le"
    case greaterEqual = "\\ge"
    case approx = "\\approx"
    case proportional = "\\propto"
    /// `:=` in a definition.
    case defines = ":="
    /// `\in`
    case element = "\\in"
    /// `\sim`
    case distributedAs = "\\sim"
    /// `\to` (in a function signature or a limit).
    case to = "\\to"
    /// `:` in `f : \mathbb{R} \to \mathbb{R}`.
    case colon = ":"
    /// `\mid` in a conditional expectation's body, `\mathbb{E}[x_0 \mid x_t]`.
    case given = "\\mid"
}
