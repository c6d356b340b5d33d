@testable import Book
import Diagnostics
import Testing

/// The `plot` fence's settings: names that may be LaTeX, values kept as text with their columns.
struct PlotFenceTests {
    @Test func settingsKeepTheirOrderAndPositions() throws {
        let chapter = try chapter("```plot {\\sigma_{0}=0.1..2 x=1 caption=\"A $\\mu$ caption\"}\n\\sigma_{0} x\n```\n")
        guard case .fenced(let fence)? = chapter.blocks.last else { Issue.record("expected a fence"); return }
        #expect(fence.kind == .plot)
        #expect(fence.attributes.settings.map(\.key) == ["\\sigma_{0}", "x", "caption"])
        #expect(fence.attributes.settings.map(\.value) == ["0.1..2", "1", "A $\\mu$ caption"])
        #expect(fence.attributes.settings[0].keyPosition == SourcePosition(line: 3, column: 10))
        #expect(fence.attributes.settings[0].valuePosition == SourcePosition(line: 3, column: 21))
        #expect(fence.attributes.options.isEmpty)
    }

    @Test func aRepeatedSettingIsAnError() throws {
        #expect(throws: DiagnosticList.self) { try chapter("```plot {x=0..1 x=2}\nx\n```\n") }
    }
}
