/// Prints trees as presentation MathML; every function returns exactly one element, so that the
/// pieces nest as the children of `msup`, `mfrac` and friends.
public enum MathMLPrinter {
    /// A complete <math> element (display="block" when display) for an expression.
    public static func math(_ expr: Expr, display: Bool) -> String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"" + (display ? " display=\"block\"" : "") + ">"
            + content(expr) + "</math>"
    }

    /// The inner MathML (no <math> wrapper) of an expression, for composing rows of an aligned chain.
    public static func content(_ expr: Expr) -> String { render(expr) }

    public static func content(_ relation: Relation) -> String { mo(relationText(relation)) }

    // MARK: Nodes

    static func render(_ expr: Expr) -> String {
        switch expr.node {
        case .number(let text): return "<mn>" + escape(text) + "</mn>"
        case .constant(let constant):
            switch constant {
            case .pi: return "<mi>π</mi>"
            case .e: return "<mi>e</mi>"
            case .infinity: return "<mi mathvariant=\"normal\">∞</mi>"
            }
        case .symbol(let symbol): return identifier(symbol)
        case .subscripted(let base, let index):
            return "<msub>" + operand(base, .atom) + render(index) + "</msub>"
        case .text(let text): return "<mtext>" + escape(text) + "</mtext>"
        case .blackboard(let letter): return "<mi mathvariant=\"normal\">" + Symbols.doubleStruck(letter) + "</mi>"
        case .calligraphic(let letter): return "<mi mathvariant=\"normal\">" + Symbols.script(letter) + "</mi>"
        case .dots: return mo("…")
        case .add, .subtract: return renderSum(expr)
        case .negate(let a): return row([mo("&#x2212;"), operand(a, .term)])
        case .plus(let a): return row([mo("+"), operand(a, .term)])
        case .multiply: return renderProduct(expr)
        case .divide(let a, let b, let style):
            switch style {
            case .slash: return row([leftFactor(a), mo("/"), rightFactor(b)])
            case .fraction: return "<mfrac>" + render(a) + render(b) + "</mfrac>"
            case .dfrac:
                return "<mstyle displaystyle=\"true\"><mfrac>" + render(a) + render(b) + "</mfrac></mstyle>"
            case .tfrac:
                return "<mstyle displaystyle=\"false\"><mfrac>" + render(a) + render(b) + "</mfrac></mstyle>"
            }
        case .power(let base, let exponent):
            if case .subscripted(let name, let index) = base.node {
                return "<msubsup>" + operand(name, .atom) + render(index) + render(exponent) + "</msubsup>"
            }
            if case .apply(_, _, _, parenthesized: false) = base.node {
                // (sin x)², not sin x²: the power belongs to the value.
                return "<msup>" + fenced("(", render(base), ")") + render(exponent) + "</msup>"
            }
            return "<msup>" + operand(base, .atom) + render(exponent) + "</msup>"
        case .transpose(let inner):
            let top = "<mi mathvariant=\"normal\">⊤</mi>"
            if case .power(let base, let exponent) = inner.node, LaTeXPrinter.isMinusOne(exponent) {
                return script(base, row([mo("&#x2212;"), top]))
            }
            return script(inner, top)
        case .root(let radicand, let index):
            if let index { return "<mroot>" + render(radicand) + render(index) + "</mroot>" }
            return "<msqrt>" + render(radicand) + "</msqrt>"
        case .hadamard(let a, let b): return row([leftFactor(a), mo("⊙"), rightFactor(b)])
        case .kronecker(let a, let b): return row([leftFactor(a), mo("⊗"), rightFactor(b)])
        case .group(let inner, let delimiter):
            switch delimiter {
            case .paren: return fenced("(", render(inner), ")", stretchy: false)
            case .bracket: return fenced("[", render(inner), "]", stretchy: false)
            case .brace: return fenced("{", render(inner), "}", stretchy: false)
            case .leftRightParen: return fenced("(", render(inner), ")")
            case .leftRightBracket: return fenced("[", render(inner), "]")
            case .leftRightBrace: return fenced("{", render(inner), "}")
            case .invisible: return row([render(inner)])
            }
        case .absolute(let inner): return fenced("|", render(inner), "|")
        case .norm(let inner, let sub):
            let body = fenced("‖", render(inner), "‖")
            guard let sub else { return body }
            return "<msub>" + body + render(sub) + "</msub>"
        case .inner(let a, let b): return fenced("⟨", row([render(a), mo(","), render(b)]), "⟩")
        case .tuple(let items): return list(items)
        case .indexRange(let a, let b): return row([render(a), mo(":"), render(b)])
        case .set(let items): return fenced("{", list(items), "}")
        case .interval(let a, let b, let leftOpen, let rightOpen):
            return fenced(leftOpen ? "(" : "[", row([render(a), mo(","), render(b)]), rightOpen ? ")" : "]")
        case .matrix(let rows, let style):
            let table = "<mtable>" + rows.map { cells in
                "<mtr>" + cells.map { "<mtd>" + render($0) + "</mtd>" }.joined() + "</mtr>"
            }.joined() + "</mtable>"
            switch style {
            case .pmatrix: return fenced("(", table, ")")
            case .bmatrix: return fenced("[", table, "]")
            case .vmatrix: return fenced("|", table, "|")
            case .Vmatrix: return fenced("‖", table, "‖")
            case .matrix: return table
            }
        case .cases(let branches):
            let table = "<mtable columnalign=\"left left\">" + branches.map { branch in
                "<mtr><mtd>" + render(branch.value) + "</mtd><mtd>"
                    + (branch.condition.map(render) ?? "<mtext>otherwise</mtext>") + "</mtd></mtr>"
            }.joined() + "</mtable>"
            return row([mo("{", stretchy: true), table])
        case .comparison(let a, let relation, let b):
            return row([operand(a, .relation), content(relation), operand(b, .sum)])
        case .indicator(let condition):
            return row([mi(Symbols.doubleStruck(Constructs.indicatorLetter)), fenced("[", render(condition), "]")])
        case .apply(let callee, let arguments, let conditions, let parenthesized):
            return application(callee, arguments, conditions, parenthesized)
        case .distribution(let family, let point, let parameters):
            var inside = [list(parameters)]
            if let point { inside = [render(point), mo(";"), list(parameters)] }
            return row([familyName(family.row), mo("&#x2061;"), applicationParentheses(row(inside))])
        case .expectation(let over, let body):
            return row([underScript(mi(Symbols.doubleStruck(Constructs.expectationLetter)), over), fenced("[", render(body), "]")])
        case .variance(let over, let body):
            return row([underScript(mi(Moment.variance.word), over), fenced("[", render(body), "]")])
        case .covariance(let over, let a, let b):
            return row([underScript(mi(Moment.covariance.word), over), fenced("[", row([render(a), mo(","), render(b)]), "]")])
        case .divergence(let kind, let a, let b):
            return row([mi(kind.word), fenced("(", row([render(a), mo("‖"), render(b)]), ")")])
        case .entropy(let inner):
            return row([mi(Constructs.entropyLetter, italic: true), fenced("[", render(inner), "]")])
        case .sum(let op): return bigOperator("∑", op)
        case .product(let op): return bigOperator("∏", op)
        case .integral(let lower, let upper, let body, let variable):
            let sign = limits(mo("∫"), lower.map(render), upper.map(render))
            return row([sign, operand(body, .sum), "<mspace width=\"0.167em\"/>", mi("d"), render(variable)])
        case .limit(let variable, let target, let body):
            let under = row([render(variable), mo("→"), render(target)])
            return row(["<munder>" + mi("lim") + under + "</munder>", operand(body, .term)])
        case .extremum(let kind, let sub, let body):
            return row(["<munder>" + mi(kind.mathML) + render(sub) + "</munder>", operand(body, .term)])
        case .derivative(let body, let variables, let partial):
            return derivative(body, variables, partial)
        case .gradient(let body, let variable, let order):
            let nabla = mo("∇")
            let sign: String
            if let variable, order != 1 {
                sign = "<msubsup>" + nabla + render(variable) + "<mn>\(order)</mn></msubsup>"
            } else if let variable {
                sign = "<msub>" + nabla + render(variable) + "</msub>"
            } else if order != 1 {
                sign = "<msup>" + nabla + "<mn>\(order)</mn></msup>"
            } else {
                sign = nabla
            }
            return row([sign, operand(body, .term)])
        case .divergenceOperator(let body, let variable):
            let nabla = variable.map { "<msub>" + mo("∇") + render($0) + "</msub>" } ?? mo("∇")
            return row([nabla, mo("⋅"), operand(body, .term)])
        case .laplacian(let body, let variable):
            let delta = mi("Δ")
            let sign = variable.map { "<msub>" + delta + render($0) + "</msub>" } ?? delta
            return row([sign, operand(body, .term)])
        }
    }

    // MARK: Names

    /// An identifier: letters in their font, then decorations as accents, then primes.
    static func identifier(_ symbol: Symbol) -> String {
        var text: String
        switch symbol.font {
        case .normal:
            text = symbol.base.count == 1 ? mi(symbol.base, italic: true) : mi(symbol.base)
        case .roman: text = mi(symbol.base)
        case .bold:
            let greekLower = symbol.base.unicodeScalars.allSatisfy { $0.value >= 0x3B1 && $0.value <= 0x3F5 }
            text = "<mi mathvariant=\"" + (greekLower ? "bold-italic" : "bold") + "\">" + escape(symbol.base) + "</mi>"
        case .calligraphic: text = mi(symbol.base.map { Symbols.script(String($0)) }.joined())
        case .blackboard: text = mi(symbol.base.map { Symbols.doubleStruck(String($0)) }.joined())
        }
        for decoration in symbol.decorations {
            let accent = CommandTable.decorationAccent[decoration] ?? "¯"
            text = "<mover accent=\"true\">" + text + mo(accent, stretchy: decoration == .overline) + "</mover>"
        }
        if symbol.primes > 0 {
            text = "<msup>" + text + mo(String(repeating: "′", count: symbol.primes)) + "</msup>"
        }
        if symbol.stars > 0 {
            text = "<msup>" + text + mo(String(repeating: "∗", count: symbol.stars)) + "</msup>"
        }
        return text
    }

    /// `<mi>`: upright (mathvariant normal) unless a single italic letter.
    static func mi(_ text: String, italic: Bool = false) -> String {
        if italic { return "<mi>" + escape(text) + "</mi>" }
        return "<mi mathvariant=\"normal\">" + escape(text) + "</mi>"
    }

    static func mo(_ text: String, stretchy: Bool? = nil) -> String {
        let body = text.hasPrefix("&#x") ? text : escape(text)
        if let stretchy { return "<mo stretchy=\"\(stretchy)\">" + body + "</mo>" }
        return "<mo>" + body + "</mo>"
    }

    // MARK: Pieces

    static func row(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "<mrow>" + items.joined() + "</mrow>"
    }

    /// Delimiters around a body. Only `\left…\right` and matrices stretch; explicit forms and zero
    /// spacing keep Chromium from padding the fences like infix operators.
    static func fenced(_ open: String, _ body: String, _ close: String, stretchy: Bool = true) -> String {
        let attributes = "fence=\"true\" lspace=\"0em\" rspace=\"0em\" stretchy=\"\(stretchy)\""
        return "<mrow><mo form=\"prefix\" \(attributes)>" + open + "</mo>" + body
            + "<mo form=\"postfix\" \(attributes)>" + close + "</mo></mrow>"
    }

    /// The parentheses of an application stretch only around tall content (fractions, tables):
    /// stretchy fences get wide side bearings in Chromium.
    static func applicationParentheses(_ inside: String) -> String {
        fenced("(", inside, ")", stretchy: UTF8Search.contains(anyOf: tallTags, in: inside))
    }

    /// The tags whose content stands taller than a line.
    private static let tallTags: [[UInt8]] = ["<mfrac", "<mtable", "<munderover"].map { Array($0.utf8) }

    static func list(_ items: [Expr]) -> String {
        var parts: [String] = []
        for (index, item) in items.enumerated() {
            if index > 0 { parts.append(mo(",")) }
            parts.append(render(item))
        }
        return row(parts.isEmpty ? ["<mrow></mrow>"] : parts)
    }

    static func operand(_ expr: Expr, _ minimum: Precedence) -> String {
        Precedence.of(expr) < minimum ? fenced("(", render(expr), ")") : render(expr)
    }

    static func leftFactor(_ expr: Expr) -> String {
        if Precedence.of(expr) < .product || Precedence.isOpenEnded(expr) { return fenced("(", render(expr), ")") }
        return render(expr)
    }

    static func rightFactor(_ expr: Expr) -> String {
        Precedence.of(expr) < .factor ? fenced("(", render(expr), ")") : render(expr)
    }

    /// `base^{exponent}` with the base parenthesised when it is not an atom.
    static func script(_ base: Expr, _ exponent: String) -> String {
        if case .subscripted(let name, let index) = base.node {
            return "<msubsup>" + operand(name, .atom) + render(index) + exponent + "</msubsup>"
        }
        return "<msup>" + operand(base, .atom) + exponent + "</msup>"
    }

    static func underScript(_ base: String, _ sub: Expr?) -> String {
        guard let sub else { return base }
        return "<msub>" + base + render(sub) + "</msub>"
    }

    static func limits(_ sign: String, _ lower: String?, _ upper: String?) -> String {
        switch (lower, upper) {
        case let (lower?, upper?): return "<munderover>" + sign + lower + upper + "</munderover>"
        case let (lower?, nil): return "<munder>" + sign + lower + "</munder>"
        case let (nil, upper?): return "<mover>" + sign + upper + "</mover>"
        case (nil, nil): return sign
        }
    }

    static func relationText(_ relation: Relation) -> String {
        switch relation {
        case .equal: return "="
        case .notEqual: return "≠"
        case .less: return "<"
        case .greater: return ">"
        case .lessEqual: return "≤"
        case .greaterEqual: return "≥"
        case .approx: return "≈"
        case .proportional: return "∝"
        case .defines: return "≔"
        case .element: return "∈"
        case .distributedAs: return "∼"
        case .to: return "→"
        case .colon: return ":"
        case .given: return "∣"
        }
    }

    /// A family's name: its calligraphic letter, else its first word.
    static func familyName(_ row: FamilyRow) -> String {
        mi(row.letter.map(Symbols.script) ?? row.words[0])
    }

    static func application(_ callee: Callee, _ arguments: [Expr], _ conditions: [Expr], _ parenthesized: Bool) -> String {
        if case .builtin(let function) = callee, let written = outOfLine(function, arguments) { return written }
        let name: String
        switch callee {
        case .builtin(let function):
            name = row(function.row.mathML.map { mi($0) }.flatMap { [$0, mo("&#x2061;")] }.dropLast())
        case .named(let head):
            name = operand(head, .factor)
        }
        if case .builtin = callee, !parenthesized, conditions.isEmpty, arguments.count == 1,
           Precedence.of(arguments[0]) >= .factor {
            // `\log x`: TeX's thin space between an operator and its bare argument.
            return row([name, mo("&#x2061;"), thinSpace, render(arguments[0])])
        }
        var inside = [list(arguments)]
        if !conditions.isEmpty { inside += [mo("∣"), list(conditions)] }
        return row([name, mo("&#x2061;"), applicationParentheses(row(inside))])
    }

    /// A built-in whose arguments do not follow its name: ⌊x⌋, n!, and the binomial coefficient as
    /// a fraction without a bar in parentheses.
    static func outOfLine(_ function: BuiltinFunction, _ arguments: [Expr]) -> String? {
        let marks = function.row.marks
        switch function.row.notation {
        case .prefix: return nil
        case .delimited:
            return row([mo(marks[0]), list(arguments), mo(marks[1])])
        case .postfix:
            return row(arguments.map { operand($0, .atom) } + [mo(marks[0])])
        case .braced:
            let stacked = "<mfrac linethickness=\"0\">" + arguments.map(render).joined() + "</mfrac>"
            return row([mo("("), stacked, mo(")")])
        }
    }

    /// A thin space (3mu in TeX).
    static let thinSpace = "<mspace width=\"0.1667em\"/>"

    /// Whether an expression is printed starting with a built-in's name (`\log`, `\det`, `\exp`).
    static func startsWithOperatorName(_ expr: Expr) -> Bool {
        switch expr.node {
        case .apply(.builtin, _, _, _): return true
        case .multiply(let first, _, _), .power(let first, _): return startsWithOperatorName(first)
        default: return false
        }
    }

    static func bigOperator(_ sign: String, _ op: BigOperator) -> String {
        let lower: String
        if let condition = op.condition {
            lower = render(condition)
        } else if let from = op.lower {
            lower = row([render(op.index), mo("="), render(from)])
        } else {
            lower = render(op.index)
        }
        return row([limits(mo(sign), lower, op.upper.map(render)), operand(op.body, .term)])
    }

    static func derivative(_ body: Expr, _ variables: [Expr], _ partial: Bool) -> String {
        let mark = partial ? "<mi mathvariant=\"normal\">∂</mi>" : mi("d")
        let order = variables.count
        let top = order > 1 ? "<msup>" + mark + "<mn>\(order)</mn></msup>" : mark
        var runs: [(Expr, String, Int)] = []
        for variable in variables {
            let key = LaTeXPrinter.latex(variable)
            if let last = runs.last, last.1 == key {
                runs[runs.count - 1].2 += 1
            } else {
                runs.append((variable, key, 1))
            }
        }
        let denominator = row(runs.map { run in
            let v = run.2 > 1 ? "<msup>" + render(run.0) + "<mn>\(run.2)</mn></msup>" : render(run.0)
            return row([mark, v])
        })
        if Precedence.derivativeInNumerator(body) {
            return "<mfrac>" + row([top, render(body)]) + denominator + "</mfrac>"
        }
        return row(["<mfrac>" + top + denominator + "</mfrac>", operand(body, .term)])
    }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        // Most names and numbers hold none of the four: they are returned as they are.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") })
        else { return text }
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
