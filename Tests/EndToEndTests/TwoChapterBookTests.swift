import Checker
import Foundation
import Pipeline
import Testing
import Writers

/// Issue 2: a two-chapter book from Markdown files to HTML, LaTeX and audit.json, in a temporary folder.
@Suite struct TwoChapterBookTests {
    static let first = """
    # Scalars

    The softplus identity, checked at random points: \\eqref{eq:softplus}.

    ```given
    x \\in \\mathbb{R}
    a > 0
    b \\in \\mathbb{R}
    ```

    ```derive {#eq:softplus}
    \\log(1 + e^{x}) - x
      = \\log(1 + e^{x}) - \\log e^{x}   % x = log e^x
      = \\log(1 + e^{-x})              % quotient of logs
    ```

    ```derive {#eq:square}
    -\\frac{1}{2} a x^2 + b x
      = -\\frac{1}{2} a \\left(x - \\frac{b}{a}\\right)^2 + \\frac{b^2}{2a}   % complete the square
    ```
    """

    static let second = """
    # Matrices

    Sylvester's identity, exactly: see [](#eq:sylvester) and \\eqref{eq:softplus}.

    ```given
    n = 4, \\quad k = 2
    P \\in \\mathbb{R}^{n \\times k}
    Q \\in \\mathbb{R}^{k \\times n}
    ```

    ```derive {#eq:sylvester}
    \\det(I_n + P Q)
      = \\det(I_k + Q P)   % Sylvester's determinant identity
    ```
    """

    func makeBook(second: String = Self.second) throws -> (folder: URL, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("derive-e2e-\(UUID().uuidString)")
        let chapters = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try Self.first.write(to: chapters.appendingPathComponent("01-scalars.md"), atomically: true, encoding: .utf8)
        try second.write(to: chapters.appendingPathComponent("02-matrices.md"), atomically: true, encoding: .utf8)
        return (folder, folder.appendingPathComponent("output").path)
    }

    @Test func buildsAllOutputs() throws {
        let (folder, output) = try makeBook()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = BookBuilder.build(paths: [folder.appendingPathComponent("chapters").path], outputDirectory: output,
                                       options: CheckOptions(jobs: 1))
        #expect(result.status == .success, "\(result.diagnostics.map(\.description))")
        let files = try FileManager.default.subpathsOfDirectory(atPath: output)
        #expect(files.contains("html/index.html"))
        #expect(files.contains("html/audit.html"))
        #expect(files.contains("latex/book.tex"))
        #expect(files.contains("audit.json"))
        #expect(files.filter { $0.hasPrefix("html/") && $0.hasSuffix(".html") }.count >= 4)

        let audit = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/audit.json"))) as? [String: Any]
        let links = try #require(audit?["links"] as? [[String: Any]])
        #expect(links.count == 4)
        #expect(links.allSatisfy { $0["verdict"] as? String == "verified" })
        let sylvester = try #require(links.first { $0["label"] as? String == "eq:sylvester" })
        #expect(sylvester["method"] as? String == "exact")
        #expect((sylvester["bound"] as? Double ?? 1) < 1e-20)

        // The cross-reference from chapter 2 to chapter 1 resolves to a link with the number (1.1).
        let pages = files.filter { $0.hasPrefix("html/") && $0.contains("matrices") && $0.hasSuffix(".html") }
        let page = try String(contentsOfFile: output + "/" + #require(pages.first), encoding: .utf8)
        #expect(page.contains("(1.1)"))
        #expect(page.contains("<math"))
    }

    @Test func aRefutedStepFailsAndLeavesTheOutputUntouched() throws {
        let (folder, output) = try makeBook()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chapters = folder.appendingPathComponent("chapters").path
        let good = BookBuilder.build(paths: [chapters], outputDirectory: output, options: CheckOptions(jobs: 1))
        #expect(good.status == .success)
        let before = try Data(contentsOf: URL(fileURLWithPath: output + "/audit.json"))

        // One plausible slip: a sign.
        let wrong = Self.second.replacingOccurrences(of: "= \\det(I_k + Q P)", with: "= \\det(I_k - Q P)")
        try wrong.write(toFile: chapters + "/02-matrices.md", atomically: true, encoding: .utf8)
        let bad = BookBuilder.build(paths: [chapters], outputDirectory: output, options: CheckOptions(jobs: 1))
        #expect(bad.status == .failedLinks)
        let error = try #require(bad.diagnostics.first { $0.severity == .error })
        #expect(error.description.hasPrefix(chapters + "/02-matrices.md:13:3: error: step 1 of eq:sylvester is refuted"))
        #expect(error.description.contains("left = "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/audit.json")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "chapters" && $0 != "output" }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputExitsWithTwoAndALocatedError() throws {
        let (folder, output) = try makeBook(second: "# Broken\n\n```derive\nx + \\foo\n  = x\n```\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = BookBuilder.build(paths: [folder.appendingPathComponent("chapters").path], outputDirectory: output,
                                       options: CheckOptions(jobs: 1))
        #expect(result.status == .badInput)
        #expect(result.diagnostics.contains { $0.description.contains("02-matrices.md:4:5: error: unknown command") })
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
