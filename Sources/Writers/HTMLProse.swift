import Book
import Checker
import Pipeline
import Diagnostics
import MathSyntax

/// Renders one chapter's blocks to HTML: prose here, Derive's fences in `HTMLFences.swift` and
/// `HTMLDerivation.swift`. Math comes from the checked trees, never from re-reading the source.
struct HTMLChapterRenderer: ChapterVisitor {
    let chapter: CheckedChapter
    let layout: BookLayout
    /// Heading ids handed out so far on this page, so that two "Proof" headings get distinct ids.
    private(set) var headingIDs: Set<String> = []
    /// Images found on this page that live beside the chapter file.
    private(set) var assets: Set<LocalAsset> = []
    private var sawChapterHeading = false
    private var headingIDsWanted = true

    init(chapter: CheckedChapter, layout: BookLayout) {
        self.chapter = chapter
        self.layout = layout
    }

    /// Blocks rendered as cmark renders them, without a chapter's title or heading ids: what the
    /// CommonMark conformance test compares.
    static func fragment(_ blocks: [Block], layout: BookLayout) -> String {
        let chapter = CheckedChapter(chapter: Chapter(file: "fragment.md", title: "", blocks: blocks), number: 1,
                                     math: [], fences: [])
        var renderer = HTMLChapterRenderer(chapter: chapter, layout: layout)
        renderer.sawChapterHeading = true
        renderer.headingIDsWanted = false
        return ChapterWalk.walk(blocks, with: &renderer)
    }

    mutating func render() -> String {
        var html = ChapterWalk.walk(chapter.chapter.blocks, with: &self)
        if !sawChapterHeading {
            html = chapterHeading(plainText: chapter.chapter.title, rendered: HTMLEscaping.text(chapter.chapter.title)) + "\n" + html
        }
        return html
    }

    // Blocks

    mutating func blocks(_ rendered: [String]) -> String { rendered.joined(separator: "\n") }

    mutating func heading(level: Int, content: [Inline], rendered: String, position: SourcePosition) -> String {
        if level == 1 && !sawChapterHeading { return chapterHeading(plainText: content.plainText, rendered: rendered) }
        // Levels stay as written, as in cmark; the chapter's title is told apart by its class.
        let level = min(max(level, 1), 6)
        let id = headingIDsWanted ? " id=\"\(uniqueID(content.plainText))\"" : ""
        return "<h\(level)\(id)>\(rendered)</h\(level)>"
    }

    mutating func paragraph(_ rendered: String, context: BlockContext) -> String {
        context.tight ? rendered : "<p>\(rendered)</p>"
    }

    mutating func list(ordered: Bool, start: Int, tight: Bool, items: [String], context: BlockContext) -> String {
        let tag = ordered ? "ol" : "ul"
        let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
        let body = items.map { "<li>" + $0 + "</li>" }.joined(separator: "\n")
        return "<\(tag)\(startAttribute)>\n\(body)\n</\(tag)>"
    }

    mutating func blockQuote(_ rendered: String) -> String { "<blockquote>\n\(rendered)\n</blockquote>" }

    mutating func code(info: String, text: String) -> String {
        let language = info.split(separator: " ").first.map { " class=\"language-\(HTMLEscaping.attribute(String($0)))\"" } ?? ""
        return "<pre><code\(language)>\(HTMLEscaping.text(text))</code></pre>"
    }

    mutating func html(block raw: String) -> String { raw }

    mutating func thematicBreak() -> String { "<hr/>" }

    private mutating func chapterHeading(plainText: String, rendered: String) -> String {
        sawChapterHeading = true
        return "<h1 class=\"chapter-title\" id=\"\(uniqueID(plainText))\"><span class=\"chapter-number\">\(chapter.number)</span> \(rendered)</h1>"
    }

    // Inlines

    mutating func inlines(_ rendered: [String]) -> String { rendered.joined() }

    mutating func text(_ text: String) -> String { HTMLEscaping.text(text) }

    mutating func code(inline text: String) -> String { "<code>\(HTMLEscaping.text(text))</code>" }

    mutating func emphasis(_ rendered: String) -> String { "<em>\(rendered)</em>" }

    mutating func strong(_ rendered: String) -> String { "<strong>\(rendered)</strong>" }

    mutating func link(destination: String, title: String, _ rendered: String) -> String {
        let titleAttribute = title.isEmpty ? "" : " title=\"\(HTMLEscaping.attribute(title))\""
        return "<a href=\"\(HTMLEscaping.href(href(for: destination)))\"\(titleAttribute)>\(rendered)</a>"
    }

    mutating func image(source: String, title: String, alt: [Inline]) -> String {
        var src = source
        if let asset = LocalAsset(source, chapterFile: chapter.chapter.file) {
            assets.insert(asset)
            src = asset.name
        }
        let titleAttribute = title.isEmpty ? "" : " title=\"\(HTMLEscaping.attribute(title))\""
        return "<img src=\"\(HTMLEscaping.href(src))\" alt=\"\(HTMLEscaping.attribute(alt.plainText))\"\(titleAttribute)/>"
    }

    mutating func softBreak() -> String { "\n" }

    mutating func lineBreak() -> String { "<br/>\n" }

    mutating func html(inline raw: String) -> String { raw }

    /// Prose math is rendered by `ProseMath`, never checked; a span that did not read is shown as
    /// source (the error was reported at its position).
    mutating func math(_ source: SourceText, display: Bool, ordinal: Int) -> String {
        if let math = chapter.math(ordinal) { return math.mathML }
        let delimiter = display ? "$$" : "$"
        return "<code class=\"math-error\">\(HTMLEscaping.text(delimiter + source.text + delimiter))</code>"
    }

    mutating func reference(label: String, position: SourcePosition) -> String { reference(label) }

    func reference(_ label: String) -> String {
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
