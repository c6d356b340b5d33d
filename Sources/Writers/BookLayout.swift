import Pipeline
import Checker
import Foundation

/// Where each chapter and derivation lands in the outputs. HTML and LaTeX both take their file
/// names, anchors and numbers from here, so that `(3.7)` and `#eq:label` mean the same in both.
struct BookLayout {
    /// File name without extension per chapter number: `01-linear-algebra` for
    /// `chapters/01-linear-algebra.md`.
    private var stems: [Int: String] = [:]
    private let labels: [String: (number: String, chapter: Int)]

    /// Names the writers use themselves; a chapter that would take one gets its number prefixed.
    private static let reserved: Set<String> = ["index", "audit", "book", "derive"]

    init(_ book: CheckedBook) {
        labels = book.labels
        var taken = Set<String>()
        for chapter in book.chapters {
            var stem = Self.safeName(URL(fileURLWithPath: chapter.chapter.file).deletingPathExtension().lastPathComponent)
            if stem.isEmpty || taken.contains(stem) || Self.reserved.contains(stem.lowercased()) {
                stem = String(format: "%02d-", chapter.number) + (stem.isEmpty ? "chapter" : stem)
            }
            taken.insert(stem)
            stems[chapter.number] = stem
        }
    }

    func stem(of chapterNumber: Int) -> String {
        stems[chapterNumber] ?? String(format: "chapter-%02d", chapterNumber)
    }

    /// The anchor of a derivation: its label, or `eq-3-7` from its number.
    static func anchor(of derivation: CheckedDerivation) -> String {
        derivation.label ?? "eq-" + derivation.number.replacingOccurrences(of: ".", with: "-")
    }

    /// The anchor of one link's verdict details.
    static func anchor(of derivation: CheckedDerivation, step: Int) -> String {
        anchor(of: derivation) + "-step-\(step)"
    }

    /// What a `\eqref{label}` points at: the chapter file stem, the anchor and the number.
    func target(ofLabel label: String) -> (stem: String, anchor: String, number: String)? {
        guard let entry = labels[label] else { return nil }
        return (stem(of: entry.chapter), label, entry.number)
    }

    /// Letters, digits, `-` and `_` only, so that the name is safe in URLs, file systems and `\input`.
    static func safeName(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return Character(scalar)
            default: return "-"
            }
        })
    }
}

extension CheckedDerivation {
    /// The report of the link at 1-based `step`, matched by its step rather than its array index.
    func report(step: Int) -> LinkReport? {
        links.first { $0.step == step }
    }
}
