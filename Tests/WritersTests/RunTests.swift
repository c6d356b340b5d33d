import Book
import Checker
import Diagnostics
import Foundation
import Pipeline
import Testing
@testable import Writers

@Suite struct RunTests {
    /// The sample book with its first derivation's links replaced by links of these verdicts.
    func book(_ verdicts: [Verdict], inputErrors: Bool = false) throws -> CheckedBook {
        var book = SampleBook.make()
        let reports = verdicts.enumerated().map { index, verdict in
            SampleBook.report(SampleBook.firstFile, line: 15 + index, label: nil, step: index + 1, .equal, verdict,
                              method: .exact)
        }
        // The sample's first chapter holds given, define and derive fences, in that order.
        let fence = book.chapters[0].fences[2]
        // Without the derivation the statuses below would be those of the sample book, not of `verdicts`.
        var derivation = try #require({ () -> CheckedDerivation? in
            if case .derive(let derivation)? = fence { return derivation }
            return nil
        }(), "the sample book's third fence should be a derivation")
        derivation.links = reports
        book.chapters[0].fences[2] = .derive(derivation)
        book.chapters[1].fences = [nil]
        book.hasInputErrors = inputErrors
        return book
    }

    func status(_ verdicts: [Verdict], inputErrors: Bool = false, allowInconclusive: Bool = false) throws -> Pipeline.ExitStatus {
        let book = try book(verdicts, inputErrors: inputErrors)
        return Pipeline.ExitStatus(LinkSummary(book.links), hasInputErrors: book.hasInputErrors, allowInconclusive: allowInconclusive)
    }

    @Test func exitStatusFollowsTheDesign() throws {
        #expect(try status([.verified, .unchecked]) == .success)
        #expect(try status([.verified, .refuted], allowInconclusive: true) == .failedLinks)
        #expect(try status([.verified, .inconclusive]) == .failedLinks)
        #expect(try status([.verified, .inconclusive], allowInconclusive: true) == .success)
        #expect(try status([.refuted], inputErrors: true) == .badInput)
        // The sample book alone holds a refuted link: the verdicts given must replace it.
        #expect(try book([.verified]).links.map(\.verdict) == [.verified])
        #expect(Pipeline.ExitStatus.failedLinks.rawValue == 1 && Pipeline.ExitStatus.badInput.rawValue == 2)
    }

    @Test func summaryLineCountsEachVerdict() {
        let summary = LinkSummary(SampleBook.make().links)
        #expect(summary.description == "checked 4 links: 2 verified, 1 unchecked, 1 refuted, 0 inconclusive; 1 verified exactly, false-accept bound ≤ 1.0e-30 each")
        #expect(OutputFormat.json.render(summary) ==
                "{\"links\":4,\"verified\":2,\"unchecked\":1,\"refuted\":1,\"inconclusive\":0}")
    }

    @Test func diagnosticsPrintAsCompilerTextOrJSONLines() throws {
        let diagnostic = Diagnostic.error(SourcePosition(file: "chapters/03-vae.md", line: 42, column: 5),
                                          "step 3 of eq:elbo is refuted ('=' does not hold)",
                                          details: ["= \\mathbb{E}_{q}[\\log p(x \\mid z)]", "the sides part at: \"+\""])
        #expect(OutputFormat.text.render(diagnostic) == diagnostic.description)
        let line = OutputFormat.json.render(diagnostic)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("{\"file\":\"chapters/03-vae.md\",\"line\":42,\"column\":5,\"severity\":\"error\","))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == diagnostic.message)
        #expect(object["details"] as? [String] == diagnostic.details)
    }

    @Test func reportSendsDiagnosticsToStandardErrorAndTheSummaryToStandardOutput() {
        let diagnostic = Diagnostic.error(SourcePosition(file: "a.md", line: 1, column: 2), "bad")
        let result = BuildResult(book: nil, diagnostics: [diagnostic], summary: LinkSummary([]), status: .badInput,
                                 outputError: "cannot write 'out': no")
        let report = RunReport(result, format: .text)
        #expect(report.standardError == ["a.md:1:2: error: bad", "error: cannot write 'out': no"])
        #expect(report.standardOutput == ["checked 0 links: 0 verified, 0 unchecked, 0 refuted, 0 inconclusive"])
    }

    @Test func buildWritesNothingWhenTheChaptersCannotBeRead() throws {
        let folder = try SampleBook.temporaryFolder()
        let target = folder.appendingPathComponent("output")
        let result = BookBuilder.build(paths: [folder.appendingPathComponent("missing.md").path],
                                       outputDirectory: target.path, options: CheckOptions())
        #expect(result.status == .badInput)
        #expect(result.outputDirectory == nil)
        #expect(!result.diagnostics.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func cacheLivesInTheUsersCacheFolder() {
        #expect(CacheLocation.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/derive")
        #expect(CacheLocation.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/derive")
        #expect(CacheLocation.defaultDirectory(environment: [:]) == nil)
    }
}
