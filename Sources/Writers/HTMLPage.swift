import Pipeline
import Checker

/// The frame every page of the site shares: head, stylesheet link, navigation, footer.
struct HTMLPage {
    var title: String
    var bookTitle: String
    /// Page-level navigation, repeated above and below the content.
    var navigation: HTMLNavigation
    /// The already-rendered content of `<main>`.
    var content: String
    /// The rendered `HTMLSidebar`, beside the page; empty for none.
    var sidebar: String = ""

    func render() -> String {
        let nav = navigation.render()
        return """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="Derive"/>
        <title>\(HTMLEscaping.text(title))</title>
        <link rel="stylesheet" href="derive.css"/>
        <script src="\(HTMLSearch.scriptName)" defer="defer"></script>
        </head>
        <body>
        <a class="skip" href="#content">Skip to the text</a>
        <div class="frame">
        \(sidebar)
        <div class="page">
        \(nav)
        <main id="content">
        \(content)
        </main>
        \(nav)
        <footer>\(HTMLEscaping.text(bookTitle)) — the derivations of this book were checked by Derive; \
        the <a href="audit.html">audit</a> lists every link's verdict.</footer>
        </div>
        </div>
        </body>
        </html>

        """
    }
}

/// Previous / contents / next links between the pages of the site.
struct HTMLNavigation {
    /// (href, title) of the neighbouring pages, when there are any.
    var previous: (href: String, title: String)?
    var next: (href: String, title: String)?

    /// The link to a chapter's page, titled with its number.
    static func link(to chapter: CheckedChapter, layout: BookLayout) -> (href: String, title: String) {
        (layout.stem(of: chapter.number) + ".html", "\(chapter.number) \(chapter.chapter.title)")
    }

    func render() -> String {
        var parts = ["<nav class=\"pager\">"]
        if let previous {
            parts.append("<a class=\"previous\" rel=\"prev\" href=\"\(HTMLEscaping.attribute(previous.href))\">← \(HTMLEscaping.text(previous.title))</a>")
        } else {
            parts.append("<span class=\"previous\"></span>")
        }
        parts.append("<a class=\"contents\" href=\"index.html\">Contents</a>")
        if let next {
            parts.append("<a class=\"next\" rel=\"next\" href=\"\(HTMLEscaping.attribute(next.href))\">\(HTMLEscaping.text(next.title)) →</a>")
        } else {
            parts.append("<span class=\"next\"></span>")
        }
        parts.append("</nav>")
        return parts.joined(separator: "\n")
    }
}
