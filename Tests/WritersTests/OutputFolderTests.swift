import Checker
import Foundation
import Pipeline
import Testing
@testable import Writers

@Suite struct OutputFolderTests {
    struct FailingWriter: BookWriter {
        struct Failure: Error {}
        func files(for book: CheckedBook) throws -> [OutputFile] { throw Failure() }
    }

    /// Renders fine but fails while the files are written (a copy from a file that does not exist).
    struct FailingCopyWriter: BookWriter {
        func files(for book: CheckedBook) throws -> [OutputFile] {
            [OutputFile("a.txt", .text("first")), OutputFile("b.bin", .copy(URL(fileURLWithPath: "/nonexistent/derive")))]
        }
    }

    func siblings(of target: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path).sorted()
    }

    @Test func aBuildReplacesTheWholeFolder() throws {
        let target = try SampleBook.temporaryFolder().appendingPathComponent("output")
        try BookBuilder.write(SampleBook.make(), to: target.path, writers: BookBuilder.standardWriters)
        try Data("stale".utf8).write(to: target.appendingPathComponent("stale.txt"))
        try BookBuilder.write(SampleBook.make(), to: target.path, writers: [AuditWriter()])
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("audit.json").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("stale.txt").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("html").path))
        #expect(try siblings(of: target) == ["output"])
    }

    @Test(arguments: [true, false])
    func aFailingWriterLeavesThePreviousOutputAndNoTemporaryFolder(failsWhileRendering: Bool) throws {
        let target = try SampleBook.temporaryFolder().appendingPathComponent("output")
        try BookBuilder.write(SampleBook.make(), to: target.path, writers: BookBuilder.standardWriters)
        let before = try String(contentsOf: target.appendingPathComponent("audit.json"), encoding: .utf8)
        let writer: any BookWriter = failsWhileRendering ? FailingWriter() : FailingCopyWriter()
        #expect(throws: (any Error).self) {
            try BookBuilder.write(SampleBook.make(), to: target.path, writers: [AuditWriter(), writer])
        }
        #expect(try String(contentsOf: target.appendingPathComponent("audit.json"), encoding: .utf8) == before)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("html/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("a.txt").path))
        #expect(try siblings(of: target) == ["output"])
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let target = try SampleBook.temporaryFolder().appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("# A chapter".utf8).write(to: target.appendingPathComponent("01.md"))
        #expect(throws: OutputFolderError.self) {
            try BookBuilder.write(SampleBook.make(), to: target.path, writers: [AuditWriter()])
        }
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("01.md").path))
        #expect(try siblings(of: target) == ["chapters"])
    }

    @Test func createsMissingParentFolders() throws {
        let target = try SampleBook.temporaryFolder().appendingPathComponent("a/b/output")
        try BookBuilder.write(SampleBook.make(), to: target.path, writers: [AuditWriter()])
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("audit.json").path))
    }
}
