import Checker
import Diagnostics
import Foundation
import Pipeline
import Testing
import Writers

/// Issue 12: inputs that once crashed the checker or were refused wrongly, now checked and built.
@Suite struct HostileInputTests {
    /// Builds the one chapter `body` (after `# T`) into HTML, LaTeX and audit.json, on a deep stack
    /// as the command line does; returns the result and removes the files.
    func build(_ body: String) throws -> BuildResult {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("derive-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data(("# T\n\n" + body).utf8).write(to: URL(fileURLWithPath: root + "/t.md"))
        return DeepStack.run {
            BookBuilder.build(paths: [root + "/t.md"], outputDirectory: root + "/out", options: CheckOptions(jobs: 1))
        }
    }

    static let real = "```given\nx \\in (0, 2)\n```\n\n"

    @Test func flatSumOf50000TermsIsVerifiedAndItsWrongTwinRefuted() throws {
        let sum = Array(repeating: "x", count: 50_000).joined(separator: " + ")
        let right = try build(Self.real + "```derive\n" + sum + " = 50000 x\n```\n")
        #expect(right.status == .success, "\(right.diagnostics)")
        let wrong = try build(Self.real + "```derive\n" + sum + " = 49999 x\n```\n")
        #expect(wrong.status == .failedLinks)
        #expect(wrong.diagnostics.first?.message.contains("refuted") == true)
    }

    @Test func flatProductOf20000FactorsIsVerified() throws {
        let product = Array(repeating: "x", count: 20_000).joined(separator: " ")
        let result = try build(Self.real + "```derive\n" + product + " = x^{20000}\n```\n")
        #expect(result.status == .success, "\(result.diagnostics)")
    }

    @Test func hugeBoundWithAConstantBodyIsDecidedSymbolically() throws {
        let right = try build(Self.real + "```derive\n\\sum_{i=1}^{1000000000000} x = 1000000000000 x\n```\n")
        #expect(right.status == .success, "\(right.diagnostics)")
        let wrong = try build(Self.real + "```derive\n\\sum_{i=1}^{1000000000000} x = 1000000000001 x\n```\n")
        #expect(wrong.status == .failedLinks)
        let product = try build(Self.real + "```derive\n\\prod_{s=1}^{1000000000000} x = x^{1000000000000}\n```\n")
        #expect(product.status == .success, "\(product.diagnostics)")
    }

    /// A long run of unary pluses over a non-rational function (found by FuzzCheck): the
    /// exact-check analysis once walked such a chain in time exponential in its length.
    @Test func aLongChainOfUnaryPlusesIsAnalysedQuickly() throws {
        let chain = "1 " + String(repeating: "+", count: 40) + "- \\operatorname{sigmoid}(x)"
        let started = Date()
        let result = try build(Self.real + "```derive\n" + chain + "\n  = 1 - \\operatorname{sigmoid}(x)\n```\n")
        #expect(result.status == .success, "\(result.diagnostics)")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    /// The Schwartz–Zippel degree bound of nested huge powers once overflowed an Int and trapped.
    @Test func nestedHugePowersDoNotOverflowTheDegreeBound() throws {
        let power = "(((x^{1000000})^{1000000})^{1000000})^{1000000}"
        let result = try build(Self.real + "```derive\n" + power + " = " + power + "\n```\n")
        #expect(result.status == .success, "\(result.diagnostics)")
    }

    @Test func deeplyNestedMarkdownThatCmarkRendersBuilds() throws {
        let quotes = String(repeating: "> ", count: 1_000) + "deep $x$ text\n"
        let lists = (0..<1_000).map { String(repeating: "  ", count: $0) + "- item $x_\($0)$\n" }.joined()
        let emphasis = String(repeating: "*a ", count: 1_000) + "x" + String(repeating: "*", count: 1_000) + "\n\n"
            + String(repeating: "[", count: 1_000) + "x" + String(repeating: "](u)", count: 1_000) + "\n"
        for body in [quotes, lists, emphasis] {
            let result = try build(body)
            #expect(result.status == .success, "\(result.diagnostics.prefix(3))")
            #expect(result.outputError == nil)
        }
    }
}
