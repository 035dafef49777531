/// The shortest decimal text that reads back as the same Double: `1` not `1.0`,
/// `0.1`, `1e-05`. Negative zero prints as `0`. The Double must be finite.
public func formatPlain(_ value: Double) -> String {
    if value == 0 { return "0" }
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
