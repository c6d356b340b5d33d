import Pipeline
import Checker
import MathSyntax

extension HTMLChapterRenderer {
    /// A numbered display: one aligned `<mtable>` (first row e0, then one row per link: relation and
    /// right-hand side, the verdict mark, the justification), the number on the right, and below it
    /// each link's check on demand.
    func derive(_ derivation: CheckedDerivation) -> String {
        let anchor = BookLayout.anchor(of: derivation)
        // The first expression spans the relation column and the links start under it, indented,
        // as LaTeX's \MoveEqLeft sets them: a long first side then costs no width.
        var rows = ["<mtr><mtd class=\"first\" columnspan=\"2\">\(MathMLPrinter.content(derivation.chain.first))</mtd><mtd></mtd><mtd></mtd></mtr>"]
        for (index, link) in derivation.chain.links.enumerated() {
            let report = derivation.report(step: index + 1)
            let mark = report.map { HTMLVerdictMark.mathML($0.verdict) } ?? ""
            // The whole reason is one `<mtext>` holding HTML, its math as inline `<math>`, so that
            // words and math wrap together inside the justification column as one paragraph.
            let justification = derivation.justification(ofLink: index).map { pieces in
                "<mtext class=\"justification\">" + pieces.map { piece -> String in
                    switch piece {
                    case .text(let words): return HTMLEscaping.text(words)
                    case .math(let tree): return "<math class=\"justification-math\">\(MathMLPrinter.content(tree))</math>"
                    case .reference(let label): return reference(label)
                    }
                }.joined() + "</mtext>"
            } ?? ""
            let verdictClass = report.map { " class=\"\($0.verdict.rawValue)\"" } ?? ""
            rows.append("<mtr\(verdictClass)><mtd></mtd>"
                        + "<mtd>\(MathMLPrinter.content(link.relation))\(MathMLPrinter.content(link.rhs))</mtd>"
                        + "<mtd>\(mark)</mtd><mtd>\(justification)</mtd></mtr>")
        }
        let checks = derivation.links.map { check($0, anchor: BookLayout.anchor(of: derivation, step: $0.step)) }
        var html = """
        <div class="derivation" id="\(HTMLEscaping.attribute(anchor))">
        <div class="display">
        <math display="block"><mtable class="chain" displaystyle="true" columnalign="right left center left">
        \(rows.joined(separator: "\n"))
        </mtable></math>
        <span class="equation-number">(\(HTMLEscaping.text(derivation.number)))</span>
        </div>
        """
        if let reason = derivation.attributes.uncheckedReason {
            html += "\n<p class=\"unchecked-note\">\(HTMLVerdictMark.html(.unchecked)) Unchecked, because \(HTMLEscaping.text(reason)).</p>"
        }
        if !checks.isEmpty {
            // Open when a step failed, so that the reader sees which and why without a click.
            let failed = derivation.links.contains { $0.verdict == .refuted || $0.verdict == .inconclusive }
            html += "\n<details class=\"checks\"\(failed ? " open=\"open\"" : "")><summary>how each step was checked</summary>"
                + "\n<div class=\"table-frame\"><table class=\"checks\"><thead><tr><th scope=\"col\">step</th><th scope=\"col\">verdict</th>"
                + "<th scope=\"col\">method</th><th scope=\"col\">points</th><th scope=\"col\">residual or bound</th>"
                + "<th scope=\"col\">time</th><th scope=\"col\">notes</th></tr></thead><tbody>\n"
                + checks.joined(separator: "\n") + "\n</tbody></table></div></details>"
        }
        return html + "\n</div>"
    }

    /// One row per link, so that a reader scans the verdicts down a column: the step, its mark
    /// and verdict, how it was checked, on how many points, the largest residual or the
    /// false-accept bound, and the time; conditions, reasons and a counterexample in the last cell
    /// (a refuted link's counterexample shown open).
    private func check(_ report: LinkReport, anchor: String) -> String {
        var figures = [report.method == .none ? "–" : report.method.rawValue, report.points > 0 ? String(report.points) : "–"]
        if let bound = report.bound {
            figures.append("bound " + Figures.format(bound))
        } else {
            figures.append(report.residual.map { "residual " + Figures.format($0) } ?? "–")
        }
        figures.append(Figures.format(report.seconds) + " s")
        var notes: [String] = []
        if let reason = report.reason {
            let word = report.verdict == .verified ? "conditions" : "because"
            notes.append("<span class=\"check-reason\">\(word) \(HTMLEscaping.text(reason))</span>")
        }
        if let counterexample = report.counterexample {
            let open = report.verdict == .refuted ? " open=\"open\"" : ""
            notes.append("<details\(open)><summary>counterexample</summary>\(Self.counterexample(counterexample))</details>")
        }
        let cells = figures.map { "<td>\(HTMLEscaping.text($0))</td>" }.joined()
        return "<tr id=\"\(HTMLEscaping.attribute(anchor))\" class=\"\(report.verdict.rawValue)\">"
            + "<th scope=\"row\">\(report.step)</th>"
            + "<td>\(HTMLVerdictMark.html(report.verdict)) \(report.verdict.rawValue)</td>\(cells)"
            + "<td>\(notes.joined(separator: " "))</td></tr>"
    }

    /// The assignment, both sides' values, the residual against the tolerance, and where the sides part.
    static func counterexample(_ counterexample: Counterexample) -> String {
        let assignment = counterexample.assignment
            .map { "<code>\(HTMLEscaping.text($0.name)) = \(HTMLEscaping.text($0.value))</code>" }
            .joined(separator: ", ")
        var html = "<div class=\"counterexample\"><p>at \(assignment.isEmpty ? "any point" : assignment): "
            + "left = <code>\(HTMLEscaping.text(counterexample.left))</code>, "
            + "right = <code>\(HTMLEscaping.text(counterexample.right))</code>, "
            + "|diff| = \(Figures.format(counterexample.difference)) &gt; tol \(Figures.format(counterexample.tolerance))</p>"
        if let parting = counterexample.partingAt {
            let hint = counterexample.hint.map { " (\(HTMLEscaping.text($0)))" } ?? ""
            html += "<p>the sides part at <code>\(HTMLEscaping.text(parting))</code>\(hint)</p>"
        }
        return html + "</div>"
    }
}
