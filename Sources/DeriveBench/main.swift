// Benchmarks the checker and the writers and prints figures (make bench): a cold check of the
// book per method, the re-check and re-render after editing one step, the emission of HTML and
// LaTeX, a growth series on the book repeated ×1, ×2, ×5, ×10, and 1,000 matrix steps at d = 8.
// Arguments: chapter paths (default chapters/); `--quick` skips the ×10 growth and the matrix steps.
import Book
import Checker
import Foundation
import Pipeline
import Writers

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
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

/// The re-check after an edit of one step, with the cache warm from the run before: the whole
/// pipeline a save triggers (read, check, render), and each part of it.
func editOneStep(_ paths: [String]) throws {
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
    _ = BookBuilder.build(paths: [chapters], outputDirectory: output, options: options)
    // The edit: the first one-line `= …` link of the first chapter gets its side in parentheses, a
    // change of its content (so of its cache key) that keeps it true.
    let names = try FileManager.default.contentsOfDirectory(atPath: chapters).filter { $0.hasSuffix(".md") }.sorted()
    guard let name = names.first else { return }
    let file = chapters + "/" + name
    var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    var inDerive = false
    for index in lines.indices {
        if lines[index].hasPrefix("```derive") { inDerive = true; continue }
        if inDerive && lines[index].hasPrefix("```") { inDerive = false }
        // A one-line link: the next line starts another relation or ends the fence.
        let next = index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : "```"
        let oneLine = next.hasPrefix("```") || ["=", "\\le", "\\ge", "<", ">", "\\propto", "\\approx"].contains { next.hasPrefix($0) }
        if inDerive, oneLine, !lines[index].contains("\\text{const}"), !lines[index].contains("\\\\"),
           lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("= ") {
            let parts = lines[index].components(separatedBy: "%")
            let side = parts[0].trimmingCharacters(in: .whitespaces).dropFirst(2)
            lines[index] = "  = \\left(" + side + "\\right)" + (parts.count > 1 ? "   %" + parts.dropFirst().joined(separator: "%") : "")
            break
        }
    }
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    // Save to written output: read, check (the edited link afresh, the rest from the cache), write.
    var built: BuildResult? = nil
    let whole = seconds { built = BookBuilder.build(paths: [chapters], outputDirectory: output, options: options) }
    guard built?.status == .success, let checked = built?.book else {
        print("edit one step: the edited book did not build: " + (built?.diagnostics.first?.description ?? "?"))
        return
    }
    let check = seconds { _ = BookCheck.check(paths: [chapters], options: options) }
    let render = try seconds { try BookBuilder.write(checked, to: output, writers: BookBuilder.standardWriters) }
    print(String(format: "edit one step of %@ (%d links in the book): save to written output %@; of which, nothing changed: read + check %@, write HTML + LaTeX + audit %@",
                 name, checked.links.count, milliseconds(whole), milliseconds(check), milliseconds(render)))
}

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let given = arguments.filter { $0 != "--quick" }
let paths = given.isEmpty ? ["chapters"] : given
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
