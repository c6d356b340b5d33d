import Pipeline
import Checker
import Foundation

/// Writes `html/`: a static site (index, one page per chapter, audit page, stylesheet, math font)
/// that needs no JavaScript and no network and works from `file://`.
public struct HTMLWriter: BookWriter {
    /// Latin Modern Math to bundle with the site; nil leaves math to the reader's fonts.
    public var mathFont: URL?

    /// Where Debian's fonts-lmodern puts Latin Modern Math.
    public static let debianMathFont = URL(fileURLWithPath: "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf")

    /// The Debian font when it is installed, otherwise none.
    public static var installedMathFont: URL? {
        FileManager.default.fileExists(atPath: debianMathFont.path) ? debianMathFont : nil
    }

    static let fontPath = "fonts/latinmodern-math.otf"

    /// What earlier renders made from each chapter, for the next render after an edit.
    private let memo = HTMLChapterMemo()

    public init(mathFont: URL? = HTMLWriter.installedMathFont) {
        self.mathFont = mathFont
    }

    public func files(for book: CheckedBook) throws -> [OutputFile] {
        try files(for: book, after: .all).files
    }

    /// The pages of the chapters an edit touched (its own, those citing its derivations) and the
    /// pages made from the whole book (contents, map, index, search data, audit); every page when
    /// the outline or the labels changed, since every sidebar lists the chapters. What a chapter
    /// gives that the edit cannot have changed (its page's content when only a heading elsewhere
    /// changed, its search entries and sections) comes from the earlier render.
    public func files(for book: CheckedBook, after changes: BookChanges) throws -> RenderedFiles {
        guard !changes.isEmpty else { return RenderedFiles(files: [], isComplete: false) }
        memo.forget(changes, chapters: book.chapters.map(\.number))
        let layout = BookLayout(book)
        let sidebar = HTMLSidebar(book: book, layout: layout) { chapter in
            memo.sections(chapter.number) { HTMLSection.sections(of: chapter) }
        }
        var previews = HTMLReferencePreview(book: book)
        var files: [OutputFile] = []
        var assets = Set<LocalAsset>()
        let chapters = book.chapters
        for (index, chapter) in chapters.enumerated() where changes.touches(chapter: chapter.number) {
            let made = memo.page(chapter.number) {
                var renderer = HTMLChapterRenderer(chapter: chapter, layout: layout)
                let content = previews.inserting(into: renderer.render())
                return HTMLChapterMemo.Page(content: content, assets: renderer.assets)
            }
            let content = made.content
            assets.formUnion(made.assets)
            let navigation = HTMLNavigation(
                previous: index > 0 ? HTMLNavigation.link(to: chapters[index - 1], layout: layout) : nil,
                next: index + 1 < chapters.count ? HTMLNavigation.link(to: chapters[index + 1], layout: layout) : nil)
            let page = HTMLPage(title: "\(chapter.number) \(chapter.chapter.title) — \(book.book.title)",
                                bookTitle: book.book.title, navigation: navigation, content: content,
                                sidebar: sidebar.render(current: .chapter(chapter.number)))
            files.append(OutputFile("html/\(layout.stem(of: chapter.number)).html", .text(page.render())))
        }
        files.append(OutputFile("html/index.html", .text(HTMLIndexPage(book: book, layout: layout).render(sidebar: sidebar))))
        let map = HTMLMapPage(book: book, layout: layout)
        files.append(OutputFile("html/" + HTMLMapPage.fileName, .text(HTMLPage(
            title: "Map of results — \(book.book.title)", bookTitle: book.book.title,
            navigation: HTMLNavigation(previous: nil, next: nil), content: map.content(),
            sidebar: sidebar.render(current: .map)).render())))
        let index = HTMLSearchPage(book: book, layout: layout, sidebar: sidebar)
        files.append(OutputFile("html/" + HTMLSearch.pageName, .text(HTMLPage(
            title: "Index — \(book.book.title)", bookTitle: book.book.title,
            navigation: HTMLNavigation(previous: nil, next: nil), content: index.content(),
            sidebar: sidebar.render(current: .search)).render())))
        files.append(OutputFile("html/" + HTMLSearch.indexName,
                                .text(HTMLSearch.indexScript(chapters.flatMap { chapter in
                                    memo.entries(chapter.number) { HTMLSearch.entries(of: chapter, layout: layout) }
                                }))))
        files.append(OutputFile("html/audit.html", .text(HTMLAuditPage(book: book, layout: layout,
                                                                       sidebar: sidebar.render(current: .audit)).render())))
        // What depends on no chapter is written with the whole site only.
        if changes.everything {
            files.append(OutputFile("html/" + HTMLSearch.scriptName, .text(HTMLSearch.script)))
            files.append(OutputFile("html/derive.css", .text(HTMLStylesheet.css(withMathFont: mathFont != nil))))
            if let mathFont { files.append(OutputFile("html/" + Self.fontPath, .copy(mathFont))) }
        }
        // The images of the pages rendered; those of the other pages are already in place.
        for asset in assets.sorted(by: { $0.name < $1.name }) {
            files.append(OutputFile("html/" + asset.name, .copy(asset.source)))
        }
        return RenderedFiles(files: files, isComplete: changes.everything)
    }
}
