@testable import Book
import Diagnostics
import Testing

/// Collects what a walk hands out, to see its order, its ordinals and its contexts.
private struct Recorder: ChapterScanner {
    var events: [String] = []
    mutating func fence(_ fence: FencedBlock, ordinal: Int) { events.append("fence \(ordinal) \(fence.kind.rawValue)") }
    mutating func math(_ source: SourceText, display: Bool, ordinal: Int) { events.append("math \(ordinal) \(source.text)") }
    mutating func reference(label: String, position: SourcePosition) { events.append("ref \(label)") }
    mutating func paragraph(_ rendered: Void, context: BlockContext) {
        events.append("paragraph tight=\(context.tight) ordered=\(context.orderedListDepth)")
    }
}

/// Renders plain text only, to see that children arrive rendered and joined in order.
private struct PlainRenderer: ChapterVisitor {
    func heading(level: Int, content: [Inline], rendered: String, position: SourcePosition) -> String { "H\(level):" + rendered }
    func paragraph(_ rendered: String, context: BlockContext) -> String { "P:" + rendered }
    func list(ordered: Bool, start: Int, tight: Bool, items: [String], context: BlockContext) -> String {
        (ordered ? "OL" : "UL") + "[" + items.joined(separator: "|") + "]"
    }
    func blockQuote(_ rendered: String) -> String { "Q[" + rendered + "]" }
    func code(info: String, text: String) -> String { "CODE" }
    func html(block raw: String) -> String { "HTML" }
    func thematicBreak() -> String { "HR" }
    func fence(_ fence: FencedBlock, ordinal: Int) -> String { "F\(ordinal)" }
    func blocks(_ rendered: [String]) -> String { rendered.joined(separator: " ") }
    func text(_ text: String) -> String { text }
    func code(inline text: String) -> String { "`" + text + "`" }
    func emphasis(_ rendered: String) -> String { "*" + rendered + "*" }
    func strong(_ rendered: String) -> String { "**" + rendered + "**" }
    func link(destination: String, title: String, _ rendered: String) -> String { "[" + rendered + "]" }
    func image(source: String, title: String, alt: [Inline]) -> String { "IMG" }
    func softBreak() -> String { " " }
    func lineBreak() -> String { "/" }
    func html(inline raw: String) -> String { raw }
    func math(_ source: SourceText, display: Bool, ordinal: Int) -> String { "M\(ordinal)" }
    func reference(label: String, position: SourcePosition) -> String { "R(" + label + ")" }
    func inlines(_ rendered: [String]) -> String { rendered.joined() }
}

@Suite struct ChapterWalkTests {
    static let text = """
    # Walk

    Top $a$ and *$b$*.

    > ```derive
    > x = x
    > ```
    >
    > 1. in a list $c$, see \\eqref{eq:one}
    >
    >    ```given
    >    x \\in \\mathbb{R}
    >    ```

    - tight $d$
    - items

    """

    @Test func nestedFencesAndMathAreNumberedInDocumentOrder() throws {
        let chapter = try chapter(String(Self.text.drop { $0 != "\n" }.dropFirst(2)))
        var recorder = Recorder()
        ChapterWalk.walk(chapter.blocks, with: &recorder)
        #expect(recorder.events == [
            "math 0 a", "math 1 b", "paragraph tight=false ordered=0",
            "fence 0 derive",
            "math 2 c", "ref eq:one", "paragraph tight=false ordered=1", "fence 1 given",
            "math 3 d", "paragraph tight=true ordered=0", "paragraph tight=true ordered=0",
        ])
    }

    @Test func childrenArriveRenderedAndJoined() throws {
        let chapter = try chapter("Top $a$ and *$b$*.\n\n> quoted\n\n1. one\n2. two\n")
        var renderer = PlainRenderer()
        #expect(ChapterWalk.walk(chapter.blocks, with: &renderer) == "H1:Title P:Top M0 and *M1*. Q[P:quoted] OL[P:one|P:two]")
    }
}
