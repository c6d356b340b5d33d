/// A place in a chapter file: the file, a 1-based line and a 1-based column (counted in Unicode
/// scalars). Every position knows its file, as Typst's spans do, so that no diagnostic needs the
/// file passed beside it; nodes the engine makes up use `detached`.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A place in no file: for trees the engine builds itself (a derivative's generated body, a
    /// constant). A diagnostic at a detached position falls back to the run's first path.
    public static let detached = SourcePosition(file: "", line: 0, column: 0)

    public var isDetached: Bool { file.isEmpty }

    /// File order first, then line and column, so that sorted diagnostics read like the book.
    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `line:column`, as a compiler prints it after the file name.
    public var description: String { "\(line):\(column)" }
}

/// A half-open stretch of a chapter file, from `start` up to (not including) `end`.
///
/// The file is held once, not once per end: every math tree node carries a range, and the
/// evaluator copies nodes as it walks, so a second string meant a second reference count to
/// update on every copy.
public struct SourceRange: Hashable, Sendable {
    public var file: String
    private var startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32

    /// Both ends lie in one file; `end`'s file is taken to be `start`'s.
    public init(start: SourcePosition, end: SourcePosition) {
        file = start.file
        startLine = Int32(clamping: start.line)
        startColumn = Int32(clamping: start.column)
        endLine = Int32(clamping: end.line)
        endColumn = Int32(clamping: end.column)
    }

    public var start: SourcePosition {
        get { SourcePosition(file: file, line: Int(startLine), column: Int(startColumn)) }
        set {
            file = newValue.file
            startLine = Int32(clamping: newValue.line)
            startColumn = Int32(clamping: newValue.column)
        }
    }

    public var end: SourcePosition {
        get { SourcePosition(file: file, line: Int(endLine), column: Int(endColumn)) }
        set {
            endLine = Int32(clamping: newValue.line)
            endColumn = Int32(clamping: newValue.column)
        }
    }

    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The range of a generated node, in no file.
    public static let detached = SourceRange(at: .detached)

    /// The smallest range that covers both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}

/// Text cut out of a chapter file (a math span, a fenced block's body) together with where each of
/// its lines starts in the file, so that any offset in it maps back to a file position.
public struct SourceText: Sendable {
    public var file: String
    public var text: String
    /// File position of the first character of each line of `text` (split on "\n").
    public var lineOrigins: [SourcePosition]

    public init(file: String, text: String, lineOrigins: [SourcePosition]) {
        self.file = file
        self.text = text
        self.lineOrigins = lineOrigins
    }

    /// A single-line or multi-line text whose first character sits at `origin` and whose later lines
    /// start at column 1 of the following file lines.
    public init(file: String, text: String, origin: SourcePosition) {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        var origins = [origin]
        for index in 1..<max(lineCount, 1) {
            origins.append(SourcePosition(file: file, line: origin.line + index, column: 1))
        }
        self.init(file: file, text: text, lineOrigins: origins)
    }

    /// The file position of the character at `line` (0-based line of `text`) and `column` (0-based
    /// Unicode-scalar offset within that line).
    public func position(line: Int, column: Int) -> SourcePosition {
        guard !lineOrigins.isEmpty else { return SourcePosition(file: file, line: 1, column: column + 1) }
        let origin = lineOrigins[min(max(line, 0), lineOrigins.count - 1)]
        return SourcePosition(file: file, line: origin.line, column: origin.column + column)
    }
}
