import Pipeline
import Checker

/// Writes `audit.json`: `{"links": [...]}`, one object per link with the keys of DESIGN.md §5,
/// keys sorted and absent values as null, so that two audits diff line by line.
public struct AuditWriter: BookWriter {
    public init() {}

    public func files(for book: CheckedBook) throws -> [OutputFile] {
        [OutputFile("audit.json", .text(json(for: book)))]
    }

    /// The audit lists every link, so any change renders it again; none renders nothing.
    public func files(for book: CheckedBook, after changes: BookChanges) throws -> RenderedFiles {
        RenderedFiles(files: changes.isEmpty ? [] : try files(for: book), isComplete: !changes.isEmpty)
    }

    /// The whole audit as text.
    public func json(for book: CheckedBook) -> String {
        JSONValue.object([("links", .array(book.links.map(Self.entry)))]).sortingKeys().pretty
    }

    static func entry(_ link: LinkReport) -> JSONValue {
        .object([
            ("file", .string(link.file)),
            ("line", .integer(link.position.line)),
            ("column", .integer(link.position.column)),
            ("label", .string(link.label)),
            ("step", .integer(link.step)),
            ("relation", .string(link.relation.rawValue)),
            ("verdict", .string(link.verdict.rawValue)),
            ("method", .string(link.method.rawValue)),
            ("points", .integer(link.points)),
            ("residual", .double(link.residual)),
            ("seed", .integer(link.seed)),
            ("seconds", .double(link.seconds)),
            ("bound", .double(link.bound)),
            ("reason", .string(link.reason)),
            ("justification", .string(link.justification)),
            ("counterexample", link.counterexample.map(counterexample) ?? .null),
        ])
    }

    private static func counterexample(_ counterexample: Counterexample) -> JSONValue {
        .object([
            ("assignment", .array(counterexample.assignment.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })),
            ("left", .string(counterexample.left)),
            ("right", .string(counterexample.right)),
            ("difference", .double(counterexample.difference)),
            ("tolerance", .double(counterexample.tolerance)),
            ("parting_at", .string(counterexample.partingAt)),
            ("hint", .string(counterexample.hint)),
        ])
    }
}
