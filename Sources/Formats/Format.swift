import Basics
import CostModel
import Foundation

/// Number formats of the site. Written by hand so they never depend on the machine's locale:
/// `$12,345`, `$1.2M`, `$0.0042`, `61.3%`, `2.4×`, `1,234,567`. Each writes into a
/// `TextBuffer` (how pages use them) or returns a string.
public enum Format {
    package static let minus: StaticString = "\u{2212}"
    package static let none: StaticString = "—"

    // MARK: As strings

    /// Whole dollars with thousands separators below a million, then `$1.2M` and `$3.4B`.
    public static func money(_ value: Double) -> String { TextBuffer.text { money(value, into: &$0) } }

    /// Small amounts with three significant digits (`$0.00421`, `$1.23`), larger ones as `money`.
    public static func moneyPrecise(_ value: Double) -> String { TextBuffer.text { moneyPrecise(value, into: &$0) } }

    /// A fraction as a percentage with one decimal: 0.6134 → `61.3%`; nil → `—`.
    public static func percent(_ value: Double?) -> String { TextBuffer.text { percent(value, into: &$0) } }

    /// A difference of two fractions in percentage points: `−12.3 pts`.
    public static func points(_ value: Double) -> String { TextBuffer.text { points(value, into: &$0) } }

    /// Downtime in a month: `2.2 hours`, `4.3 minutes`, `0.1 seconds`.
    public static func downtime(hours: Double?) -> String { TextBuffer.text { downtime(hours: hours, into: &$0) } }

    /// An availability: one decimal, two when one would round up to 100%, else `> 99.99%`.
    public static func availability(_ value: Double?) -> String {
        TextBuffer.text { availability(value, into: &$0) }
    }

    /// A multiplier: `2.4×`; nil → `—`.
    public static func multiplier(_ value: Double?) -> String { TextBuffer.text { multiplier(value, into: &$0) } }

    /// A count with thousands separators, compact above ten million: `1,234,567`, `12.3M`.
    public static func count(_ value: Double) -> String { TextBuffer.text { count(value, into: &$0) } }

    /// A plain number with up to `decimals` decimals, trailing zeros dropped: 0.25, 1.5, 30.
    public static func number(_ value: Double, decimals: Int = 4) -> String {
        TextBuffer.text { number(value, decimals: decimals, into: &$0) }
    }

    // MARK: Into a buffer

    package static func money(_ value: Double, into out: inout TextBuffer) {
        guard value.isFinite else { return out.append(none) }  // never `inf` or `nan` on a page
        if value < 0 { out.append(minus) }
        let magnitude = abs(value)
        if let (short, unit) = Scale.shortened(magnitude, Scale.money) {
            out.append("$")
            fixed(short, decimals: 1, into: &out)
            out.append(unit)
        } else {
            let rounded = magnitude.rounded()
            if rounded == 0 && magnitude > 0 { return moneyPrecise(magnitude, into: &out) }
            out.append("$")
            grouped(rounded, into: &out)
        }
    }

    /// A chart axis's money tick, short enough for a phone: `$250`, `$20k`, `$1.5M`, `$2B`.
    package static func moneyAxis(_ value: Double, into out: inout TextBuffer) {
        if value < 0 { out.append(minus) }
        let magnitude = abs(value)
        out.append("$")
        if let (short, unit) = Scale.shortened(magnitude, Scale.axis) {
            number(short, decimals: 1, into: &out)
            out.append(unit)
        } else {
            number(magnitude, decimals: magnitude < 10 ? 2 : 0, into: &out)
        }
    }

    /// Whole dollars grouped by three at any size, the one money format of a table's column:
    /// `$931,690`, `$1,034,567`; a positive amount under 50 cents is `<$1`.
    package static func moneyWhole(_ value: Double, into out: inout TextBuffer) {
        let magnitude = abs(value)
        if magnitude > 0 && magnitude < 0.5 {
            out.append(value < 0 ? "\u{2212}<$1" : "<$1")
            return
        }
        if value < 0 && magnitude.rounded() != 0 { out.append(minus) }
        out.append("$")
        grouped(magnitude.rounded(), into: &out)
    }

    package static func moneyPrecise(_ value: Double, into out: inout TextBuffer) {
        guard value.isFinite else { return out.append(none) }  // never `inf` or `nan` on a page
        let magnitude = abs(value)
        guard magnitude < 100, magnitude > 0 else { return money(value, into: &out) }
        if value < 0 { out.append(minus) }
        out.append("$")
        let digits = min(8, max(2, 2 - Int(log10(magnitude).rounded(.down))))
        guard let scaled = scaled(magnitude, decimals: digits) else { return out.append(formatPlain(magnitude)) }
        // Cents stay (`$20.00`); zeros past them go (`$0.250` → `$0.25`).
        var fraction = scaled % powersOfTen[digits], decimals = digits
        while decimals > 2, fraction % 10 == 0 {
            fraction /= 10
            decimals -= 1
        }
        out.appendDigits(scaled / powersOfTen[digits])
        out.append(".")
        out.appendDigits(fraction, minimumDigits: decimals)
    }

    package static func percent(_ value: Double?, into out: inout TextBuffer) {
        guard value?.isFinite != false else { return out.append(none) }  // never `inf` or `nan` on a page
        guard let value else { return out.append(none) }
        signedFixed(value * 100, decimals: 1, into: &out)
        out.append("%")
    }

    package static func points(_ value: Double, into out: inout TextBuffer) {
        guard value.isFinite else { return out.append(none) }  // never `inf` or `nan` on a page
        signedFixed(value * 100, decimals: 1, into: &out)
        out.append(" pts")
    }

    package static func downtime(hours: Double?, into out: inout TextBuffer) {
        guard hours?.isFinite != false else { return out.append(none) }  // never `inf` or `nan` on a page
        guard let hours else { return out.append(none) }
        if hours >= 1 {
            number(hours, decimals: 1, into: &out)
            out.append(" hours")
        } else if hours * 60 >= 0.1 {
            number(hours * 60, decimals: 1, into: &out)
            out.append(" minutes")
        } else {
            number(hours * 3600, decimals: 1, into: &out)
            out.append(" seconds")
        }
    }

    package static func availability(_ value: Double?, into out: inout TextBuffer) {
        guard value?.isFinite != false else { return out.append(none) }  // never `inf` or `nan` on a page
        guard let value else { return out.append(none) }
        // Catalog figures are given to a tenth or a hundredth of a percent: more digits than
        // that (99.999997%) would be false precision, so a figure that rounds to 100% is `> 99.99%`.
        var decimals = 1
        while value < 1, scaled(value * 100, decimals: decimals) == 100 * powersOfTen[decimals] {
            guard decimals < 2 else {
                out.append("> 99.99%")
                return
            }
            decimals += 1
        }
        fixed(value * 100, decimals: decimals, into: &out)
        out.append("%")
    }

    package static func multiplier(_ value: Double?, into out: inout TextBuffer) {
        guard value?.isFinite != false else { return out.append(none) }  // never `inf` or `nan` on a page
        guard let value else { return out.append(none) }
        if value < 0 { out.append(minus) }
        let magnitude = abs(value)
        fixed(magnitude, decimals: magnitude >= 100 ? 0 : (magnitude >= 10 ? 1 : 2), into: &out)
        out.append("×")
    }

    package static func count(_ value: Double, into out: inout TextBuffer) {
        guard value.isFinite else { return out.append(none) }  // never `inf` or `nan` on a page
        let magnitude = abs(value)
        if value < 0 { out.append(minus) }
        if let (short, unit) = Scale.shortened(magnitude, Scale.count) {
            fixed(short, decimals: 1, into: &out)
            out.append(unit)
        } else {
            grouped(magnitude.rounded(), into: &out)
        }
    }

    package static func number(_ value: Double, decimals: Int = 4, into out: inout TextBuffer) {
        guard value.isFinite else { return out.append(none) }  // never `inf` or `nan` on a page
        guard let scaled = scaled(value, decimals: decimals) else {
            if value < 0 { out.append(minus) }
            return out.append(formatPlain(abs(value)))
        }
        if value < 0 && scaled != 0 { out.append(minus) }
        var fraction = scaled % powersOfTen[decimals], shown = decimals
        while shown > 0, fraction % 10 == 0 {
            fraction /= 10
            shown -= 1
        }
        out.appendGrouped(scaled / powersOfTen[decimals])
        if shown > 0 {
            out.append(".")
            out.appendDigits(fraction, minimumDigits: shown)
        }
    }

    // MARK: Large numbers shortened

    /// A unit large numbers are written in (`1.5M`), from the magnitude it starts at.
    struct Scale {
        var from: Double
        var unit: Double
        var suffix: StaticString

        /// Money: `$1.2M` from a million, `$3.4B` from a billion.
        static let money = [Scale(from: 1e9, unit: 1e9, suffix: "B"), Scale(from: 1e6, unit: 1e6, suffix: "M")]
        /// A chart's money ticks: from `$20k` on, to keep axis labels short.
        static let axis = money + [Scale(from: 1e4, unit: 1e3, suffix: "k")]
        /// Counts: grouped digits up to ten million, then `12.3M`, `4.5B`, `6.7T`.
        static let count = [
            Scale(from: 1e12, unit: 1e12, suffix: "T"), Scale(from: 1e9, unit: 1e9, suffix: "B"),
            Scale(from: 1e7, unit: 1e6, suffix: "M"),
        ]

        /// `magnitude` in the first of `scales` (largest first) it reaches, with that scale's
        /// suffix; nil below them all.
        static func shortened(_ magnitude: Double, _ scales: [Scale]) -> (Double, StaticString)? {
            for scale in scales where magnitude >= scale.from { return (magnitude / scale.unit, scale.suffix) }
            return nil
        }
    }

    // MARK: Digits

    package static let powersOfTen: [UInt64] = (0...15).map { (0..<$0).reduce(1) { result, _ in result * 10 } }

    /// `|value|` rounded half away from zero to `decimals` places, times 10^decimals; nil when it
    /// is not finite or too large for exact digits.
    package static func scaled(_ value: Double, decimals: Int) -> UInt64? {
        let scaled = (abs(value) * Double(powersOfTen[decimals])).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return nil }
        return UInt64(scaled)
    }

    /// `|value|` rounded half away from zero to `decimals` places, as plain digits.
    package static func fixed(_ value: Double, decimals: Int, into out: inout TextBuffer) {
        guard let scaled = scaled(value, decimals: decimals) else { return out.append(formatPlain(value)) }
        out.appendDecimal(scaled, decimals: decimals)
    }

    /// `fixed`, with a minus sign when `value` is negative and does not round to zero.
    private static func signedFixed(_ value: Double, decimals: Int, into out: inout TextBuffer) {
        guard let scaled = scaled(value, decimals: decimals) else {
            if value < 0 { out.append(minus) }
            return out.append(formatPlain(abs(value)))
        }
        if value < 0 && scaled != 0 { out.append(minus) }
        fixed(value, decimals: decimals, into: &out)
    }

    /// A whole number's digits grouped by three with commas.
    package static func grouped(_ value: Double, into out: inout TextBuffer) {
        guard value >= 0, value < 9e15 else { return out.append(formatPlain(value)) }
        out.appendGrouped(UInt64(value))
    }
}

/// Escapes text for HTML element content and quoted attribute values (and XML, and SVG), with
/// the one escaper, `TextBuffer.appendEscaped`.
public func escapeHTML(_ text: String) -> String {
    // Most text has nothing to escape: hand it back without copying.
    guard text.utf8.contains(where: TextBuffer.isSpecial) else { return text }
    return TextBuffer.text(capacity: text.utf8.count + 16) { $0.appendEscaped(text) }
}
