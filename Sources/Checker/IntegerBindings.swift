/// The whole numbers an evaluator sees: the sample point's own, under those bound while
/// evaluating (summation indices, integer parameters). While a side is traced it notes which of
/// the point's own numbers the evaluation read, because only those are folded into the program
/// as constants: a program holds at every point that agrees with its trace on them.
struct IntegerBindings {
    private var values: [String: Int]
    /// Where the reads of the point's numbers are noted; nil when nobody listens.
    private let reads: IntegerReads?
    /// The names bound while evaluating (kept only while reads are noted): a read of one of them
    /// is not a read of the point.
    private var bound: Set<String> = []

    init(_ values: [String: Int], noting reads: IntegerReads? = nil) {
        self.values = values
        self.reads = reads
    }

    subscript(key: String) -> Int? {
        get {
            let value = values[key]
            if value != nil, let reads, !bound.contains(key) { reads.names.insert(key) }
            return value
        }
        set {
            values[key] = newValue
            if reads != nil { bound.insert(key) }
        }
    }

    /// Every bound number, as a key for what a trace folded (not a read of the point: a
    /// program keyed so never stands for other numbers).
    var all: [String: Int] { values }

    /// Every number with the dimensions under it, for resolving a set's ends or a shape: all of
    /// the point's numbers count as read.
    func merging(_ dimensions: [String: Int]) -> [String: Int] {
        if let reads { reads.names.formUnion(values.keys.filter { !bound.contains($0) }) }
        return values.merging(dimensions) { a, _ in a }
    }
}

/// The names of the sample point's whole numbers that an evaluation read (see `IntegerBindings`).
final class IntegerReads {
    var names: Set<String> = []
}
