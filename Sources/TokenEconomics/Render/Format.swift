import Foundation

/// Number formats of the site. Written by hand so they never depend on the machine's locale:
/// `$12,345`, `$1.2M`, `$0.0042`, `61.3%`, `2.4×`, `1,234,567`.
public enum Format {
    static let minus = "\u{2212}"

    /// Whole dollars with thousands separators below a million, then `$1.2M` and `$3.4B`.
    public static func money(_ value: Double) -> String {
        let sign = value < 0 ? minus : ""
        let magnitude = abs(value)
        if magnitude >= 1e9 { return sign + "$" + fixed(magnitude / 1e9, decimals: 1) + "B" }
        if magnitude >= 1e6 { return sign + "$" + fixed(magnitude / 1e6, decimals: 1) + "M" }
        let rounded = magnitude.rounded()
        if rounded == 0 && magnitude > 0 { return sign + moneyPrecise(magnitude) }
        return sign + "$" + grouped(rounded)
    }

    /// Small amounts with three significant digits (`$0.00421`, `$1.23`), larger ones as `money`.
    public static func moneyPrecise(_ value: Double) -> String {
        let magnitude = abs(value)
        guard magnitude < 100, magnitude > 0 else { return money(value) }
        let sign = value < 0 ? minus : ""
        let digits = max(2, 2 - Int(log10(magnitude).rounded(.down)))
        var text = fixed(magnitude, decimals: min(digits, 8))
        // Cents stay (`$20.00`); zeros past them go (`$0.250` → `$0.25`).
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return sign + "$" + text
    }

    /// A fraction as a percentage with one decimal: 0.6134 → `61.3%`; nil → `—`.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = fixed(abs(value) * 100, decimals: 1)
        return (value < 0 && text != "0.0" ? minus : "") + text + "%"
    }

    /// A difference of two fractions in percentage points: `−12.3 pts`.
    public static func points(_ value: Double) -> String {
        let text = fixed(abs(value) * 100, decimals: 1)
        return (value < 0 && text != "0.0" ? minus : "") + text + " pts"
    }

    /// Downtime in a month: `2.2 hours`, `4.3 minutes`, `0.1 seconds`.
    public static func downtime(hours: Double?) -> String {
        guard let hours else { return "—" }
        if hours >= 1 { return number(hours, decimals: 1) + " hours" }
        if hours * 60 >= 0.1 { return number(hours * 60, decimals: 1) + " minutes" }
        return number(hours * 3600, decimals: 1) + " seconds"
    }

    /// An availability: one decimal, or as many nines as it takes not to round up to 100%.
    public static func availability(_ value: Double?) -> String {
        guard let value else { return "—" }
        var decimals = 1
        while decimals < 7, value < 1, fixed(value * 100, decimals: decimals) == fixed(100, decimals: decimals) {
            decimals += 1
        }
        return fixed(value * 100, decimals: decimals) + "%"
    }

    /// A multiplier: `2.4×`; nil → `—`.
    public static func multiplier(_ value: Double?) -> String {
        guard let value else { return "—" }
        return (value < 0 ? minus : "") + fixed(abs(value), decimals: abs(value) >= 100 ? 0 : (abs(value) >= 10 ? 1 : 2)) + "×"
    }

    /// A count with thousands separators, compact above ten million: `1,234,567`, `12.3M`.
    public static func count(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? minus : ""
        if magnitude >= 1e12 { return sign + fixed(magnitude / 1e12, decimals: 1) + "T" }
        if magnitude >= 1e9 { return sign + fixed(magnitude / 1e9, decimals: 1) + "B" }
        if magnitude >= 1e7 { return sign + fixed(magnitude / 1e6, decimals: 1) + "M" }
        return sign + grouped(magnitude.rounded())
    }

    /// A plain number with up to `decimals` decimals, trailing zeros dropped: 0.25, 1.5, 30.
    public static func number(_ value: Double, decimals: Int = 4) -> String {
        var text = fixed(abs(value), decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        let integerPart = text.split(separator: ".", maxSplits: 1)
        let whole = grouped(Double(integerPart[0]) ?? 0)
        let rest = integerPart.count > 1 ? "." + integerPart[1] : ""
        return (value < 0 && text != "0" ? minus : "") + whole + rest
    }

    /// `value` rounded half away from zero to `decimals` places, as plain digits.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return formatPlain(value) }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        var text = String(integer / divisor)
        if decimals > 0 {
            let fraction = String(integer % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// Digits of a whole number grouped by three with commas.
    static func grouped(_ value: Double) -> String {
        guard value < 9e15 else { return formatPlain(value) }
        let digits = Array(String(Int64(value)).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Escapes text for HTML element content and quoted attribute values (and XML, and SVG).
public func escapeHTML(_ text: String) -> String {
    // Most text has nothing to escape: hand it back without copying.
    let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
    guard text.utf8.contains(where: special) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
