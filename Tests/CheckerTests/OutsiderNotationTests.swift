import Foundation
import Pipeline
import Checker
import Testing

/// Issue 9's outsider check: derivations as their papers' authors typed them (Kingma & Welling 2014,
/// Weng 2021, Song et al. 2021, Rezende & Mohamed 2015, Goodfellow et al. 2014, Gutmann & Hyvärinen
/// 2010, Hinton 2010), kept as chapters in Resources/outsider. Each true chapter verifies every link;
/// its `-wrong` twin (σ for σ², a missing ½, a sign, swapped densities, a dropped 1) is refuted.
@Suite struct OutsiderNotationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/outsider")

    static func check(_ name: String) throws -> CheckedBook {
        let url = folder.appendingPathComponent(name + ".md")
        return try checkChapter(try String(contentsOf: url, encoding: .utf8), file: name + ".md")
    }

    @Test(arguments: ["02-weng-posterior", "03-song-vp", "04-rezende-planar", "05-goodfellow-prop1",
                      "06-gutmann-nce", "07-hinton-rbm", "08-cookbook-quadratic-forms"])
    func asTypedIsVerifiedAndItsTwinRefuted(_ name: String) throws {
        let right = try Self.check(name)
        #expect(!right.hasInputErrors, "\(name): \(right.diagnostics.map(\.message))")
        #expect(!right.links.isEmpty && right.links.allSatisfy { $0.verdict == .verified }, "\(name): \(right.links.map(\.verdict))")
        let wrong = try Self.check(name + "-wrong")
        #expect(!wrong.hasInputErrors, "\(name)-wrong: \(wrong.diagnostics.map(\.message))")
        #expect(wrong.links.contains { $0.verdict == .refuted }, "\(name)-wrong: \(wrong.links.map(\.verdict))")
        #expect(!wrong.links.contains { $0.verdict == .inconclusive })
    }

    @Test func everyQuadraticFormTwinIsRefuted() throws {
        // Each wrong twin differs from its right one in a single link, and the norm of x − m is a
        // square root at zero on the rule's centre node: that must bound the error, not void it.
        let wrong = try Self.check("08-cookbook-quadratic-forms-wrong")
        #expect(wrong.links.count == 3 && wrong.links.allSatisfy { $0.verdict == .refuted }, "\(wrong.links.map(\.verdict))")
    }

    @Test func theGaussianKLOfKingmaAndWellingReads() throws {
        // The closed-form KL verifies; the cross-entropy integral over R^J may run out of the debug
        // build's time, so only its reading (no input error) is asserted here.
        let right = try Self.check("01-kingma-welling-appendix-b")
        #expect(!right.hasInputErrors, "\(right.diagnostics.map(\.message))")
        #expect(right.links.last?.verdict == .verified)
        let wrong = try Self.check("01-kingma-welling-appendix-b-wrong")
        #expect(wrong.links.last?.verdict == .refuted)
    }

    @Test func anOptimumWhoseVariableOutlivesItsBodyAsksForBrackets() throws {
        let typed = try Self.check("05-goodfellow-prop1-as-typed")
        #expect(typed.hasInputErrors)
        #expect(typed.diagnostics.contains { $0.message.contains("put the whole body in brackets") })
    }
}
