import Book
import Checker
import Diagnostics
import MathSyntax

/// Where a link's report goes back: fence ordinal, link index, and the job's index in its chapter.
struct LinkSlot {
    var fence: Int
    var link: Int
    var job: Int
}

/// One chapter read on its own, before its links are checked: its trees, its link jobs and
/// where their reports go, the labels it defines and the references it makes (in document
/// order), and the input errors found in it. Nothing here depends on another chapter, so a
/// session that rebuilds after each save can keep it while the chapter's text is unchanged.
struct ChapterAnalysis {
    var checked: CheckedChapter
    var jobs: [LinkJob] = []
    var slots: [LinkSlot] = []
    var labels: [(label: String, number: String, position: SourcePosition)] = []
    var references: [(label: String, position: SourcePosition)] = []
    var diagnostics: [Diagnostic] = []
    /// The chapter's title and its headings ("2 Title"), which the contents and sidebars show.
    var outline: [String] = []
    /// The trees this analysis parsed, when it was asked to keep them for the next one.
    var parses: ChapterParses? = nil
    /// Then also, per label, the key of its derivation's source (`ChapterParses.key`), by which
    /// the next analysis tells whether a page citing it shows it differently.
    var derivationSources: [String: String] = [:]

    /// Parses the chapter's math and fences, building its scope block by block (DESIGN §1.2).
    /// `plots` carries the plots of an earlier analysis in the same session, and `parses` the
    /// trees of this chapter's previous analysis; given `parses`, the analysis keeps its own
    /// trees in `parses` for the next one.
    static func read(_ chapter: Chapter, number: Int, plots: PlotMemo?, parses: ChapterParses? = nil) -> ChapterAnalysis {
        var visitor = ChapterReading(file: chapter.file, number: number, plotMemo: plots, previous: parses)
        ChapterWalk.walk(chapter.blocks, with: &visitor)
        var references = ReferenceCollector()
        ChapterWalk.walk(chapter.blocks, with: &references)
        var headings = HeadingCollector()
        ChapterWalk.walk(chapter.blocks, with: &headings)
        var analysis = visitor.analysis
        analysis.checked = CheckedChapter(chapter: chapter, number: number, math: visitor.math, fences: visitor.fences)
        analysis.references = references.found
        analysis.outline = [chapter.title] + headings.found
        analysis.parses = visitor.made
        return analysis
    }
}

/// Joins chapters read on their own into the book's view of them: labels defined twice (across
/// chapters too) are errors at the second, and the first one's number stands.
struct LabelTable {
    var labels: [String: (number: String, chapter: Int)] = [:]
    var diagnostics: [Diagnostic] = []
    private var positions: [String: SourcePosition] = [:]

    mutating func add(_ analysis: ChapterAnalysis) {
        for (label, number, position) in analysis.labels {
            if let previous = positions[label] {
                diagnostics.append(.error(position, "the label '\(label)' is already used",
                                          details: ["first used at \(previous.file):\(previous)"]))
            } else {
                positions[label] = position
                labels[label] = (number, analysis.checked.number)
            }
        }
    }
}

/// The headings of a chapter as "level text", in document order.
private struct HeadingCollector: ChapterScanner {
    var found: [String] = []

    mutating func heading(level: Int, content: [Inline], rendered: Void, position: SourcePosition) {
        found.append("\(level) \(content.plainText)")
    }
}

/// The collector's visit of one chapter: the scope grows block by block, as DESIGN §1.2 says.
private struct ChapterReading: ChapterScanner {
    let file: String
    let number: Int
    let plotMemo: PlotMemo?
    var analysis: ChapterAnalysis
    var scope = Scope()
    var math: [ProseMath?] = []
    var fences: [CheckedFence?] = []
    var derivations = 0
    /// The given and define blocks read so far, verbatim (what a link's cache key depends on).
    var scopeText = ""
    /// The trees of the chapter's previous analysis, and those of this one (nil: none kept).
    let previous: ChapterParses?
    var made: ChapterParses?

    init(file: String, number: Int, plotMemo: PlotMemo?, previous: ChapterParses? = nil) {
        self.file = file
        self.number = number
        self.plotMemo = plotMemo
        self.previous = previous
        made = previous == nil ? nil : ChapterParses()
        analysis = ChapterAnalysis(checked: CheckedChapter(chapter: Chapter(file: file, title: "", blocks: []), number: number,
                                                           math: [], fences: []))
    }

    mutating func math(_ source: SourceText, display: Bool, ordinal: Int) {
        do {
            math.append(try remembered(made == nil ? nil : (display ? "$$" : "$") + source.text, \.prose) {
                try ProseMath.parse(source, display: display)
            })
        } catch {
            math.append(nil)
            report(error)
        }
    }

    mutating func fence(_ fence: FencedBlock, ordinal: Int) {
        if fence.kind == .given || fence.kind == .define { scopeText += fence.kind.rawValue + "\n" + fence.body.text + "\n" }
        let checked: CheckedFence?
        switch fence.kind {
        case .given: checked = given(fence)
        case .define: checked = define(fence)
        case .derive: checked = derive(fence, ordinal: ordinal)
        case .plot: checked = plot(fence)
        }
        fences.append(checked)
    }

    private mutating func given(_ fence: FencedBlock) -> CheckedFence? {
        do {
            let declarations = try remembered(made == nil ? nil : ChapterParses.key(fence.body), \.declarations) {
                try MathParser.parseDeclarations(fence.body)
            }
            for declaration in declarations {
                do { try scope.declare(declaration) } catch { report(error) }
            }
            return .given(declarations)
        } catch {
            report(error)
            return nil
        }
    }

    private mutating func define(_ fence: FencedBlock) -> CheckedFence? {
        do {
            let functions = scope.functionNames
            let definitions = try remembered(made == nil ? nil : ChapterParses.key(fence.body, functions: functions), \.definitions) {
                try MathParser.parseDefinitions(fence.body, functions: functions)
            }
            for definition in definitions {
                do { try scope.define(definition) } catch { report(error) }
            }
            return .define(definitions)
        } catch {
            report(error)
            return nil
        }
    }

    private mutating func derive(_ fence: FencedBlock, ordinal: Int) -> CheckedFence? {
        derivations += 1
        let number = "\(self.number).\(derivations)"
        let label = fence.attributes.label
        if let label { analysis.labels.append((label, number, fence.position)) }
        let chain: Chain
        let functions = scope.functionNames
        let bodyKey = made == nil ? nil : ChapterParses.key(fence.body, functions: functions)
        if let label, let bodyKey { analysis.derivationSources[label] = bodyKey }
        do {
            chain = try remembered(bodyKey, \.chains) { try MathParser.parseChain(fence.body, functions: functions) }
        } catch {
            report(error)
            return nil
        }
        var derivation = CheckedDerivation(label: label, number: number, chain: chain, links: [], attributes: fence.attributes)
        var left = chain.first
        let lines = fence.body.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, link) in chain.links.enumerated() {
            var options = fence.attributes.options
            for (key, value) in link.options { options[key] = value }
            let lastLine = max(link.rhs.range.end.line, link.relationRange.start.line)
            let sourceLines = zip(fence.body.lineOrigins, lines)
                .filter { $0.0.line >= link.relationRange.start.line && $0.0.line <= lastLine }
                .map { $0.1 }
            let job = LinkJob(label: label, number: number, step: index + 1, relation: link.relation,
                              lhs: left, rhs: link.rhs, scope: scope, options: options,
                              uncheckedReason: fence.attributes.uncheckedReason ?? link.options["unchecked"],
                              justification: link.justification, position: link.relationRange.start,
                              sourceLines: sourceLines, scopeText: scopeText)
            analysis.slots.append(LinkSlot(fence: ordinal, link: index, job: analysis.jobs.count))
            analysis.jobs.append(job)
            derivation.links.append(.pending(job))
            var pieces: [JustificationPiece] = []
            if let justification = link.justification {
                do {
                    let lines = link.relationRange.start.line...
                    pieces = try remembered(bodyKey.map { $0 + "\u{1C}\(lines.lowerBound)\u{1C}" + justification }, \.justifications) {
                        try JustificationReader.pieces(of: justification, body: fence.body, lines: lines)
                    }
                } catch {
                    report(error)
                    pieces = [.text(justification)]
                }
            }
            derivation.justifications.append(pieces)
            left = link.rhs
        }
        if chain.links.isEmpty {
            analysis.diagnostics.append(.error(fence.position, "a derive block needs at least one relation (e0 = e1)"))
        }
        return .derive(derivation)
    }

    private mutating func plot(_ fence: FencedBlock) -> CheckedFence? {
        let key = PlotMemo.key(fence, scopeText: scopeText)
        if let plot = plotMemo?.plot(key) { return .plot(plot) }
        let (plot, errors) = PlotReader.read(fence, scope: scope)
        analysis.diagnostics += errors
        if let plot { plotMemo?.store(plot, key) }
        return plot.map(CheckedFence.plot)
    }

    /// The tree under `key` from the previous analysis (or from earlier in this one), else
    /// `parse()`'s, kept under `key` for the next analysis; a nil key keeps nothing.
    private mutating func remembered<T>(_ text: String?, _ table: WritableKeyPath<ChapterParses, [ChapterParses.Key: T]>,
                                        _ parse: () throws -> T) rethrows -> T {
        guard let text, made != nil else { return try parse() }
        let key = Array(text.utf8)
        if let kept = made![keyPath: table][key] ?? previous?[keyPath: table][key] {
            made![keyPath: table][key] = kept
            return kept
        }
        let tree = try parse()
        made![keyPath: table][key] = tree
        return tree
    }

    private mutating func report(_ error: Error) {
        analysis.diagnostics += InputError.diagnostics(from: error, file: file)
    }
}
