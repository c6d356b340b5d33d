import Diagnostics

/// The contents of a book folder's `book.json`: `{"title": …, "author": …, "chapters": [file, …]}`,
/// every key optional.
struct BookMetadata: Sendable {
    static let fileName = "book.json"

    var title: String?
    var author: String?
    /// Chapter file names relative to the folder, each with the position of its entry.
    var chapters: [(name: String, position: SourcePosition)]?

    /// Reads metadata from the text of `file`; every problem found is thrown together.
    static func parse(_ text: String, file: String) throws -> BookMetadata {
        let json: LocatedJSON
        do {
            json = try LocatedJSON.parse(text, file: file)
        } catch let diagnostic as Diagnostic {
            throw DiagnosticList([diagnostic])
        }
        guard case let .object(members) = json.value else {
            throw DiagnosticList([.error(json.position,
                "bad book.json: expected an object such as {\"title\": \"…\", \"chapters\": [\"01-intro.md\"]}, "
                + "found \(json.kindName)")])
        }
        var metadata = BookMetadata()
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for member in members {
            if !seen.insert(member.key).inserted {
                problems.append(.error(member.keyPosition, "bad book.json: \"\(member.key)\" is given twice"))
                continue
            }
            switch member.key {
            case "title", "author":
                guard case let .string(text) = member.value.value else {
                    problems.append(.error(member.value.position,
                        "bad book.json: \"\(member.key)\" must be a string, found \(member.value.kindName)"))
                    continue
                }
                if member.key == "title" { metadata.title = text } else { metadata.author = text }
            case "chapters":
                guard case let .array(elements) = member.value.value else {
                    problems.append(.error(member.value.position,
                        "bad book.json: \"chapters\" must be an array of file names, found \(member.value.kindName)"))
                    continue
                }
                var chapters: [(name: String, position: SourcePosition)] = []
                for element in elements {
                    guard case let .string(name) = element.value, !name.trimmingSpaces.isEmpty else {
                        problems.append(.error(element.position,
                            "bad book.json: each chapter must be a file name, found \(element.kindName)"))
                        continue
                    }
                    chapters.append((name, element.position))
                }
                if elements.isEmpty {
                    problems.append(.error(member.value.position, "bad book.json: \"chapters\" is empty"))
                }
                metadata.chapters = chapters
            default:
                problems.append(.error(member.keyPosition,
                    "bad book.json: unknown key \"\(member.key)\" (known: title, author, chapters)"))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return metadata
    }
}
