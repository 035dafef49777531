import Foundation

/// A 64-bit hash in the manner of FNV-1a: stable across runs and machines, for change
/// detection (not for security).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Folds in `bytes` eight at a time (FNV-1a over 64-bit words, then the tail byte by byte):
    /// the inputs of a large site are megabytes.
    mutating func add(bytes: Data) {
        bytes.withUnsafeBytes { add(bytes: $0) }
    }

    mutating func add(bytes raw: UnsafeRawBufferPointer) {
        var value = self.value
        let prime: UInt64 = 0x0000_0100_0000_01B3
        let words = raw.count / 8
        for index in 0..<words {
            value ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            value = value &* prime
            value ^= value >> 29
        }
        for byte in raw[(words * 8)...] {
            value ^= UInt64(byte)
            value = value &* prime
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value ^= 0xFF
        self.value = value &* prime
    }

    mutating func add(_ text: String) { add(bytes: Data(text.utf8)) }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
