import Checker
import Diagnostics
import Foundation
import Pipeline
import Testing
import Writers

/// Issue 12: bad input of every kind is an error at its place (file, line, column, message) with
/// the bad-input exit status — never a crash, a silent default or a verified link.
@Suite struct BadInputTests {
    /// One chapter after `# T` and a blank line, so that its first body line is line 3; the
    /// expected diagnostic is an error at `line:column` whose message contains `message`.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let real = "```given\nx \\in \\mathbb{R}\n```\n\n"

    static let cases: [Case] = [
        Case(name: "unbalanced brace", body: real + "```derive\n\\frac{x}{2 = x\n```\n",
             line: 8, column: 9, message: "unbalanced '{'"),
        Case(name: "unbalanced parenthesis", body: real + "```derive\n(x + 1 = x\n```\n",
             line: 8, column: 1, message: "unbalanced '('"),
        Case(name: "unknown command", body: real + "```derive\n\\foo x = x\n```\n",
             line: 8, column: 1, message: "unknown command '\\foo'"),
        Case(name: "undeclared symbol", body: real + "```derive\nx + y = y + x\n```\n",
             line: 8, column: 5, message: "undeclared symbol 'y'"),
        Case(name: "recursive definition", body: real + "```define\na = b + 1\nb = a\n```\n\n```derive\na = a\n```\n",
             line: 9, column: 5, message: "refers to itself"),
        Case(name: "shape mismatch",
             body: "```given\nx \\in \\mathbb{R}^{3}\nA \\in \\mathbb{R}^{2 \\times 2}\n```\n\n```derive\nA x = x\n```\n",
             line: 9, column: 3, message: "cannot multiply a 2×2 matrix by a vector of length 3"),
        Case(name: "empty interval", body: "```given\nx \\in (1, 0)\n```\n\n```derive\nx = x\n```\n",
             line: 4, column: 7, message: "the domain '(1, 0)' is empty"),
        Case(name: "empty open interval of one point", body: "```given\nx \\in (2, 2]\n```\n\n```derive\nx = x\n```\n",
             line: 4, column: 7, message: "is empty"),
        Case(name: "empty integer range", body: "```given\nt \\in \\{5, \\dots, 1\\}\n```\n\n```derive\nt = t\n```\n",
             line: 4, column: 7, message: "is empty: 5 > 1"),
        Case(name: "samples that is not a number", body: real + "```derive {samples=many}\nx = x\n```\n",
             line: 7, column: 20, message: "'samples' must be a whole number"),
        Case(name: "negative tolerance", body: real + "```derive {tol=-1}\nx \\approx x\n```\n",
             line: 7, column: 16, message: "'tol' must be a positive number"),
        Case(name: "unknown method", body: real + "```derive {method=magic}\nx = x\n```\n",
             line: 7, column: 19, message: "'method' must be 'auto' or 'float'"),
        Case(name: "bad option in a link comment", body: real + "```derive\nx\n  = x   % samples: lots\n```\n",
             line: 9, column: 3, message: "'samples' must be a whole number"),
        Case(name: "sum too long to enumerate", body: real + "```derive\n\\sum_{i=1}^{1000000000000} i x = x\n```\n",
             line: 8, column: 1, message: "1000000000000 terms whose summand depends on 'i'"),
        Case(name: "product too long to enumerate", body: real + "```derive\n\\prod_{i=1}^{1000000000} (x + i) = x\n```\n",
             line: 8, column: 1, message: "1000000000 terms whose factor depends on 'i'"),
        Case(name: "sum with uncountably many terms",
             body: real + "```derive\n\\sum_{i=-9000000000000000000}^{9000000000000000000} x = x\n```\n",
             line: 8, column: 1, message: "more terms than can be counted"),
        Case(name: "huge identity", body: real + "```derive\nI_{100000000} x = x\n```\n",
             line: 8, column: 4, message: "the size of I must be between 1 and 1000"),
        Case(name: "huge literal dimension", body: "```given\nx \\in \\mathbb{R}^{100000}\n```\n\n```derive\nx = x\n```\n",
             line: 4, column: 7, message: "a dimension must be between 1 and 64"),
        Case(name: "huge dimension symbol", body: "```given\nd = 1000000\nx \\in \\mathbb{R}^{d}\n```\n\n```derive\nx = x\n```\n",
             line: 4, column: 1, message: "the dimension 'd' must be between 1 and 64"),
        Case(name: "fractions nested 10,000 deep",
             body: real + "```derive\n" + String(repeating: "\\frac{", count: 10_000) + "x"
                + String(repeating: "}{2}", count: 10_000) + " = x\n```\n",
             line: 8, column: 241, message: "nested too deeply"),
        Case(name: "unterminated fence", body: real + "```derive\nx = x\n",
             line: 7, column: 1, message: "the 'derive' fence opened here is never closed"),
        Case(name: "Markdown nested deeper than 10,000 levels",
             body: String(repeating: "> ", count: 10_002) + "deep\n",
             line: 3, column: 20_001, message: "nested more than 10000 levels deep"),
    ]

    /// A fresh folder with `files` (name → bytes), removed by the caller.
    func folder(_ files: [String: Data]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("derive-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: path + "/" + name)) }
        return path
    }

    /// Checks `paths` as `derive check` does, on a deep stack like the command line.
    func check(_ paths: [String]) -> BuildResult {
        DeepStack.run { BookCheck.check(paths: paths, options: CheckOptions(jobs: 1)) }
    }

    @Test(arguments: cases) func badInputIsALocatedError(_ c: Case) throws {
        let root = try folder(["bad.md": Data(("# T\n\n" + c.body).utf8)])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = check([root + "/bad.md"])
        #expect(result.status == .badInput)
        let found = result.diagnostics.filter { $0.severity == .error }
        let match = found.first { $0.message.contains(c.message) }
        #expect(match != nil, "no error containing \"\(c.message)\" in \(found.map(\.description))")
        if let match {
            #expect(match.file == root + "/bad.md")
            #expect(match.position == SourcePosition(file: root + "/bad.md", line: c.line, column: c.column), "\(match)")
        }
    }

    @Test func invalidUTF8IsLocatedAtTheFirstBadByte() throws {
        let root = try folder(["bad.md": Data("# T\n\nok line\nbad ".utf8) + Data([0xFF]) + Data(" byte\n".utf8)])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = check([root + "/bad.md"])
        #expect(result.status == .badInput)
        #expect(result.diagnostics.map(\.description).first?.hasPrefix(root + "/bad.md:4:5: error: file is not valid UTF-8") == true)
    }

    @Test func missingFileIsAnError() throws {
        let root = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = check([root + "/nope.md"])
        #expect(result.status == .badInput)
        #expect(result.diagnostics.first?.description.hasPrefix(root + "/nope.md:1:1: error: no such file") == true)
    }

    @Test func unreadableFileIsAnError() throws {
        let root = try folder(["locked.md": Data("# Locked\n".utf8)])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let locked = root + "/locked.md"
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        // Root reads anything, so the case only means something for other users.
        try #require(!FileManager.default.isReadableFile(atPath: locked) || getuid() == 0)
        if getuid() != 0 {
            let result = check([locked])
            #expect(result.status == .badInput)
            #expect(result.diagnostics.first?.description.hasPrefix(locked + ":1:1: error: cannot read file") == true)
        }
    }

    @Test func chapterMissingFromTheFolderButListedInBookJSON() throws {
        let root = try folder([
            "a.md": Data("# A\n".utf8),
            "book.json": Data("{\n  \"title\": \"T\",\n  \"chapters\": [\"a.md\", \"missing.md\"]\n}\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = check([root])
        #expect(result.status == .badInput)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.file == root + "/book.json")
        #expect(result.diagnostics.first?.position == SourcePosition(file: root + "/book.json", line: 3, column: 24))
        #expect(result.diagnostics.first?.message.contains("missing.md") == true)
    }
}
