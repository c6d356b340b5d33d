import Pipeline
import Checker

/// Writes `latex/`: `book.tex`, one `.tex` per chapter and the audit appendix, for pdfLaTeX.
public struct LaTeXWriter: BookWriter {
    public init() {}

    public func files(for book: CheckedBook) throws -> [OutputFile] {
        let layout = BookLayout(book)
        var files = [OutputFile("latex/book.tex", .text(LaTeXBook(book: book, layout: layout).render()))]
        var assets = Set<LocalAsset>()
        for chapter in book.chapters {
            var renderer = LaTeXChapterRenderer(chapter: chapter, layout: layout)
            files.append(OutputFile("latex/\(layout.stem(of: chapter.number)).tex", .text(renderer.render())))
            assets.formUnion(renderer.assets)
        }
        files.append(OutputFile("latex/audit.tex", .text(LaTeXAudit(book: book).render())))
        for asset in assets.sorted(by: { $0.name < $1.name }) {
            files.append(OutputFile("latex/" + asset.name, .copy(asset.source)))
        }
        return files
    }
}
