import Basics
import CostModel
import Foundation

/// One line or set of bars of a chart.
package struct ChartSeries {
    package var name: String
    package var values: [Double?]
    /// The CSS class that colours it (`s1` … `s6`, `target`).
    package var style: String
    package var dashed = false

    package init(name: String, values: [Double?], style: String, dashed: Bool = false) {
        self.name = name
        self.values = values
        self.style = style
        self.dashed = dashed
    }
}

/// Inline SVG charts drawn by the project: no script, a title and description for screen
/// readers, axes with readable ticks. Colours come from the stylesheet, so both schemes work.
package struct Chart {
    package enum Kind { case line, bars }

    package var id: String
    package var title: String
    package var description: String
    package var kind: Kind = .line
    package var xLabels: [String]
    package var series: [ChartSeries]
    /// Writes a tick label or a bar's value.
    package var format: (Double, inout TextBuffer) -> Void
    package var includesZero = true

    package init(
        id: String, title: String, description: String, kind: Kind = .line, xLabels: [String],
        series: [ChartSeries], format: @escaping (Double, inout TextBuffer) -> Void, includesZero: Bool = true
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.kind = kind
        self.xLabels = xLabels
        self.series = series
        self.format = format
        self.includesZero = includesZero
    }

    package static let width = 640.0
    package static let left = 72.0, right = 16.0, top = 40.0
    /// Width of a character of a tick or legend at the phone's 17px, the widest the stylesheet sets.
    package static let characterWidth = 10.0

    /// Where each legend entry starts, `(x, row)`: entries wrap onto a new row rather than run
    /// past the right edge.
    package func legendPositions() -> [(x: Double, row: Int)] {
        var positions: [(x: Double, row: Int)] = []
        var x = Chart.left, row = 0
        for s in series where series.count > 1 || kind == .line {
            let width = 30 + Double(s.name.count) * Chart.characterWidth
            if x > Chart.left && x + width > Chart.width - Chart.right {
                x = Chart.left
                row += 1
            }
            positions.append((x, row))
            x += width + 12
        }
        return positions
    }

    /// Room under the plot for the x labels, more when they are slanted.
    package static func bottom(kind: Kind, xLabels: [String]) -> Double {
        let longest = Double(xLabels.map(\.count).max() ?? 0) * 6.6
        let slot = (Chart.width - Chart.left - Chart.right) / Double(max(1, xLabels.count))
        return kind == .bars && longest > slot - 4 ? 30 + min(150, longest * 0.55) : 40
    }

    package func svg() -> String {
        TextBuffer.text(capacity: 8192) { write(into: &$0) }
    }

    /// Writes the `<svg>` element.
    package func write(into out: inout TextBuffer) {
        let bottom = Chart.bottom(kind: kind, xLabels: xLabels)
        let legend = legendPositions()
        let top = Chart.top + 22 * Double(legend.last?.row ?? 0)
        let height = 260 + bottom + (top - Chart.top)
        let plotHeight = height - top - bottom
        var low = Double.infinity, high = -Double.infinity
        for s in series {
            for case let value? in s.values where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        if low > high { (low, high) = (0, 1) }
        if includesZero { low = min(low, 0); high = max(high, 0) }
        if high == low { high = low + 1 }
        let ticks = Chart.niceTicks(low: low, high: high)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)
        // The plot starts where the longest tick label ends, so no label is cut at the left edge.
        let tickLabels = ticks.map { tick in TextBuffer.text { format(tick, &$0) } }
        let left = max(Chart.left, 12 + Double(tickLabels.map(\.count).max() ?? 0) * Chart.characterWidth)
        let plotWidth = Chart.width - left - Chart.right
        let n = max(1, xLabels.count)
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        func xCenter(_ i: Int) -> Double {
            kind == .bars
                ? left + plotWidth * (Double(i) + 0.5) / Double(n)
                : left + (n == 1 ? plotWidth / 2 : plotWidth * Double(i) / Double(n - 1))
        }
        func attribute(_ name: StaticString, _ value: Double) {
            Chart.attribute(name, value, into: &out)
        }
        /// A horizontal or vertical line of the given class.
        func line(_ style: StaticString, x1: Double, x2: Double, y1: Double, y2: Double) {
            out.append("<line class=\"")
            out.append(style)
            out.append("\"")
            attribute(" x1", x1)
            attribute(" x2", x2)
            attribute(" y1", y1)
            attribute(" y2", y2)
            out.append("/>")
        }

        out.append("<svg class=\"chart\" viewBox=\"0 0 ")
        out.append(integer: Int(Chart.width))
        out.append(" ")
        out.append(integer: Int(height.rounded()))
        out.append("\" role=\"img\" aria-labelledby=\"")
        out.append(id)
        out.append("-title ")
        out.append(id)
        out.append("-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"")
        out.append(id)
        out.append("-title\">")
        out.appendEscaped(title)
        out.append("</title><desc id=\"")
        out.append(id)
        out.append("-desc\">")
        out.appendEscaped(description)
        out.append("</desc>")
        // Grid and y ticks. (Formatted figures hold no character HTML escapes.)
        for (tick, label) in zip(ticks, tickLabels) {
            line("grid", x1: left, x2: Chart.width - Chart.right, y1: y(tick), y2: y(tick))
            out.append("<text class=\"tick\"")
            attribute(" x", left - 6)
            attribute(" y", y(tick) + 4)
            out.append(" text-anchor=\"end\">")
            out.append(label)
            out.append("</text>")
        }
        if low < 0 && high > 0 {
            line("axis", x1: left, x2: Chart.width - Chart.right, y1: y(0), y2: y(0))
        }
        // X labels: every bar is labelled; a line has at most about six, evenly spaced, the last
        // always shown. Long category labels are slanted so they never overlap.
        let step = kind == .bars ? 1 : max(1, Int((Double(n) / 6).rounded(.up)))
        let longest = Double(xLabels.map(\.count).max() ?? 0) * 6.6
        let slanted = kind == .bars && longest > (Chart.width - Chart.left - Chart.right) / Double(n) - 4
        for i in 0..<n where i % step == 0 || i == n - 1 {
            if i != n - 1 && n - 1 - i < step && kind == .line { continue }
            let x = xCenter(i), y = height - bottom + 18
            out.append("<text class=\"tick\"")
            attribute(" x", x)
            attribute(" y", y)
            out.append(
                slanted
                    ? " text-anchor=\"end\""
                    : (kind == .line && i == n - 1 && n > 1 ? " text-anchor=\"end\"" : " text-anchor=\"middle\""))
            if slanted {
                out.append(" transform=\"rotate(-30 ")
                Chart.coordinate(x, into: &out)
                out.append(" ")
                Chart.coordinate(y - 8, into: &out)
                out.append(")\"")
            }
            out.append(">")
            if i < xLabels.count { out.appendEscaped(xLabels[i]) }
            out.append("</text>")
        }
        line("axis", x1: left, x2: left, y1: top, y2: height - bottom)

        switch kind {
        case .line:
            for s in series {
                var drawn = 0, single: (x: Double, y: Double)?
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite, i < n else { continue }
                    drawn += 1
                    single = (xCenter(i), y(value))
                }
                guard drawn > 0 else { continue }
                out.append("<path class=\"line ")
                out.append(s.style)
                if s.dashed { out.append(" dashed") }
                out.append("\" d=\"")
                var pen = false
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite, i < n else { pen = false; continue }
                    Chart.point(pen ? UInt8(ascii: "L") : UInt8(ascii: "M"), xCenter(i), y(value), into: &out)
                    pen = true
                }
                out.append("\"/>")
                if s.values.count(where: { $0 != nil }) == 1, drawn == 1, let single {
                    out.append("<circle class=\"dot ")
                    out.append(s.style)
                    out.append("\"")
                    attribute(" cx", single.x)
                    attribute(" cy", single.y)
                    out.append(" r=\"3\"/>")
                }
            }
        case .bars:
            let groups = Double(max(1, series.count))
            let slot = plotWidth / Double(n)
            let barWidth = slot * 0.7 / groups
            for (k, s) in series.enumerated() {
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite, i < n else { continue }
                    let x0 = left + slot * Double(i) + slot * 0.15 + barWidth * Double(k)
                    let y0 = y(max(value, 0)), y1 = y(min(value, 0))
                    out.append("<rect class=\"bar ")
                    out.append(s.style)
                    if value < 0 { out.append(" negative") }
                    out.append("\"")
                    attribute(" x", x0)
                    attribute(" y", y0)
                    attribute(" width", barWidth)
                    attribute(" height", max(0.5, y1 - y0))
                    out.append("><title>")
                    out.appendEscaped(s.name)
                    out.append(", ")
                    if i < xLabels.count { out.appendEscaped(xLabels[i]) }
                    out.append(": ")
                    format(value, &out)
                    out.append("</title></rect>")
                }
            }
        }
        // Legend along the top, wrapped onto rows.
        for (s, position) in zip(series.filter { _ in series.count > 1 || kind == .line }, legend) {
            let row = 22 * Double(position.row)
            out.append("<line class=\"line ")
            out.append(s.style)
            if s.dashed { out.append(" dashed") }
            out.append("\"")
            attribute(" x1", position.x)
            attribute(" x2", position.x + 18)
            attribute(" y1", 16 + row)
            attribute(" y2", 16 + row)
            out.append("/><text class=\"legend\"")
            attribute(" x", position.x + 24)
            attribute(" y", 20 + row)
            out.append(">")
            out.appendEscaped(s.name)
            out.append("</text>")
        }
        out.append("</svg>")
    }

    /// The chart in a `<figure>`, with its description and, folded away, the table it is drawn
    /// from (`rows` writes its rows).
    package func figure(
        table: HTMLTable, rows count: Int, into out: inout TextBuffer,
        _ row: (inout TableRow, _ index: Int) -> Void
    ) {
        out.append("<figure class=\"chart-figure\" id=\"")
        out.append(id)
        out.append("\">")
        write(into: &out)
        out.append("<details><summary>The figures behind this chart</summary>")
        table.write(into: &out, rows: count, row)
        out.append("</details><figcaption>")
        out.appendEscaped(description)
        out.append("</figcaption></figure>")
    }

    /// About five round tick values covering `low…high`.
    package static func niceTicks(low: Double, high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let rough = span / 5
        let power = pow(10, (log10(rough)).rounded(.down))
        let unit = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let first = (low / unit).rounded(.down) * unit
        var ticks: [Double] = []
        var value = first
        while value <= high + unit * 0.001 && ticks.count < 12 {
            ticks.append(abs(value) < unit * 1e-9 ? 0 : value)
            value += unit
        }
        if let last = ticks.last, last < high { ticks.append(last + unit) }
        return ticks
    }

    /// Coordinates with one decimal, locale-free: `12.5`, `-3`, `100`.
    package static func coordinate(_ value: Double, into out: inout TextBuffer) {
        written(into: &out) { base in put(value, base, 0) }
    }

    /// ` name="12.5"`, appended at once.
    package static func attribute(_ name: StaticString, _ value: Double, into out: inout TextBuffer) {
        written(into: &out) { base in
            var end = name.withUTF8Buffer { name in
                for (offset, byte) in name.prefix(16).enumerated() { base[offset] = byte }
                return min(name.count, 16)
            }
            base[end] = UInt8(ascii: "=")
            base[end + 1] = UInt8(ascii: "\"")
            end = put(value, base, end + 2)
            base[end] = UInt8(ascii: "\"")
            return end + 1
        }
    }

    /// A point of a path, `M12.5,40` or `L…`, appended at once: a line of three dozen months
    /// is otherwise hundreds of small appends.
    package static func point(_ command: UInt8, _ x: Double, _ y: Double, into out: inout TextBuffer) {
        written(into: &out) { base in
            base[0] = command
            let end = put(x, base, 1)
            base[end] = UInt8(ascii: ",")
            return put(y, base, end + 1)
        }
    }

    /// Appends what `write` puts at the start of 48 bytes on the stack (it returns how many).
    // Unsafe: a chart's coordinates are put together in 48 stack bytes and appended once (docs/performance.md, "Byte buffers"); `put` writes at most 15 bytes at a time, so three fit.
    private static func written(into out: inout TextBuffer, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            guard let base = buffer.baseAddress else { return }
            out.append(bytes: UnsafeBufferPointer(start: base, count: write(base)))
        }
    }

    /// Writes `value` as a coordinate at `base + start` (at most 15 bytes); returns its end.
    private static func put(_ value: Double, _ base: UnsafeMutablePointer<UInt8>, _ start: Int) -> Int {
        guard value.isFinite, abs(value) < 1e12 else {
            base[start] = UInt8(ascii: "0")
            return start + 1
        }
        let tenths = Int((value * 10).rounded())
        var end = start
        if tenths < 0 {
            base[end] = UInt8(ascii: "-")
            end += 1
        }
        var whole = tenths.magnitude / 10, digits = 1, rest = whole
        while rest >= 10 { rest /= 10; digits += 1 }
        end += digits
        for index in stride(from: end - 1, through: end - digits, by: -1) {
            base[index] = UInt8(ascii: "0") + UInt8(whole % 10)
            whole /= 10
        }
        let fraction = tenths.magnitude % 10
        if fraction != 0 {
            base[end] = UInt8(ascii: ".")
            base[end + 1] = UInt8(ascii: "0") + UInt8(fraction)
            end += 2
        }
        return end
    }
}
