import Pipeline
import Checker

/// `index.html`: the book's title and author, the verdict counts, and the table of contents.
struct HTMLIndexPage {
    let book: CheckedBook
    let layout: BookLayout

    func render(sidebar: HTMLSidebar? = nil) -> String {
        let summary = LinkSummary(book.links)
        var content = "<header class=\"title-page\">\n<h1>\(HTMLEscaping.text(book.book.title))</h1>"
        if let author = book.book.author, !author.isEmpty {
            content += "\n<p class=\"author\">\(HTMLEscaping.text(author))</p>"
        }
        content += "\n<p class=\"summary\">\(summary.total) checked links: \(summary.counts) "
            + "(<a href=\"audit.html\">audit</a>).</p>\n</header>"
        content += "\n<h2 id=\"contents\">Contents</h2>\n<ol class=\"toc\">"
        for chapter in book.chapters {
            let counts = LinkSummary(chapter.derivations.flatMap(\.links))
            let badge = counts.total == 0 ? "" : " <span class=\"counts\" title=\"\(counts.counts)\">"
                + "\(counts.verified)/\(counts.total) verified</span>"
            content += "\n<li><span class=\"chapter-number\">\(chapter.number)</span> "
                + "<a href=\"\(HTMLNavigation.link(to: chapter, layout: layout).href)\">"
                + "\(HTMLEscaping.text(chapter.chapter.title))</a>\(badge)</li>"
        }
        content += "\n<li class=\"appendix\"><a href=\"\(HTMLMapPage.fileName)\">Map of results</a></li>"
            + "\n<li class=\"appendix\"><a href=\"\(HTMLSearch.pageName)\">Index of sections and results</a></li>"
            + "\n<li class=\"appendix\"><a href=\"audit.html\">Audit of every link</a></li>\n</ol>"
        let first = book.chapters.first.map { HTMLNavigation.link(to: $0, layout: layout) }
        return HTMLPage(title: book.book.title, bookTitle: book.book.title,
                        navigation: HTMLNavigation(previous: nil, next: first), content: content,
                        sidebar: sidebar?.render(current: .index) ?? "").render()
    }
}
