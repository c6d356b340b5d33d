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
            let justification: String
            if let pieces = derivation.justification(ofLink: index) {
                // Words stay text and `$…$` is MathML inside the same cell, so the reason reads as one line.
                let inner = pieces.map { piece -> String in
                    switch piece {
                    case .text(let words):
                        // A space at the edge of an mtext next to math would collapse: keep it as a no-break space.
                        let kept = pieces.count == 1 ? words : Self.keepingEdgeSpaces(words)
                        return justificationText(kept)
                    case .math(let tree): return "<mstyle class=\"justification-math\">\(MathMLPrinter.content(tree))</mstyle>"
                    // An mtext holds HTML, so the reference is the same link as in prose.
                    case .reference(let label): return "<mtext class=\"justification\">\(reference(label))</mtext>"
                    }
                }.joined()
                justification = inner.components(separatedBy: "<mtext").count == 2 ? inner : "<mrow>\(inner)</mrow>"
            } else {
                justification = (link.justification ?? report?.justification)
                    .map { "<mrow>" + justificationText($0) + "</mrow>" } ?? ""
            }
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
                + "\n<table class=\"checks\"><thead><tr><th scope=\"col\">step</th><th scope=\"col\">verdict</th>"
                + "<th scope=\"col\">method</th><th scope=\"col\">points</th><th scope=\"col\">residual or bound</th>"
                + "<th scope=\"col\">time</th><th scope=\"col\">notes</th></tr></thead><tbody>\n"
                + checks.joined(separator: "\n") + "\n</tbody></table></details>"
        }
        return html + "\n</div>"
    }

    /// Words with their first and last space as no-break spaces (U+00A0).
    static func keepingEdgeSpaces(_ words: String) -> String {
        var scalars = Array(words.unicodeScalars)
        if scalars.first == " " { scalars[0] = "\u{00A0}" }
        if scalars.count > 1, scalars.last == " " { scalars[scalars.count - 1] = "\u{00A0}" }
        return String(String.UnicodeScalarView(scalars))
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
