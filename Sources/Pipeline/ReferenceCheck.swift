import Book
import Diagnostics

/// Every `\eqref{…}` and `[](#…)` must name a derivation of the book (DESIGN §1.2), in prose and in
/// the justifications of derive blocks alike.
enum ReferenceCheck {
    /// An error for each reference, in the chapters' order, to a label no derivation has.
    static func unresolved(_ references: [[(label: String, position: SourcePosition)]],
                           labels: [String: (number: String, chapter: Int)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let checkedAlone = references.count == 1
        for chapter in references {
            for (label, position) in chapter where labels[label] == nil {
                let known = labels.keys.sorted().prefix(8).joined(separator: ", ")
                var details = known.isEmpty ? [] : ["known labels: \(known)"]
                if checkedAlone {
                    details.append("this chapter was checked alone; a label of another chapter resolves when the whole folder is checked")
                }
                diagnostics.append(.error(position, "unresolved reference '\(label)'", details: details))
            }
        }
        return diagnostics
    }
}

/// The references of one chapter in document order: prose `\eqref`s and links, and those in the
/// justifications of its derive blocks.
struct ReferenceCollector: ChapterScanner {
    var found: [(label: String, position: SourcePosition)] = []

    mutating func fence(_ fence: FencedBlock, ordinal: Int) {
        guard fence.kind == .derive else { return }
        for reference in JustificationReader.references(in: fence.body) { found.append((reference.label, reference.position)) }
    }

    mutating func reference(label: String, position: SourcePosition) {
        found.append((label, position))
    }
}
