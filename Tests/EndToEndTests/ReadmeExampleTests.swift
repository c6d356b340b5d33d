import Book
import Checker
import Pipeline
import Foundation
import Testing

/// The minimal chapter that the README shows must itself check, so the front door never lies.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeChapterIsVerified() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "````markdown\n"))
        let end = try #require(readme.range(of: "````", range: start.upperBound..<readme.endIndex))
        let chapter = try BookReader.parseChapter(text: String(readme[start.upperBound..<end.lowerBound]), file: "README.md")
        let book = BookAnalyzer.analyze(Book(title: "README", author: nil, chapters: [chapter]), options: CheckOptions(jobs: 1))
        #expect(!book.hasInputErrors, "\(book.diagnostics.map(\.description))")
        #expect(!book.links.isEmpty)
        #expect(book.links.allSatisfy { $0.verdict == .verified })
    }
}
