import Book
import Diagnostics
import Pipeline

/// A heading of a chapter page as the sidebar and the search index name it: its level, its text
/// and the id the page gives it.
struct HTMLSection: Equatable {
    var level: Int
    var title: String
    var id: String

    /// The headings of a chapter in document order, with the ids `HTMLChapterRenderer` hands out:
    /// slugs made unique in walk order, the chapter's title first when it is a level-1 heading and
    /// last when the page supplies it. The first element is the chapter's title.
    static func sections(of chapter: CheckedChapter) -> [HTMLSection] {
        var (sections, titleIndex) = walkOrder(of: chapter)
        let title = sections.remove(at: titleIndex)
        return [title] + sections
    }

    /// The headings in walk order (the title where the page puts it: last when the chapter has
    /// no level-1 heading) and the index of the chapter's title among them.
    static func walkOrder(of chapter: CheckedChapter) -> (sections: [HTMLSection], titleIndex: Int) {
        var scanner = HeadingScanner()
        ChapterWalk.walk(chapter.chapter.blocks, with: &scanner)
        var headings = scanner.headings
        let titleIndex: Int
        if let first = headings.firstIndex(where: { $0.level == 1 }) {
            titleIndex = first
        } else {
            headings.append((1, chapter.chapter.title))
            titleIndex = headings.count - 1
        }
        var taken = Set<String>()
        var sections: [HTMLSection] = []
        for heading in headings {
            let base = HTMLChapterRenderer.slug(heading.title)
            var id = base, counter = 2
            while taken.contains(id) {
                id = "\(base)-\(counter)"
                counter += 1
            }
            taken.insert(id)
            sections.append(HTMLSection(level: heading.level, title: heading.title, id: id))
        }
        return (sections, titleIndex)
    }
}

/// Collects the headings of a chapter in walk order, as plain text.
private struct HeadingScanner: ChapterScanner {
    var headings: [(level: Int, title: String)] = []

    mutating func heading(level: Int, content: [Inline], rendered: Void, position: SourcePosition) {
        headings.append((min(max(level, 1), 6), content.plainText))
    }
}
