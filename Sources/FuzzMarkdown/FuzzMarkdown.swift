import Book
import FuzzSupport

/// Fuzz target for the Markdown front end: cmark, math protection, fences and their attributes,
/// references. A chapter that does not read is fine; a crash, a hang or a sanitizer report is not.
enum FuzzMarkdown {
    static func check(_ text: String) {
        guard let chapter = try? BookReader.parseChapter(text: text, file: "fuzz.md") else { return }
        for block in chapter.blocks { _ = "\(block)".count }
    }
}

@main
enum FuzzMarkdownMain {
    static func main() { FuzzInput.main(FuzzMarkdown.check) }
}
