import Diagnostics
import MathSyntax
import Testing

/// The construct table: every row's spellings parse to its case, and what the printers write from
/// the row parses back to the same case.
@Suite struct ConstructTableTests {
    /// The built-in applied to `x` (and `y` for functions of several arguments), as the parser builds it.
    static func application(_ function: BuiltinFunction) throws -> Expr {
        let x = try parse("x"), y = try parse("y")
        let arguments = function.row.arity == .one ? [x] : [x, y]
        return Expr(.apply(.builtin(function), arguments: arguments, conditions: [], parenthesized: true), x.range)
    }

    /// The built-in of a parsed application, or nil when the tree is something else.
    static func builtin(_ expr: Expr) -> BuiltinFunction? {
        if case .apply(.builtin(let function), _, _, _) = expr.node { return function }
        return nil
    }

    @Test(arguments: BuiltinFunction.allCases)
    func everyFunctionPrintsAndParsesBack(_ function: BuiltinFunction) throws {
        let expr = try Self.application(function)
        let printed = LaTeXPrinter.latex(expr)
        if function.row.notation == .prefix {
            #expect(printed.hasPrefix(function.row.latex + "("), "\(function) printed as \(printed)")
        }
        let again = try parse(printed)
        #expect(Self.builtin(again) == function, "\(printed) parsed as \(again.structure)")
        #expect(again.structure == expr.structure)
    }

    @Test(arguments: BuiltinFunction.allCases)
    func everySpellingParsesToItsFunction(_ function: BuiltinFunction) throws {
        let row = function.row
        // Floor, factorial and the binomial are spelled around their arguments: see below.
        guard row.notation == .prefix else { return }
        var spellings = row.words.flatMap { [#"\operatorname{"# + $0 + "}", #"\mathrm{"# + $0 + "}"] }
        if !row.commands.isEmpty { spellings.append(row.commands.map { "\\" + $0 }.joined()) }
        #expect(!spellings.isEmpty)
        for spelling in spellings {
            let parsed = try parse(spelling + "(x)")
            #expect(Self.builtin(parsed) == function, "\(spelling)(x) parsed as \(parsed.structure)")
            // Applied without parentheses too (`\exp x`), unless the command is then a letter (`\Phi x`).
            let bare = try parse(spelling + " x")
            let expected = row.letter == nil || !spelling.hasPrefix("\\" + function.rawValue) ? function : nil
            #expect(Self.builtin(bare) == expected, "\(spelling) x parsed as \(bare.structure)")
        }
    }

    @Test(arguments: BuiltinFunction.allCases)
    func everyFunctionHasItsMathMLName(_ function: BuiltinFunction) throws {
        let mathML = MathMLPrinter.content(try Self.application(function))
        for word in function.row.mathML {
            #expect(mathML.contains(#"<mi mathvariant="normal">"# + word + "</mi>"), "\(function): \(mathML)")
        }
    }

    @Test func outOfLineNotationsParseAndPrintBack() throws {
        #expect(tree(#"\lfloor x \rfloor"#) == "(apply floor x)")
        #expect(tree(#"\left\lceil \frac{x}{2} \right\rceil"#) == "(apply ceil (/ x 2))")
        #expect(tree(#"n!"#) == "(apply factorial n)")
        #expect(tree(#"(n + 1)! + 1"#) == "(+ (apply factorial (paren (+ n 1))) 1)")
        #expect(tree(#"\binom{n}{k}"#) == "(apply binom n k)")
        for text in [#"\lfloor x \rfloor"#, #"\left\lfloor \frac{x}{2} \right\rfloor"#, "(n + 1)!", "2 n!", #"\binom{n + 1}{k}"#] {
            let expr = try parse(text)
            #expect(LaTeXPrinter.latex(expr) == text, "\(text) printed as \(LaTeXPrinter.latex(expr))")
            #expect(try parse(LaTeXPrinter.latex(expr)).structure == expr.structure)
        }
        let floor = MathMLPrinter.content(try parse(#"\lfloor x \rfloor"#))
        #expect(floor.contains("<mo>⌊</mo>") && floor.contains("<mo>⌋</mo>"), "\(floor)")
        #expect(MathMLPrinter.content(try parse("n!")).contains("<mo>!</mo>"))
        #expect(MathMLPrinter.content(try parse(#"\binom{n}{k}"#)).contains(#"<mfrac linethickness="0">"#))
    }

    @Test func transposedDifferentialsAndMisspellings() throws {
        // Dinh et al. (2017) write the Jacobian as ∂y/∂x^T; it is the same derivative, printed with ⊤.
        #expect(tree(#"\frac{\partial y}{\partial x^T}"#) == tree(#"\frac{\partial y}{\partial x^\top}"#))
        #expect(LaTeXPrinter.latex(try parse(#"\frac{\partial y}{\partial x^{T}}"#)) == #"\frac{\partial y}{\partial x^\top}"#)
        let closer = parseError { _ = try MathParser.parseExpression(source(#"\lfloor x + 1"#, line: 3, column: 1)) }
        #expect(closer == #"3:1: unbalanced '\lfloor': missing '\rfloor'"#)
        let binom = parseError { _ = try MathParser.parseExpression(source(#"\binom{n} k"#, line: 1, column: 1)) }
        #expect(binom == #"1:11: '\binom' takes two arguments, each in braces"#)
        let tanh = parseError { _ = try MathParser.parseExpression(source(#"\tanhh(x)"#, line: 2, column: 5)) }
        #expect(tanh == #"2:5: unknown command '\tanhh'; did you mean \tanh?"#)
        let pm = parseError { _ = try MathParser.parseExpression(source(#"\pm x"#, line: 1, column: 1)) }
        #expect(pm == #"1:1: unknown command '\pm'"#)
    }

    @Test func lettersStandAloneAndExtremaTakeSubscripts() throws {
        #expect(try parse(#"\Phi"#).structure == "Φ")
        #expect(try parse(#"\Gamma + 1"#).structure == "(+ Γ 1)")
        #expect(tree(#"\max_{i} x_i"#) == "(max i (sub x i))")
        #expect(tree(#"\operatorname{min}_{i} x_i"#) == "(min i (sub x i))")
        // A word for no built-in is a roman name; `\operatorname{logdet}` is not `\log\det`.
        #expect(tree(#"\operatorname{logdet}"#) == "roman(logdet)")
        #expect(tree(#"\operatorname{foo}"#) == "roman(foo)")
    }

    @Test(arguments: DistributionFamily.allCases)
    func everyFamilyPrintsAndParsesBack(_ family: DistributionFamily) throws {
        let x = try parse("x"), a = try parse("a"), b = try parse("b")
        let expr = Expr(.distribution(family, point: x, parameters: [a, b]), x.range)
        let printed = LaTeXPrinter.latex(expr)
        #expect(printed.hasPrefix(family.row.latex + "("))
        let again = try parse(printed)
        guard case .distribution(let parsed, _, _) = again.node else {
            Issue.record("\(printed) parsed as \(again.structure)")
            return
        }
        #expect(parsed == family)
        for word in family.row.words {
            let spelled = try parse(#"\operatorname{"# + word + "}(a, b)")
            guard case .distribution(let found, nil, _) = spelled.node else {
                Issue.record("\(word) parsed as \(spelled.structure)")
                continue
            }
            #expect(found == family)
        }
    }

    @Test(arguments: DivergenceKind.allCases)
    func everyDivergencePrintsAndParsesBack(_ kind: DivergenceKind) throws {
        for spelling in [#"\mathrm{"# + kind.word + "}", #"D_{\mathrm{"# + kind.word + "}}"] {
            let parsed = try parse(spelling + #"(p \| q)"#)
            guard case .divergence(let found, _, _) = parsed.node else {
                Issue.record("\(spelling) parsed as \(parsed.structure)")
                continue
            }
            #expect(found == kind)
            #expect(try parse(LaTeXPrinter.latex(parsed)).structure == parsed.structure)
        }
    }

    @Test func momentsAndOperatorLetters() throws {
        #expect(tree(#"\operatorname{Var}[x]"#) == "(Var _ x)")
        #expect(tree(#"\operatorname{Cov}_{q}[x, y]"#) == "(Cov q x y)")
        #expect(tree(#"\operatorname{Var}"#) == "roman(Var)")
        #expect(tree(#"\mathbb{E}[x]"#) == "(E _ x)")
        #expect(tree(#"𝔼[x]"#) == "(E _ x)")
        #expect(tree(#"\mathbb{1}[x > 0]"#) == "(1 (> x 0))")
        #expect(tree(#"H[p]"#) == "(H p)")
        #expect(tree(#"\mathcal{O}(d)"#) == "(apply cal(O) d)")
        #expect(tree(#"\mathcal{N}"#) == "cal(N)")
        #expect(tree(#"\mathcal{L}(x)"#) == "(* calligraphic(L) (paren x))")
        #expect(tree(#"\mathrm{e}^{x}"#) == "(^ e x)")
    }

    @Test func unknownSpellingsAreLocatedErrors() {
        let command = parseError { _ = try MathParser.parseExpression(source(#"1 + \arctanh x"#, line: 7, column: 3)) }
        #expect(command == #"7:7: unknown command '\arctanh'; did you mean \operatorname{arctanh}?"#)
        let empty = parseError { _ = try MathParser.parseExpression(source(#"\operatorname{}(x)"#, line: 2, column: 1)) }
        #expect(empty == #"2:14: empty '\operatorname'"#)
        let moment = parseError { _ = try MathParser.parseExpression(source(#"\operatorname{Var}[x, y]"#, line: 1, column: 1)) }
        #expect(moment == "1:19: 'Var' takes one argument, found 2")
    }
}
