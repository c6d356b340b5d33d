import Book
import Diagnostics
import Dispatch
import Foundation
import MathSyntax

/// The checker's entry point: parses every math span and fence of a book, builds each chapter's
/// scope, checks every link (in parallel) and returns the trees, verdicts and diagnostics.
public enum Analyzer {
    public static func analyze(_ book: Book, options: CheckOptions) -> CheckedBook {
        var collector = Collector()
        var chapters: [CheckedChapter] = []
        for (index, chapter) in book.chapters.enumerated() {
            chapters.append(collector.read(chapter, number: index + 1))
        }
        collector.checkReferences(book)

        let outcomes = LinkRunner.run(collector.jobs, options: options)
        var diagnostics = collector.diagnostics
        var hasInputErrors = !collector.diagnostics.isEmpty
        for (slot, outcome) in zip(collector.slots, outcomes) {
            guard case .derive(var derivation)? = chapters[slot.chapter].fences[slot.fence] else { continue }
            derivation.links[slot.link] = outcome.report
            chapters[slot.chapter].fences[slot.fence] = .derive(derivation)
            if let error = outcome.inputError {
                diagnostics.append(error)
                hasInputErrors = true
            } else if let diagnostic = VerdictDiagnostics.diagnostic(for: outcome.report, job: collector.jobs[slot.index]) {
                diagnostics.append(diagnostic)
            }
        }
        diagnostics = deduplicated(diagnostics).sorted { ($0.file, $0.position) < ($1.file, $1.position) }
        return CheckedBook(book: book, chapters: chapters, diagnostics: diagnostics, labels: collector.labels,
                           hasInputErrors: hasInputErrors)
    }

    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        return diagnostics.filter { seen.insert($0.description).inserted }
    }
}

private func < (a: (String, SourcePosition), b: (String, SourcePosition)) -> Bool {
    a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
}

/// Where a link's report goes back: chapter index, fence position, link index, job index.
struct LinkSlot {
    var chapter: Int
    var fence: SourcePosition
    var link: Int
    var index: Int
}

/// Walks chapters in order, parsing fences and prose math, and collects the links to check.
struct Collector {
    var diagnostics: [Diagnostic] = []
    var jobs: [LinkJob] = []
    var slots: [LinkSlot] = []
    var labels: [String: (number: String, chapter: Int)] = [:]
    private var labelPositions: [String: (String, SourcePosition)] = [:]

    mutating func read(_ chapter: Chapter, number: Int) -> CheckedChapter {
        var state = ChapterState(file: chapter.file, number: number)
        for block in chapter.blocks { visit(block, &state) }
        return CheckedChapter(chapter: chapter, number: number, math: state.math, fences: state.fences)
    }

    private struct ChapterState {
        var file: String
        var number: Int
        var scope = Scope()
        var math: [SourcePosition: Expr] = [:]
        var fences: [SourcePosition: CheckedFence] = [:]
        var derivations = 0
        /// The given and define blocks read so far, verbatim (what a link's cache key depends on).
        var scopeText = ""
    }

    private mutating func visit(_ block: Block, _ state: inout ChapterState) {
        switch block {
        case .heading(_, let inlines, _), .paragraph(let inlines, _):
            visit(inlines, &state)
        case .list(_, _, _, let items, _):
            for item in items { for inner in item { visit(inner, &state) } }
        case .blockQuote(let blocks, _):
            for inner in blocks { visit(inner, &state) }
        case .code, .html, .thematicBreak:
            break
        case .fenced(let fence):
            visit(fence, &state)
        }
    }

    private mutating func visit(_ inlines: [Inline], _ state: inout ChapterState) {
        for inline in inlines {
            switch inline {
            case .math(let source, _):
                do {
                    let expr = try MathParser.parseExpression(source, functions: state.scope.functionNames)
                    if let origin = source.lineOrigins.first { state.math[origin] = expr }
                } catch {
                    report(error, file: state.file)
                }
            case .emphasis(let inner), .strong(let inner), .link(_, _, let inner):
                visit(inner, &state)
            default:
                break
            }
        }
    }

    private mutating func visit(_ fence: FencedBlock, _ state: inout ChapterState) {
        let file = state.file
        if fence.kind != .derive { state.scopeText += fence.kind.rawValue + "\n" + fence.body.text + "\n" }
        switch fence.kind {
        case .given:
            do {
                let declarations = try MathParser.parseDeclarations(fence.body)
                let reader = DomainReader(file: file)
                for declaration in declarations {
                    do {
                        let domain = try reader.domain(of: declaration)
                        for name in declaration.names {
                            guard let key = NameKey.of(name) else {
                                throw Diagnostic.error(file, name.range.start, "cannot declare '\(LaTeXPrinter.latex(name))': not a name")
                            }
                            state.scope.declare(DeclaredSymbol(key: key, name: name, domain: domain, range: declaration.range))
                        }
                    } catch {
                        report(error, file: file)
                    }
                }
                state.fences[fence.position] = .given(declarations)
            } catch {
                report(error, file: file)
            }
        case .define:
            do {
                let definitions = try MathParser.parseDefinitions(fence.body, functions: state.scope.functionNames)
                for definition in definitions {
                    do { try state.scope.define(definition, file: file) } catch { report(error, file: file) }
                }
                state.fences[fence.position] = .define(definitions)
            } catch {
                report(error, file: file)
            }
        case .derive:
            state.derivations += 1
            let number = "\(state.number).\(state.derivations)"
            let label = fence.attributes.label
            if let label {
                if let previous = labelPositions[label] {
                    diagnostics.append(.error(file, fence.position, "the label '\(label)' is already used",
                                              details: ["first used at \(previous.0):\(previous.1)"]))
                } else {
                    labelPositions[label] = (file, fence.position)
                    labels[label] = (number, state.number)
                }
            }
            do {
                let chain = try MathParser.parseChain(fence.body, functions: state.scope.functionNames)
                var derivation = CheckedDerivation(label: label, number: number, chain: chain, links: [], attributes: fence.attributes)
                var left = chain.first
                let lines = fence.body.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (index, link) in chain.links.enumerated() {
                    var options = fence.attributes.options
                    for (key, value) in link.options { options[key] = value }
                    let sourceLines = zip(fence.body.lineOrigins, lines)
                        .filter { $0.0.line >= link.relationRange.start.line && $0.0.line <= max(link.rhs.range.end.line, link.relationRange.start.line) }
                        .map { $0.1 }
                    let job = LinkJob(file: file, label: label, number: number, step: index + 1, relation: link.relation,
                                      lhs: left, rhs: link.rhs, scope: state.scope, options: options,
                                      uncheckedReason: fence.attributes.uncheckedReason ?? link.options["unchecked"],
                                      justification: link.justification, position: link.relationRange.start,
                                      sourceLines: sourceLines, scopeText: state.scopeText)
                    slots.append(LinkSlot(chapter: state.number - 1, fence: fence.position, link: index, index: jobs.count))
                    jobs.append(job)
                    derivation.links.append(LinkChecker(job: job, options: CheckOptions()).report(.inconclusive, .none, points: 0, reason: "not checked yet"))
                    left = link.rhs
                }
                if chain.links.isEmpty {
                    diagnostics.append(.error(file, fence.position, "a derive block needs at least one relation (e0 = e1)"))
                }
                state.fences[fence.position] = .derive(derivation)
            } catch {
                report(error, file: file)
            }
        }
    }

    /// Every `\eqref{…}` and `[](#…)` must name a derivation of the book.
    mutating func checkReferences(_ book: Book) {
        func visit(_ inlines: [Inline], file: String) {
            for inline in inlines {
                switch inline {
                case .reference(let label, let position):
                    if labels[label] == nil {
                        let known = labels.keys.sorted().prefix(8).joined(separator: ", ")
                        var details = known.isEmpty ? [] : ["known labels: \(known)"]
                        if book.chapters.count == 1 {
                            details.append("this chapter was checked alone; a label of another chapter resolves when the whole folder is checked")
                        }
                        diagnostics.append(.error(file, position, "unresolved reference '\(label)'", details: details))
                    }
                case .emphasis(let inner), .strong(let inner), .link(_, _, let inner):
                    visit(inner, file: file)
                default:
                    break
                }
            }
        }
        func visit(_ block: Block, file: String) {
            switch block {
            case .heading(_, let inlines, _), .paragraph(let inlines, _): visit(inlines, file: file)
            case .list(_, _, _, let items, _): for item in items { for b in item { visit(b, file: file) } }
            case .blockQuote(let blocks, _): for b in blocks { visit(b, file: file) }
            default: break
            }
        }
        for chapter in book.chapters { for block in chapter.blocks { visit(block, file: chapter.file) } }
    }

    private mutating func report(_ error: Error, file: String) {
        if let diagnostic = error as? Diagnostic { diagnostics.append(diagnostic) }
        else if let list = error as? DiagnosticList { diagnostics += list.diagnostics }
        else if case EvaluationError.input(let diagnostic) = error { diagnostics.append(diagnostic) }
        else { diagnostics.append(.error(file, SourcePosition(line: 1, column: 1), "\(error)")) }
    }
}

/// Runs link checks on several threads; each link is independent and seeded by its own content.
enum LinkRunner {
    static func run(_ jobs: [LinkJob], options: CheckOptions) -> [LinkOutcome] {
        let results = ResultBox(count: jobs.count)
        let cache = LinkCache(directory: options.cacheDirectory)
        let workers = max(1, min(options.jobs > 0 ? options.jobs : ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        DeepStack.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < jobs.count {
                if let cached = cache?.lookup(jobs[index], options: options) {
                    results.set(index, LinkOutcome(report: cached, inputError: nil))
                } else {
                    let outcome = LinkChecker(job: jobs[index], options: options).run()
                    // Input errors and time-outs are not remembered: the first must be fixed, the second may pass.
                    if outcome.inputError == nil, outcome.report.reason?.contains("time budget") != true {
                        cache?.store(outcome.report, for: jobs[index], options: options)
                    }
                    results.set(index, outcome)
                }
                if let progress = options.progress { progress(results.finished(), jobs.count) }
                index += workers
            }
        }
        return results.values.map { $0! }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [LinkOutcome?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        private var done = 0
        func set(_ index: Int, _ outcome: LinkOutcome) {
            lock.lock()
            values[index] = outcome
            done += 1
            lock.unlock()
        }
        func finished() -> Int {
            lock.lock()
            defer { lock.unlock() }
            return done
        }
    }
}

/// Diagnostics for verdicts, in the form of DESIGN §4.
enum VerdictDiagnostics {
    static func diagnostic(for report: LinkReport, job: LinkJob) -> Diagnostic? {
        let relation = LaTeXPrinter.latex(report.relation)
        var details = job.sourceLines.map { "  " + $0.trimmingCharacters(in: .whitespaces) }
        switch report.verdict {
        case .verified:
            return nil
        case .unchecked:
            return Diagnostic(.note, file: job.file, at: report.position, "\(job.name) is unchecked: \(report.reason ?? "marked by the author")")
        case .inconclusive:
            return Diagnostic(.error, file: job.file, at: report.position, "\(job.name) is inconclusive: \(report.reason ?? "no reason given")", details: details)
        case .refuted:
            if let example = report.counterexample {
                let assignment = example.assignment.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
                let comparison = example.difference.isFinite
                    ? String(format: "|diff| = %.3g > tol %.3g", example.difference, example.tolerance)
                    : "the sides differ"
                details.append("at \(assignment.isEmpty ? "any point" : assignment):  left = \(example.left)  right = \(example.right)  \(comparison)")
                if let parting = example.partingAt {
                    details.append("the sides part at: \(parting)" + (example.hint.map { "   (\($0))" } ?? ""))
                } else if let hint = example.hint {
                    details.append(hint)
                }
            }
            let method = report.method == .exact ? " [exact]" : ""
            return Diagnostic(.error, file: job.file, at: report.position, "\(job.name) is refuted ('\(relation)' does not hold)\(method)", details: details)
        }
    }
}
