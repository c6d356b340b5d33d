import Diagnostics

/// A piece of prose that Derive takes out of cmark's hands before parsing: a math span or a
/// cross-reference, found by `MathProtection` with its exact source position.
struct ProtectedSpan: Sendable {
    enum Kind: Sendable {
        case math(source: SourceText, display: Bool)
        case reference(label: String, position: SourcePosition)
    }
    var kind: Kind

    /// The inline this span becomes in the chapter model.
    var inline: Inline {
        switch kind {
        case let .math(source, display): return .math(source: source, display: display)
        case let .reference(label, position): return .reference(label: label, position: position)
        }
    }
}

/// The placeholders that stand in for protected spans in the text cmark parses.
///
/// A placeholder is `$` + a prefix that occurs nowhere in the chapter + a number + `$`. cmark gives
/// `$` and alphanumerics no meaning, so a placeholder reaches a text node whole; starting and ending
/// with punctuation, it flanks emphasis delimiters as the original `$…$`, `\eqref{…}` or `[](#…)`
/// would. A span covering several lines gets one placeholder per line so that cmark sees the same
/// lines (and so reports the same line numbers) as the author wrote.
struct Placeholders: Sendable {
    /// What one placeholder stands for.
    struct Entry: Sendable {
        /// Index into `spans`.
        var span: Int
        /// The first line's placeholder carries the span; the others only continue it.
        var isContinuation: Bool
        /// The original text of this line's piece, put back where a placeholder lands outside a
        /// text node (a link destination, inline HTML).
        var raw: String
    }

    let prefix: String
    private(set) var spans: [ProtectedSpan] = []
    private(set) var entries: [Entry] = []

    /// Chooses a prefix that does not occur in `text`.
    init(avoiding text: String) {
        var prefix = "derivemath"
        while Self.occurs(prefix, in: text) { prefix += "q" }
        self.prefix = prefix
    }

    /// Whether `needle` occurs in `text`, comparing UTF-8 bytes (no Foundation, no locale).
    private static func occurs(_ needle: String, in text: String) -> Bool {
        let pattern = Array(needle.utf8)
        let bytes = Array(text.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return true
            }
            index += 1
        }
        return false
    }

    mutating func add(_ span: ProtectedSpan) -> Int {
        spans.append(span)
        return spans.count - 1
    }

    /// Registers one line's piece of span `span` and returns the placeholder text for it.
    mutating func placeholder(span: Int, isContinuation: Bool, raw: String) -> String {
        entries.append(Entry(span: span, isContinuation: isContinuation, raw: raw))
        return "$" + prefix + String(entries.count - 1) + "$"
    }

    /// A piece of a text node: ordinary text or a placeholder's entry.
    enum Piece: Equatable {
        case text(String)
        case entry(Int)
    }

    /// Splits a text node at its placeholders.
    func split(_ text: String) -> [Piece] {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return [.text(text)] }
        let marker = Array(("$" + prefix).unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var plain = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (entry, end) = match(scalars, at: index, marker: marker) {
                if !plain.isEmpty { pieces.append(.text(String(plain))) }
                plain = String.UnicodeScalarView()
                pieces.append(.entry(entry))
                index = end
            } else {
                plain.append(scalars[index])
                index += 1
            }
        }
        if !plain.isEmpty { pieces.append(.text(String(plain))) }
        return pieces
    }

    /// Puts the original text back for every placeholder in `text`.
    func restore(_ text: String) -> String {
        split(text).map { piece in
            switch piece {
            case let .text(string): return string
            case let .entry(index): return entries[index].raw
            }
        }.joined()
    }

    /// A placeholder starting at `index`: its entry and the index just after it.
    private func match(_ scalars: [Unicode.Scalar], at index: Int,
                       marker: [Unicode.Scalar]) -> (Int, Int)? {
        // Compared in place: copying the candidate out at each scalar of a text node cost a
        // large part of the time a chapter took to read.
        guard index + marker.count < scalars.count, scalars[index] == "$",
              scalars[index..<(index + marker.count)].elementsEqual(marker) else { return nil }
        var cursor = index + marker.count
        var number = 0
        var digits = 0
        while cursor < scalars.count, scalars[cursor].isASCIIDigit, digits < 9 {
            number = number * 10 + Int(scalars[cursor].value - 48)
            digits += 1
            cursor += 1
        }
        guard digits > 0, cursor < scalars.count, scalars[cursor] == "$",
              number < entries.count else { return nil }
        return (number, cursor + 1)
    }
}
