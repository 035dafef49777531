/// The shortest decimal text that reads back as the same Double: `1` not `1.0`,
/// `0.1`, `1e-05`. Negative zero prints as `0`. The Double must be finite.
public func formatPlain(_ value: Double) -> String {
    if value == 0 { return "0" }
    // Whole numbers below 2^53 print as integers, the same text without the float printer.
    if abs(value) < 9_007_199_254_740_992, value == value.rounded(.towardZero), abs(value) < 1e16 {
        return String(Int64(value))
    }
    let text = value.description
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}
