@testable import Book
import Diagnostics
import Foundation
import Testing

/// Reading chapters and books from disk, and the errors on the way.
struct BookReaderTests {
    /// A fresh folder under the system temporary folder, removed by the caller.
    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "derive-book-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func problems(_ paths: [String]) -> [Diagnostic] {
        do {
            _ = try BookReader.read(paths: paths)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func chapterTitleIsTheFirstLevelOneHeading() throws {
        let chapter = try BookReader.parseChapter(
            text: "Intro line.\n\n## Sub\n\n# Linear *algebra* and `PCA`\n", file: "a.md")
        #expect(chapter.title == "Linear algebra and PCA")
        #expect(chapter.file == "a.md")
    }

    @Test func missingHeadingIsAnErrorAtLineOne() {
        let problems = diagnostics("## Only a subsection\n\nText.\n", file: "ch.md")
        #expect(problems.count == 1)
        #expect(problems.first?.position == SourcePosition(file: "ch.md", line: 1, column: 1))
        #expect(problems.first?.description.hasPrefix("ch.md:1:1: error: chapter has no level-1 heading") == true)
    }

    @Test func blockPositionsAreLinesAndScalarColumns() throws {
        let chapter = try BookReader.parseChapter(
            text: "# T\n\n> été\n> - x\n\n---\n\n<div>\n$x$\n</div>\n", file: "p.md")
        guard case let .blockQuote(quoted, quotePosition) = chapter.blocks[1],
              case let .paragraph(_, paragraphPosition) = quoted[0],
              case let .list(_, _, _, items, listPosition) = quoted[1],
              case let .paragraph(_, itemPosition)? = items.first?.first else {
            Issue.record("unexpected blocks \(chapter.blocks)"); return
        }
        #expect(quotePosition == SourcePosition(file: "p.md", line: 3, column: 1))
        #expect(paragraphPosition == SourcePosition(file: "p.md", line: 3, column: 3))
        #expect(listPosition == SourcePosition(file: "p.md", line: 4, column: 3))
        #expect(itemPosition == SourcePosition(file: "p.md", line: 4, column: 5))
        guard case let .thematicBreak(breakPosition) = chapter.blocks[2],
              case let .html(html, _) = chapter.blocks[3] else {
            Issue.record("unexpected blocks \(chapter.blocks)"); return
        }
        #expect(breakPosition == SourcePosition(file: "p.md", line: 6, column: 1))
        #expect(html == "<div>\n$x$\n</div>")
    }

    @Test func windowsLineEndingsKeepLineNumbers() throws {
        let chapter = try BookReader.parseChapter(text: "# T\r\n\r\nsee $x$\r\n", file: "w.md")
        guard case let .paragraph(inlines, position) = chapter.blocks[1] else {
            Issue.record("expected a paragraph"); return
        }
        #expect(position == SourcePosition(file: "w.md", line: 3, column: 1))
        #expect(mathSpans(inlines).first?.source.position(line: 0, column: 0)
                == SourcePosition(file: "w.md", line: 3, column: 6))
    }

    @Test func folderWithoutMetadataIsOrderedByFileName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# Second\n", to: folder + "/02-second.md")
        try write("# First\n\nSome $x$.\n", to: folder + "/01-first.md")
        try write("not a chapter", to: folder + "/notes.txt")
        let book = try BookReader.read(paths: [folder])
        #expect(book.title == "First")
        #expect(book.author == nil)
        #expect(book.chapters.map(\.title) == ["First", "Second"])
        #expect(book.chapters.first?.file == folder + "/01-first.md")
    }

    @Test func folderWithMetadataUsesItsOrderTitleAndAuthor() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# A\n", to: folder + "/a.md")
        try write("# B\n", to: folder + "/b.md")
        try write(#"{"title": "Generative AI", "author": "A. Author", "chapters": ["b.md", "a.md"]}"#,
                  to: folder + "/book.json")
        let book = try BookReader.read(paths: [folder])
        #expect(book.title == "Generative AI")
        #expect(book.author == "A. Author")
        #expect(book.chapters.map(\.title) == ["B", "A"])
    }

    @Test func singleFileIsAOneChapterBook() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# Only\n", to: folder + "/only.md")
        let book = try BookReader.read(paths: [folder + "/only.md"])
        #expect(book.title == "Only")
        #expect(book.chapters.count == 1)
    }

    @Test func missingChapterInMetadataIsLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# A\n", to: folder + "/a.md")
        try write("{\n  \"title\": \"T\",\n  \"chapters\": [\"a.md\", \"missing.md\"]\n}\n",
                  to: folder + "/book.json")
        let found = problems([folder])
        #expect(found.count == 1)
        #expect(found.first?.file == folder + "/book.json")
        #expect(found.first?.position == SourcePosition(file: folder + "/book.json", line: 3, column: 24))
        #expect(found.first?.message.contains("missing.md") == true)
    }

    @Test func wrongTypesInMetadataAreLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# A\n", to: folder + "/a.md")
        try write("{\"title\": 5, \"chapters\": [\"a.md\", 3], \"colour\": \"red\"}", to: folder + "/book.json")
        let found = problems([folder])
        #expect(found.map(\.position) == [SourcePosition(file: folder + "/book.json", line: 1, column: 11),
                                          SourcePosition(file: folder + "/book.json", line: 1, column: 35),
                                          SourcePosition(file: folder + "/book.json", line: 1, column: 39)])
        #expect(found.first?.message.contains("\"title\" must be a string") == true)
        #expect(found.last?.message.contains("unknown key \"colour\"") == true)
    }

    @Test func malformedMetadataJSONIsLocated() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("# A\n", to: folder + "/a.md")
        try write("{\"title\": \"T\",\n \"author\" 3}", to: folder + "/book.json")
        let found = problems([folder])
        #expect(found.count == 1)
        #expect(found.first?.position == SourcePosition(file: folder + "/book.json", line: 2, column: 11))
        #expect(found.first?.message.hasPrefix("bad book.json") == true)
    }

    @Test func unreadableAndMissingFilesAreErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = problems([folder + "/nope.md"])
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("no such file") == true)

        let locked = folder + "/locked.md"
        try write("# Locked\n", to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked) }
        // Root can read anything; the check is meaningful only for other users.
        if !FileManager.default.isReadableFile(atPath: locked) {
            let found = problems([locked])
            #expect(found.count == 1)
            #expect(found.first?.description.hasPrefix(locked + ":1:1: error: cannot read file") == true)
        }

        let binary = folder + "/binary.md"
        try Data([0x23, 0x20, 0x41, 0x0A, 0x62, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: binary))
        let invalid = problems([binary])
        #expect(invalid.count == 1)
        #expect(invalid.first?.position == SourcePosition(file: binary, line: 2, column: 2))
        #expect(invalid.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func chapterThatCannotBeReadIsAnError() throws {
        // A folder named like a chapter cannot be read as one, even by root.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sub.md", withIntermediateDirectories: true)
        try write(#"{"chapters": ["sub.md"]}"#, to: folder + "/book.json")
        let found = problems([folder])
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix(folder + "/sub.md:1:1: error: cannot read file") == true)
    }

    @Test func emptyFolderIsAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let found = problems([folder])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("no chapter files") == true)
    }

    @Test func errorsFromSeveralChaptersAreCollected() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("No heading.\n", to: folder + "/01.md")
        try write("# Fine\n\n```derive {oops}\na = a\n```\n", to: folder + "/02.md")
        let found = problems([folder])
        #expect(found.map(\.file) == [folder + "/01.md", folder + "/02.md"])
    }

    /// Hostile input reads into a chapter or into located errors (never a crash): each case names
    /// the message it must produce, or nil when the chapter must read cleanly.
    @Test func hostileInputNeverCrashes() {
        let noHeading = "chapter has no level-1 heading"
        let cases: [(input: String, expected: String?)] = [
            ("", noHeading),
            ("\0\0\0", noHeading),
            (String(repeating: ">", count: 5_000) + " deep", noHeading),
            (String(repeating: "- ", count: 2_000) + "deep", noHeading),
            ("# T\n\n" + String(repeating: "> ", count: 5_000) + "deep", nil),
            ("# T\n\n" + String(repeating: "> ", count: 10_002) + "deep", "nested more than 10000 levels deep"),
            ("# T\n\n" + String(repeating: "*a ", count: 3_000) + String(repeating: "b* ", count: 3_000), nil),
            ("# T\n\n" + String(repeating: "[", count: 3_000) + "x" + String(repeating: "](u)", count: 3_000), nil),
            ("# T\n\n$$", nil),
            ("# T\n\n$", nil),
            ("# T\n\n```derive {", "never closed"),
            ("# T\n\n\\eqref{", nil),
            ("# T\n\n[](#", nil),
            ("\u{FEFF}# T\n\n$x$", nil),
        ]
        for (input, expected) in cases {
            // The command line reads on a deep stack (DeepStack); so does this test.
            let found = DeepStack.run { diagnostics(input) }
            let summary = "\(input.prefix(24).debugDescription)…: \(found.map(\.description))"
            #expect(found.allSatisfy { $0.file == "test.md" && $0.position.line >= 1 && $0.position.column >= 1 }, "\(summary)")
            if let expected {
                #expect(found.contains { $0.severity == .error && $0.message.contains(expected) }, "\(summary)")
            } else {
                #expect(found.isEmpty, "\(summary)")
            }
        }
    }
}
