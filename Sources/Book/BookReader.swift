import Diagnostics
import Foundation

/// Reads chapter files and folders into the chapter model; every problem is reported as a located
/// diagnostic, all of them together, and bad input never crashes it.
public enum BookReader {
    /// Reads chapters from `paths` (each a chapter file or a folder of chapters, in the order
    /// given). A folder's chapters are its `*.md` files ordered by file name, unless its
    /// `book.json` gives `{"title": …, "author": …, "chapters": [file, …]}`. The book is titled by
    /// the first `book.json` title, else by its first chapter's heading. `parse` turns a chapter
    /// file's text into its model (a session that rebuilds after each save passes one that
    /// remembers the chapters whose text is unchanged).
    public static func read(paths: [String],
                            parse: (_ text: String, _ file: String) throws -> Chapter = { try parseChapter(text: $0, file: $1) }) throws -> Book {
        var diagnostics: [Diagnostic] = []
        var chapters: [Chapter] = []
        var metadata: [BookMetadata] = []
        if paths.isEmpty {
            diagnostics.append(.error(file: "derive", "no chapter file or folder given"))
        }
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                diagnostics.append(.error(file: path, "no such file or folder"))
                continue
            }
            if isFolder.boolValue {
                let (files, folderMetadata, problems) = chapterFiles(inFolder: path)
                diagnostics += problems
                metadata += folderMetadata.map { [$0] } ?? []
                for file in files {
                    readChapter(at: file, into: &chapters, diagnostics: &diagnostics, parse: parse)
                }
            } else {
                readChapter(at: path, into: &chapters, diagnostics: &diagnostics, parse: parse)
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        guard let first = chapters.first else {
            throw DiagnosticList([.error(file: paths.first ?? "derive", "no chapters to read")])
        }
        let title = metadata.lazy.compactMap(\.title).first ?? first.title
        let author = metadata.lazy.compactMap(\.author).first
        return Book(title: title, author: author, chapters: chapters)
    }

    /// Parses one chapter's text; `file` names it in positions and diagnostics.
    public static func parseChapter(text: String, file: String) throws -> Chapter {
        var (blocks, diagnostics) = MarkdownReader.read(text: text, file: file)
        var title: String?
        for case let .heading(level, inlines, position) in blocks where level == 1 {
            title = inlines.plainText.trimmingSpaces
            if title?.isEmpty ?? true {
                diagnostics.append(.error(position, "the chapter's level-1 heading is empty"))
            }
            break
        }
        if title == nil {
            diagnostics.append(.error(file: file,
                "chapter has no level-1 heading; a chapter starts with '# Title'"))
        }
        if !diagnostics.isEmpty {
            throw DiagnosticList(sortedByPosition(diagnostics))
        }
        return Chapter(file: file, title: title ?? "", blocks: blocks)
    }

    /// Stable sort, so that problems read top to bottom as in the file.
    private static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.position, a.offset) < (b.element.position, b.offset)
        }.map(\.element)
    }

    private static func readChapter(at path: String, into chapters: inout [Chapter], diagnostics: inout [Diagnostic],
                                    parse: (_ text: String, _ file: String) throws -> Chapter) {
        do {
            let text = try readText(at: path)
            chapters.append(try parse(text, path))
        } catch let list as DiagnosticList {
            diagnostics += list.diagnostics
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.error(file: path, "cannot read file: \(error)"))
        }
    }

    /// The UTF-8 text of a file; an unreadable file or invalid UTF-8 is a located diagnostic.
    static func readText(at path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic.error(file: path, "cannot read file: \(describe(error, path: path))")
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        throw Diagnostic.error(firstInvalidUTF8(in: data, file: path), "file is not valid UTF-8 text")
    }

    /// A short reason for a failed read.
    private static func describe(_ error: Error, path: String) -> String {
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a folder"
        }
        return error.localizedDescription
    }

    /// Where the first byte that is not UTF-8 sits (line and column in scalars before it).
    private static func firstInvalidUTF8(in data: Data, file: String) -> SourcePosition {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = SourcePosition(file: file, line: 1, column: 1)
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                if Unicode.UTF8.decode(encoded) == "\n" {
                    position = SourcePosition(file: file, line: position.line + 1, column: 1)
                } else {
                    position.column += 1
                }
            case .emptyInput, .error:
                return position
            }
        }
    }

    /// A folder's chapter files in reading order and its metadata, with any problems found.
    private static func chapterFiles(inFolder folder: String)
        -> (files: [String], metadata: BookMetadata?, problems: [Diagnostic]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return ([], nil, [.error(file: folder, "cannot read folder: \(describe(error, path: folder))")])
        }
        let metadataPath = join(folder, BookMetadata.fileName)
        guard names.contains(BookMetadata.fileName) else {
            let chapters = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
            if chapters.isEmpty {
                return ([], nil, [.error(file: folder, "no chapter files (*.md) in this folder")])
            }
            return (chapters.map { join(folder, $0) }, nil, [])
        }
        let metadata: BookMetadata
        do {
            metadata = try BookMetadata.parse(try readText(at: metadataPath), file: metadataPath)
        } catch let list as DiagnosticList {
            return ([], nil, list.diagnostics)
        } catch let diagnostic as Diagnostic {
            return ([], nil, [diagnostic])
        } catch {
            return ([], nil, [.error(file: metadataPath, "cannot read file: \(error)")])
        }
        guard let listed = metadata.chapters else {
            let chapters = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
            if chapters.isEmpty {
                return ([], metadata, [.error(file: folder, "no chapter files (*.md) in this folder")])
            }
            return (chapters.map { join(folder, $0) }, metadata, [])
        }
        var files: [String] = []
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for (name, position) in listed {
            let path = join(folder, name)
            if !seen.insert(name).inserted {
                problems.append(.error(position, "bad book.json: chapter \"\(name)\" is listed twice"))
            } else if !FileManager.default.fileExists(atPath: path) {
                problems.append(.error(position,
                    "bad book.json: chapter \"\(name)\" does not exist in \(folder)"))
            } else {
                files.append(path)
            }
        }
        return (files, metadata, problems)
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
