import Foundation

/// The file names of link destinations ending in `.html` or `.md` (after `(`, `/`, a quote
/// or `<`), as slugs with their line and column. One pass over the bytes.
package func linkedFiles(in text: String) -> [(slug: String, line: Int, column: Int)] {
    var text = text
    return text.withUTF8 { bytes in
        var found: [(String, Int, Int)] = []
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            } else if byte == UInt8(ascii: ".") {
                let suffix = matches(bytes, at: i, ".html") ? 5 : (matches(bytes, at: i, ".md") ? 3 : 0)
                if suffix > 0, i + suffix == bytes.count || isCloser(bytes[i + suffix]) {
                    var start = i
                    while start > lineStart, isSlugByte(bytes[start - 1]) { start -= 1 }
                    if start < i, start > lineStart, isOpener(bytes[start - 1]) {
                        let slug = String(decoding: bytes[start..<i], as: UTF8.self)
                        let before = String(decoding: bytes[lineStart..<start], as: UTF8.self)
                        found.append((slug, line, before.unicodeScalars.count + 1))
                    }
                }
            }
            i += 1
        }
        return found
    }
}

// Unsafe: the link scan reads the essay's UTF-8 bytes in place (withUTF8), without a copy per line; every index is checked against the count.
private func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
    guard index + word.utf8CodeUnitCount <= bytes.count else { return false }
    return word.withUTF8Buffer { word in
        for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
        return true
    }
}

private func isOpener(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "(") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"")
        || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<")
}

private func isCloser(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ")") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"")
        || byte == UInt8(ascii: "'") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "\n")
}

private func isSlugByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "-")
}
