import Book
import Checker
import Diagnostics
import Foundation
import MathSyntax

/// What changed in a checked book since the previous one of the same session, in the terms the
/// writers need to render only what an edit can have changed.
public struct BookChanges: Sendable {
    /// Everything may have changed: the first build, a changed outline (book title or author, the
    /// chapters, their files, titles or headings, which every page's sidebar, the contents and the
    /// search index show) or a changed label table (cross-references print numbers).
    public var everything: Bool
    /// The chapters (by number) whose text changed, so their trees and verdicts may have.
    public var chapters: Set<Int>
    /// Other chapters that cite a derivation of a changed chapter which their cross-references
    /// (the previews) show differently: its number, its chain or its verdicts changed.
    public var citing: Set<Int>
    /// `everything` holds only because titles or headings changed: the book's title and author,
    /// the chapter files (so their numbers and file names) and the label table are as before. A
    /// chapter outside `chapters` and `citing` then reads as before; only the pages that list
    /// titles and headings (every sidebar, the contents, the index) differ.
    public var headingsOnly: Bool

    public init(everything: Bool, chapters: Set<Int> = [], citing: Set<Int> = [], headingsOnly: Bool = false) {
        self.everything = everything
        self.chapters = chapters
        self.citing = citing
        self.headingsOnly = everything && headingsOnly
    }

    /// Everything is new (a first build, or a writer that cannot tell).
    public static let all = BookChanges(everything: true)

    /// Whether the chapter's own content, or what it cites, may have changed.
    public func touches(chapter number: Int) -> Bool {
        everything || chapters.contains(number) || citing.contains(number)
    }

    /// Whether what the chapter itself shows (its text, trees, verdicts, cross-references) may
    /// have changed; false for a chapter that only needs a new sidebar.
    public func changesContent(ofChapter number: Int) -> Bool {
        (everything && !headingsOnly) || chapters.contains(number) || citing.contains(number)
    }

    /// Whether anything at all changed.
    public var isEmpty: Bool { !everything && chapters.isEmpty && citing.isEmpty }
}

/// A book checked again after each save (`derive serve`): a chapter whose text is unchanged is
/// neither parsed by cmark nor analysed again (its blocks, trees and verdicts are kept), and a link
/// of a changed chapter whose cache key is unchanged gets its report from memory. What it returns
/// is what `BookCheck.check` returns for the same files; the memo only saves the work.
public struct IncrementalBook {
    public let options: CheckOptions
    public let allowInconclusive: Bool
    /// Each chapter file's last text and model.
    private var read: [String: (text: String, chapter: Chapter)] = [:]
    /// Each chapter file's last analysis and verdicts, with the text and number they were made from.
    private var checked: [String: (text: String, number: Int, result: ChapterResult)] = [:]
    private var outline: [String]? = nil
    /// The book's title and author and the chapter files, of the last good build.
    private var frame: [String]? = nil
    /// The label table of the last good build, as "label number chapter" lines in label order.
    private var labels: [String] = []
    private let links = LinkMemo()
    private let plots = PlotMemo()
    /// Each chapter file's trees from its last analysis, so that an edit parses again only what changed.
    private var parses: [String: ChapterParses] = [:]

    public init(options: CheckOptions, allowInconclusive: Bool = false) {
        self.options = options
        self.allowInconclusive = allowInconclusive
    }

    /// One check of the book at `paths`, and what it did.
    public struct Update: Sendable {
        public var result: BuildResult
        /// What changed since the previous successful update (everything the first time).
        public var changes: BookChanges
        /// Seconds reading the files (and parsing those whose text changed).
        public var readSeconds: Double
        /// Seconds analysing the changed chapters and settling their links.
        public var checkSeconds: Double
        /// Chapters parsed and analysed afresh; the links of those chapters (every other link kept
        /// its report with its chapter); links among those that memory answered by their cache key.
        public var chaptersAnalysed: Int
        public var linksSettled: Int
        public var linksFromMemory: Int
        /// Links that memory did not answer: read from the disk cache or checked.
        public var linksNotFromMemory: Int { linksSettled - linksFromMemory }
    }

    /// Reads and checks the book again, reusing what the files' unchanged text allows.
    public mutating func check(paths: [String]) -> Update {
        let start = Self.now()
        var texts: [String: String] = [:]
        var models = read
        let book: Book
        do {
            book = try BookReader.read(paths: paths) { text, file in
                texts[file] = text
                if let previous = models[file], UTF8Search.sameBytes(previous.text, text) { return previous.chapter }
                let chapter = try BookReader.parseChapter(text: text, file: file)
                models[file] = (text, chapter)
                return chapter
            }
        } catch {
            read = models
            let result = BuildResult(book: nil, diagnostics: InputError.diagnostics(from: error, file: paths.first ?? "."),
                                     summary: nil, status: .badInput)
            return Update(result: result, changes: .all, readSeconds: Self.now() - start, checkSeconds: 0,
                          chaptersAnalysed: 0, linksSettled: 0, linksFromMemory: 0)
        }
        read = models.filter { texts[$0.key] != nil }
        let readSeconds = Self.now() - start

        var results: [ChapterResult?] = []
        var changed: [Int] = []
        for (index, chapter) in book.chapters.enumerated() {
            let text = texts[chapter.file] ?? ""
            if let kept = checked[chapter.file], UTF8Search.sameBytes(kept.text, text), kept.number == index + 1, !kept.result.timedOut {
                results.append(kept.result)
            } else {
                results.append(nil)
                changed.append(index)
            }
        }
        let earlierParses = parses
        let analyses = BookAnalyzer.readConcurrently(changed.count) { k in
            let chapter = book.chapters[changed[k]]
            return ChapterAnalysis.read(chapter, number: changed[k] + 1, plots: plots,
                                        parses: earlierParses[chapter.file] ?? ChapterParses())
        }
        var fresh: [(index: Int, analysis: ChapterAnalysis)] = []
        for (index, analysis) in zip(changed, analyses) {
            parses[book.chapters[index].file] = analysis.parses
            fresh.append((index, analysis))
        }
        parses = parses.filter { texts[$0.key] != nil }
        let hitsBefore = links.hits
        let settled = BookAnalyzer.check(fresh.map(\.analysis), options: options, memo: links)
        for (slot, result) in zip(fresh, settled) { results[slot.index] = result }
        let all = results.map { $0! }
        let checkedBook = BookAnalyzer.assemble(book, all)
        let summary = LinkSummary(checkedBook.links)
        let result = BuildResult(book: checkedBook, diagnostics: checkedBook.diagnostics, summary: summary,
                                 status: ExitStatus(summary, hasInputErrors: checkedBook.hasInputErrors,
                                                    allowInconclusive: allowInconclusive))

        // What changed: the outline and the label table decide whether everything did.
        let changedNumbers = Set(fresh.map { $0.index + 1 })
        let outline = [book.title, book.author ?? ""] + all.flatMap { [$0.analysis.checked.chapter.file] + $0.analysis.outline }
        let frame = [book.title, book.author ?? ""] + all.map(\.analysis.checked.chapter.file)
        let labels = checkedBook.labels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.number) \($0.value.chapter)" }
        // The labels of the changed chapters whose derivations a citing page shows differently.
        let changedLabels = Set(fresh.flatMap { slot -> [String] in
            let now = Self.faces(all[slot.index])
            let before = checked[book.chapters[slot.index].file].map { Self.faces($0.result) } ?? [:]
            return all[slot.index].analysis.labels.map(\.label).filter { label in
                guard let face = now[label], let earlier = before[label] else { return true }
                return !UTF8Search.sameBytes(face, earlier)
            }
        })
        // Compared by bytes: a title retyped with a combining accent for a precomposed letter is
        // equal to Swift's `==` but prints differently in every sidebar.
        let sameLabels = Self.sameBytes(labels, self.labels)
        var changes = BookChanges(everything: !Self.sameBytes(outline, self.outline) || !sameLabels, chapters: changedNumbers,
                                  headingsOnly: self.outline != nil && Self.sameBytes(frame, self.frame) && sameLabels)
        for (index, chapter) in all.enumerated() where !changedNumbers.contains(index + 1) {
            if chapter.analysis.references.contains(where: { changedLabels.contains($0.label) }) { changes.citing.insert(index + 1) }
        }
        if result.status == .success {
            self.outline = outline
            self.frame = frame
            self.labels = labels
        } else {
            // Pages are only written from a good build: the next one is compared with the last good one.
            changes = .all
            self.outline = nil
            self.frame = nil
        }
        checked = [:]
        for (index, chapter) in book.chapters.enumerated() {
            checked[chapter.file] = (texts[chapter.file] ?? "", index + 1, all[index])
        }
        let jobs = fresh.map(\.analysis.jobs.count).reduce(0, +)
        return Update(result: result, changes: changes, readSeconds: readSeconds, checkSeconds: Self.now() - start - readSeconds,
                      chaptersAnalysed: fresh.count, linksSettled: jobs, linksFromMemory: links.hits - hitsBefore)
    }

    /// Whether two lists of texts hold the same bytes (a missing list matches none).
    static func sameBytes(_ a: [String], _ b: [String]?) -> Bool {
        guard let b, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { UTF8Search.sameBytes($0, $1) }
    }

    /// What a page citing each labelled derivation of the chapter shows of it (the preview: its
    /// number, its chain, its links' verdicts), as the number, the key of the fence's source
    /// (text, positions, function names) and the verdicts; a derivation without a source key has
    /// no face, and so always counts as changed.
    static func faces(_ result: ChapterResult) -> [String: String] {
        var faces: [String: String] = [:]
        for derivation in result.analysis.checked.derivations {
            guard let label = derivation.label, let source = result.analysis.derivationSources[label] else { continue }
            faces[label] = derivation.number + "\u{1E}" + source + "\u{1E}" + derivation.links.map(\.verdict.rawValue).joined(separator: ",")
        }
        return faces
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
