// Benchmarks the checker: times `BookAnalyzer.analyze` on chapter files (default: chapters/) and on a
// generated book of 1,000 matrix steps at d = 8, and prints figures per check method.
import Book
import Checker
import Pipeline
import Foundation

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

func summarize(_ book: CheckedBook, label: String, elapsed: Double) {
    let links = book.links
    print(String(format: "%@: %d links in %.3f s (%.2f ms per link)", label, links.count, elapsed, 1000 * elapsed / Double(max(links.count, 1))))
    let byMethod = Dictionary(grouping: links, by: \.method)
    for (method, group) in byMethod.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        let total = group.map(\.seconds).reduce(0, +)
        print(String(format: "  %-16@ %5d links, %8.3f ms per link (thread time)", method.rawValue, group.count, 1000 * total / Double(group.count)))
    }
    for link in links.sorted(by: { $0.seconds > $1.seconds }).prefix(5) where link.seconds > 0.05 {
        print(String(format: "  slow: %7.1f ms  %@:%d (%@, %d points)", 1000 * link.seconds, link.file, link.position.line, link.method.rawValue, link.points))
    }
    let verdicts = Dictionary(grouping: links, by: \.verdict).mapValues(\.count)
    print("  verdicts: " + verdicts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    for diagnostic in book.diagnostics where diagnostic.severity == .error { print("  " + diagnostic.description.replacingOccurrences(of: "\n", with: "\n  ")) }
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

let arguments = Array(CommandLine.arguments.dropFirst())
let paths = arguments.isEmpty ? ["chapters"] : arguments
do {
    var book: Book? = nil
    let readTime = try seconds { book = try BookReader.read(paths: paths) }
    print(String(format: "read %@ in %.3f s", paths.joined(separator: " "), readTime))
    if let book {
        for jobs in [1, 0] {
            var checked: CheckedBook? = nil
            let elapsed = seconds { checked = BookAnalyzer.analyze(book, options: CheckOptions(jobs: jobs)) }
            summarize(checked!, label: "book, jobs=\(jobs == 0 ? "all cores" : "1")", elapsed: elapsed)
        }
    }
} catch {
    print("could not read \(paths): \(error)")
}
if arguments.isEmpty {
    for (attributes, label) in [("", "1,000 matrix steps at d = 8, exact"), (" {method=float}", "1,000 matrix steps at d = 8, float")] {
        let chapter = try BookReader.parseChapter(text: matrixBook(count: 1000, attributes: attributes), file: "matrix-steps.md")
        var checked: CheckedBook? = nil
        let elapsed = seconds { checked = BookAnalyzer.analyze(Book(title: "bench", author: nil, chapters: [chapter]), options: CheckOptions()) }
        summarize(checked!, label: label, elapsed: elapsed)
    }
}
