import Basics
import CostModel
import Formats

/// A timeline in SVG: one bar per scenario for its projection window, a dot on it for each
/// retirement of a model it uses, and the catalog's every retirement on a row of its own.
/// Drawn like `Chart` (the same classes, sizes, title and description), with its table.
package struct RetirementTimeline {
    package struct Retirement {
        var model: String
        var date: Day
        var successor: String?

        package init(model: String, date: Day, successor: String?) {
            self.model = model
            self.date = date
            self.successor = successor
        }
    }

    package struct Window {
        var slug: String
        var first: Day
        /// The first day after the projection.
        var end: Day
        var retirements: [RetirementRow]

        package init(slug: String, first: Day, end: Day, retirements: [RetirementRow]) {
            self.slug = slug
            self.first = first
            self.end = end
            self.retirements = retirements
        }
    }

    var id: String
    var checked: Day
    var retirements: [Retirement]
    var windows: [Window]
    /// How many scenarios there are, when `windows` are only the first of them.
    var scenarioCount: Int?

    package init(id: String, checked: Day, retirements: [Retirement], windows: [Window], scenarioCount: Int?) {
        self.id = id
        self.checked = checked
        self.retirements = retirements
        self.windows = windows
        self.scenarioCount = scenarioCount
    }

    // Room on the left for slugs of 21 characters at the 17px of small screens.
    static let left = 200.0, rowHeight = 30.0, top = 40.0, bottom = 40.0

    var title: String { "Model retirements against each scenario's projection" }

    var description: String {
        let inside = windows.reduce(0) { $0 + $1.retirements.count }
        let total = max(scenarioCount ?? windows.count, windows.count)
        let scenarioWindows =
            total > windows.count
            ? "the projection windows of the first \(windows.count) of the \(total) scenarios (bars; each "
                + "scenario's page lists the retirements inside its own)"
            : windows.count == 1
                ? "the scenario's projection window (bars)"
                : "the \(windows.count) scenarios' projection windows (bars)"
        return "The catalog's \(retirements.count) announced retirement\(retirements.count == 1 ? "" : "s") "
            + "(top row) and \(scenarioWindows), with a dot for each of the \(inside) "
            + "retirement\(inside == 1 ? "" : "s") of a model a scenario uses inside its window. The dashed line "
            + "is the day prices were checked, \(checked)."
    }

    package func figure(into out: inout TextBuffer) {
        out.append("<figure class=\"chart-figure\" id=\"")
        out.append(id)
        out.append("\">")
        write(into: &out)
        out.append("<details><summary>The figures behind this chart</summary>")
        let table = HTMLTable(
            caption: nil, headers: ["Scenario", "Projection", "Retirements inside it"], numericColumns: [])
        table.write(into: &out, rows: windows.count + 1) { row, index in
            if index == 0 {
                row.text("the catalog")
                row.text("")
                row.text(retirements.map(Self.describe).joined(separator: "; "))
                return
            }
            let window = windows[index - 1]
            row.text(window.slug)
            row.text("\(window.first.calendarMonth) to \(window.end.calendarMonth.adding(-1))")
            row.text(
                window.retirements.isEmpty
                    ? "none"
                    : window.retirements.map {
                        Self.describe(Retirement(model: $0.model, date: $0.date, successor: $0.successor))
                    }.joined(separator: "; "))
        }
        out.append("</details><figcaption>")
        out.appendEscaped(description)
        out.append("</figcaption></figure>")
    }

    static func describe(_ retirement: Retirement) -> String {
        "\(retirement.model) on \(retirement.date)"
            + (retirement.successor.map { " (then \($0))" } ?? " (no successor)")
    }

    func write(into out: inout TextBuffer) {
        let width = Chart.width
        let rows = windows.count + 1
        let height = Self.top + Double(rows) * Self.rowHeight + Self.bottom
        var days = windows.flatMap { [daysSinceEpoch($0.first), daysSinceEpoch($0.end)] }
        days += retirements.map { daysSinceEpoch($0.date) }
        days.append(daysSinceEpoch(checked))
        // From the first day of the earliest month to the first day after the latest.
        let firstMonth = Self.month(ofDay: days.min() ?? 0)
        let lastMonth = Self.month(ofDay: days.max() ?? 0).adding(1)
        let low = Double(daysSinceEpoch(firstMonth.firstDay)), high = Double(daysSinceEpoch(lastMonth.firstDay))
        let plot = width - Self.left - Chart.right
        func x(_ day: Day) -> Double { Self.left + plot * (Double(daysSinceEpoch(day)) - low) / max(1, high - low) }
        func y(_ row: Int) -> Double { Self.top + Double(row) * Self.rowHeight + Self.rowHeight / 2 }
        func attribute(_ name: StaticString, _ value: Double) { Chart.attribute(name, value, into: &out) }

        out.append("<svg class=\"chart\" viewBox=\"0 0 ")
        out.append(integer: Int(width))
        out.append(" ")
        out.append(integer: Int(height.rounded()))
        out.append("\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
        out.append("<title id=\"\(id)-title\">")
        out.appendEscaped(title)
        out.append("</title><desc id=\"\(id)-desc\">")
        out.appendEscaped(description)
        out.append("</desc>")
        // Month ticks: about six, on first days of months.
        let months = max(1, (lastMonth.year * 12 + lastMonth.month) - (firstMonth.year * 12 + firstMonth.month))
        let step = max(1, Int((Double(months) / 6).rounded(.up)))
        for offset in stride(from: 0, through: months, by: step) {
            let month = firstMonth.adding(offset)
            let tx = x(month.firstDay)
            out.append("<line class=\"grid\"")
            attribute(" x1", tx)
            attribute(" x2", tx)
            attribute(" y1", Self.top)
            attribute(" y2", height - Self.bottom)
            out.append("/><text class=\"tick\"")
            attribute(" x", tx)
            attribute(" y", height - Self.bottom + 18)
            out.append(" text-anchor=\"middle\">\(month)</text>")
        }
        // The day prices were checked.
        out.append("<line class=\"line target dashed\"")
        attribute(" x1", x(checked))
        attribute(" x2", x(checked))
        attribute(" y1", Self.top - 8)
        attribute(" y2", height - Self.bottom)
        out.append("/><text class=\"legend\"")
        attribute(" x", x(checked))
        attribute(" y", Self.top - 14)
        out.append(" text-anchor=\"middle\">checked \(checked)</text>")
        // Row labels, windows and dots.
        func label(_ text: String, row: Int) {
            out.append("<text class=\"tick\"")
            attribute(" x", Self.left - 8)
            attribute(" y", y(row) + 4)
            out.append(" text-anchor=\"end\">")
            out.appendEscaped(text)
            out.append("</text>")
        }
        func dot(_ retirement: Retirement, row: Int) {
            out.append("<circle class=\"dot \(retirement.successor == nil ? "s4" : "s2")\"")
            attribute(" cx", x(retirement.date))
            attribute(" cy", y(row))
            out.append(" r=\"5\"><title>")
            out.appendEscaped(Self.describe(retirement))
            out.append("</title></circle>")
        }
        label("all models", row: 0)
        for retirement in retirements { dot(retirement, row: 0) }
        for (index, window) in windows.enumerated() {
            let row = index + 1
            label(window.slug, row: row)
            out.append("<rect class=\"bar s1\"")
            attribute(" x", x(window.first))
            attribute(" y", y(row) - 6)
            attribute(" width", max(1, x(window.end) - x(window.first)))
            attribute(" height", 12)
            out.append(" opacity=\"0.35\"><title>")
            out.appendEscaped("\(window.slug): \(window.first.calendarMonth) to \(window.end.calendarMonth.adding(-1))")
            out.append("</title></rect>")
            for retirement in window.retirements {
                dot(
                    Retirement(model: retirement.model, date: retirement.date, successor: retirement.successor),
                    row: row)
            }
        }
        out.append("</svg>")
    }

    /// The month of the day `number` days after 1970-01-01.
    static func month(ofDay number: Int) -> Month {
        // Howard Hinnant's civil_from_days.
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return Month(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month)
    }
}
