import Book
import Checker
import Diagnostics
import MathSyntax

/// A `derive` block after checking: its number in the chapter, its parsed chain and a report per link.
public struct CheckedDerivation: Sendable {
    public var label: String?
    /// "3.7": chapter number and the derivation's index in the chapter.
    public var number: String
    public var chain: Chain
    public var links: [LinkReport]
    public var attributes: BlockAttributes
    /// Each link's justification in pieces (words and `$…$` math), by link index; empty when the
    /// link has none.
    public var justifications: [[JustificationPiece]]
    public init(label: String?, number: String, chain: Chain, links: [LinkReport], attributes: BlockAttributes,
                justifications: [[JustificationPiece]] = []) {
        self.label = label
        self.number = number
        self.chain = chain
        self.links = links
        self.attributes = attributes
        self.justifications = justifications
    }

    /// The justification of the link at 0-based `index`, in pieces (nil when it has none). A link
    /// whose justification was not read into pieces still has its `\eqref`s split out as references,
    /// so that every writer meets one shape.
    public func justification(ofLink index: Int) -> [JustificationPiece]? {
        if index < justifications.count, !justifications[index].isEmpty { return justifications[index] }
        let written = index < chain.links.count ? chain.links[index].justification : nil
        let words = written ?? links.first { $0.step == index + 1 }?.justification
        return words.map { JustificationReader.splittingReferences(.text($0)) }
    }
}

/// A fenced block after analysis, with the trees the writers print.
public enum CheckedFence: Sendable {
    case given([Declaration])
    case define([Definition])
    case derive(CheckedDerivation)
    case plot(CheckedPlot)
}

/// A chapter after analysis: the source model plus every parsed tree and verdict. Results are held
/// by the ordinal that `ChapterWalk` gives each math span and fence, so a writer walking the
/// chapter receives each block's result with the block itself.
public struct CheckedChapter: Sendable {
    public var chapter: Chapter
    /// 1-based chapter number.
    public var number: Int
    /// Prose math (`$…$`, `$$…$$`) by ordinal; nil where the span could not be parsed.
    public var math: [ProseMath?]
    /// Derive's fences by ordinal; nil where the fence could not be parsed.
    public var fences: [CheckedFence?]
    public init(chapter: Chapter, number: Int, math: [ProseMath?], fences: [CheckedFence?]) {
        self.chapter = chapter
        self.number = number
        self.math = math
        self.fences = fences
    }

    /// The tree of the math span with this ordinal (nil: it did not parse; the error was reported).
    public func math(_ ordinal: Int) -> ProseMath? { ordinal < math.count ? math[ordinal] : nil }

    /// The analysed fence with this ordinal (nil: it did not parse; the error was reported).
    public func fence(_ ordinal: Int) -> CheckedFence? { ordinal < fences.count ? fences[ordinal] : nil }

    /// The chapter's derivations in document order, nested ones included.
    public var derivations: [CheckedDerivation] {
        fences.compactMap { if case .derive(let derivation)? = $0 { return derivation }; return nil }
    }
}

/// A whole book after analysis: what the writers take.
public struct CheckedBook: Sendable {
    public var book: Book
    public var chapters: [CheckedChapter]
    /// Every diagnostic, in file order: errors (bad input, refuted links) and notes.
    public var diagnostics: [Diagnostic]
    /// Cross-reference targets: label → derivation number ("3.7") and chapter number.
    public var labels: [String: (number: String, chapter: Int)]
    /// True when some input was bad (a parse error, an undeclared symbol, a shape mismatch…), as
    /// opposed to links that were checked and failed; the command line exits 2 then.
    public var hasInputErrors: Bool

    public init(book: Book, chapters: [CheckedChapter], diagnostics: [Diagnostic],
                labels: [String: (number: String, chapter: Int)], hasInputErrors: Bool) {
        self.book = book
        self.chapters = chapters
        self.diagnostics = diagnostics
        self.labels = labels
        self.hasInputErrors = hasInputErrors
    }

    /// All link reports in book order, derive fences nested in lists and quotes included.
    public var links: [LinkReport] {
        chapters.flatMap { $0.derivations.flatMap(\.links) }
    }
}
