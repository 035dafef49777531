import Testing

@testable import Basics
@testable import Formats

@Suite struct FormatTests {
    @Test func money() {
        #expect(Format.money(12_345.4) == "$12,345")
        #expect(Format.money(999_999.4) == "$999,999")
        #expect(Format.money(1_234_567) == "$1.2M")
        #expect(Format.money(3_450_000_000) == "$3.5B")
        #expect(Format.money(-1500) == "\u{2212}$1,500")
        #expect(Format.money(0) == "$0")
        #expect(Format.money(0.25) == "$0.25")
        // Tables: one format down a column, whatever the size.
        #expect(TextBuffer.text { Format.moneyWhole(931_690.4, into: &$0) } == "$931,690")
        #expect(TextBuffer.text { Format.moneyWhole(1_034_567.5, into: &$0) } == "$1,034,568")
        #expect(TextBuffer.text { Format.moneyWhole(-2_500, into: &$0) } == "\u{2212}$2,500")
        #expect(TextBuffer.text { Format.moneyWhole(0.25, into: &$0) } == "<$1")
        #expect(TextBuffer.text { Format.moneyWhole(0, into: &$0) } == "$0")
        // Chart axes: short enough for a phone.
        #expect(TextBuffer.text { Format.moneyAxis(250, into: &$0) } == "$250")
        #expect(TextBuffer.text { Format.moneyAxis(20_000, into: &$0) } == "$20k")
        #expect(TextBuffer.text { Format.moneyAxis(1_500_000, into: &$0) } == "$1.5M")
        #expect(TextBuffer.text { Format.moneyAxis(-2_000_000_000, into: &$0) } == "\u{2212}$2B")
        #expect(TextBuffer.text { Format.moneyAxis(2.5, into: &$0) } == "$2.5")
    }

    @Test func smallAmountsKeepThreeSignificantDigits() {
        #expect(Format.moneyPrecise(0.0070543) == "$0.00705")
        #expect(Format.moneyPrecise(1.2345) == "$1.23")
        #expect(Format.moneyPrecise(20) == "$20.00")
        #expect(Format.moneyPrecise(150) == "$150")
    }

    @Test func percentagesHaveOneDecimal() {
        #expect(Format.percent(0.6134) == "61.3%")
        #expect(Format.percent(0.00049) == "0.0%")
        #expect(Format.percent(-0.2) == "\u{2212}20.0%")
        #expect(Format.percent(nil) == "—")
        #expect(Format.availability(0.971) == "97.1%")
        #expect(Format.availability(0.99925) == "99.9%")
        // No more precision than the catalog's figures support (issue: "99.999997%").
        #expect(Format.availability(0.9996) == "99.96%")
        #expect(Format.availability(0.99996) == "> 99.99%")
        #expect(Format.availability(0.99999997) == "> 99.99%")
    }

    @Test func countsAndMultipliers() {
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.count(12_345_678) == "12.3M")
        #expect(Format.multiplier(4.5) == "4.50×")
        #expect(Format.multiplier(67.1) == "67.1×")
        #expect(Format.multiplier(nil) == "—")
        #expect(Format.downtime(hours: 21.9) == "21.9 hours")
        #expect(Format.downtime(hours: 0.5475) == "32.9 minutes")
        #expect(Format.number(1_500.25) == "1,500.25")
    }

    @Test func chartTicksAreRound() {
        #expect(Chart.niceTicks(low: 0, high: 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(Chart.niceTicks(low: 0, high: 153_000) == [0, 50_000, 100_000, 150_000, 200_000])
    }

    @Test func tableCellsCarryTheirColumnForNarrowScreens() {
        let table = HTMLTable(
            caption: nil, headers: ["Scenario", "Margin \"net\""], numericColumns: [1],
            labelsCells: true)
        #expect(
            table.html(rows: [["A", "1%"]])
                == "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">Scenario</th>"
                + "<th scope=\"col\" class=\"num\">Margin &quot;net&quot;</th></tr></thead><tbody><tr><th scope=\"row\">A</th>"
                + "<td class=\"num\" data-label=\"Margin &quot;net&quot;\">1%</td></tr></tbody></table></div>")
    }

    @Test func htmlIsEscaped() {
        #expect(
            escapeHTML("<a href=\"x\">Tom & 'Jerry'</a>")
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
    }
}
