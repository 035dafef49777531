import Foundation

/// UTF-8 text built by appending bytes. Pages, charts and data files are written through it:
/// appending to a byte array costs a fraction of appending to a `String` piece by piece, and
/// numbers are written as digits straight into it instead of through temporary strings.
package struct TextBuffer: TextOutputStream, Equatable, Sendable {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text; the bytes are valid UTF-8 because only text and ASCII digits go in.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package var count: Int { bytes.count }

    package init(_ literal: StaticString) {
        append(literal)
    }

    /// A buffer holding `text`'s bytes.
    package init(_ text: String) {
        bytes.reserveCapacity(text.utf8.count)
        append(text)
    }

    /// Builds a buffer with `body`.
    package static func make(capacity: Int = 64, _ body: (inout TextBuffer) -> Void) -> TextBuffer {
        var buffer = TextBuffer(capacity: capacity)
        body(&buffer)
        return buffer
    }

    /// Builds a string with `body`.
    package static func text(capacity: Int = 64, _ body: (inout TextBuffer) -> Void) -> String {
        var buffer = TextBuffer(capacity: capacity)
        body(&buffer)
        return buffer.text
    }

    package mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func append(_ text: String) {
        // A native string's bytes are copied in one go; the generic path goes through a slower copy.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    // Unsafe: a borrowed view of bytes from a C library or the stack, copied at once; no ownership is taken.
    package mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    package mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    package mutating func append(_ other: TextBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends `text` escaped for HTML element content and quoted attribute values (and XML and
    /// SVG): `&`, `<`, `>`, `"` and `'` become entities.
    package mutating func appendEscaped(_ text: String) {
        // Most texts have nothing to escape: one pass over their bytes, then a single copy.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: Self.isSpecial) else { return false }
            self.bytes.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        let utf8 = text.utf8
        if plain == nil, !utf8.contains(where: Self.isSpecial) { return append(text) }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "'"): append("&#39;")
            default: bytes.append(byte)
            }
        }
    }

    package static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    // MARK: TextOutputStream

    package mutating func write(_ string: String) { append(string) }

    /// The standard library writes numbers' ASCII digits through this requirement of
    /// `TextOutputStream`; without it they would become a `String` first.
    // Unsafe: the standard library's own TextOutputStream hook hands the digits as a borrowed pointer.
    package mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }

    /// The decimal digits of `value`, zero-padded on the left to `minimumDigits` (up to 20).
    package mutating func appendDigits(_ value: UInt64, minimumDigits: Int = 1) {
        appendFormatted(value, minimumDigits: minimumDigits, grouped: false)
    }

    /// A whole number, with a `-` when negative.
    package mutating func append(integer value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude))
    }

    /// The digits of `value` grouped by three with commas: `1,234,567`.
    package mutating func appendGrouped(_ value: UInt64) {
        appendFormatted(value, minimumDigits: 1, grouped: true)
    }

    /// `scaled` divided by 10^`decimals`, with exactly that many decimals: (1234, 2) → `12.34`,
    /// (5, 2) → `0.05`.
    package mutating func appendDecimal(_ scaled: UInt64, decimals: Int) {
        appendFormatted(scaled, minimumDigits: 1, grouped: false, decimals: min(max(decimals, 0), 18))
    }

    /// Digits written backwards into 48 bytes on the stack, then appended at once: a page's
    /// tables hold thousands of numbers, and each append has a cost of its own.
    private mutating func appendFormatted(_ value: UInt64, minimumDigits: Int, grouped: Bool, decimals: Int = 0) {
        // Unsafe: digits are written right to left into 48 stack bytes (a UInt64 grouped with decimals needs at most 34), then appended once; a heap array per number cost half the time of the scenario pages (docs/performance.md, "Byte buffers").
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 48, remaining = value, digits = 0
            let minimum = min(max(minimumDigits, decimals + 1), 20)
            while remaining > 0 || digits < minimum {
                if decimals > 0 && digits == decimals {
                    index -= 1
                    base[index] = UInt8(ascii: ".")
                } else if grouped && digits > decimals && (digits - decimals) % 3 == 0 {
                    index -= 1
                    base[index] = UInt8(ascii: ",")
                }
                index -= 1
                base[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                digits += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + index, count: 48 - index))
        }
    }
}
