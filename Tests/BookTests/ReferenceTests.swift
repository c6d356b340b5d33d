@testable import Book
import Diagnostics
import Testing

/// Cross-references in prose: `\eqref{eq:label}` and `[](#eq:label)`.
struct ReferenceTests {
    private func references(_ inlines: [Inline]) -> [(String, SourcePosition)] {
        inlines.flatMap { inline -> [(String, SourcePosition)] in
            switch inline {
            case let .reference(label, position): return [(label, position)]
            case let .emphasis(children), let .strong(children), let .link(_, _, children):
                return references(children)
            default: return []
            }
        }
    }

    @Test func eqrefInProseIsAReference() throws {
        let inlines = try paragraph("By \\eqref{eq:elbo}, the bound holds.")
        #expect(sketch(inlines) == "By @eq:elbo, the bound holds.")
        let found = references(inlines)
        #expect(found.count == 1)
        #expect(found.first?.0 == "eq:elbo")
        #expect(found.first?.1 == SourcePosition(line: 3, column: 4))
    }

    @Test func emptyLinkToALabelIsAReference() throws {
        let inlines = try paragraph("See [](#eq:ppca-woodbury) and *also [](#eq:b)*.")
        #expect(sketch(inlines) == "See @eq:ppca-woodbury and _also @eq:b_.")
        let found = references(inlines)
        #expect(found.map(\.0) == ["eq:ppca-woodbury", "eq:b"])
        #expect(found.first?.1 == SourcePosition(line: 3, column: 5))
        #expect(found.last?.1 == SourcePosition(line: 3, column: 37))
    }

    @Test func linkWithTextStaysALink() throws {
        let inlines = try paragraph("[the bound](#eq:elbo)")
        #expect(sketch(inlines) == "[the bound](#eq:elbo)")
        #expect(references(inlines).isEmpty)
    }

    @Test func eqrefInsideMathOrCodeIsNotAProseReference() throws {
        let inlines = try paragraph("$\\eqref{eq:a}$ and `\\eqref{eq:b}`")
        #expect(references(inlines).isEmpty)
        #expect(sketch(inlines) == "⟨\\eqref{eq:a}⟩ and `\\eqref{eq:b}`")
    }

    @Test func referenceOnALaterLineOfAParagraph() throws {
        let inlines = try paragraph("First line\n  then \\eqref{eq:x}.")
        #expect(references(inlines).first?.1 == SourcePosition(line: 4, column: 8))
    }
}
