/// Prints trees back as readable LaTeX that parses to the same tree (names print as the keys the
/// checker uses: `q_{\phi}`, `p_{\mathrm{data}}`).
public enum LaTeXPrinter {
    public static func latex(_ expr: Expr) -> String { render(expr) }

    public static func latex(_ relation: Relation) -> String { relation.rawValue }

    // MARK: Nodes

    static func render(_ expr: Expr) -> String {
        switch expr.node {
        case .number(let text): return text
        case .constant(let constant):
            switch constant {
            case .pi: return "\\pi"
            case .e: return "e"
            case .infinity: return "\\infty"
            }
        case .symbol(let symbol): return latex(symbol)
        case .subscripted(let base, let index):
            return operand(base, .atom) + "_{" + script(index) + "}"
        case .text(let text):
            if !text.isEmpty, text.allSatisfy({ $0 == "+" }) { return text }
            return "\\text{" + text + "}"
        case .blackboard(let letter): return "\\mathbb{" + letter + "}"
        case .calligraphic(let letter): return "\\mathcal{" + letter + "}"
        case .dots: return "\\dots"
        case .add, .subtract: return renderSum(expr)
        case .negate(let a): return "-" + operand(a, .term)
        case .plus(let a): return "+" + operand(a, .term)
        case .multiply: return renderProduct(expr)
        case .divide(let a, let b, let style):
            switch style {
            case .slash: return leftFactor(a) + " / " + rightFactor(b)
            case .fraction: return "\\frac{" + render(a) + "}{" + render(b) + "}"
            case .dfrac: return "\\dfrac{" + render(a) + "}{" + render(b) + "}"
            case .tfrac: return "\\tfrac{" + render(a) + "}{" + render(b) + "}"
            }
        case .power(let base, let exponent):
            return powerBase(base) + "^{" + script(exponent) + "}"
        case .transpose(let inner):
            if case .power(let base, let exponent) = inner.node, isMinusOne(exponent) {
                return powerBase(base) + "^{-\\top}"
            }
            return powerBase(inner) + "^\\top"
        case .root(let radicand, let index):
            if let index { return "\\sqrt[" + render(index) + "]{" + render(radicand) + "}" }
            return "\\sqrt{" + render(radicand) + "}"
        case .hadamard(let a, let b): return leftFactor(a) + " \\odot " + rightFactor(b)
        case .kronecker(let a, let b): return leftFactor(a) + " \\otimes " + rightFactor(b)
        case .group(let inner, let delimiter):
            let body = render(inner)
            switch delimiter {
            case .paren: return "(" + body + ")"
            case .bracket: return "[" + body + "]"
            case .brace: return "\\{" + body + "\\}"
            case .leftRightParen: return "\\left(" + body + "\\right)"
            case .leftRightBracket: return "\\left[" + body + "\\right]"
            case .leftRightBrace: return "\\left\\{" + body + "\\right\\}"
            case .invisible: return "{" + body + "}"
            }
        case .absolute(let inner):
            let tall = Precedence.isTall(inner)
            return (tall ? "\\left\\lvert " : "\\lvert ") + render(inner) + (tall ? " \\right\\rvert" : " \\rvert")
        case .norm(let inner, let sub):
            let tall = Precedence.isTall(inner)
            var text = (tall ? "\\left\\lVert " : "\\lVert ") + render(inner) + (tall ? " \\right\\rVert" : " \\rVert")
            if let sub { text += "_{" + script(sub) + "}" }
            return text
        case .inner(let a, let b):
            return "\\langle " + render(a) + ", " + render(b) + " \\rangle"
        case .tuple(let items): return items.map(render).joined(separator: ", ")
        case .indexRange(let a, let b): return render(a) + ":" + render(b)
        case .set(let items): return "\\{" + items.map(render).joined(separator: ", ") + "\\}"
        case .interval(let a, let b, let leftOpen, let rightOpen):
            return (leftOpen ? "(" : "[") + render(a) + ", " + render(b) + (rightOpen ? ")" : "]")
        case .matrix(let rows, let style):
            let body = rows.map { $0.map(render).joined(separator: " & ") }.joined(separator: " \\\\ ")
            return "\\begin{" + style.rawValue + "} " + body + " \\end{" + style.rawValue + "}"
        case .cases(let branches):
            let body = branches.map { branch in
                render(branch.value) + " & " + (branch.condition.map(render) ?? "\\text{otherwise}")
            }.joined(separator: " \\\\ ")
            return "\\begin{cases} " + body + " \\end{cases}"
        case .comparison(let a, let relation, let b):
            return operand(a, .relation) + " " + relation.rawValue + " " + operand(b, .sum)
        case .indicator(let condition):
            return "\\mathbb{" + Constructs.indicatorLetter + "}" + bracketed(condition)
        case .apply(let callee, let arguments, let conditions, let parenthesized):
            return application(callee, arguments, conditions, parenthesized)
        case .distribution(let family, let point, let parameters):
            var inside = parameters.map(render).joined(separator: ", ")
            if let point { inside = render(point) + "; " + inside }
            return family.row.latex + delimited("(", inside, ")", tall: (parameters + [point].compactMap { $0 }).contains { Precedence.isTall($0) })
        case .expectation(let over, let body):
            return "\\mathbb{" + Constructs.expectationLetter + "}" + subscriptText(over) + bracketed(body)
        case .variance(let over, let body):
            return "\\operatorname{" + Moment.variance.word + "}" + subscriptText(over) + bracketed(body)
        case .covariance(let over, let a, let b):
            return "\\operatorname{" + Moment.covariance.word + "}" + subscriptText(over)
                + delimited("[", render(a) + ", " + render(b), "]", tall: Precedence.isTall(a) || Precedence.isTall(b))
        case .divergence(let kind, let a, let b):
            return "\\mathrm{" + kind.word + "}" + delimited("(", render(a) + " \\,\\|\\, " + render(b), ")",
                                    tall: Precedence.isTall(a) || Precedence.isTall(b))
        case .entropy(let inner):
            return Constructs.entropyLetter + bracketed(inner)
        case .sum(let op): return bigOperator("\\sum", op)
        case .product(let op): return bigOperator("\\prod", op)
        case .integral(let lower, let upper, let body, let variable):
            var text = "\\int"
            if let lower { text += "_{" + script(lower) + "}" }
            if let upper { text += "^{" + script(upper) + "}" }
            return text + " " + operand(body, .sum) + " \\, d" + render(variable)
        case .limit(let variable, let target, let body):
            return "\\lim_{" + render(variable) + " \\to " + render(target) + "} " + operand(body, .term)
        case .extremum(let kind, let sub, let body):
            return kind.latex + "_{" + script(sub) + "} " + operand(body, .term)
        case .derivative(let body, let variables, let partial):
            return derivative(body, variables, partial)
        case .gradient(let body, let variable, let order):
            var text = "\\nabla"
            if let variable { text += "_{" + script(variable) + "}" }
            if order != 1 { text += "^{" + String(order) + "}" }
            return text + " " + operand(body, .term)
        case .divergenceOperator(let body, let variable):
            var text = "\\nabla"
            if let variable { text += "_{" + script(variable) + "}" }
            return text + " \\cdot " + operand(body, .term)
        case .laplacian(let body, let variable):
            var text = "\\Delta"
            if let variable { text += "_{" + script(variable) + "}" }
            return text + " " + operand(body, .term)
        }
    }

    // MARK: Names

    /// A symbol with its font, decorations (innermost first) and primes.
    static func latex(_ symbol: Symbol) -> String {
        var text = letter(symbol.base, font: symbol.font)
        for decoration in symbol.decorations {
            text = "\\" + (CommandTable.decorationCommand[decoration] ?? "bar") + "{" + text + "}"
        }
        text += String(repeating: "'", count: symbol.primes)
        if symbol.stars > 0 { text += "^{" + String(repeating: "*", count: symbol.stars) + "}" }
        return text
    }

    /// Whether a name already carries a superscript (a star), so that a power or a transpose of
    /// it needs braces around it to stay valid LaTeX.
    static func hasStar(_ expr: Expr) -> Bool {
        switch expr.node {
        case .symbol(let symbol): return symbol.stars > 0
        case .subscripted(let base, _): return hasStar(base)
        default: return false
        }
    }

    static func letter(_ base: String, font: SymbolFont) -> String {
        let plain = plainLetters(base)
        let isGreek = CommandTable.letterCommand[base] != nil
        switch font {
        case .normal:
            return base.count > 1 && !isGreek ? "\\mathrm{" + base + "}" : plain
        case .bold: return isGreek ? "\\boldsymbol{" + plain + "}" : "\\mathbf{" + plain + "}"
        case .roman: return "\\mathrm{" + plain + "}"
        case .calligraphic: return "\\mathcal{" + plain + "}"
        case .blackboard: return "\\mathbb{" + plain + "}"
        }
    }

    /// Letters as LaTeX: Greek through its command, π as `\pi`.
    static func plainLetters(_ base: String) -> String {
        if let command = CommandTable.letterCommand[base] { return "\\" + command }
        if base == "π" { return "\\pi" }
        if base == "·" { return "\\cdot" }
        var text = ""
        for character in base {
            if let command = CommandTable.letterCommand[String(character)] {
                text += "\\" + command + " "
            } else {
                text.append(character)
            }
        }
        return text.hasSuffix(" ") ? String(text.dropLast()) : text
    }

    // MARK: Pieces

    static func operand(_ expr: Expr, _ minimum: Precedence) -> String {
        if Precedence.of(expr) < minimum { return parenthesized(expr) }
        return render(expr)
    }

    static func parenthesized(_ expr: Expr) -> String {
        Precedence.isTall(expr) ? "\\left(" + render(expr) + "\\right)" : "(" + render(expr) + ")"
    }

    /// The left operand of a product: not open-ended, not looser than a product.
    static func leftFactor(_ expr: Expr) -> String {
        if Precedence.of(expr) < .product || Precedence.isOpenEnded(expr) { return parenthesized(expr) }
        return render(expr)
    }

    /// The right operand of a product: a factor (products nest to the left).
    static func rightFactor(_ expr: Expr) -> String {
        if Precedence.of(expr) < .factor { return parenthesized(expr) }
        return render(expr)
    }

    /// A base for `^`: an atom or a subscripted name, never another power.
    static func powerBase(_ expr: Expr) -> String {
        if hasStar(expr) { return "{" + render(expr) + "}" }
        switch expr.node {
        case .subscripted(let base, _) where Precedence.of(base) == .atom: return render(expr)
        // `(\sin x)^{2}`: without the parentheses the power would print on the argument.
        case .apply(_, _, _, parenthesized: false): return "(" + render(expr) + ")"
        default: return operand(expr, .atom)
        }
    }

    static func script(_ expr: Expr) -> String { render(expr) }

    static func subscriptText(_ expr: Expr?) -> String {
        guard let expr else { return "" }
        return "_{" + script(expr) + "}"
    }

    static func isMinusOne(_ expr: Expr) -> Bool {
        if case .negate(let inner) = expr.node, case .number("1") = inner.node { return true }
        return false
    }

    static func delimited(_ open: String, _ body: String, _ close: String, tall: Bool) -> String {
        let o = open == "\\{" ? "\\{" : open
        return tall ? "\\left" + o + body + "\\right" + close : o + body + close
    }

    static func bracketed(_ body: Expr) -> String {
        delimited("[", render(body), "]", tall: Precedence.isTall(body))
    }

    static func application(_ callee: Callee, _ arguments: [Expr], _ conditions: [Expr], _ parenthesized: Bool) -> String {
        if case .builtin(let function) = callee, let written = outOfLine(function, arguments) { return written }
        let name: String
        switch callee {
        case .builtin(let function): name = function.row.latex
        case .named(let head): name = operand(head, .factor)
        }
        if case .builtin = callee, !parenthesized, conditions.isEmpty, arguments.count == 1,
           Precedence.of(arguments[0]) >= .factor {
            return name + " " + render(arguments[0])
        }
        var inside = arguments.map(render).joined(separator: ", ")
        if !conditions.isEmpty { inside += " \\mid " + conditions.map(render).joined(separator: ", ") }
        return name + delimited("(", inside, ")", tall: (arguments + conditions).contains { Precedence.isTall($0) })
    }

    /// A built-in whose arguments do not follow its name: `\lfloor x \rfloor`, `n!`, `\binom{n}{k}`.
    static func outOfLine(_ function: BuiltinFunction, _ arguments: [Expr]) -> String? {
        switch function.row.notation {
        case .prefix: return nil
        case .delimited(let close):
            let inside = arguments.map(render).joined(separator: ", ")
            if arguments.contains(where: { Precedence.isTall($0) }) {
                return "\\left" + function.row.latex + " " + inside + " \\right\\" + close
            }
            return function.row.latex + " " + inside + " \\" + close
        case .postfix(let mark):
            return arguments.map { operand($0, .atom) }.joined() + String(mark)
        case .braced:
            return function.row.latex + arguments.map { "{" + render($0) + "}" }.joined()
        }
    }

    static func bigOperator(_ command: String, _ op: BigOperator) -> String {
        var text = command
        if let condition = op.condition {
            text += "_{" + script(condition) + "}"
        } else if let lower = op.lower {
            text += "_{" + render(op.index) + "=" + script(lower) + "}"
        } else {
            text += "_{" + script(op.index) + "}"
        }
        if let upper = op.upper { text += "^{" + script(upper) + "}" }
        return text + " " + operand(op.body, .term)
    }

    static func derivative(_ body: Expr, _ variables: [Expr], _ partial: Bool) -> String {
        let mark = partial ? "\\partial" : "d"
        let order = variables.count
        var numerator = mark
        if order > 1 { numerator += "^{" + String(order) + "}" }
        // Consecutive equal variables print once with a power: `\partial x^{2}`.
        var runs: [(String, Int)] = []
        for variable in variables {
            let text = render(variable)
            if let last = runs.last, last.0 == text {
                runs[runs.count - 1].1 += 1
            } else {
                runs.append((text, 1))
            }
        }
        let denominator = runs.map { run in
            let spacer = partial ? " " : ""
            return mark + spacer + run.0 + (run.1 > 1 ? "^{" + String(run.1) + "}" : "")
        }.joined(separator: " ")
        if Precedence.derivativeInNumerator(body) {
            return "\\frac{" + numerator + " " + render(body) + "}{" + denominator + "}"
        }
        return "\\frac{" + numerator + "}{" + denominator + "} " + operand(body, .term)
    }
}
