// The constructs of the math language that are words rather than grammar: built-in functions,
// distribution families, divergences, moments, and letters that act as operators. Each construct
// has one row here saying how it is spelled, how many arguments it takes and how it prints; the
// parser (through `CommandTable` and `Constructs`) and both printers read these rows, and the
// checker gives every case its meaning in `Sources/Checker/BuiltinMeanings.swift`. Adding a
// function is one case and one row here, one case there: the compiler points at both.

// MARK: - Built-in functions

/// A built-in function. The raw value is its canonical name, as tree dumps and messages show it.
public enum BuiltinFunction: String, CaseIterable, Sendable {
    case exp, log, ln, sin, cos, tanh, erf, Phi, Gamma
    case sinh, cosh, arctan, arctanh
    case sigmoid, softplus, relu, sign
    case floor, ceil, factorial, binom
    case max, min
    case det, logdet, tr, adj, rank, diag
    case softmax, logsumexp
}

/// How many arguments a built-in function takes.
public enum Arity: Sendable, Equatable {
    case one
    /// `\binom{n}{k}`: exactly two.
    case two
    /// `\max(a, b, c)`: any number, at least one.
    case oneOrMore

    public func accepts(_ count: Int) -> Bool {
        switch self {
        case .one: return count == 1
        case .two: return count == 2
        case .oneOrMore: return count >= 1
        }
    }

    /// "one argument", "two arguments", "at least one argument", for messages.
    public var phrase: String {
        switch self {
        case .one: return "one argument"
        case .two: return "two arguments"
        case .oneOrMore: return "at least one argument"
        }
    }
}

/// Where a built-in's arguments stand relative to its name.
public enum Notation: Sendable, Equatable {
    /// `\exp x`, `\exp(x)`, `\operatorname{tr}(A)`: the name, then the argument.
    case prefix
    /// `\lfloor x \rfloor`: the argument between an opening command (the row's command) and this
    /// closing one.
    case delimited(close: String)
    /// `n!`: the argument, then this character.
    case postfix(Character)
    /// `\binom{n}{k}`: the command, then each argument in braces.
    case braced
}

/// How a built-in function is written and printed.
public struct FunctionRow: Sendable {
    /// The control sequences that spell it, in order: `["exp"]` for `\exp`, `["log", "det"]` for
    /// `\log\det`; empty when only a word spells it.
    public let commands: [String]
    /// The `\operatorname{…}`/`\mathrm{…}` words that spell it; the first prints when no command does.
    public let words: [String]
    public let arity: Arity
    /// The Greek letter (also its Unicode spelling) that the command stands for when nothing is
    /// applied to it: `\Phi` alone is the letter Φ.
    public let letter: String?
    /// Set for `\max` (true) and `\min` (false): followed by a subscript, the command is an
    /// optimisation over an index (`\max_i x_i`), not a function.
    public let isMax: Bool?
    public let notation: Notation
    /// The MathML operators around or after the argument (`⌊`, `⌋`; `!`), for the notations that
    /// are not `prefix`.
    public let marks: [String]

    init(commands: [String] = [], words: [String] = [], arity: Arity = .one, letter: String? = nil, isMax: Bool? = nil,
         notation: Notation = .prefix, marks: [String] = []) {
        precondition(!commands.isEmpty || !words.isEmpty || notation != .prefix, "a built-in function needs a spelling")
        self.commands = commands
        self.words = words
        self.arity = arity
        self.letter = letter
        self.isMax = isMax
        self.notation = notation
        self.marks = marks
    }

    /// A function with its own command, which also works as a word (`\exp`, `\operatorname{exp}`).
    static func command(_ name: String, arity: Arity = .one, letter: String? = nil, isMax: Bool? = nil) -> FunctionRow {
        FunctionRow(commands: [name], words: [name], arity: arity, letter: letter, isMax: isMax)
    }

    /// A function spelled only as `\operatorname{…}` or `\mathrm{…}`.
    static func word(_ words: String...) -> FunctionRow {
        FunctionRow(words: words)
    }

    /// The LaTeX of its name: its commands (`\log\det`), else `\operatorname{word}`; for a postfix
    /// function its character (`!`).
    public var latex: String {
        if case .postfix(let mark) = notation { return String(mark) }
        return commands.isEmpty ? "\\operatorname{" + words[0] + "}" : commands.map { "\\" + $0 }.joined()
    }

    /// The words of its MathML name, each an upright identifier: `log det`, `Φ`, `tr`.
    public var mathML: [String] {
        // Out-of-line notations print operators around their arguments, not a name (see `marks`).
        guard notation == .prefix else { return [] }
        if let letter { return [letter] }
        return commands.isEmpty ? [words[0]] : commands
    }
}

extension BuiltinFunction {
    /// The function's row: spellings, arguments and printing.
    public var row: FunctionRow {
        switch self {
        case .exp: return .command("exp")
        case .log: return .command("log")
        case .ln: return .command("ln")
        case .sin: return .command("sin")
        case .cos: return .command("cos")
        case .tanh: return .command("tanh")
        case .erf: return .word("erf")
        case .Phi: return .command("Phi", letter: "Φ")
        case .Gamma: return .command("Gamma", letter: "Γ")
        case .sinh: return .command("sinh")
        case .cosh: return .command("cosh")
        case .arctan: return .command("arctan")
        // LaTeX has no `\arctanh`; ISO 80000-2 writes artanh.
        case .arctanh: return .word("arctanh", "artanh")
        case .sigmoid: return .word("sigmoid")
        case .softplus: return .word("softplus")
        case .relu: return .word("relu", "ReLU")
        case .sign: return .word("sign")
        case .floor: return FunctionRow(commands: ["lfloor"], notation: .delimited(close: "rfloor"), marks: ["⌊", "⌋"])
        case .ceil: return FunctionRow(commands: ["lceil"], notation: .delimited(close: "rceil"), marks: ["⌈", "⌉"])
        case .factorial: return FunctionRow(notation: .postfix("!"), marks: ["!"])
        case .binom: return FunctionRow(commands: ["binom"], arity: .two, notation: .braced)
        case .max: return .command("max", arity: .oneOrMore, isMax: true)
        case .min: return .command("min", arity: .oneOrMore, isMax: false)
        case .det: return .command("det")
        // `\operatorname{logdet}` is a name, not this function: only `\log\det` spells it.
        case .logdet: return FunctionRow(commands: ["log", "det"])
        case .tr: return .word("tr")
        case .adj: return .word("adj")
        case .rank: return .word("rank")
        case .diag: return .word("diag")
        case .softmax: return .word("softmax")
        case .logsumexp: return .word("logsumexp")
        }
    }
}

// MARK: - Distribution families

/// A named distribution family: `\mathcal{N}(\mu, \Sigma)` is the distribution, `\mathcal{N}(x; \mu,
/// \Sigma)` its density at x.
public enum DistributionFamily: String, CaseIterable, Sendable {
    case normal, bernoulli, categorical, uniform, laplace, logistic
}

/// How a distribution family is written and printed.
public struct FamilyRow: Sendable {
    /// The calligraphic letter that spells it: `\mathcal{N}`.
    public let letter: String?
    /// The `\operatorname{…}` words that spell it; the first prints when no letter does.
    public let words: [String]

    public var latex: String {
        letter.map { "\\mathcal{" + $0 + "}" } ?? "\\operatorname{" + words[0] + "}"
    }
}

extension DistributionFamily {
    public var row: FamilyRow {
        switch self {
        case .normal: return FamilyRow(letter: "N", words: [])
        case .uniform: return FamilyRow(letter: "U", words: [])
        case .bernoulli: return FamilyRow(letter: nil, words: ["Bern", "Bernoulli"])
        case .categorical: return FamilyRow(letter: nil, words: ["Cat", "Categorical"])
        case .laplace: return FamilyRow(letter: nil, words: ["Laplace"])
        case .logistic: return FamilyRow(letter: nil, words: ["Logistic"])
        }
    }
}

// MARK: - Divergences, moments, operator letters

/// A divergence between two distributions: `\mathrm{KL}(p \,\|\, q)`, `D_{\mathrm{JSD}}(p \| q)`.
public enum DivergenceKind: String, CaseIterable, Sendable {
    case kl, jsd

    /// The word that spells it after `\mathrm`, `\operatorname` or as `D`'s subscript, and prints.
    public var word: String {
        switch self {
        case .kl: return "KL"
        case .jsd: return "JSD"
        }
    }
}

/// `\operatorname{Var}[x]` and `\operatorname{Cov}[x, y]`, with an optional subscript distribution.
enum Moment: CaseIterable, Sendable {
    case variance, covariance

    var word: String {
        switch self {
        case .variance: return "Var"
        case .covariance: return "Cov"
        }
    }

    /// The number of items inside the brackets.
    var arguments: Int {
        switch self {
        case .variance: return 1
        case .covariance: return 2
        }
    }
}

/// What an `\operatorname{…}`/`\mathrm{…}` word (or `{\rm …}`) means; a word not in the table is a
/// roman name.
enum WordMeaning: Sendable {
    case constant(Constant)
    case function(BuiltinFunction)
    /// Only when a parenthesis follows: `\operatorname{Cat}(\pi)`.
    case family(DistributionFamily)
    /// Only when a parenthesis follows: `\mathrm{KL}(q \| p)`.
    case divergence(DivergenceKind)
    /// Only when brackets or a parenthesis follow: `\operatorname{Var}[x]`.
    case moment(Moment)
}

/// The lookups the parser makes, built once from the rows above.
enum Constructs {
    /// Every word with a meaning. Built from the rows; a word claimed twice stops the program at
    /// start-up, so that no spelling silently shadows another.
    static let words: [String: WordMeaning] = {
        var table: [String: WordMeaning] = ["e": .constant(.e)]
        func claim(_ word: String, _ meaning: WordMeaning) {
            precondition(table[word] == nil, "the word '\(word)' has two meanings")
            table[word] = meaning
        }
        for function in BuiltinFunction.allCases {
            for word in function.row.words { claim(word, .function(function)) }
        }
        for family in DistributionFamily.allCases {
            for word in family.row.words { claim(word, .family(family)) }
        }
        for kind in DivergenceKind.allCases { claim(kind.word, .divergence(kind)) }
        for moment in Moment.allCases { claim(moment.word, .moment(moment)) }
        return table
    }()

    /// Calligraphic letters of the families: `\mathcal{N}` → normal.
    static let familyLetters: [String: DistributionFamily] = Dictionary(uniqueKeysWithValues:
        DistributionFamily.allCases.compactMap { family in family.row.letter.map { ($0, family) } })

    /// Calligraphic letters that name sets and take arguments: `\mathcal{O}(d)` (orthogonal
    /// matrices) and `\mathcal{P}(\mathbb{R}^{d})` (densities). With the family letters they stay
    /// calligraphic letters, not names, when nothing is applied.
    static let setLetters: Set<String> = ["O", "P"]

    /// Functions spelled by two commands, by the first: `\log` then `\det` is `\log\det`.
    static let compounds: [String: [(second: String, function: BuiltinFunction)]] = {
        var table: [String: [(second: String, function: BuiltinFunction)]] = [:]
        for function in BuiltinFunction.allCases where function.row.commands.count == 2 {
            let commands = function.row.commands
            table[commands[0], default: []].append((commands[1], function))
        }
        return table
    }()

    /// Functions written after their argument, by their character: `!` → factorial.
    static let postfix: [Character: BuiltinFunction] = Dictionary(uniqueKeysWithValues:
        BuiltinFunction.allCases.compactMap { function in
            if case .postfix(let mark) = function.row.notation { return (mark, function) }
            return nil
        })

    /// The commands that close a delimited function (`\rfloor`), which start nothing.
    static let closingCommands: Set<String> = Set(BuiltinFunction.allCases.compactMap { function in
        if case .delimited(let close) = function.row.notation { return close }
        return nil
    })

    /// Every spelling of a built-in function, family or divergence that an author may reach for,
    /// as it is written: `\exp`, `\operatorname{tanh}`. Suggestions are drawn from these.
    public static let spellings: [String] = {
        var result: [String] = []
        for function in BuiltinFunction.allCases {
            result += function.row.commands.prefix(1).map { "\\" + $0 }
            result += function.row.words.map { "\\operatorname{" + $0 + "}" }
        }
        for family in DistributionFamily.allCases { result += family.row.words.map { "\\operatorname{" + $0 + "}" } }
        return result
    }()

    /// The blackboard letter of expectations: `\mathbb{E}_{z \sim q}[…]`, also written `𝔼`.
    static let expectationLetter = "E"
    /// The blackboard letter of indicators: `\mathbb{1}[x > 0]`, `\mathbb{1}_{x > 0}`.
    static let indicatorLetter = "1"
    /// The plain letter of entropies, `H[p]` or `H(p)` of a density (unless `H` is a declared function).
    static let entropyLetter = "H"
}
