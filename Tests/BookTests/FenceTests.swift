@testable import Book
import Diagnostics
import Testing

/// `given`, `define` and `derive` fences (DESIGN.md §1.2): kinds, bodies with positions, attributes.
struct FenceTests {
    private func fences(_ body: String) throws -> [FencedBlock] {
        try chapter(body).blocks.compactMap { block in
            if case let .fenced(fence) = block { return fence }
            return nil
        }
    }

    @Test func derivesKindsAndOrdinaryCode() throws {
        let chapter = try chapter("```given\nx \\in \\mathbb{R}\n```\n\n```define\nf(x) = x^2\n```\n\n"
                                  + "```derive\nf(x) = x x\n```\n\n```python {#eq:not-ours}\nprint(1)\n```\n")
        let kinds = chapter.blocks.compactMap { block -> FenceKind? in
            if case let .fenced(fence) = block { return fence.kind }
            return nil
        }
        #expect(kinds == [.given, .define, .derive])
        guard case let .code(info, text, position)? = chapter.blocks.last else {
            Issue.record("expected ordinary code"); return
        }
        #expect(info == "python {#eq:not-ours}")
        #expect(text == "print(1)\n")
        #expect(position == SourcePosition(line: 15, column: 1))
    }

    @Test func bodyLinesMapToFileLines() throws {
        let fence = try #require(try fences("Text.\n\n```derive\nC^{-1}\n  = (\\sigma^2 I)^{-1}\n```\n").first)
        #expect(fence.position == SourcePosition(line: 5, column: 1))
        #expect(fence.body.text == "C^{-1}\n  = (\\sigma^2 I)^{-1}")
        #expect(fence.body.lineOrigins == [SourcePosition(line: 6, column: 1), SourcePosition(line: 7, column: 1)])
        // The `=` of the second line.
        #expect(fence.body.position(line: 1, column: 2) == SourcePosition(line: 7, column: 3))
    }

    @Test func indentedFenceBodyStartsAfterItsIndentation() throws {
        let chapter = try chapter("- item\n\n  ```derive\n  a\n   = b\n  ```\n")
        guard case let .list(_, _, _, items, _)? = chapter.blocks.last,
              case let .fenced(fence)? = items.first?.last else {
            Issue.record("expected a fence in a list item"); return
        }
        #expect(fence.position == SourcePosition(line: 5, column: 3))
        #expect(fence.body.text == "a\n = b")
        #expect(fence.body.lineOrigins == [SourcePosition(line: 6, column: 3), SourcePosition(line: 7, column: 3)])
        #expect(fence.body.position(line: 1, column: 1) == SourcePosition(line: 7, column: 4))
    }

    @Test func fenceInsideABlockQuote() throws {
        let chapter = try chapter("> ```given\n> x > 0\n> ```\n")
        guard case let .blockQuote(blocks, _)? = chapter.blocks.last,
              case let .fenced(fence)? = blocks.first else {
            Issue.record("expected a fence in a block quote"); return
        }
        #expect(fence.body.text == "x > 0")
        #expect(fence.body.lineOrigins == [SourcePosition(line: 4, column: 3)])
    }

    @Test func labelOptionsAndUncheckedReason() throws {
        let fence = try #require(try fences(
            "```derive {#eq:elbo samples=64 tol=1e-9 wrt=z unchecked=\"needs a \\\"limit\\\"\"}\na = a\n```\n").first)
        #expect(fence.attributes.label == "eq:elbo")
        #expect(fence.attributes.options == ["samples": "64", "tol": "1e-9", "wrt": "z"])
        #expect(fence.attributes.uncheckedReason == "needs a \"limit\"")
    }

    @Test func quotedOptionValueKeepsItsSpaces() throws {
        let fence = try #require(try fences("```derive {wrt=\"z, w\" #eq:x}\na = a\n```\n").first)
        #expect(fence.attributes == BlockAttributes(label: "eq:x", options: ["wrt": "z, w"]))
    }

    @Test func attributesWithoutSpaceAfterTheKind() throws {
        let fence = try #require(try fences("```derive{#eq:tight}\na = a\n```\n").first)
        #expect(fence.kind == .derive)
        #expect(fence.attributes.label == "eq:tight")
    }

    @Test func noAttributesGiveDefaults() throws {
        let fence = try #require(try fences("```define\nf = 1\n```\n").first)
        #expect(fence.attributes == BlockAttributes())
    }

    @Test func malformedAttributesAreLocated() {
        let cases: [(String, Int, String)] = [
            ("```derive {#eq:a\n", 11, "never closed"),
            ("```derive #eq:a\n", 11, "expected '{"),
            ("```derive {#eq:a samples}\n", 18, "is not 'key=value'"),
            ("```derive {tols=3}\n", 12, "unknown key 'tols'"),
            ("```derive {unchecked}\n", 12, "needs a reason"),
            ("```derive {unchecked=\"\"}\n", 22, "has no value"),
            ("```derive {#}\n", 12, "must be followed by a label"),
            ("```derive {#a #b}\n", 15, "a second label"),
            ("```derive {method=\"x}\n", 19, "never closed"),
            ("```derive {.class}\n", 12, "unexpected '.class'"),
            ("```derive {seed=1 seed=2}\n", 19, "given twice"),
            ("```derive {#eq:a} trailing\n", 19, "unexpected text after '}'"),
        ]
        for (fenceLine, column, fragment) in cases {
            let problems = diagnostics("# T\n\n" + fenceLine + "a = a\n```\n")
            #expect(problems.count == 1, "\(fenceLine): \(problems)")
            #expect(problems.first?.position == SourcePosition(line: 3, column: column), "\(fenceLine)")
            #expect(problems.first?.message.contains(fragment) == true, "\(fenceLine): \(problems)")
        }
    }

    @Test func unclosedDeriveFenceIsAnError() {
        let problems = diagnostics("# T\n\n```derive\na = a\n\nMore prose.\n")
        #expect(problems.count == 1)
        #expect(problems.first?.position == SourcePosition(line: 3, column: 1))
        #expect(problems.first?.message.contains("never closed") == true)
    }

    @Test func longerFenceHoldsShorterOne() throws {
        let fence = try #require(try fences("````derive\na\n```\nb\n````\n").first)
        #expect(fence.body.text == "a\n```\nb")
    }
}
