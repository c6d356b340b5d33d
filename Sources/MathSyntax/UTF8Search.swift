/// Finding an ASCII marker in rendered markup by its UTF-8 bytes. The printers and writers look
/// for tags they wrote themselves (`<mfrac`, `<a class="eqref"`), which are plain bytes; comparing
/// bytes avoids `String`'s grapheme and Foundation's UTF-16 machinery, which cost more than the
/// rendering itself on a book-sized page.
public enum UTF8Search {
    /// The byte offset of the first `needle` in `haystack` at or after `start`, or nil.
    public static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        let last = haystack.count - needle.count
        var index = max(start, 0)
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count && haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The byte offset of the first `byte` in `haystack` at or after `start`, or nil.
    public static func firstOffset(of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        var index = max(start, 0)
        while index < haystack.count {
            if haystack[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Whether `text` holds any of `needles`, compared byte by byte.
    public static func contains(anyOf needles: [[UInt8]], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in needles.contains { firstOffset(of: $0, in: bytes) != nil } }
    }

    /// Whether two texts hold the same bytes. Swift's `==` compares canonical equivalence (a
    /// precomposed é equals e and a combining accent), which is right for reading and wrong for
    /// telling whether a file or a source changed.
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }
}

