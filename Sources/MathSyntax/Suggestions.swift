/// "Did you mean …?" for a misspelt command or function name: the nearest spelling of a built-in
/// (from the rows of `Constructs.swift`) or of a known command, when one is close enough to help.
public enum Suggestions {
    /// `; did you mean \operatorname{tanh}?` for an unknown command, or "" when nothing is close.
    /// A function that exists only as a word (`\arctanh`, `\sign`) is pointed at its word.
    public static func didYouMean(command name: String) -> String {
        if ["underbrace", "overbrace", "underset", "overset", "stackrel"].contains(name) {
            // Papers annotate terms so (Ho et al. 2020, eq. (5)'s L_T, L_{t-1}, L_0); a checked chain
            // does not yet carry the annotation, so say where it can go instead.
            return "; a derive block does not read annotations yet: write the term without \\\(name) and put its label in the step's % justification (prose $…$ math may use it)"
        }
        if case .function(let function)? = Constructs.words[name], function.row.commands.isEmpty {
            return "; did you mean \\operatorname{\(name)}?"
        }
        let known = Array(CommandTable.commands.keys.filter { $0.count > 1 })
            + Constructs.words.keys.filter { Constructs.words[$0].map(isFunction) ?? false }
        guard let best = nearest(name, among: known) else { return "" }
        if CommandTable.commands[best] != nil { return "; did you mean \\\(best)?" }
        return "; did you mean \\operatorname{\(best)}?"
    }

    /// `; did you mean \operatorname{tanh}?` for a roman name that is not a function but is one
    /// edit or two from one, or "".
    public static func didYouMean(word: String) -> String {
        let known = Constructs.words.keys.filter { Constructs.words[$0].map(isFunction) ?? false }
        guard let best = nearest(word, among: Array(known)), best != word else { return "" }
        if let function = Constructs.words[best].flatMap(functionOf), !function.row.commands.isEmpty,
           function.row.commands.count == 1 {
            return "; did you mean \\\(function.row.commands[0]) or \\operatorname{\(best)}?"
        }
        return "; did you mean \\operatorname{\(best)}?"
    }

    /// The closest candidate within an edit distance that grows with the name: none but case for
    /// up to 3 letters (`\pm` is not a misspelt `\Pi`), 1 up to 5, 2 beyond; ties go to the
    /// alphabetically first, so that the message is the same on every run.
    static func nearest(_ name: String, among candidates: [String]) -> String? {
        let limit = name.count <= 3 ? 0 : (name.count <= 5 ? 1 : 2)
        var best: (distance: Int, word: String)?
        for candidate in candidates.sorted() where abs(candidate.count - name.count) <= limit {
            let d = distance(Array(name.lowercased()), Array(candidate.lowercased()))
            if d <= limit, best == nil || d < best!.distance { best = (d, candidate) }
        }
        return best?.word
    }

    /// Levenshtein distance, with a transposition of neighbours counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, table[i - 2][j - 2] + 1) }
                table[i][j] = d
            }
        }
        return table[a.count][b.count]
    }

    private static func isFunction(_ meaning: WordMeaning) -> Bool { functionOf(meaning) != nil }

    private static func functionOf(_ meaning: WordMeaning) -> BuiltinFunction? {
        if case .function(let function) = meaning { return function }
        return nil
    }
}
