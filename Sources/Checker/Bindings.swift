/// The variables an evaluator sees: the sample point's values, shared, under a short list of the
/// bindings made while evaluating (function parameters, quadrature nodes, summation indices).
/// Binding a name must not copy the whole point: the inner loops of quadrature and of defined
/// functions bind one name per node or call, and a dictionary copy per binding dominated them.
struct Bindings<Value> {
    private var base: [String: Value]
    /// Most recent last; a nil value hides the base's value (an index that was unbound).
    private var overlay: [(key: String, value: Value?)] = []

    init(_ base: [String: Value]) { self.base = base }

    subscript(key: String) -> Value? {
        get {
            for entry in overlay.reversed() where entry.key == key { return entry.value }
            return base[key]
        }
        set {
            if let index = overlay.lastIndex(where: { $0.key == key }) {
                overlay[index].value = newValue
            } else if overlay.count < 16 {
                overlay.append((key, newValue))
            } else {
                // A deep nesting of bindings folds into the base rather than growing the scan.
                flatten()
                base[key] = newValue
            }
        }
    }

    /// Every bound name with its value, overlay applied.
    var dictionary: [String: Value] {
        var result = base
        for entry in overlay { result[entry.key] = entry.value }
        return result
    }

    func mapValues<T>(_ transform: (Value) throws -> T) rethrows -> Bindings<T> {
        Bindings<T>(try dictionary.mapValues(transform))
    }

    private mutating func flatten() {
        base = dictionary
        overlay = []
    }
}
