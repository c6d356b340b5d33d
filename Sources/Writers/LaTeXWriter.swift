import Pipeline
import Checker

/// Writes `latex/`: `book.tex`, one `.tex` per chapter and the audit appendix, for pdfLaTeX.
public struct LaTeXWriter: BookWriter {
    public init() {}

    public func files(for book: CheckedBook) throws -> [OutputFile] {
        try files(for: book, after: .all).files
    }

    /// The chapter files an edit touched, `book.tex` (which holds the map of results) and the
    /// audit appendix; every chapter file when the files or the labels changed. A chapter file
    /// holds no sidebar, so a changed heading elsewhere leaves it as it was, and no preview of what
    /// it cites (`\eqref` names only the label), so an edit of a cited derivation leaves it too.
    public func files(for book: CheckedBook, after changes: BookChanges) throws -> RenderedFiles {
        guard !changes.isEmpty else { return RenderedFiles(files: [], isComplete: false) }
        let layout = BookLayout(book)
        var files = [OutputFile("latex/book.tex", .text(LaTeXBook(book: book, layout: layout).render()))]
        var assets = Set<LocalAsset>()
        for chapter in book.chapters where (changes.everything && !changes.headingsOnly) || changes.chapters.contains(chapter.number) {
            var renderer = LaTeXChapterRenderer(chapter: chapter, layout: layout)
            files.append(OutputFile("latex/\(layout.stem(of: chapter.number)).tex", .text(renderer.render())))
            assets.formUnion(renderer.assets)
        }
        files.append(OutputFile("latex/audit.tex", .text(LaTeXAudit(book: book).render())))
        for asset in assets.sorted(by: { $0.name < $1.name }) {
            files.append(OutputFile("latex/" + asset.name, .copy(asset.source)))
        }
        return RenderedFiles(files: files, isComplete: changes.everything && !changes.headingsOnly)
    }
}
