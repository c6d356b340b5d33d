@testable import Book
import CCmark
import Foundation
import Pipeline
import Testing
@testable import Writers

/// One example of the CommonMark spec: its Markdown and its number.
struct SpecExample: CustomTestStringConvertible {
    var number: Int
    var section: String
    var markdown: String
    var testDescription: String { "example \(number) (\(section))" }
}

/// The examples of the CommonMark spec 0.30 (the version of Debian's libcmark; the file and its
/// CC-BY-SA 4.0 licence sit in `CommonMark/`), read as the spec's own test tools read them.
enum CommonMarkSpec {
    static let examples: [SpecExample] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CommonMark/spec-0.30.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var section = ""
        var markdown: [Substring] = []
        var state = 0  // 0: prose, 1: markdown, 2: expected html
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            switch state {
            case 0:
                if line.hasPrefix("#") { section = line.drop { $0 == "#" || $0 == " " }.description }
                if line == fence + " example" { state = 1; markdown = [] }
            case 1:
                if line == "." { state = 2 } else { markdown.append(line) }
            default:
                if line == fence {
                    let source = markdown.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                    examples.append(SpecExample(number: examples.count + 1, section: section, markdown: source))
                    state = 0
                }
            }
        }
        return examples
    }()

    /// The examples Derive must render as cmark does: those without a dollar (math is Derive's).
    static var dollarFree: [SpecExample] { examples.filter { !$0.markdown.contains("$") } }
}

/// cmark's own HTML for a text, with raw HTML kept (Derive passes it through, as `--unsafe` does).
private func cmarkHTML(_ markdown: String) -> String {
    let bytes = Array(markdown.utf8)
    guard let html = bytes.withUnsafeBufferPointer({ buffer in
        buffer.baseAddress.map { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                cmark_markdown_to_html($0, bytes.count, CMARK_OPT_UNSAFE)
            }
        } ?? nil
    }) else { return "" }
    defer { free(html) }
    return String(cString: html)
}

/// Line breaks between tags are layout, not content, for both renderers; inside `<pre>` every
/// character counts and nothing is touched.
private func normalised(_ html: String) -> String {
    var out = ""
    var rest = Substring(html)
    while let open = rest.range(of: "<pre") {
        out += squeeze(rest[..<open.lowerBound])
        guard let close = rest.range(of: "</pre>", range: open.lowerBound..<rest.endIndex) else {
            out += rest[open.lowerBound...]
            return out
        }
        out += rest[open.lowerBound..<close.upperBound]
        rest = rest[close.upperBound...]
    }
    return out + squeeze(rest)
}

private func squeeze(_ text: Substring) -> String {
    var result = text.replacingOccurrences(of: ">\n", with: ">").replacingOccurrences(of: "\n<", with: "<")
    result = result.replacingOccurrences(of: " />", with: "/>")
    return result.trimmingCharacters(in: .newlines)
}

@Suite struct CommonMarkSpecTests {
    @Test func theSpecIsThere() {
        #expect(CommonMarkSpec.examples.count == 652)
        #expect(CommonMarkSpec.dollarFree.count > 600)
    }

    @Test(arguments: CommonMarkSpec.dollarFree)
    func rendersAsCmarkDoes(_ example: SpecExample) throws {
        let (blocks, diagnostics) = MarkdownReader.read(text: example.markdown, file: "spec.md")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let book = CheckedBook(book: Book(title: "Spec", author: nil, chapters: []), chapters: [], diagnostics: [],
                               labels: [:], hasInputErrors: false)
        let ours = HTMLChapterRenderer.fragment(blocks, layout: BookLayout(book))
        #expect(normalised(ours) == normalised(cmarkHTML(example.markdown)), "markdown: \(example.markdown.debugDescription)")
    }
}
