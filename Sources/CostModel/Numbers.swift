/// The shortest decimal text that reads back as the same Double: `1` not `1.0`,
/// `0.1`, `1e-05`. Negative zero prints as `0`. The Double must be finite.
public func formatPlain(_ value: Double) -> String {
    var text = ""
    writePlain(value, to: &text)
    return text
}

/// Writes `formatPlain`'s text to `out` (the data files write every figure through it).
public func writePlain<Out: TextOutputStream>(_ value: Double, to out: inout Out) {
    if abs(value) < 9_007_199_254_740_992 {
        // Whole numbers below 2^53 print as integers (-0.0 and 0.0 both as "0"); a fraction's
        // shortest text never ends in ".0".
        if value == value.rounded(.towardZero) {
            out.write(String(Int64(value)))
        } else {
            value.write(to: &out)
        }
    } else {
        // Past 2^53 whole numbers print with an exponent ("9.007199254740994e+15").
        let text = value.description
        out.write(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }
}
