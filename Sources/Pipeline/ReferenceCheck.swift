import Book
import Diagnostics

/// Every `\eqref{…}` and `[](#…)` must name a derivation of the book (DESIGN §1.2), in prose and in
/// the justifications of derive blocks alike.
struct ReferenceCheck: ChapterScanner {
    let labels: [String: (number: String, chapter: Int)]
    let file: String
    let checkedAlone: Bool
    var diagnostics: [Diagnostic] = []

    static func unresolved(in book: Book, labels: [String: (number: String, chapter: Int)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for chapter in book.chapters {
            var check = ReferenceCheck(labels: labels, file: chapter.file, checkedAlone: book.chapters.count == 1)
            ChapterWalk.walk(chapter.blocks, with: &check)
            diagnostics += check.diagnostics
        }
        return diagnostics
    }

    mutating func fence(_ fence: FencedBlock, ordinal: Int) {
        guard fence.kind == .derive else { return }
        for found in JustificationReader.references(in: fence.body) { reference(label: found.label, position: found.position) }
    }

    mutating func reference(label: String, position: SourcePosition) {
        guard labels[label] == nil else { return }
        let known = labels.keys.sorted().prefix(8).joined(separator: ", ")
        var details = known.isEmpty ? [] : ["known labels: \(known)"]
        if checkedAlone {
            details.append("this chapter was checked alone; a label of another chapter resolves when the whole folder is checked")
        }
        diagnostics.append(.error(position, "unresolved reference '\(label)'", details: details))
    }
}
