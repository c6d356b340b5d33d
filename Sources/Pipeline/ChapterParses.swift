import Checker
import Diagnostics
import MathSyntax

/// The trees a chapter's analysis parsed, each under a key made of everything its parse reads
/// (the source text with the file position of every line, and the names parsed as functions), so
/// that the next analysis of the chapter in a session (`derive serve`, after an edit) parses
/// again only what changed: an edit to one step parses one fence. A parse that failed is not kept,
/// so that its error is found and reported again. Prose math keeps no position, so it is keyed by
/// its text alone.
/// Keys are compared as bytes, not as `String`s, which `==` and hashing take as equal when they
/// are canonically equivalent (é and e with a combining accent), though they print differently.
struct ChapterParses: Sendable {
    typealias Key = [UInt8]

    var chains: [Key: Chain] = [:]
    var declarations: [Key: [Declaration]] = [:]
    var definitions: [Key: [Definition]] = [:]
    var justifications: [Key: [JustificationPiece]] = [:]
    var prose: [Key: ProseMath] = [:]

    /// The key of a fence body: its file, each line's position and its text.
    static func key(_ body: SourceText) -> String {
        var key = body.file + "\u{1F}"
        for origin in body.lineOrigins { key += "\(origin.line).\(origin.column)," }
        return key + "\u{1E}" + body.text
    }

    /// The key of a body parsed with these function names.
    static func key(_ body: SourceText, functions: Set<String>) -> String {
        functions.sorted().joined(separator: "\u{1F}") + "\u{1D}" + key(body)
    }
}
