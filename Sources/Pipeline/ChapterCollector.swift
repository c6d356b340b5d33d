import Book
import Checker
import Diagnostics
import MathSyntax

/// Where a link's report goes back: chapter index, fence ordinal, link index, job index.
struct LinkSlot {
    var chapter: Int
    var fence: Int
    var link: Int
    var job: Int
}

/// Walks chapters in order, parsing fences and prose math, building each chapter's scope and
/// numbering its derivations, and collects the links for the checker.
struct ChapterCollector {
    var diagnostics: [Diagnostic] = []
    var jobs: [LinkJob] = []
    var slots: [LinkSlot] = []
    var labels: [String: (number: String, chapter: Int)] = [:]
    /// Plots sampled by an earlier analysis of the same session, reused where nothing they depend on changed.
    var plotMemo: PlotMemo?
    fileprivate var labelPositions: [String: (String, SourcePosition)] = [:]

    mutating func read(_ chapter: Chapter, number: Int) -> CheckedChapter {
        var visitor = ChapterReading(file: chapter.file, number: number, collector: self)
        ChapterWalk.walk(chapter.blocks, with: &visitor)
        self = visitor.collector
        return CheckedChapter(chapter: chapter, number: number, math: visitor.math, fences: visitor.fences)
    }
}

/// The collector's visit of one chapter: the scope grows block by block, as DESIGN §1.2 says.
private struct ChapterReading: ChapterScanner {
    let file: String
    let number: Int
    var collector: ChapterCollector
    var scope = Scope()
    var math: [ProseMath?] = []
    var fences: [CheckedFence?] = []
    var derivations = 0
    /// The given and define blocks read so far, verbatim (what a link's cache key depends on).
    var scopeText = ""

    init(file: String, number: Int, collector: ChapterCollector) {
        self.file = file
        self.number = number
        self.collector = collector
    }

    mutating func math(_ source: SourceText, display: Bool, ordinal: Int) {
        do {
            math.append(try ProseMath.parse(source, display: display))
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
            let declarations = try MathParser.parseDeclarations(fence.body)
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
            let definitions = try MathParser.parseDefinitions(fence.body, functions: scope.functionNames)
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
        if let label {
            if let previous = collector.labelPositions[label] {
                collector.diagnostics.append(.error(fence.position, "the label '\(label)' is already used",
                                                    details: ["first used at \(previous.0):\(previous.1)"]))
            } else {
                collector.labelPositions[label] = (file, fence.position)
                collector.labels[label] = (number, self.number)
            }
        }
        let chain: Chain
        do {
            chain = try MathParser.parseChain(fence.body, functions: scope.functionNames)
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
            collector.slots.append(LinkSlot(chapter: self.number - 1, fence: ordinal, link: index, job: collector.jobs.count))
            collector.jobs.append(job)
            derivation.links.append(.pending(job))
            var pieces: [JustificationPiece] = []
            if let justification = link.justification {
                do {
                    pieces = try JustificationReader.pieces(of: justification, body: fence.body,
                                                            lines: link.relationRange.start.line...)
                } catch {
                    report(error)
                    pieces = [.text(justification)]
                }
            }
            derivation.justifications.append(pieces)
            left = link.rhs
        }
        if chain.links.isEmpty {
            collector.diagnostics.append(.error(fence.position, "a derive block needs at least one relation (e0 = e1)"))
        }
        return .derive(derivation)
    }

    private mutating func plot(_ fence: FencedBlock) -> CheckedFence? {
        let key = PlotMemo.key(fence, scopeText: scopeText)
        if let plot = collector.plotMemo?.plot(key) { return .plot(plot) }
        let (plot, errors) = PlotReader.read(fence, scope: scope)
        collector.diagnostics += errors
        if let plot { collector.plotMemo?.store(plot, key) }
        return plot.map(CheckedFence.plot)
    }

    private mutating func report(_ error: Error) {
        collector.diagnostics += InputError.diagnostics(from: error, file: file)
    }
}
