import Foundation
import Pipeline
import Testing
@testable import Writers

@Suite struct AuditWriterTests {
    static let keys: Set<String> = ["file", "line", "column", "label", "step", "relation", "verdict", "method", "points",
                                    "residual", "seed", "seconds", "bound", "reason", "justification", "counterexample"]

    func links() throws -> [[String: Any]] {
        let text = AuditWriter().json(for: SampleBook.make())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(root["links"] as? [[String: Any]])
    }

    @Test func oneObjectPerLinkWithExactlyTheDocumentedKeys() throws {
        let links = try links()
        #expect(links.count == 4)
        for link in links { #expect(Set(link.keys) == Self.keys) }
    }

    @Test func valuesAreThoseOfTheReports() throws {
        let links = try links()
        let refuted = links[0]
        #expect(refuted["file"] as? String == SampleBook.firstFile)
        #expect(refuted["line"] as? Int == 15)
        #expect(refuted["column"] as? Int == 3)
        #expect(refuted["label"] is NSNull)
        #expect(refuted["step"] as? Int == 1)
        #expect(refuted["relation"] as? String == "=")
        #expect(refuted["verdict"] as? String == "refuted")
        #expect(refuted["method"] as? String == "exact")
        #expect(refuted["bound"] is NSNull)
        let counterexample = try #require(refuted["counterexample"] as? [String: Any])
        #expect(counterexample["left"] as? String == "0.5625")
        #expect((counterexample["assignment"] as? [[String: String]])?.first?["name"] == "x")
        #expect(links[1]["relation"] as? String == "\\ge")
        #expect(links[1]["counterexample"] is NSNull)
        #expect(links[2]["verdict"] as? String == "unchecked")
        #expect(links[2]["residual"] is NSNull)
        #expect(links[3]["label"] as? String == "eq:second")
        #expect(links[3]["bound"] as? Double == 1e-30)
        #expect(links[3]["seed"] as? Int == 1234)
    }

    @Test func keysAreSortedSoThatDiffsAreStable() throws {
        let text = AuditWriter().json(for: SampleBook.make())
        let firstObject = try #require(text.components(separatedBy: "\n    }").first)
        let keys = firstObject.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("      \"") else { return nil }
            return String(line.dropFirst(7).prefix { $0 != "\"" })
        }
        #expect(keys == keys.sorted())
        #expect(keys.count == Self.keys.count)
        #expect(text == AuditWriter().json(for: SampleBook.make()))
    }
}
