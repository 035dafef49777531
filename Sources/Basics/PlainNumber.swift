/// Reads a plain YAML number: decimal with optional sign, fraction, exponent and `_` separators.
/// `.inf`, `.nan`, hexadecimal and the like are refused, so every value is finite.
package func parseNumber(_ text: String) -> Double? {
    // One pass over the bytes: scenarios hold thousands of numbers.
    var digits = false, separators = false
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
        case UInt8(ascii: "_"): separators = true
        default: return nil
        }
    }
    guard digits, let value = Double(separators ? text.filter { $0 != "_" } : text), value.isFinite else { return nil }
    return value
}
