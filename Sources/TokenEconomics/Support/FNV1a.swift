import Foundation

/// The 64-bit FNV-1a hash: fast and stable across runs and machines, for change detection
/// (not for security).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(bytes: Data) {
        var value = self.value
        bytes.withUnsafeBytes { raw in
            for byte in raw {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }
        self.value = value
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) { add(bytes: Data(text.utf8)) }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
