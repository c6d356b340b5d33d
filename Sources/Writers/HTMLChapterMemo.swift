import Foundation
import Pipeline

/// What the HTML writer made from each chapter at its earlier renders in a session (`derive
/// serve`), kept while `BookChanges` says the chapter reads as before: its page's content (the
/// `<main>` part, previews inserted) with its images, its entries of the search index, and its
/// sections for the sidebars and the index page. A section-title edit then renders every page's
/// frame but only one chapter's content, and a one-step edit walks only the edited chapter for the
/// search index. Owned by one writer; a render of everything starts it afresh, so a writer used
/// once (`derive build`) keeps nothing it could reuse wrongly.
final class HTMLChapterMemo: @unchecked Sendable {
    struct Page {
        var content: String
        var assets: Set<LocalAsset>
    }

    private let lock = NSLock()
    private var pages: [Int: Page] = [:]
    private var entries: [Int: [HTMLSearch.Entry]] = [:]
    private var sections: [Int: [HTMLSection]] = [:]

    /// Forgets what `changes` can have changed: everything, or the chapters whose content changed.
    func forget(_ changes: BookChanges, chapters: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        for number in chapters where changes.changesContent(ofChapter: number) {
            pages[number] = nil
            entries[number] = nil
            sections[number] = nil
        }
        // Chapters no longer in the book.
        let present = Set(chapters)
        pages = pages.filter { present.contains($0.key) }
        entries = entries.filter { present.contains($0.key) }
        sections = sections.filter { present.contains($0.key) }
    }

    func page(_ number: Int, _ make: () throws -> Page) rethrows -> Page {
        if let kept = locked({ pages[number] }) { return kept }
        let page = try make()
        locked { pages[number] = page }
        return page
    }

    func entries(_ number: Int, _ make: () -> [HTMLSearch.Entry]) -> [HTMLSearch.Entry] {
        if let kept = locked({ entries[number] }) { return kept }
        let made = make()
        locked { entries[number] = made }
        return made
    }

    func sections(_ number: Int, _ make: () -> [HTMLSection]) -> [HTMLSection] {
        if let kept = locked({ sections[number] }) { return kept }
        let made = make()
        locked { sections[number] = made }
        return made
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
