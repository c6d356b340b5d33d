import Checker
import Pipeline

/// `search.html`: the search box with its results (when JavaScript runs), and below it an index
/// that reads without it: every chapter with its sections, and every labelled result by label.
struct HTMLSearchPage {
    let book: CheckedBook
    let layout: BookLayout
    let sidebar: HTMLSidebar

    func content() -> String {
        var html = ["<h1 id=\"index\">Index of sections and results</h1>", HTMLSearch.form(onIndexPage: true),
                    "<noscript><p class=\"note\">Searching needs JavaScript; the index below lists every section and labelled result.</p></noscript>",
                    "<h2 id=\"sections\">Sections</h2>", "<ul class=\"index-sections\">"]
        for chapter in book.chapters {
            let page = layout.stem(of: chapter.number) + ".html"
            let sections = (sidebar.sections[chapter.number] ?? []).dropFirst()
            var item = "<li><a href=\"\(HTMLEscaping.attribute(page))\">\(chapter.number) \(HTMLEscaping.text(chapter.chapter.title))</a>"
            if !sections.isEmpty {
                item += "<ul>" + sections.map {
                    "<li><a href=\"\(HTMLEscaping.attribute(page + "#" + $0.id))\">\(HTMLEscaping.text($0.title))</a></li>"
                }.joined() + "</ul>"
            }
            html.append(item + "</li>")
        }
        html.append("</ul>")
        var results: [(label: String, number: String, href: String, verdict: Verdict)] = []
        for chapter in book.chapters {
            for derivation in chapter.derivations {
                guard let label = derivation.label else { continue }
                results.append((label, derivation.number, layout.stem(of: chapter.number) + ".html#" + label,
                                ResultGraph.verdict(of: derivation)))
            }
        }
        results.sort { $0.label < $1.label }
        html.append("<h2 id=\"results\">Results by label</h2>")
        html.append("<ul class=\"index-results\">")
        for result in results {
            html.append("<li>\(HTMLVerdictMark.html(result.verdict)) <a href=\"\(HTMLEscaping.attribute(result.href))\">"
                        + "<code>\(HTMLEscaping.text(result.label))</code></a> (\(HTMLEscaping.text(result.number)))</li>")
        }
        html.append("</ul>")
        return html.joined(separator: "\n")
    }
}
