@testable import Book
import Diagnostics
import Testing

/// Prose math (DESIGN.md §1.1): what cmark must not touch, and what stays prose.
struct MathProtectionTests {
    @Test func asterisksInsideMathAreNotEmphasis() throws {
        let inlines = try paragraph("Take $a*b*c$ now.")
        #expect(sketch(inlines) == "Take ⟨a*b*c⟩ now.")
    }

    @Test func underscoresInsideTwoSpansAreNotEmphasis() throws {
        let inlines = try paragraph(#"$\mathbf{x}_{1}$ and $\hat{y}_{2}$"#)
        #expect(sketch(inlines) == #"⟨\mathbf{x}_{1}⟩ and ⟨\hat{y}_{2}⟩"#)
    }

    @Test func backslashEscapesSurviveInsideMath() throws {
        let inlines = try paragraph(##"$\{ \, \\ \#$"##)
        #expect(sketch(inlines) == ##"⟨\{ \, \\ \#⟩"##)
    }

    @Test func bracketsAndParenthesesInsideMathAreNotALink() throws {
        let inlines = try paragraph("on $[0,1](x)$ only")
        #expect(sketch(inlines) == "on ⟨[0,1](x)⟩ only")
    }

    @Test func dollarsBeforeDigitsStayProse() throws {
        let inlines = try paragraph("It costs $20 and $30 today.")
        #expect(sketch(inlines) == "It costs $20 and $30 today.")
        #expect(mathSpans(inlines).isEmpty)
    }

    @Test func firstDollarAfterAnOpenerDecides() throws {
        // The `$` before `x` cannot close (space before it), so `$5` opens nothing.
        #expect(sketch(try paragraph("costs $5, and $x$ is")) == "costs $5, and ⟨x⟩ is")
        #expect(sketch(try paragraph("$x$2 and $y$")) == "$x$2 and ⟨y⟩")
    }

    @Test func openerFollowedBySpaceAndCloserAfterSpaceStayProse() throws {
        #expect(sketch(try paragraph("a $ b$ c")) == "a $ b$ c")
        #expect(sketch(try paragraph("a $b $ c")) == "a $b $ c")
    }

    @Test func codeSpanWithDollarsStaysCode() throws {
        let inlines = try paragraph("Run `echo $x$ $$y$$` here and $z$.")
        #expect(sketch(inlines) == "Run `echo $x$ $$y$$` here and ⟨z⟩.")
    }

    @Test func doubleBacktickCodeSpanWithDollars() throws {
        let inlines = try paragraph("See ``a ` $b$`` and $c$.")
        #expect(sketch(inlines) == "See `a ` $b$` and ⟨c⟩.")
    }

    @Test func fencedAndIndentedCodeWithDollarsStayCode() throws {
        let chapter = try chapter("```sh\necho $HOME $x$\n```\n\n    cost = $$y$$\n")
        #expect(chapter.blocks.count == 3)
        guard case let .code(info, text, _) = chapter.blocks[1] else {
            Issue.record("expected a code block"); return
        }
        #expect(info == "sh")
        #expect(text == "echo $HOME $x$\n")
        guard case let .code(_, indented, _) = chapter.blocks[2] else {
            Issue.record("expected an indented code block"); return
        }
        #expect(indented == "cost = $$y$$\n")
    }

    @Test func emphasisAroundMathStillWorks() throws {
        #expect(sketch(try paragraph("*see $x_1$ here*")) == "_see ⟨x_1⟩ here_")
        #expect(sketch(try paragraph("**$a*b$** and _$c_d$_")) == "**⟨a*b⟩** and _⟨c_d⟩_")
    }

    @Test func escapedDollarIsLiteral() throws {
        let inlines = try paragraph(#"It costs \$5, and $x$ is \$y\$."#)
        #expect(sketch(inlines) == "It costs $5, and ⟨x⟩ is $y$.")
    }

    @Test func escapedDollarInsideMathDoesNotClose() throws {
        let inlines = try paragraph(#"$a \$ b$ end"#)
        #expect(sketch(inlines) == #"⟨a \$ b⟩ end"#)
    }

    @Test func inlineMathPositionIsTheFirstContentCharacter() throws {
        // Line 3 of the file; `$` at column 6, so `x` at column 7 (é is one scalar).
        let inlines = try paragraph("café $x_i + y$ done")
        let span = try #require(mathSpans(inlines).first)
        #expect(span.source.text == "x_i + y")
        #expect(span.source.position(line: 0, column: 0) == SourcePosition(line: 3, column: 7))
        #expect(position(in: span.source, offset: 6) == SourcePosition(line: 3, column: 13))
    }

    @Test func displayMathAloneIsADisplayInlineInAParagraph() throws {
        let chapter = try chapter("$$\\sum_i x_i$$\n")
        guard case let .paragraph(inlines, position) = chapter.blocks[1] else {
            Issue.record("expected a paragraph"); return
        }
        #expect(position == SourcePosition(line: 3, column: 1))
        #expect(inlines.count == 1)
        let span = try #require(mathSpans(inlines).first)
        #expect(span.display)
        #expect(span.source.text == "\\sum_i x_i")
    }

    @Test func multiLineDisplayMathMapsSecondLineExactly() throws {
        // File lines 3…8; cmark's stripping of a continuation line's indentation is mirrored, so
        // the span's second line is "a_1 + b*c" and starts at file line 5, column 3.
        let body = "Then\n$$\n  a_1 + b*c\n= \\frac{x}{y}\n$$\nfollows.\n"
        let inlines = try paragraph(body)
        #expect(sketch(inlines) == "Then\n⟪\na_1 + b*c\n= \\frac{x}{y}\n⟫\nfollows.")
        let span = try #require(mathSpans(inlines).first)
        #expect(span.display)
        #expect(span.source.text == "\na_1 + b*c\n= \\frac{x}{y}\n")
        #expect(span.source.lineOrigins.count == 4)
        // `b` is the 8th character of the second line: file line 5, column 9.
        #expect(span.source.position(line: 1, column: 6) == SourcePosition(line: 5, column: 9))
        #expect(position(in: span.source, offset: 7) == SourcePosition(line: 5, column: 9))
        // `\frac` on the third line: file line 6, column 3.
        #expect(span.source.position(line: 2, column: 2) == SourcePosition(line: 6, column: 3))
    }

    @Test func multiLineDisplayMathInsideABlockQuote() throws {
        guard case let .blockQuote(blocks, _)? = try chapter("> say $$x +\n> y_2$$ ok\n").blocks.last,
              case let .paragraph(quoted, _)? = blocks.first else {
            Issue.record("expected a block quote"); return
        }
        #expect(sketch(quoted) == "say ⟪x +\ny_2⟫ ok")
        let span = try #require(mathSpans(quoted).first)
        // `y` sits after "> " on file line 4.
        #expect(position(in: span.source, offset: 4) == SourcePosition(line: 4, column: 3))
    }

    @Test func displayMathDoesNotSpanABlankLine() throws {
        // Each paragraph's `$$` has no closer in its paragraph: both stay literal, as in pandoc.
        let chapter = try chapter("$$ a +\n\nb $$\n")
        guard case let .paragraph(first, _) = chapter.blocks[1], case let .paragraph(second, _) = chapter.blocks[2] else {
            Issue.record("expected two paragraphs"); return
        }
        #expect(sketch(first) == "$$ a +")
        #expect(sketch(second) == "b $$")
    }

    @Test func unclosedDoubleDollarsAreLiteral() throws {
        #expect(sketch(try paragraph("It costs $$ money.")) == "It costs $$ money.")
        #expect(sketch(try paragraph("$$")) == "$$")
        #expect(sketch(try paragraph("$$ x $$ and $$")) == "⟪ x ⟫ and $$")
    }

    @Test func processingInstructionsCDataAndDeclarationsAreRawHTML() throws {
        #expect(sketch(try paragraph("a <?php $x?>$y$ b")) == "a <?php $x?>⟨y⟩ b")
        #expect(sketch(try paragraph("a <![CDATA[ $x$ ]]> b")) == "a <![CDATA[ $x$ ]]> b")
        #expect(sketch(try paragraph("a <!DOCTYPE $x$> b $z$")) == "a <!DOCTYPE $x$> b ⟨z⟩")
    }

    @Test func inlineMathSpansASoftLineBreak() throws {
        let inlines = try paragraph("take $a +\nb$ now")
        let span = try #require(mathSpans(inlines).first)
        #expect(span.source.text == "a +\nb")
        #expect(position(in: span.source, offset: 4) == SourcePosition(line: 4, column: 1))
        #expect(sketch(inlines) == "take ⟨a +\nb⟩ now")
    }

    @Test func mathInHeadingsAndLinksAndLists() throws {
        let chapter = try BookReader.parseChapter(
            text: "# The $\\mathbb{R}^n$ case\n\n- item $x_1$\n- [see $y$](https://example.org)\n",
            file: "h.md")
        #expect(chapter.title == "The $\\mathbb{R}^n$ case")
        guard case let .list(_, _, _, items, _) = chapter.blocks[1],
              case let .paragraph(first, _)? = items.first?.first,
              case let .paragraph(second, _)? = items.last?.first else {
            Issue.record("expected a list of two paragraphs"); return
        }
        #expect(sketch(first) == "item ⟨x_1⟩")
        #expect(sketch(second) == "[see ⟨y⟩](https://example.org)")
        #expect(mathSpans(first).first?.source.position(line: 0, column: 0)
                == SourcePosition(file: "h.md", line: 3, column: 9))
    }

    @Test func dollarsInsideAutolinksAndHTMLStayThere() throws {
        let inlines = try paragraph(#"<https://x.org/$a$b> and <span title="$t$">$u$</span>"#)
        #expect(sketch(inlines) == #"[https://x.org/$a$b](https://x.org/$a$b) and <span title="$t$">⟨u⟩</span>"#)
    }

    @Test func mathInLinkDestinationIsPutBack() throws {
        let inlines = try paragraph("[a](https://x.org/$q$)")
        #expect(sketch(inlines) == "[a](https://x.org/$q$)")
    }

    @Test func placeholderLookalikeTextIsLeftAlone() throws {
        let inlines = try paragraph("$derivemath0$ and derivemath $x$")
        #expect(sketch(inlines) == "⟨derivemath0⟩ and derivemath ⟨x⟩")
    }

    @Test func adjacentSpansAndDigitsAfterDisplayMath() throws {
        #expect(sketch(try paragraph("$a$$b$")) == "⟨a⟩⟨b⟩")
        #expect(sketch(try paragraph("$$x$$2")) == "⟪x⟫2")
        #expect(sketch(try paragraph("$x$2 is not closed")) == "$x$2 is not closed")
    }

    @Test func pathologicalInputIsFast() throws {
        // Unmatched openers everywhere: the scan must stay linear.
        let body = String(repeating: "$a `` <a x=\" ", count: 5_000)
        let start = ContinuousClock.now
        _ = try paragraph(body)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}

/// Whatever the layout, every character of a math span or fence body maps back to itself.
struct PositionRoundTripTests {
    static let layouts = [
        "Plain $a_1 + b$ and $$c^2$$ text.\n",
        "> quoted $x\n> + y$ and $$\n> z_1\n> $$ done\n",
        "- item $u$\n  continued $$v\n  w$$\n\n  1. nested $p\n     q$ end\n",
        "-\ttab $t_1$ item\n",
        "Setext $s$ heading\nsecond $$l\nm$$ line\n===\n\nafter\n",
        "## Heading $h_2$ ##\n",
        "[ref]: https://example.org\nafter the $d$ definition\n",
        "ünïcödé $ü + é$ and 😀 $\\alpha$\n",
        "lazy > $$a\nb$$\n",
        "> - deep $$x\ny$$\n",
        "   indented $i$ para\n    continued $j$\n",
        "```derive\n  a\n\t= b\n```\n",
        "> ```given\n> x > 0\n>  y > 1\n> ```\n",
        "1. one\n\n   ~~~define\n   f = 1\n   ~~~\n",
    ]

    private func checkInlines(_ inlines: [Inline], lines: [[Unicode.Scalar]]) {
        for inline in inlines {
            switch inline {
            case let .math(source, _):
                check(source, lines: lines)
            case let .reference(_, position):
                let line = lines[position.line - 1]
                #expect(line[position.column - 1] == "\\" || line[position.column - 1] == "[")
            case let .emphasis(children), let .strong(children), let .link(_, _, children):
                checkInlines(children, lines: lines)
            default:
                break
            }
        }
    }

    private func check(_ source: SourceText, lines: [[Unicode.Scalar]]) {
        for (lineIndex, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (column, scalar) in line.unicodeScalars.enumerated() {
                let position = source.position(line: lineIndex, column: column)
                let fileLine = position.line >= 1 && position.line <= lines.count ? lines[position.line - 1] : []
                let found = position.column >= 1 && position.column <= fileLine.count
                    ? fileLine[position.column - 1] : nil
                #expect(found == scalar, "\(scalar) at \(position) in \(source.text.debugDescription)")
            }
        }
    }

    private func checkBlocks(_ blocks: [Block], lines: [[Unicode.Scalar]]) -> Int {
        var checked = 0
        for block in blocks {
            switch block {
            case let .paragraph(inlines, _), let .heading(_, inlines, _):
                checkInlines(inlines, lines: lines)
                checked += mathSpans(inlines).count
            case let .list(_, _, _, items, _):
                for item in items { checked += checkBlocks(item, lines: lines) }
            case let .blockQuote(children, _):
                checked += checkBlocks(children, lines: lines)
            case let .fenced(fence):
                check(fence.body, lines: lines)
                checked += 1
            default:
                break
            }
        }
        return checked
    }

    @Test(arguments: layouts)
    func everyCharacterMapsBack(layout: String) throws {
        let text = "# Title\n\n" + layout
        let chapter = try BookReader.parseChapter(text: text, file: "r.md")
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        #expect(checkBlocks(chapter.blocks, lines: lines) > 0, "nothing found in \(layout.debugDescription)")
    }
}
