// Benchmarks the checker and the writers and prints figures (make bench): a cold check of the
// book per method, the rebuild after editing one step through serve's incremental path, the emission of HTML and
// LaTeX, a growth series on the book repeated ×1, ×2, ×5, ×10, and 1,000 matrix steps at d = 8.
// Arguments: chapter paths (default chapters/); `--quick` skips the ×10 growth and the matrix steps;
// `--edit` prints only the edit figures; `--render` only the writers' figures (checked once, with a
// disk cache kept between runs, then each writer timed over several renders: a profiling driver).
import Book
import Checker
import Foundation
import Pipeline
import Preview
import Writers

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// CPU seconds of the whole process so far, all threads.
func processSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// CPU seconds of the calling thread so far: a figure that the machine's other load moves little.
func threadSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

func milliseconds(_ value: Double) -> String { String(format: "%.2f ms", 1000 * value) }

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Wall time, thread time, per-method counts with median and maximum, the slowest links.
func summarize(_ book: CheckedBook, label: String, wall: Double, slowest: Int = 10) {
    let links = book.links
    let thread = links.map(\.seconds).reduce(0, +)
    print(String(format: "%@: %d links, wall %.3f s, thread %.3f s, %.0f links/s; per link median %@, max %@", label,
                 links.count, wall, thread, Double(links.count) / max(wall, 1e-9),
                 milliseconds(median(links.map(\.seconds))), milliseconds(links.map(\.seconds).max() ?? 0)))
    let byMethod = Dictionary(grouping: links, by: \.method)
    for (method, group) in byMethod.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        let times = group.map(\.seconds)
        print(String(format: "  %-16@ %5d links  thread %8.3f s  median %@  max %@", method.rawValue, group.count,
                     times.reduce(0, +), milliseconds(median(times)), milliseconds(times.max() ?? 0)))
    }
    for link in links.sorted(by: { $0.seconds > $1.seconds }).prefix(slowest) {
        print(String(format: "  slow: %8.1f ms  %@:%d  %@ step %d (%@, %d points)", 1000 * link.seconds, link.file,
                     link.position.line, link.label ?? "", link.step, link.method.rawValue, link.points))
    }
    let verdicts = Dictionary(grouping: links, by: \.verdict).mapValues(\.count)
    print("  verdicts: " + verdicts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    for diagnostic in book.diagnostics where diagnostic.severity == .error {
        print("  " + diagnostic.description.replacingOccurrences(of: "\n", with: "\n  "))
    }
}

/// The book's chapters repeated `times` times, each copy with its own labels (so that they do not
/// clash) and its own content (so that each link has its own seed).
func repeated(_ book: Book, times: Int) throws -> Book {
    var chapters: [Chapter] = []
    for copy in 0..<times {
        for chapter in book.chapters {
            var text = try String(contentsOfFile: chapter.file, encoding: .utf8)
            if copy > 0 {
                for prefix in ["{#eq:", "\\eqref{eq:", "(#eq:"] {
                    text = text.replacingOccurrences(of: prefix, with: prefix.dropLast(3) + "eq:copy\(copy)-")
                }
                text += "\n<!-- copy \(copy) -->\n"
            }
            chapters.append(try BookReader.parseChapter(text: text, file: "copy\(copy)/" + chapter.file))
        }
    }
    return Book(title: book.title, author: book.author, chapters: chapters)
}

/// A chapter with `count` independent matrix identities at d = 8 (Woodbury, push-through, trace).
func matrixBook(count: Int, attributes: String = "") -> String {
    var text = "# Matrix steps\n\n```given\nd = 8, \\quad k = 3\nW \\in \\mathbb{R}^{d \\times k}\nP \\in \\mathbb{S}_{++}^{d}\nB \\in \\mathbb{R}^{k \\times d}\n\\sigma > 0\n```\n\n"
    for i in 0..<count {
        // Vary a coefficient so that each link has its own content (and seed).
        text += "```derive\(attributes)\n(P^{-1} + B^\\top B)^{-1} B^\\top \\cdot \(i + 1)\n  = P B^\\top (B P B^\\top + I)^{-1} \\cdot \(i + 1)\n```\n\n"
    }
    return text
}

/// The rebuild after an edit of one step, through the path `derive serve` takes (PreviewBuilder:
/// the session's memo of chapters and verdicts, then only the files the edit can change), with
/// each phase; then a section-title edit (every page), and `derive build` after the same edit.
/// The edited chapter is the first one, and then the largest (whose analysis costs the most).
func editOneStep(_ paths: [String], repeats: Int = 5) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("derive-bench-" + UUID().uuidString).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let chapters = folder + "/chapters", cache = folder + "/cache", output = folder + "/output"
    try FileManager.default.createDirectory(atPath: chapters, withIntermediateDirectories: true)
    for path in paths {
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let files = isFolder.boolValue ? try FileManager.default.contentsOfDirectory(atPath: path).map { path + "/" + $0 } : [path]
        for file in files where file.hasSuffix(".md") || file.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: file, toPath: chapters + "/" + (file as NSString).lastPathComponent)
        }
    }
    let options = CheckOptions(cacheDirectory: cache)
    var builder = PreviewBuilder(paths: [chapters], outputDirectory: output, options: options)
    let first = builder.rebuild()
    guard first.result.status == .success else {
        print("edit one step: the book did not build: " + (first.result.diagnostics.first?.description ?? "?"))
        return
    }
    print("serve, first build (cold verdicts): " + first.timing)
    // The edit: the first one-line `= …` link of the first chapter gets its side in parentheses
    // times one, once more on each repeat: a new tree, so a new cache key, that keeps it true.
    let names = try FileManager.default.contentsOfDirectory(atPath: chapters).filter { $0.hasSuffix(".md") }.sorted()
    let sizes = try names.map { try FileManager.default.attributesOfItem(atPath: chapters + "/" + $0)[.size] as? Int ?? 0 }
    guard let firstName = names.first, let largest = zip(names, sizes).max(by: { $0.1 < $1.1 })?.0 else { return }
    for name in firstName == largest ? [firstName] : [firstName, largest] {
        try editOneStep(of: name, in: chapters, builder: &builder, repeats: repeats)
    }
    // `derive build` after the same edits, for comparison: everything read, checked (from the disk cache) and written.
    var built: BuildResult? = nil
    let whole = seconds { built = BookBuilder.build(paths: [chapters], outputDirectory: output + "-build", options: options) }
    print("derive build after the edits (disk cache warm, every file rendered and written): \(milliseconds(whole))"
          + (built?.status == .success ? "" : " (did not build)"))
    // What serve left on disk after all those rebuilds must be what `derive build` writes.
    let differing = differences(output, output + "-build")
    print("serve's folder after the edits against derive build's: "
          + (differing.isEmpty ? "byte for byte the same" : "\(differing.count) files differ: " + differing.prefix(8).joined(separator: " ")))
}

/// The relative paths of files that differ between two folders or are in only one.
func differences(_ a: String, _ b: String) -> [String] {
    func files(_ root: String) -> [String: Data] {
        var found: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return found }
        for case let path as String in walker {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { found[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return found
    }
    let left = files(a), right = files(b)
    return Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.sorted()
}

/// Edits one step of the chapter `name` `repeats` times and prints serve's rebuild, phase by phase.
func editOneStep(of name: String, in chapters: String, builder: inout PreviewBuilder, repeats: Int) throws {
    let file = chapters + "/" + name
    let original = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    var target: Int? = nil
    var inDerive = false
    for index in original.indices where target == nil {
        if original[index].hasPrefix("```derive") { inDerive = true; continue }
        if inDerive && original[index].hasPrefix("```") { inDerive = false }
        // A one-line link: the next line starts another relation or ends the fence.
        let next = index + 1 < original.count ? original[index + 1].trimmingCharacters(in: .whitespaces) : "```"
        let oneLine = next.hasPrefix("```") || ["=", "\\le", "\\ge", "<", ">", "\\propto", "\\approx"].contains { next.hasPrefix($0) }
        if inDerive, oneLine, !original[index].contains("\\text{const}"), !original[index].contains("\\\\"),
           original[index].trimmingCharacters(in: .whitespaces).hasPrefix("= ") {
            target = index
        }
    }
    guard let target else { print("edit one step: no one-line link in \(name)"); return }
    var outcomes: [PreviewBuilder.Outcome] = []
    var cpu: [Double] = []
    for repeatIndex in 1...repeats {
        var lines = original
        let parts = lines[target].components(separatedBy: "%")
        let side = parts[0].trimmingCharacters(in: .whitespaces).dropFirst(2)
        lines[target] = "  = \\left(" + side + "\\right)" + String(repeating: " \\cdot 1", count: repeatIndex)
            + (parts.count > 1 ? "   %" + parts.dropFirst().joined(separator: "%") : "")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let cpuStart = processSeconds()
        let outcome = builder.rebuild()
        cpu.append(processSeconds() - cpuStart)
        guard outcome.result.status == .success else {
            print("edit one step: the edited book did not build: " + (outcome.result.diagnostics.first?.description ?? "?"))
            return
        }
        outcomes.append(outcome)
    }
    func total(_ o: PreviewBuilder.Outcome) -> Double { o.readSeconds + o.checkSeconds + o.renderSeconds + o.writeSeconds }
    let typical = outcomes.sorted { total($0) < total($1) }[outcomes.count / 2]
    print(String(format: "edit one step of %@ (%d links in the book), serve's path, median of %d edits: save to written output %@ (min %@, max %@)",
                 name, typical.result.book?.links.count ?? 0, repeats, milliseconds(total(typical)),
                 milliseconds(outcomes.map(total).min() ?? 0), milliseconds(outcomes.map(total).max() ?? 0)))
    print("  read \(milliseconds(typical.readSeconds)), check \(milliseconds(typical.checkSeconds)) (\(typical.chaptersAnalysed) chapter analysed, "
          + "\(typical.linksNotFromMemory) of its \(typical.linksSettled) links not from memory), render \(milliseconds(typical.renderSeconds)) ("
          + typical.renderSecondsByWriter.map { "\($0.writer) \(milliseconds($0.seconds))" }.joined(separator: ", ")
          + "), write \(milliseconds(typical.writeSeconds)); pages on disk after \(milliseconds(typical.pageSeconds))")
    print("  \(typical.filesRendered) files rendered, \(typical.filesWritten) written: " + typical.pathsWritten.joined(separator: " "))
    print("  CPU time of the rebuild (all threads, independent of the machine's load): median \(milliseconds(median(cpu)))")
    if let book = typical.result.book {
        let bookWide = try seconds { _ = try HTMLWriter().files(for: book, after: BookChanges(everything: false, chapters: [0])) }
        let page = try seconds { _ = try HTMLWriter().files(for: book, after: BookChanges(everything: false, chapters: [1])) }
        print("  of HTML: the pages made from the whole book (contents, map, index, search data, audit) \(milliseconds(bookWide)), "
              + "with chapter 1's page \(milliseconds(page))")
    }
    let unchanged = builder.rebuild()
    print("  a save that changes nothing: \(milliseconds(total(unchanged))) (\(unchanged.filesRendered) files rendered, \(unchanged.filesWritten) written)")

    // A section title: every page's sidebar and the search index name it, so every page is rendered.
    var retitled = original
    if let heading = retitled.firstIndex(where: { $0.hasPrefix("## ") }) {
        retitled[heading] += " (retitled)"
        try retitled.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = builder.rebuild()
        print("  edit a section title of \(name): \(milliseconds(total(outcome))): read \(milliseconds(outcome.readSeconds)), "
              + "check \(milliseconds(outcome.checkSeconds)), render \(milliseconds(outcome.renderSeconds)), write \(milliseconds(outcome.writeSeconds)) "
              + "(\(outcome.filesRendered) files rendered, \(outcome.filesWritten) written)")
    }
    // Back as it was, so that the next chapter's edit starts from the book as given.
    try original.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    _ = builder.rebuild()
}

/// The writers alone on the checked book, `repeats` times each: every file, then the files after
/// an edit of chapter 1's text, then after an edit of the last chapter's. The same writers render
/// throughout, as serve keeps them, so the last two reuse what a writer kept from the chapters the
/// edit did not touch.
func renderOnly(_ paths: [String], repeats: Int = 10) throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("derive-bench-render-cache").path
    let result = BookCheck.check(paths: paths, options: CheckOptions(cacheDirectory: cache))
    guard let book = result.book else { print("render: the book did not build"); return }
    let last = book.chapters.last?.number ?? 1
    let writers: [any BookWriter] = BookBuilder.standardWriters
    for (changes, label) in [(BookChanges.all, "every file"), (BookChanges(everything: false, chapters: [1]), "after an edit of chapter 1"),
                             (BookChanges(everything: false, chapters: [last]), "after an edit of chapter \(last)")] {
        var figures: [String] = []
        for writer in writers {
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = threadSeconds()
                _ = try writer.files(for: book, after: changes)
                times.append(threadSeconds() - start)
            }
            figures.append("\(type(of: writer)) \(milliseconds(median(times)))")
        }
        print("render, \(label) (this thread's CPU time, median of \(repeats)): " + figures.joined(separator: ", "))
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let editOnly = arguments.contains("--edit")
let renderOnlyFlag = arguments.contains("--render")
let given = arguments.filter { $0 != "--quick" && $0 != "--edit" && $0 != "--render" }
let paths = given.isEmpty ? ["chapters"] : given
if editOnly {
    do { try editOneStep(paths) } catch { print("could not read \(paths): \(error)") }
    exit(0)
}
if renderOnlyFlag {
    do { try renderOnly(paths) } catch { print("could not read \(paths): \(error)") }
    exit(0)
}
do {
    var book: Book? = nil
    let readTime = try seconds { book = try BookReader.read(paths: paths) }
    print(String(format: "read %@ in %.3f s", paths.joined(separator: " "), readTime))
    guard let book else { exit(1) }
    // Cold verdicts throughout; the second all-cores run orders its links by the first one's timings.
    let timings = FileManager.default.temporaryDirectory.appendingPathComponent("derive-bench-timings-" + UUID().uuidString).path
    defer { try? FileManager.default.removeItem(atPath: timings) }
    for (jobs, label) in [(0, "all cores, no timings"), (0, "all cores, ordered by the previous run's timings"), (1, "1 thread")] {
        var checked: CheckedBook? = nil
        let options = CheckOptions(jobs: jobs, timingsDirectory: jobs == 0 ? timings : nil)
        let wall = seconds { checked = BookAnalyzer.analyze(book, options: options) }
        summarize(checked!, label: "cold check, " + label, wall: wall, slowest: jobs == 1 ? 10 : 0)
        if jobs == 1 {
            let html = try seconds { _ = try HTMLWriter().files(for: checked!) }
            let latex = try seconds { _ = try LaTeXWriter().files(for: checked!) }
            let audit = try seconds { _ = try AuditWriter().files(for: checked!) }
            print("emission: HTML \(milliseconds(html)), LaTeX \(milliseconds(latex)), audit.json \(milliseconds(audit))")
        }
    }
    try editOneStep(paths)
    print("growth (the book repeated, all cores; time per link should stay flat):")
    for times in quick ? [1, 2, 5] : [1, 2, 5, 10] {
        let big = try repeated(book, times: times)
        var checked: CheckedBook? = nil
        let wall = seconds { checked = BookAnalyzer.analyze(big, options: CheckOptions()) }
        let links = checked!.links.count
        print(String(format: "  ×%-2d %5d links  wall %7.2f s  %@ per link", times, links, wall, milliseconds(wall / Double(max(links, 1)))))
    }
} catch {
    print("could not read \(paths): \(error)")
}
if given.isEmpty && !quick {
    for (attributes, label) in [("", "1,000 matrix steps at d = 8, exact"), (" {method=float}", "1,000 matrix steps at d = 8, float")] {
        let chapter = try BookReader.parseChapter(text: matrixBook(count: 1000, attributes: attributes), file: "matrix-steps.md")
        var checked: CheckedBook? = nil
        let wall = seconds { checked = BookAnalyzer.analyze(Book(title: "bench", author: nil, chapters: [chapter]), options: CheckOptions()) }
        summarize(checked!, label: label, wall: wall, slowest: 0)
    }
}
