import Diagnostics

/// Parses the `{#eq:label key=value key="quoted value" unchecked="reason"}` that may follow a
/// Derive fence's info string, reporting each problem at its column. A `plot` fence takes
/// `name=value` settings instead (`{x=-4..4 \sigma=1 samples=200}`), kept in order for the pipeline.
struct FenceAttributeParser {
    let file: String
    /// The text after the info word, and the file position of its first scalar.
    let scalars: [Unicode.Scalar]
    let origin: SourcePosition
    private(set) var diagnostics: [Diagnostic] = []
    /// Set after an error that leaves nothing sensible to read (an unclosed quote).
    private var abandoned = false
    private var kind = FenceKind.derive

    init(text: String, origin: SourcePosition, file: String) {
        self.scalars = Array(text.unicodeScalars)
        self.origin = origin
        self.file = file
    }

    private func position(_ index: Int) -> SourcePosition {
        SourcePosition(file: origin.file, line: origin.line, column: origin.column + index)
    }

    private func scalar(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    private mutating func error(_ index: Int, _ message: String) {
        diagnostics.append(.error(position(index), message))
    }

    private func skipSpaces(_ index: Int) -> Int {
        var cursor = index
        while let current = scalar(cursor), current.isWhitespaceLike { cursor += 1 }
        return cursor
    }

    /// The attributes; check `diagnostics` afterwards.
    mutating func parse(kind: FenceKind) -> BlockAttributes {
        self.kind = kind
        var attributes = BlockAttributes()
        var cursor = skipSpaces(0)
        guard cursor < scalars.count else { return attributes }
        guard scalars[cursor] == "{" else {
            error(cursor, "malformed fence attributes: expected '{#eq:label key=value}' after '\(kind.rawValue)'")
            return attributes
        }
        let open = cursor
        cursor += 1
        while true {
            cursor = skipSpaces(cursor)
            if abandoned { return attributes }
            guard let current = scalar(cursor) else {
                error(open, "malformed fence attributes: '{' is never closed with '}'")
                return attributes
            }
            if current == "}" {
                let rest = skipSpaces(cursor + 1)
                if rest < scalars.count {
                    error(rest, "malformed fence attributes: unexpected text after '}'")
                }
                return attributes
            }
            let start = cursor
            if current == "#", kind == .plot {
                error(cursor, "malformed fence attributes: a plot has no number to refer to, so it takes no '#label'")
                cursor += max(word(at: cursor).unicodeScalars.count, 1)
            } else if current == "#" {
                cursor = parseLabel(at: cursor, into: &attributes)
            } else if kind == .plot, isKeyStart(current) || current == "\\" {
                cursor = parseSetting(at: cursor, into: &attributes)
            } else if isKeyStart(current) {
                cursor = parseOption(at: cursor, into: &attributes)
            } else {
                let word = self.word(at: start)
                error(start, "malformed fence attributes: unexpected '\(word)'; expected '#label' or 'key=value'")
                cursor = start + max(word.unicodeScalars.count, 1)
            }
            if cursor <= start { cursor = start + 1 }
        }
    }

    /// Text up to the next white space or `}`, for messages.
    private func word(at index: Int) -> String {
        var cursor = index
        var text = String.UnicodeScalarView()
        while let current = scalar(cursor), !current.isWhitespaceLike, current != "}" {
            text.append(current)
            cursor += 1
        }
        return String(text)
    }

    private func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isKeyStart(scalar) || scalar.isASCIIDigit || scalar == "_" || scalar == "-"
    }

    private func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isKeyCharacter(scalar) || scalar == ":" || scalar == "."
    }

    private mutating func parseLabel(at start: Int, into attributes: inout BlockAttributes) -> Int {
        var cursor = start + 1
        var label = String.UnicodeScalarView()
        while let current = scalar(cursor), isLabelCharacter(current) {
            label.append(current)
            cursor += 1
        }
        if let current = scalar(cursor), !current.isWhitespaceLike, current != "}" {
            error(cursor, "malformed fence attributes: '\(current)' cannot appear in a label "
                  + "(use letters, digits and '-_:.')")
            return cursor + word(at: cursor).unicodeScalars.count
        }
        if label.isEmpty {
            error(start, "malformed fence attributes: '#' must be followed by a label, as in '#eq:name'")
        } else if let existing = attributes.label {
            error(start, "malformed fence attributes: a second label '#\(String(label))' (already '#\(existing)')")
        } else {
            attributes.label = String(label)
        }
        return cursor
    }

    private mutating func parseOption(at start: Int, into attributes: inout BlockAttributes) -> Int {
        var cursor = start
        var key = String.UnicodeScalarView()
        while let current = scalar(cursor), isKeyCharacter(current) {
            key.append(current)
            cursor += 1
        }
        let name = String(key)
        guard scalar(cursor) == "=" else {
            if name == "unchecked" {
                error(start, "malformed fence attributes: 'unchecked' needs a reason, as in unchecked=\"why\"")
            } else {
                error(start, "malformed fence attributes: '\(word(at: start))' is not 'key=value'")
            }
            return start + word(at: start).unicodeScalars.count
        }
        cursor += 1
        let valueStart = cursor
        let text: String
        switch readValue(at: valueStart, of: name) {
        case .value(let read, let end):
            text = read
            cursor = end
        case .failed(let resume):
            return resume
        }
        if text.trimmingSpaces.isEmpty {
            error(valueStart, "malformed fence attributes: '\(name)' has no value")
        } else if name == "unchecked" {
            if attributes.uncheckedReason != nil {
                error(start, "malformed fence attributes: 'unchecked' is given twice")
            }
            attributes.uncheckedReason = text
        } else if !LinkOption.keys.contains(name) {
            // Anything else is reported, so that a typo (`sample=64`) cannot silently leave a
            // block checked with defaults.
            let known = (LinkOption.keys.sorted() + ["unchecked"]).joined(separator: ", ")
            error(start, "malformed fence attributes: unknown key '\(name)' (known: \(known))")
        } else if attributes.options[name] != nil {
            error(start, "malformed fence attributes: '\(name)' is given twice")
        } else if let problem = LinkOption.problem(withOption: name, value: text) {
            error(valueStart, "malformed fence attributes: " + problem)
        } else {
            attributes.options[name] = text
        }
        if let current = scalar(cursor), !current.isWhitespaceLike, current != "}" {
            error(cursor, "malformed fence attributes: expected a space or '}' after the value of '\(name)'")
            return cursor + word(at: cursor).unicodeScalars.count
        }
        return cursor
    }

    /// A value read, or the index to resume at after an error (reported already).
    private enum ReadValue {
        case value(String, end: Int)
        case failed(resume: Int)
    }

    /// A quoted value (`"a \"b\""`) or one up to white space or `}`.
    private mutating func readValue(at valueStart: Int, of name: String) -> ReadValue {
        var cursor = valueStart
        var value = String.UnicodeScalarView()
        if scalar(cursor) == "\"" {
            cursor += 1
            var closed = false
            while let current = scalar(cursor) {
                if current == "\\", let next = scalar(cursor + 1), next == "\"" || next == "\\" {
                    value.append(next)
                    cursor += 2
                    continue
                }
                cursor += 1
                if current == "\"" { closed = true; break }
                value.append(current)
            }
            guard closed else {
                error(valueStart, "malformed fence attributes: the quoted value of '\(name)' is never closed")
                abandoned = true
                return .failed(resume: scalars.count)
            }
        } else {
            while let current = scalar(cursor), !current.isWhitespaceLike, current != "}" {
                guard current != "\"" else {
                    error(cursor, "malformed fence attributes: a quote inside the value of '\(name)'; "
                          + "quote the whole value")
                    return .failed(resume: cursor + word(at: cursor).unicodeScalars.count)
                }
                value.append(current)
                cursor += 1
            }
        }
        return .value(String(value), end: cursor)
    }

    /// A plot's `name=value`: the name may be a LaTeX name (`\sigma`, `\mu_{0}`), so it runs to
    /// the `=` with its braces balanced; what it means is the pipeline's to decide.
    private mutating func parseSetting(at start: Int, into attributes: inout BlockAttributes) -> Int {
        var cursor = start
        var key = String.UnicodeScalarView()
        var depth = 0
        while let current = scalar(cursor), !current.isWhitespaceLike, current != "=", current != "}" || depth > 0 {
            if current == "{" { depth += 1 }
            if current == "}" { depth -= 1 }
            key.append(current)
            cursor += 1
        }
        let name = String(key)
        guard scalar(cursor) == "=" else {
            error(start, "malformed fence attributes: '\(word(at: start))' is not 'name=value'")
            return start + max(word(at: start).unicodeScalars.count, 1)
        }
        let valueStart = cursor + 1
        switch readValue(at: valueStart, of: name) {
        case .failed(let resume):
            return resume
        case .value(let text, let end):
            if text.trimmingSpaces.isEmpty {
                error(valueStart, "malformed fence attributes: '\(name)' has no value")
            } else if attributes.settings.contains(where: { $0.key == name }) {
                error(start, "malformed fence attributes: '\(name)' is given twice")
            } else {
                attributes.settings.append(FenceSetting(key: name, value: text, keyPosition: position(start),
                                                        valuePosition: position(valueStart)))
            }
            if let current = scalar(end), !current.isWhitespaceLike, current != "}" {
                error(end, "malformed fence attributes: expected a space or '}' after the value of '\(name)'")
                return end + word(at: end).unicodeScalars.count
            }
            return end
        }
    }
}
