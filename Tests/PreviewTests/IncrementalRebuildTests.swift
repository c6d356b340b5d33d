import Checker
import Foundation
import Pipeline
@testable import Preview
import Testing
import Writers

/// `derive serve`'s rebuild after an edit: only the edited link is checked again, only the files
/// the edit can change are rendered, and the folder ends up as `derive build` would write it.
@Suite(.serialized) struct IncrementalRebuildTests {
    static let first = """
    # Squares

    ## Expanding

    ```given
    x \\in \\mathbb{R}
    ```

    ```derive {#eq:square}
    (x + 1)^2
      = x^2 + 2 x + 1   % expand
    ```

    The cube of \\eqref{eq:cube} is in the next chapter.

    """

    static let second = """
    # Cubes

    ## Expanding a cube

    ```given
    y \\in \\mathbb{R}
    ```

    ```derive {#eq:cube}
    (y + 1)^3
      = (y + 1)(y^2 + 2 y + 1)   % one factor apart
      = y^3 + 3 y^2 + 3 y + 1   % expand
    ```

    ```derive {#eq:difference}
    (y + 1)^2 - (y - 1)^2
      = 4 y   % the squares cancel
    ```

    """

    static let third = """
    # Lines

    ```given
    z \\in \\mathbb{R}
    ```

    ```derive
    2 (z + 3)
      = 2 z + 6   % distribute
    ```

    """

    /// A book of three chapters (the first cites the second), an output folder and a cache.
    final class Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("incremental-tests-" + UUID().uuidString)
        var chapters: URL { root.appendingPathComponent("chapters") }
        func chapter(_ name: String) -> URL { chapters.appendingPathComponent(name) }

        init() throws {
            try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
            try Data(IncrementalRebuildTests.first.utf8).write(to: chapter("01-squares.md"))
            try Data(IncrementalRebuildTests.second.utf8).write(to: chapter("02-cubes.md"))
            try Data(IncrementalRebuildTests.third.utf8).write(to: chapter("03-lines.md"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var options: CheckOptions { CheckOptions(jobs: 1, cacheDirectory: root.appendingPathComponent("cache").path) }
        static var writers: [any BookWriter] { [HTMLWriter(mathFont: nil), LaTeXWriter(), AuditWriter()] }

        func builder() -> PreviewBuilder {
            PreviewBuilder(paths: [chapters.path], outputDirectory: root.appendingPathComponent("served").path,
                           options: options, writers: Self.writers)
        }

        func edit(_ name: String, _ from: String, _ to: String) throws {
            let text = try String(contentsOf: chapter(name), encoding: .utf8)
            #expect(text.contains(from))
            try Data(text.replacingOccurrences(of: from, with: to).utf8).write(to: chapter(name), options: .atomic)
        }

        /// Every file under `folder`, by relative path.
        func contents(of folder: String) throws -> [String: Data] {
            let base = URL(fileURLWithPath: folder)
            var files: [String: Data] = [:]
            guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
            for case let path as String in walker {
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isFolder)
                if !isFolder.boolValue { files[path] = try Data(contentsOf: base.appendingPathComponent(path)) }
            }
            return files
        }

        /// Whether the served folder holds exactly what `derive build` writes for the chapters now.
        func expectSameAsBuild(_ served: PreviewBuilder) throws {
            let built = root.appendingPathComponent("built").path
            let result = BookBuilder.build(paths: [chapters.path], outputDirectory: built, options: options, writers: Self.writers)
            #expect(result.status == .success)
            let mine = try contents(of: served.outputDirectory), theirs = try contents(of: built)
            #expect(mine.keys.sorted() == theirs.keys.sorted())
            for (path, data) in theirs where mine[path] != data {
                Issue.record("\(path) differs from derive build's")
            }
        }
    }

    @Test func anEditToOneStepChecksOneLinkAndWritesOnlyItsChapter() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        let first = builder.rebuild()
        #expect(first.result.status == .success, "\(first.result.diagnostics)")
        #expect(first.linksSettled == 5 && first.chaptersAnalysed == 3)

        // A step of the uncited derivation of chapter 2: a new tree, so a new cache key.
        try workspace.edit("02-cubes.md", "= 4 y   % the squares cancel", "= 2 \\cdot 2 y   % the squares cancel")
        let edited = builder.rebuild()
        #expect(edited.result.status == .success, "\(edited.result.diagnostics)")
        #expect(edited.chaptersAnalysed == 1, "only the edited chapter is read again")
        #expect(edited.linksSettled == 3 && edited.linksNotFromMemory == 1, "exactly one link is looked up beyond memory")
        #expect(!edited.changes.everything && edited.changes.chapters == [2])
        #expect(edited.changes.citing.isEmpty, "chapter 1 cites eq:cube of chapter 2, which the edit left as it was")
        let allowed: Set<String> = ["html/02-cubes.html", "html/01-squares.html", "html/index.html", "html/map.html",
                                    "html/search.html", "html/search-index.js", "html/audit.html",
                                    "latex/02-cubes.tex", "latex/01-squares.tex", "latex/book.tex", "latex/audit.tex", "audit.json"]
        let written = Set(edited.pathsWritten)
        #expect(written.contains("html/02-cubes.html") && written.contains("latex/02-cubes.tex") && written.contains("audit.json"))
        #expect(written.isSubset(of: allowed), "written beyond the edit: \(written.subtracting(allowed).sorted())")
        #expect(!written.contains("html/03-lines.html") && !written.contains("latex/03-lines.tex"))
        #expect(!written.contains("html/01-squares.html"), "its preview of eq:cube is as it was")
        #expect(edited.filesRendered < first.filesRendered, "the page of chapter 3 and the stylesheet are not rendered")
        try workspace.expectSameAsBuild(builder)
    }

    @Test func anEditToACitedDerivationRerendersThePageThatCitesIt() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        _ = builder.rebuild()
        // The middle side of eq:cube: the two links on either side of it change.
        try workspace.edit("02-cubes.md", "= (y + 1)(y^2 + 2 y + 1)", "= (1 + y)(y^2 + 2 y + 1)")
        let edited = builder.rebuild()
        #expect(edited.result.status == .success, "\(edited.result.diagnostics)")
        #expect(edited.linksNotFromMemory == 2, "the two links beside the edited side")
        #expect(edited.changes.citing == [1], "chapter 1 cites eq:cube")
        // The hover preview of \eqref{eq:cube} on chapter 1's page shows the new side.
        #expect(edited.pathsWritten.contains("html/01-squares.html"))
        #expect(!edited.pathsWritten.contains("html/03-lines.html"))
        try workspace.expectSameAsBuild(builder)
    }

    @Test func aSectionTitleEditRerendersEveryPage() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        let first = builder.rebuild()
        try workspace.edit("02-cubes.md", "## Expanding a cube", "## Expanding the cube")
        let edited = builder.rebuild()
        #expect(edited.result.status == .success)
        #expect(edited.changes.everything, "the outline changed")
        // Every page (each has a sidebar, and chapter 1's shows a preview of chapter 2's
        // derivation); of the LaTeX chapters only chapter 2's, whose text changed.
        #expect(edited.filesRendered == first.filesRendered - 2, "every file but latex/01-squares.tex and latex/03-lines.tex is rendered")
        #expect(edited.changes.headingsOnly && !edited.changes.changesContent(ofChapter: 3))
        #expect(edited.linksNotFromMemory == 0, "no link changed")
        #expect(edited.pathsWritten.contains("html/search.html"), "the index of sections names it")
        try workspace.expectSameAsBuild(builder)
    }

    @Test func aHeadingEditRendersOtherChaptersOnlyForTheirSidebars() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        _ = builder.rebuild()
        // A step of chapter 2 first, so that what the writers kept from chapter 2 (and from
        // chapter 1, which cites it) is what this edit made, not what the first build made.
        try workspace.edit("02-cubes.md", "= 4 y   % the squares cancel", "= 2 \\cdot 2 y   % the squares cancel")
        #expect(builder.rebuild().result.status == .success)
        try workspace.edit("03-lines.md", "# Lines", "# Straight lines")
        let edited = builder.rebuild()
        #expect(edited.result.status == .success)
        #expect(edited.changes.everything && edited.changes.headingsOnly, "only a title changed")
        #expect(edited.changes.changesContent(ofChapter: 3) && !edited.changes.changesContent(ofChapter: 1))
        let written = Set(edited.pathsWritten)
        #expect(written.isSuperset(of: ["html/01-squares.html", "html/02-cubes.html", "html/03-lines.html", "latex/03-lines.tex"]),
                "every sidebar names the new title")
        #expect(!written.contains("latex/01-squares.tex") && !written.contains("latex/02-cubes.tex"),
                "a chapter's LaTeX file has no sidebar: \(written.sorted())")
        try workspace.expectSameAsBuild(builder)

        // A heading of chapter 1, then a label renamed: the second is no longer headings only.
        try workspace.edit("01-squares.md", "## Expanding", "## Expanding a square")
        #expect(builder.rebuild().changes.headingsOnly)
        try workspace.expectSameAsBuild(builder)
        try workspace.edit("02-cubes.md", "{#eq:difference}", "{#eq:two-squares}")
        let relabelled = builder.rebuild()
        #expect(relabelled.result.status == .success)
        #expect(relabelled.changes.everything && !relabelled.changes.headingsOnly, "the label table changed")
        try workspace.expectSameAsBuild(builder)
    }

    /// A page is rewritten when its bytes change, even to a text that Swift's `==` calls equal
    /// (a precomposed é replaced by e and a combining accent).
    @Test func aCanonicallyEquivalentEditIsStillWritten() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        try workspace.edit("03-lines.md", "# Lines", "# Lines, caf\u{E9}\n\nA line $\\text{caf\u{E9}} = z$ of prose.")
        #expect(builder.rebuild().result.status == .success)
        // The title (in every sidebar) and the prose math (whose tree was kept) both change.
        try workspace.edit("03-lines.md", "caf\u{E9}", "cafe\u{301}")
        let edited = builder.rebuild()
        #expect(edited.result.status == .success, "\(edited.result.diagnostics)")
        #expect(edited.changes.everything, "a sidebar title changed")
        #expect(edited.pathsWritten.contains("html/03-lines.html"), "\(edited.pathsWritten)")
        try workspace.expectSameAsBuild(builder)
    }

    /// Trees kept from the previous analysis are keyed by their positions too: a fence that moves
    /// is parsed again, and what is reported in it (a refuted step, a parse error) is reported
    /// where it now is; a parse error is never kept, so the same slip is found again.
    @Test func keptTreesNeverHideAnErrorOrItsNewPosition() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        _ = builder.rebuild()
        func diagnostics(_ outcome: PreviewBuilder.Outcome) -> [String] { outcome.result.diagnostics.map(\.description) }
        func fresh() -> [String] { BookCheck.check(paths: [workspace.chapters.path], options: workspace.options).diagnostics.map(\.description) }

        try workspace.edit("03-lines.md", "= 2 z + 6", "= 2 z + 3")
        let refuted = builder.rebuild()
        #expect(refuted.result.status != .success)
        #expect(diagnostics(refuted).contains { $0.contains("03-lines.md:9") }, "\(diagnostics(refuted))")
        // Two lines of prose above the fence: the same refutation, two lines down.
        try workspace.edit("03-lines.md", "# Lines\n", "# Lines\n\nA line of prose.\n")
        let moved = builder.rebuild()
        #expect(diagnostics(moved).contains { $0.contains("03-lines.md:11") }, "\(diagnostics(moved))")
        #expect(diagnostics(moved) == fresh())

        try workspace.edit("03-lines.md", "= 2 z + 3", "= 2 z + (6")
        let broken = builder.rebuild()
        #expect(broken.result.status == .badInput)
        #expect(diagnostics(broken) == fresh())
        try workspace.edit("03-lines.md", "= 2 z + (6", "= 2 z + 6")
        let fixed = builder.rebuild()
        #expect(fixed.result.status == .success)
        try workspace.expectSameAsBuild(builder)
        try workspace.edit("03-lines.md", "= 2 z + 6", "= 2 z + (6")
        let again = builder.rebuild()
        #expect(again.result.status == .badInput && diagnostics(again) == fresh())
    }

    @Test func aSaveWithoutChangeRendersNothingAndARefutedEditWritesNothing() throws {
        let workspace = try Workspace()
        var builder = workspace.builder()
        _ = builder.rebuild()
        let same = builder.rebuild()
        #expect(same.chaptersAnalysed == 0 && same.filesRendered == 0 && same.filesWritten == 0,
                "nothing is rendered")
        try workspace.edit("03-lines.md", "= 2 z + 6", "= 2 z + 3")
        let wrong = builder.rebuild()
        #expect(wrong.result.status != .success && wrong.filesWritten == 0)
        #expect(wrong.result.diagnostics.contains { $0.description.contains("03-lines.md:9") })
        try workspace.edit("03-lines.md", "= 2 z + 3", "= 2 z + 6")
        let fixed = builder.rebuild()
        #expect(fixed.result.status == .success)
        #expect(fixed.linksNotFromMemory == 0, "the true step's verdict is still in memory")
        try workspace.expectSameAsBuild(builder)
    }
}
