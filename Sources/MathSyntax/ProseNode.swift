/// A presentation-MathML element of prose math, as the parser builds it: an element name, its
/// attributes, and either text (token elements) or children. `role` remembers what TeX would call
/// the atom, for the few layout decisions that depend on it (limits, operator spacing, `\not`).
struct ProseNode: Sendable {
    enum Role: Sendable, Equatable {
        case ordinary, relation, binary, open, close, punctuation
        /// A large operator or an operator name; `limits`: scripts above and below.
        case op(limits: Bool)
        /// `\overbrace` and friends: scripts always above or below.
        case brace
    }

    var name: String
    var attributes: [(String, String)] = []
    var text: String? = nil
    var children: [ProseNode] = []
    var role: Role = .ordinary
    /// An operator name that wants the function-application operator and a thin space after it.
    var appliesToWhatFollows = false

    static func token(_ name: String, _ text: String, _ attributes: [(String, String)] = [],
                      role: Role = .ordinary) -> ProseNode {
        ProseNode(name: name, attributes: attributes, text: text, role: role)
    }

    static func element(_ name: String, _ children: [ProseNode], _ attributes: [(String, String)] = [],
                        role: Role = .ordinary) -> ProseNode {
        ProseNode(name: name, attributes: attributes, children: children, role: role)
    }

    /// A row of nodes, or the node itself when there is exactly one.
    static func row(_ nodes: [ProseNode]) -> ProseNode {
        nodes.count == 1 ? nodes[0] : .element("mrow", nodes)
    }

    static func space(_ em: Double) -> ProseNode {
        .element("mspace", [], [("width", ProseNode.em(em))])
    }

    static func em(_ value: Double) -> String {
        let rounded = (value * 10000).rounded() / 10000
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + "em"
    }

    /// The MathML text of the node.
    var mathML: String {
        var out = "<" + name
        for (key, value) in attributes { out += " " + key + "=\"" + ProseNode.escape(value) + "\"" }
        if let text { return out + ">" + ProseNode.escape(text) + "</" + name + ">" }
        if children.isEmpty { return out + "/>" }
        return out + ">" + children.map(\.mathML).joined() + "</" + name + ">"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
