import Checker

/// Counts of link verdicts: the summary line of a run and the one-line summary of the book.
public struct LinkSummary: Sendable, Equatable, CustomStringConvertible {
    public var verified = 0
    public var unchecked = 0
    public var refuted = 0
    public var inconclusive = 0
    /// Links verified by exact (modular) checks, and the largest false-accept bound among them.
    public var exact = 0
    public var largestBound: Double? = nil

    public init(_ links: [LinkReport]) {
        for link in links {
            if link.verdict == .verified, link.method == .exact {
                exact += 1
                if let bound = link.bound { largestBound = max(largestBound ?? 0, bound) }
            }
            switch link.verdict {
            case .verified: verified += 1
            case .unchecked: unchecked += 1
            case .refuted: refuted += 1
            case .inconclusive: inconclusive += 1
            }
        }
    }

    public var total: Int { verified + unchecked + refuted + inconclusive }

    /// "12 verified, 1 unchecked, 0 refuted, 0 inconclusive".
    public var counts: String {
        "\(verified) verified, \(unchecked) unchecked, \(refuted) refuted, \(inconclusive) inconclusive"
    }

    /// The summary line a run ends with: "checked 13 links: 12 verified, 1 unchecked, …", and how
    /// many were decided exactly with their worst false-accept bound.
    public var description: String {
        var line = "checked \(total) \(total == 1 ? "link" : "links"): \(counts)"
        if exact > 0 {
            line += "; \(exact) verified exactly"
            if let largestBound { line += String(format: ", false-accept bound ≤ %.1e each", largestBound) }
        }
        return line
    }

    /// The same figures as one JSON object, for `--format json`.
    var json: JSONValue {
        .object([("links", .integer(total)), ("verified", .integer(verified)), ("unchecked", .integer(unchecked)),
                 ("refuted", .integer(refuted)), ("inconclusive", .integer(inconclusive))])
    }
}
