import Book
import Checker
import Pipeline
import Diagnostics
import Testing

/// Checks a one-chapter book given as Markdown text and returns what the checker said. The time
/// budget is generous: these tests judge verdicts, and a debug build under a parallel test run is
/// many times slower than the release build the budget is set for.
func checkChapter(_ markdown: String, file: String = "test.md") throws -> CheckedBook {
    let chapter = try BookReader.parseChapter(text: markdown, file: file)
    return BookAnalyzer.analyze(Book(title: "Test", author: nil, chapters: [chapter]),
                                options: CheckOptions(jobs: 1, timeBudgetPerLink: 120))
}

/// A chapter with one given block, an optional define block and one derive block.
func chapter(given: String, define: String = "", derive: String, attributes: String = "") -> String {
    var text = "# Test\n\n```given\n\(given)\n```\n\n"
    if !define.isEmpty { text += "```define\n\(define)\n```\n\n" }
    text += "```derive\(attributes.isEmpty ? "" : " {\(attributes)}")\n\(derive)\n```\n"
    return text
}

/// The verdicts of every link of a chapter, in order.
func verdicts(given: String, define: String = "", derive: String, attributes: String = "") throws -> [Verdict] {
    try checkChapter(chapter(given: given, define: define, derive: derive, attributes: attributes)).links.map(\.verdict)
}

/// A true identity and its wrong twin, side by side.
struct Twin {
    var name: String
    var given: String
    var define: String = ""
    var right: String
    var wrong: String
    var attributes: String = ""
}

/// The true identity of a twin must be verified and its wrong twin refuted.
func expectRightVerifiedAndWrongRefuted(_ twin: Twin) throws {
    let right = try verdicts(given: twin.given, define: twin.define, derive: twin.right, attributes: twin.attributes)
    #expect(right == [.verified], "\(twin.name): the true identity should be verified")
    let wrong = try verdicts(given: twin.given, define: twin.define, derive: twin.wrong, attributes: twin.attributes)
    #expect(wrong == [.refuted], "\(twin.name): the wrong twin should be refuted")
}
