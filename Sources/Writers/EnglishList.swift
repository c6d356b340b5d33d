/// Joins items as an English list: "a", "a and b", "a, b and c" (the `given` sentence).
func englishList(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
}
