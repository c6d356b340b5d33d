import Pipeline
import Checker
import MathSyntax

extension HTMLChapterRenderer {
    /// A numbered display: one aligned `<mtable>` (first row e0, then one row per link: relation and
    /// right-hand side, the verdict mark, the justification), the number on the right, and below it
    /// each link's check on demand.
    func derive(_ derivation: CheckedDerivation) -> String {
        let anchor = BookLayout.anchor(of: derivation)
        var rows = ["<mtr><mtd>\(MathMLPrinter.content(derivation.chain.first))</mtd><mtd></mtd><mtd></mtd><mtd></mtd></mtr>"]
        for (index, link) in derivation.chain.links.enumerated() {
            let report = derivation.report(step: index + 1)
            let mark = report.map { HTMLVerdictMark.mathML($0.verdict) } ?? ""
            let justification = (link.justification ?? report?.justification)
                .map { "<mtext class=\"justification\">\(HTMLEscaping.text($0))</mtext>" } ?? ""
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
            html += "\n<ol class=\"checks\">\n\(checks.joined(separator: "\n"))\n</ol>"
        }
        return html + "\n</div>"
    }

    /// One link's verdict with its figures folded away; a refuted link opens on its counterexample.
    private func check(_ report: LinkReport, anchor: String) -> String {
        var summary = "\(HTMLVerdictMark.html(report.verdict)) step \(report.step): \(report.verdict.rawValue)"
        if report.method != .none { summary += " · \(HTMLEscaping.text(report.method.rawValue))" }
        if let reason = report.reason, report.verdict == .unchecked || report.verdict == .inconclusive {
            summary += ", because \(HTMLEscaping.text(reason))"
        }
        var facts: [(String, String)] = [("method", report.method.rawValue), ("points", String(report.points))]
        if let residual = report.residual { facts.append(("residual", Figures.format(residual))) }
        if let bound = report.bound { facts.append(("false-accept bound", Figures.format(bound))) }
        facts.append(("seed", String(report.seed)))
        facts.append(("time", Figures.format(report.seconds) + " s"))
        if let reason = report.reason { facts.append((report.verdict == .verified ? "conditions" : "reason", reason)) }
        let list = facts.map { "<dt>\(HTMLEscaping.text($0.0))</dt><dd>\(HTMLEscaping.text($0.1))</dd>" }.joined()
        let open = report.verdict == .refuted ? " open=\"open\"" : ""
        var body = "<dl>\(list)</dl>"
        if let counterexample = report.counterexample { body += Self.counterexample(counterexample) }
        return """
        <li id="\(HTMLEscaping.attribute(anchor))" class="\(report.verdict.rawValue)"><details\(open)><summary>\(summary)</summary>\(body)</details></li>
        """
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
