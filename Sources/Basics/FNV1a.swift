import Foundation

/// A 64-bit hash in the manner of FNV-1a: stable across runs and machines, for change
/// detection (not for security).
package struct FNV1a {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    /// Folds in `bytes` eight at a time (FNV-1a over 64-bit words, then the tail byte by byte):
    /// the inputs of a large site are megabytes, and its output (checked by the no-change
    /// shortcut) a hundred.
    package mutating func add(bytes: Data) {
        bytes.withUnsafeBytes { add(bytes: $0) }
    }

    // Unsafe: hashes borrowed bytes (a file's buffer, an mmap'd executable) without copying them.
    package mutating func add(bytes raw: UnsafeRawBufferPointer) {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        @inline(__always) func mix(_ value: UInt64, _ word: UInt64) -> UInt64 {
            let product = (value ^ word) &* prime
            return product ^ (product >> 29)
        }
        @inline(__always) func word(_ index: Int) -> UInt64 {
            raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        }
        var value = self.value
        let words = raw.count / 8
        var index = 0
        if words >= 8 {
            // Four lanes folded together at the end: one lane's multiplication need not wait for
            // another's, which makes a long input about three times as fast to hash.
            var a = value, b = value ^ 0x9E37_79B9_7F4A_7C15
            var c = value ^ 0xC2B2_AE3D_27D4_EB4F, d = value ^ 0x1656_67B1_9E37_79F9
            while index + 4 <= words {
                a = mix(a, word(index))
                b = mix(b, word(index + 1))
                c = mix(c, word(index + 2))
                d = mix(d, word(index + 3))
                index += 4
            }
            value = mix(mix(mix(a, b), c), d)
        }
        while index < words {
            value = mix(value, word(index))
            index += 1
        }
        for byte in raw[(words * 8)...] {
            value ^= UInt64(byte)
            value = value &* prime
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value ^= 0xFF
        self.value = value &* prime
    }

    package mutating func add(_ text: String) { add(bytes: Data(text.utf8)) }

    package var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
