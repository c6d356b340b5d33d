import Book
@testable import Checker
import Pipeline
import Diagnostics
import MathSyntax
import Testing

/// The mutation self-test (`derive mutate`): which slips it plants, and how it sorts them.
@Suite struct MutationTests {
    func rhs(_ text: String) throws -> Expr {
        try MathParser.parseExpression(SourceText(file: "t.md", text: text, origin: SourcePosition(file: "t.md", line: 1, column: 1)))
    }

    func planted(_ text: String, _ kind: MutationKind) throws -> [String] {
        MutationRunner.candidates(try rhs(text), kinds: [kind]).map { LaTeXPrinter.latex($0.1) }
    }

    @Test func eachKindPlantsItsSlip() throws {
        #expect(try planted("a + b", .sign) == ["a - b"])
        #expect(try planted("2 a", .factorOfTwo) == ["a"])
        #expect(try planted("\\sigma^2 x", .squareDropped) == ["\\sigma x"])
        #expect(try planted("\\frac{1}{2} a", .halfDropped) == ["a"])
        #expect(try planted("A^\\top", .transpose) == ["A"])
        #expect(try planted("x_{t-1}", .offByOne) == ["x_{t}"])
        #expect(try planted("\\mathrm{KL}(q \\,\\|\\, p)", .swappedDivergence).count == 1)
        #expect(try planted("a + b + c", .droppedTerm) == ["a + b", "a + c", "b + c"])
        #expect(try planted("\\sqrt{x}", .squareRoot) == ["x"])
        #expect(try planted("\\bar\\alpha_t", .squareRoot) == ["\\sqrt{\\bar{\\alpha}_{t}}"])
        // A subscript that names rather than indexes is left alone.
        #expect(try planted("\\mu_\\theta", .offByOne).isEmpty)
    }

    func report(_ chapter: String) throws -> MutationReport {
        let parsed = try BookReader.parseChapter(text: "# T\n\n" + chapter, file: "t.md")
        return MutationRunner.run(BookAnalyzer.linkJobs(of: Book(title: "T", author: nil, chapters: [parsed])).jobs, options: MutationOptions(jobs: 1))
    }

    @Test func slipsInATrueIdentityAreKilled() throws {
        let result = try report("```given\na, b \\in \\mathbb{R}\n```\n\n```derive\n(a + b)^2\n  = a^2 + 2 a b + b^2\n```\n")
        #expect(result.total.nonEquivalent > 5)
        #expect(result.total.killed == result.total.nonEquivalent)
        #expect(result.survivors.isEmpty)
    }

    @Test func aSlipThatChangesNothingIsEquivalentNotASurvivor() throws {
        let result = try report("```given\na \\in \\mathbb{R}\n```\n\n```derive\na\n  = a - 0\n```\n")
        #expect(result.survivors.isEmpty)
        #expect(result.equivalents.map(\.mutated).contains("a + 0"))
        #expect(result.equivalents.allSatisfy { $0.fate == .equivalent })
    }

    @Test func aLooserBoundIsImpliedNotASurvivor() throws {
        let result = try report("```given\nx \\in (0, 1)\n```\n\n```derive\nx\n  < x + 1 - \\frac{1}{2}\n```\n")
        #expect(result.survivors.isEmpty)
        #expect(result.equivalents.contains { $0.fate == .implied && $0.mutated == "x + 1 + \\frac{1}{2}" })
    }

    @Test func killRatesArePerChapterAndPerKind() throws {
        let result = try report("```given\na, b \\in \\mathbb{R}\n```\n\n```derive\n(a + b)^2\n  = a^2 + 2 a b + b^2\n```\n")
        #expect(result.byChapter.map(\.0) == ["t.md"])
        #expect(result.byKind.map(\.0).contains(.sign))
        #expect(result.lines.last?.hasPrefix("mutants: ") == true)
    }
}
