import CCmark

/// A borrowed view of one node of a cmark tree; valid only inside `CmarkNode.parse`'s closure,
/// which owns the tree and frees it.
struct CmarkNode {
    /// nil only for the empty tree handed out when cmark could not allocate one.
    private let pointer: OpaquePointer?

    /// Parses `text` with source positions and hands the document node to `body`.
    static func parse<T>(_ text: String, _ body: (CmarkNode) throws -> T) rethrows -> T {
        // An explicit length, not a C string, so that no byte of the input is cut off.
        var bytes = Array(text.utf8)
        let document = bytes.withUnsafeMutableBufferPointer { buffer -> OpaquePointer? in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_SOURCEPOS)
        }
        // cmark only fails when it cannot allocate; an empty tree is the honest fallback.
        guard let document else { return try body(CmarkNode(pointer: nil)) }
        defer { cmark_node_free(document) }
        return try body(CmarkNode(pointer: document))
    }

    var type: cmark_node_type {
        pointer.map(cmark_node_get_type) ?? CMARK_NODE_DOCUMENT
    }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = pointer.flatMap(cmark_node_first_child)
        while let current = child {
            result.append(CmarkNode(pointer: current))
            child = cmark_node_next(current)
        }
        return result
    }

    var literal: String { Self.string(pointer.flatMap(cmark_node_get_literal)) }
    var url: String { Self.string(pointer.flatMap(cmark_node_get_url)) }
    var title: String { Self.string(pointer.flatMap(cmark_node_get_title)) }
    var fenceInfo: String { Self.string(pointer.flatMap(cmark_node_get_fence_info)) }
    var headingLevel: Int { pointer.map { Int(cmark_node_get_heading_level($0)) } ?? 0 }
    var isOrderedList: Bool { pointer.map { cmark_node_get_list_type($0) == CMARK_ORDERED_LIST } ?? false }
    var listStart: Int { pointer.map { Int(cmark_node_get_list_start($0)) } ?? 1 }
    var listTight: Bool { pointer.map { cmark_node_get_list_tight($0) != 0 } ?? false }
    var startLine: Int { pointer.map { Int(cmark_node_get_start_line($0)) } ?? 1 }
    var startColumn: Int { pointer.map { Int(cmark_node_get_start_column($0)) } ?? 1 }

    /// The last line the node covers. cmark reports an end at column 0 of a line when the node
    /// really ends with the line before it.
    var endLine: Int {
        guard let pointer else { return 1 }
        let line = Int(cmark_node_get_end_line(pointer))
        return cmark_node_get_end_column(pointer) == 0 ? max(line - 1, startLine) : line
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
