import Diagnostics

/// A book as read from disk: its metadata and its chapters in reading order.
public struct Book: Sendable {
    public var title: String
    public var author: String?
    public var chapters: [Chapter]
    public init(title: String, author: String?, chapters: [Chapter]) {
        self.title = title
        self.author = author
        self.chapters = chapters
    }
}

/// One Markdown file: its level-1 heading as title and its blocks with source positions.
public struct Chapter: Sendable {
    /// The path as given on the command line or found in the folder (used in diagnostics).
    public var file: String
    public var title: String
    public var blocks: [Block]
    public init(file: String, title: String, blocks: [Block]) {
        self.file = file
        self.title = title
        self.blocks = blocks
    }
}

/// Block-level content of a chapter, CommonMark's blocks plus Derive's fenced blocks.
public indirect enum Block: Sendable {
    case heading(level: Int, [Inline], position: SourcePosition)
    case paragraph([Inline], position: SourcePosition)
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]], position: SourcePosition)
    case blockQuote([Block], position: SourcePosition)
    /// An ordinary fenced or indented code block (any info string Derive does not read).
    case code(info: String, text: String, position: SourcePosition)
    case html(String, position: SourcePosition)
    case thematicBreak(position: SourcePosition)
    /// A `given`, `define`, `derive` or `plot` fence.
    case fenced(FencedBlock)
}

/// Inline content. Math spans arrive protected from cmark and carry their exact source text.
public indirect enum Inline: Sendable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, title: String, [Inline])
    case image(source: String, title: String, alt: [Inline])
    case softBreak
    case lineBreak
    case html(String)
    /// `$…$` (display false) or `$$…$$` (display true); `source` is the text between the dollars.
    case math(source: SourceText, display: Bool)
    /// `\eqref{eq:label}` or `[](#eq:label)` in prose.
    case reference(label: String, position: SourcePosition)
}

/// Which of Derive's fences a block is.
public enum FenceKind: String, Sendable {
    case given, define, derive
    /// Curves of defined functions of one variable, sampled by the evaluator that checks the book.
    case plot
}

/// A `given`, `define`, `derive` or `plot` fence: its body with positions and its `{…}` attributes.
public struct FencedBlock: Sendable {
    public var kind: FenceKind
    public var body: SourceText
    public var attributes: BlockAttributes
    /// Position of the opening fence.
    public var position: SourcePosition
    public init(kind: FenceKind, body: SourceText, attributes: BlockAttributes, position: SourcePosition) {
        self.kind = kind
        self.body = body
        self.attributes = attributes
        self.position = position
    }
}

/// The attributes in braces after a fence's info string.
public struct BlockAttributes: Sendable, Equatable {
    /// `#eq:label`, without the `#`.
    public var label: String?
    /// `key=value` pairs (`samples`, `tol`, `wrt`, `seed`, `method`), values unquoted.
    public var options: [String: String]
    /// `unchecked="reason"`.
    public var uncheckedReason: String?
    /// A `plot` fence's `name=value` settings in the order written (`x=-4..4`, `\sigma=1`,
    /// `samples=200`), keys and values as text: the pipeline reads them, since a key may be a name.
    public var settings: [FenceSetting]
    public init(label: String? = nil, options: [String: String] = [:], uncheckedReason: String? = nil,
                settings: [FenceSetting] = []) {
        self.label = label
        self.options = options
        self.uncheckedReason = uncheckedReason
        self.settings = settings
    }
}

/// One `key=value` of a `plot` fence, with the file positions of its key and its value.
public struct FenceSetting: Sendable, Equatable {
    public var key: String
    public var value: String
    public var keyPosition: SourcePosition
    public var valuePosition: SourcePosition
    public init(key: String, value: String, keyPosition: SourcePosition, valuePosition: SourcePosition) {
        self.key = key
        self.value = value
        self.keyPosition = keyPosition
        self.valuePosition = valuePosition
    }
}
