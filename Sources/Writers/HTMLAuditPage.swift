import Pipeline
import Checker
import MathSyntax

/// `audit.html`: one table row per link of the book, each pointing back to its derivation.
struct HTMLAuditPage {
    let book: CheckedBook
    let layout: BookLayout
    /// The rendered sidebar, beside the table.
    var sidebar = ""

    func render() -> String {
        let summary = LinkSummary(book.links)
        var rows: [String] = []
        for chapter in book.chapters {
            let page = layout.stem(of: chapter.number) + ".html"
            for derivation in chapter.derivations {
                for report in derivation.links {
                    rows.append(row(report, derivation: derivation, chapter: chapter, page: page))
                }
            }
        }
        let content = """
        <h1 id="audit">Audit</h1>
        <p class="summary">\(summary.total) checked links: \(summary.counts).</p>
        <div class="table-frame"><table class="audit">
        <thead><tr><th>Chapter</th><th>Equation</th><th>Step</th><th>Relation</th><th>Verdict</th><th>Method</th>\
        <th>Points</th><th>Residual</th><th>Bound</th><th>Reason</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table></div>
        """
        let last = book.chapters.last.map { HTMLNavigation.link(to: $0, layout: layout) }
        return HTMLPage(title: "Audit — \(book.book.title)", bookTitle: book.book.title,
                        navigation: HTMLNavigation(previous: last, next: nil), content: content,
                        sidebar: sidebar).render()
    }

    private func row(_ report: LinkReport, derivation: CheckedDerivation, chapter: CheckedChapter, page: String) -> String {
        let link = page + "#" + BookLayout.anchor(of: derivation, step: report.step)
        let label = derivation.label.map { " <code>\(HTMLEscaping.text($0))</code>" } ?? ""
        let cells = [
            "<a href=\"\(page)\">\(chapter.number)</a>",
            "<a href=\"\(HTMLEscaping.attribute(link))\">(\(HTMLEscaping.text(derivation.number)))</a>\(label)",
            String(report.step),
            "<math>\(MathMLPrinter.content(report.relation))</math>",
            "\(HTMLVerdictMark.html(report.verdict)) \(report.verdict.rawValue)",
            HTMLEscaping.text(report.method.rawValue),
            String(report.points),
            Figures.format(report.residual),
            Figures.format(report.bound),
            HTMLEscaping.text(report.reason ?? ""),
        ]
        return "<tr class=\"\(report.verdict.rawValue)\">" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
    }
}
