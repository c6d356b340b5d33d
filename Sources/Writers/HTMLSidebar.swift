import Pipeline

/// Which page of the site is being written, so that the sidebar can mark it.
enum HTMLPageKind: Equatable {
    case index
    case chapter(Int)
    case map
    case search
    case audit
}

/// The table of contents beside every page: the search box, the title page, every chapter (the
/// current one open, its sections listed), the map of results, the index and the audit; the
/// current page carries `aria-current="page"`. Plain links, so it reads without JavaScript.
struct HTMLSidebar {
    let book: CheckedBook
    let layout: BookLayout
    /// The sections of each chapter, by chapter number (the first is the chapter's title).
    let sections: [Int: [HTMLSection]]

    /// `sections` gives a chapter's sections (by default read from the chapter).
    init(book: CheckedBook, layout: BookLayout, sections: (CheckedChapter) -> [HTMLSection] = HTMLSection.sections(of:)) {
        self.book = book
        self.layout = layout
        var found: [Int: [HTMLSection]] = [:]
        for chapter in book.chapters { found[chapter.number] = sections(chapter) }
        self.sections = found
    }

    func render(current: HTMLPageKind) -> String {
        var html = ["<nav class=\"sidebar\" id=\"sidebar\" aria-label=\"Table of contents\">",
                    current == .search ? "" : HTMLSearch.form(),
                    "<p class=\"sidebar-title\">\(link("index.html", HTMLEscaping.text(book.book.title), current: current == .index))</p>",
                    "<ol class=\"sidebar-toc\">"]
        for chapter in book.chapters {
            let href = HTMLNavigation.link(to: chapter, layout: layout).href
            let isCurrent = current == .chapter(chapter.number)
            let title = "<span class=\"chapter-number\">\(chapter.number)</span> \(HTMLEscaping.text(chapter.chapter.title))"
            var item = "<li class=\"chapter\(isCurrent ? " open" : "")\">" + link(href, title, current: isCurrent)
            let subsections = (sections[chapter.number] ?? []).dropFirst().filter { $0.level <= 2 }
            if isCurrent && !subsections.isEmpty {
                item += "\n<ol class=\"sidebar-sections\">\n"
                    + subsections.map { "<li><a href=\"\(HTMLEscaping.attribute(href + "#" + $0.id))\">\(HTMLEscaping.text($0.title))</a></li>" }
                        .joined(separator: "\n")
                    + "\n</ol>"
            }
            html.append(item + "</li>")
        }
        html.append("</ol>")
        html.append("<ul class=\"sidebar-extra\">")
        html.append("<li>" + link(HTMLMapPage.fileName, "Map of results", current: current == .map) + "</li>")
        html.append("<li>" + link(HTMLSearch.pageName, "Index of sections and results", current: current == .search) + "</li>")
        html.append("<li>" + link("audit.html", "Audit of every link", current: current == .audit) + "</li>")
        html.append("</ul>")
        html.append("</nav>")
        return html.joined(separator: "\n")
    }

    private func link(_ href: String, _ rendered: String, current: Bool) -> String {
        let mark = current ? " class=\"current\" aria-current=\"page\"" : ""
        return "<a href=\"\(HTMLEscaping.attribute(href))\"\(mark)>\(rendered)</a>"
    }
}
