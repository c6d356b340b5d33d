import Diagnostics
import Foundation

/// What became of one planted slip.
public struct MutantResult: Sendable {
    /// Killed (refuted, or stopped as inconclusive or bad input), survived, equivalent (the slip
    /// changed nothing), or implied (an inequality that still holds, weaker than the original).
    public enum Fate: String, Sendable {
        case refuted, inconclusive, inputError = "input error", survived, equivalent, implied
        /// The check did not let the slip through.
        public var isKilled: Bool { self == .refuted || self == .inconclusive || self == .inputError }
    }

    public var file: String
    public var position: SourcePosition
    public var link: String
    public var kind: MutationKind
    public var original: String
    public var mutated: String
    public var fate: Fate
    /// Why an inconclusive or bad-input mutant was stopped.
    public var reason: String?
}

/// The figures of a mutation run: kill rates per chapter and per kind, survivors and equivalents.
public struct MutationReport: Sendable {
    public var results: [MutantResult]
    /// Links that could be mutated (not unchecked, not `\approx`), and those of them verified.
    public var linksChecked: Int
    public var linksVerified: Int

    /// Killed and non-equivalent counts of a group of results.
    public struct Tally: Sendable {
        public var killed = 0, refuted = 0, survived = 0, equivalent = 0
        public var nonEquivalent: Int { killed + survived }
        public var rate: Double { nonEquivalent == 0 ? 1 : Double(killed) / Double(nonEquivalent) }
        mutating func add(_ fate: MutantResult.Fate) {
            if fate.isKilled { killed += 1 }
            if fate == .refuted { refuted += 1 }
            if fate == .survived { survived += 1 }
            if fate == .equivalent || fate == .implied { equivalent += 1 }
        }
    }

    public var total: Tally { tally(results) }
    public var survivors: [MutantResult] { results.filter { $0.fate == .survived } }
    /// Equivalent and implied mutants: not slips that a checker could catch.
    public var equivalents: [MutantResult] { results.filter { $0.fate == .equivalent || $0.fate == .implied } }

    public var byChapter: [(String, Tally)] {
        Dictionary(grouping: results, by: \.file).map { ($0.key, tally($0.value)) }.sorted { $0.0 < $1.0 }
    }

    public var byKind: [(MutationKind, Tally)] {
        MutationKind.allCases.compactMap { kind in
            let group = results.filter { $0.kind == kind }
            return group.isEmpty ? nil : (kind, tally(group))
        }
    }

    private func tally(_ group: [MutantResult]) -> Tally {
        var t = Tally()
        for result in group { t.add(result.fate) }
        return t
    }

    /// The report as `derive mutate` prints it: survivors in compiler style (so that editors jump
    /// to them), equivalents as notes, then the tables.
    public var lines: [String] {
        var out: [String] = []
        for s in survivors.sorted(by: order) {
            out.append("\(s.file):\(s.position): warning: \(s.kind.rawValue) mutant survived in \(s.link)")
            out.append("    \(s.original)  →  \(s.mutated)")
        }
        for e in equivalents.sorted(by: order) {
            out.append("\(e.file):\(e.position): note: \(e.fate.rawValue) \(e.kind.rawValue) mutant in \(e.link): \(e.mutated)")
        }
        func row(_ name: String, _ t: Tally) -> String {
            let padded = name.count < 44 ? name + String(repeating: " ", count: 44 - name.count) : name
            return padded + String(format: "%6d killed (%d refuted) of %6d  %6.1f%%   %d survived, %d equivalent or implied",
                                   t.killed, t.refuted, t.nonEquivalent, 100 * t.rate, t.survived, t.equivalent)
        }
        out.append("per chapter:")
        for (file, t) in byChapter { out.append("  " + row((file as NSString).lastPathComponent, t)) }
        out.append("per kind:")
        for (kind, t) in byKind { out.append("  " + row(kind.rawValue, t)) }
        let t = total
        out.append(String(format: "mutants: %d of %d non-equivalent killed (%.1f%%), %d refuted, %d survived, %d equivalent or implied; from %d links (%d verified)",
                          t.killed, t.nonEquivalent, 100 * t.rate, t.refuted, t.survived, t.equivalent, linksChecked, linksVerified))
        return out
    }

    private func order(_ a: MutantResult, _ b: MutantResult) -> Bool {
        a.file != b.file ? a.file < b.file : a.position < b.position
    }
}
