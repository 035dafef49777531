import Foundation

/// One line or set of bars of a chart.
struct ChartSeries {
    var name: String
    var values: [Double?]
    /// The CSS class that colours it (`s1` … `s6`, `target`).
    var style: String
    var dashed = false
}

/// Inline SVG charts drawn by the project: no script, a title and description for screen
/// readers, axes with readable ticks. Colours come from the stylesheet, so both schemes work.
struct Chart {
    enum Kind { case line, bars }

    var id: String
    var title: String
    var description: String
    var kind: Kind = .line
    var xLabels: [String]
    var series: [ChartSeries]
    var format: (Double) -> String
    var includesZero = true

    static let width = 640.0
    static let left = 72.0, right = 16.0, top = 40.0

    /// Room under the plot for the x labels, more when they are slanted.
    static func bottom(kind: Kind, xLabels: [String]) -> Double {
        let longest = Double(xLabels.map(\.count).max() ?? 0) * 6.6
        let slot = (Chart.width - Chart.left - Chart.right) / Double(max(1, xLabels.count))
        return kind == .bars && longest > slot - 4 ? 30 + min(150, longest * 0.55) : 40
    }

    func svg() -> String {
        let bottom = Chart.bottom(kind: kind, xLabels: xLabels)
        let height = 260 + bottom
        let plotWidth = Chart.width - Chart.left - Chart.right
        let plotHeight = height - Chart.top - bottom
        let values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if includesZero { low = min(low, 0); high = max(high, 0) }
        if high == low { high = low + 1 }
        let ticks = Chart.niceTicks(low: low, high: high)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)
        let n = max(1, xLabels.count)
        func y(_ v: Double) -> Double { Chart.top + plotHeight * (1 - (v - low) / (high - low)) }
        func xCenter(_ i: Int) -> Double {
            kind == .bars ? Chart.left + plotWidth * (Double(i) + 0.5) / Double(n)
                : Chart.left + (n == 1 ? plotWidth / 2 : plotWidth * Double(i) / Double(n - 1))
        }

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Chart.width)) \(Int(height.rounded()))\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(escapeHTML(title))</title>"
        svg += "<desc id=\"\(id)-desc\">\(escapeHTML(description))</desc>"
        // Grid and y ticks.
        for tick in ticks {
            let ty = c(y(tick))
            svg += "<line class=\"grid\" x1=\"\(c(Chart.left))\" x2=\"\(c(Chart.width - Chart.right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            svg += "<text class=\"tick\" x=\"\(c(Chart.left - 6))\" y=\"\(c(y(tick) + 4))\" text-anchor=\"end\">"
                + "\(escapeHTML(format(tick)))</text>"
        }
        if low < 0 && high > 0 {
            svg += "<line class=\"axis\" x1=\"\(c(Chart.left))\" x2=\"\(c(Chart.width - Chart.right))\" "
                + "y1=\"\(c(y(0)))\" y2=\"\(c(y(0)))\"/>"
        }
        // X labels: at most about six, evenly spaced, the last always shown; long category
        // labels are slanted so they never overlap.
        let step = max(1, Int((Double(n) / 6).rounded(.up)))
        let longest = Double(xLabels.map(\.count).max() ?? 0) * 6.6
        let slanted = kind == .bars && longest > plotWidth / Double(n) - 4
        for i in 0..<n where i % step == 0 || i == n - 1 {
            if i != n - 1 && n - 1 - i < step && kind == .line { continue }
            let x = xCenter(i), y = height - bottom + 18
            let anchor = slanted ? "end" : (kind == .line && i == n - 1 && n > 1 ? "end" : "middle")
            let rotation = slanted ? " transform=\"rotate(-30 \(c(x)) \(c(y - 8)))\"" : ""
            svg += "<text class=\"tick\" x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\"\(rotation)>"
                + "\(escapeHTML(xLabels[i]))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(c(Chart.left))\" x2=\"\(c(Chart.left))\" y1=\"\(c(Chart.top))\" "
            + "y2=\"\(c(height - bottom))\"/>"

        switch kind {
        case .line:
            for s in series {
                var path = ""
                var pen = false
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite, i < n else { pen = false; continue }
                    path += (pen ? "L" : "M") + "\(c(xCenter(i))),\(c(y(value)))"
                    pen = true
                }
                guard !path.isEmpty else { continue }
                svg += "<path class=\"line \(s.style)\(s.dashed ? " dashed" : "")\" d=\"\(path)\"/>"
                if s.values.compactMap({ $0 }).count == 1, let i = s.values.firstIndex(where: { $0 != nil }),
                   let v = s.values[i] {
                    svg += "<circle class=\"dot \(s.style)\" cx=\"\(c(xCenter(i)))\" cy=\"\(c(y(v)))\" r=\"3\"/>"
                }
            }
        case .bars:
            let groups = Double(max(1, series.count))
            let slot = plotWidth / Double(n)
            let barWidth = slot * 0.7 / groups
            for (k, s) in series.enumerated() {
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite, i < n else { continue }
                    let x0 = Chart.left + slot * Double(i) + slot * 0.15 + barWidth * Double(k)
                    let y0 = y(max(value, 0)), y1 = y(min(value, 0))
                    svg += "<rect class=\"bar \(s.style)\(value < 0 ? " negative" : "")\" x=\"\(c(x0))\" "
                        + "y=\"\(c(y0))\" width=\"\(c(barWidth))\" height=\"\(c(max(0.5, y1 - y0)))\">"
                        + "<title>\(escapeHTML(s.name)), \(escapeHTML(xLabels[i])): \(escapeHTML(format(value)))</title></rect>"
                }
            }
        }
        // Legend along the top.
        var lx = Chart.left
        for s in series where series.count > 1 || kind == .line {
            svg += "<line class=\"line \(s.style)\(s.dashed ? " dashed" : "")\" x1=\"\(c(lx))\" x2=\"\(c(lx + 18))\" "
                + "y1=\"16\" y2=\"16\"/>"
            svg += "<text class=\"legend\" x=\"\(c(lx + 24))\" y=\"20\">\(escapeHTML(s.name))</text>"
            lx += 40 + Double(s.name.count) * 9
        }
        return svg + "</svg>"
    }

    /// The chart in a `<figure>`, with its description and, folded away, the table it is drawn from.
    func figure(table: HTMLTable) -> String {
        "<figure class=\"chart-figure\" id=\"\(id)\">\(svg())<details><summary>The figures behind this chart</summary>"
            + "\(table.html())</details><figcaption>\(escapeHTML(description))</figcaption></figure>"
    }

    /// About five round tick values covering `low…high`.
    static func niceTicks(low: Double, high: Double) -> [Double] {
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
    private func c(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
