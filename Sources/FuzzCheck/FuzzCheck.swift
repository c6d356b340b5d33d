import Book
import Checker
import FuzzSupport
import Pipeline
import Writers

/// Fuzz target for a whole check of a one-chapter book: read, check every link on one thread with a
/// small time budget, and render the HTML and LaTeX in memory. Errors and refuted links are fine;
/// a crash, a hang or a sanitizer report is not.
enum FuzzCheck {
    static func check(_ text: String) {
        guard let chapter = try? BookReader.parseChapter(text: text, file: "fuzz.md") else { return }
        let book = Book(title: chapter.title, author: nil, chapters: [chapter])
        let checked = BookAnalyzer.analyze(book, options: CheckOptions(jobs: 1, cacheDirectory: nil, timeBudgetPerLink: 0.2))
        _ = try? HTMLWriter(mathFont: nil).files(for: checked)
        _ = try? LaTeXWriter().files(for: checked)
    }
}

@main
enum FuzzCheckMain {
    static func main() { FuzzInput.main(FuzzCheck.check) }
}
