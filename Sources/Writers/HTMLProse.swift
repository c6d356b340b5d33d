import Book
import Checker
import Diagnostics
import MathSyntax

/// Renders one chapter's blocks to HTML: prose here, Derive's fences in `HTMLFences.swift` and
/// `HTMLDerivation.swift`. Math comes from the checked trees, never from re-reading the source.
struct HTMLChapterRenderer {
    let chapter: CheckedChapter
    let layout: BookLayout
    /// Heading ids handed out so far on this page, so that two "Proof" headings get distinct ids.
    private(set) var headingIDs: Set<String> = []
    /// Images found on this page that live beside the chapter file.
    private(set) var assets: Set<LocalAsset> = []
    private var sawChapterHeading = false

    init(chapter: CheckedChapter, layout: BookLayout) {
        self.chapter = chapter
        self.layout = layout
    }

    mutating func render() -> String {
        var html = blocks(chapter.chapter.blocks, tight: false)
        if !sawChapterHeading {
            html = chapterHeading([.text(chapter.chapter.title)]) + "\n" + html
        }
        return html
    }

    mutating func blocks(_ blocks: [Block], tight: Bool) -> String {
        var parts: [String] = []
        for block in blocks { parts.append(self.block(block, tight: tight)) }
        return parts.joined(separator: "\n")
    }

    private mutating func block(_ block: Block, tight: Bool) -> String {
        switch block {
        case .heading(let level, let content, _):
            if level == 1 && !sawChapterHeading { return chapterHeading(content) }
            let level = min(max(level, 2), 6)
            return "<h\(level) id=\"\(uniqueID(content.plainText))\">\(inlines(content))</h\(level)>"
        case .paragraph(let content, _):
            return tight ? inlines(content) : "<p>\(inlines(content))</p>"
        case .list(let ordered, let start, let itemsAreTight, let items, _):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { "<li>" + blocks($0, tight: itemsAreTight) + "</li>" }.joined(separator: "\n")
            return "<\(tag)\(startAttribute)>\n\(body)\n</\(tag)>"
        case .blockQuote(let children, _):
            return "<blockquote>\n\(blocks(children, tight: false))\n</blockquote>"
        case .code(let info, let text, _):
            let language = info.split(separator: " ").first.map { " class=\"language-\(HTMLEscaping.attribute(String($0)))\"" } ?? ""
            return "<pre><code\(language)>\(HTMLEscaping.text(text))</code></pre>"
        case .html(let raw, _):
            return raw
        case .thematicBreak:
            return "<hr/>"
        case .fenced(let fence):
            return self.fence(fence)
        }
    }

    private mutating func chapterHeading(_ content: [Inline]) -> String {
        sawChapterHeading = true
        return "<h1 id=\"\(uniqueID(content.plainText))\"><span class=\"chapter-number\">\(chapter.number)</span> \(inlines(content))</h1>"
    }

    mutating func inlines(_ content: [Inline]) -> String {
        content.map { inline($0) }.joined()
    }

    private mutating func inline(_ inline: Inline) -> String {
        switch inline {
        case .text(let text):
            return HTMLEscaping.text(text)
        case .code(let text):
            return "<code>\(HTMLEscaping.text(text))</code>"
        case .emphasis(let children):
            return "<em>\(inlines(children))</em>"
        case .strong(let children):
            return "<strong>\(inlines(children))</strong>"
        case .link(let destination, let title, let children):
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTMLEscaping.attribute(title))\""
            return "<a href=\"\(HTMLEscaping.attribute(href(for: destination)))\"\(titleAttribute)>\(inlines(children))</a>"
        case .image(let source, let title, let alt):
            var src = source
            if let asset = LocalAsset(source, chapterFile: chapter.chapter.file) {
                assets.insert(asset)
                src = asset.name
            }
            let titleAttribute = title.isEmpty ? "" : " title=\"\(HTMLEscaping.attribute(title))\""
            return "<img src=\"\(HTMLEscaping.attribute(src))\" alt=\"\(HTMLEscaping.attribute(alt.plainText))\"\(titleAttribute)/>"
        case .softBreak:
            return "\n"
        case .lineBreak:
            return "<br/>\n"
        case .html(let raw):
            return raw
        case .math(let source, let display):
            return math(source, display: display)
        case .reference(let label, _):
            return reference(label)
        }
    }

    /// Prose math is looked up by the position of its first character; a span the checker could
    /// not parse is shown as source (the checker has already reported why).
    private func math(_ source: SourceText, display: Bool) -> String {
        if let origin = source.lineOrigins.first, let tree = chapter.math[origin] {
            return MathMLPrinter.math(tree, display: display)
        }
        let delimiter = display ? "$$" : "$"
        return "<code class=\"math-error\">\(HTMLEscaping.text(delimiter + source.text + delimiter))</code>"
    }

    private func reference(_ label: String) -> String {
        guard let target = layout.target(ofLabel: label) else {
            return "<span class=\"reference-error\" title=\"unresolved label\">(\(HTMLEscaping.text(label)))</span>"
        }
        return "<a class=\"eqref\" href=\"\(HTMLEscaping.attribute(target.stem + ".html#" + target.anchor))\">(\(HTMLEscaping.text(target.number)))</a>"
    }

    /// `[text](#eq:label)` with a known label points at the derivation's page, wherever it is.
    private func href(for destination: String) -> String {
        if destination.hasPrefix("#"), let target = layout.target(ofLabel: String(destination.dropFirst())) {
            return target.stem + ".html#" + target.anchor
        }
        return destination
    }

    private mutating func uniqueID(_ text: String) -> String {
        let base = Self.slug(text)
        var id = base
        var counter = 2
        while headingIDs.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        headingIDs.insert(id)
        return id
    }

    /// Lower-case letters and digits joined by single hyphens: "The ELBO, again" → "the-elbo-again".
    static func slug(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.isEmpty ? "section" : words.joined(separator: "-")
    }
}
