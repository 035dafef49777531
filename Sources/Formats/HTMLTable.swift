import Basics
import CostModel

/// A table of the site: escaped headers, numbers right-aligned with tabular digits. Rows are
/// written cell by cell straight into the page's buffer (`write`), or given as HTML (`html`).
package struct HTMLTable {
    package var caption: String?
    package var headers: [String]
    /// Columns holding figures, right-aligned with tabular digits.
    package var numericColumns: Set<Int> = []
    /// The first cell of each row heads the row.
    package var rowHeaders = true
    package var id: String?
    package var className = "data"
    /// Repeat each column's name on its cells, for tables that narrow screens stack into cards.
    package var labelsCells = false

    package init(
        caption: String? = nil, headers: [String], numericColumns: Set<Int> = [], rowHeaders: Bool = true,
        id: String? = nil, className: String = "data", labelsCells: Bool = false
    ) {
        self.caption = caption
        self.headers = headers
        self.numericColumns = numericColumns
        self.rowHeaders = rowHeaders
        self.id = id
        self.className = className
        self.labelsCells = labelsCells
    }

    /// Writes the table with `count` rows; `row` writes the cells of row `index`, left to right.
    package func write(into out: inout TextBuffer, rows count: Int, _ row: (inout TableRow, _ index: Int) -> Void) {
        out.append("<div class=\"table-wrap\"><table class=\"")
        out.append(className)
        out.append("\"")
        if let id {
            out.append(" id=\"")
            out.append(id)
            out.append("\"")
        }
        out.append(">")
        if let caption {
            out.append("<caption>")
            out.appendEscaped(caption)
            out.append("</caption>")
        }
        out.append("<thead><tr>")
        for (index, header) in headers.enumerated() {
            out.append(numericColumns.contains(index) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
            out.appendEscaped(header)
            out.append("</th>")
        }
        out.append("</tr></thead><tbody>")
        var writer = TableRow(table: self)
        swap(&writer.out, &out)
        for index in 0..<count {
            writer.out.append("<tr>")
            writer.column = 0
            row(&writer, index)
            writer.out.append("</tr>")
        }
        swap(&writer.out, &out)
        out.append("</tbody></table></div>")
    }

    /// The table with cells given as HTML.
    package func html(rows: [[String]]) -> String { write(rows: rows).text }

    package func write(rows: [[String]]) -> TextBuffer {
        TextBuffer.make(capacity: rows.count * headers.count * 40 + 256) { out in
            write(into: &out, rows: rows.count) { row, index in
                for cell in rows[index] { row.html(cell) }
            }
        }
    }
}

/// The cells of one row of an `HTMLTable`, written in order.
package struct TableRow {
    fileprivate var out = TextBuffer()
    fileprivate var column = 0
    /// How each column's cells open: a header of the row, a number, or text.
    private enum Kind: UInt8 { case rowHeader, numericRowHeader, cell, numericCell }
    private let kinds: [Kind]
    /// ` data-label="…"` for tables that narrow screens stack: the column's name beside the cell.
    private let labels: [String]?

    fileprivate init(table: HTMLTable) {
        kinds = table.headers.indices.map { index in
            let numeric = table.numericColumns.contains(index)
            if index == 0 && table.rowHeaders { return numeric ? .numericRowHeader : .rowHeader }
            return numeric ? .numericCell : .cell
        }
        labels =
            table.labelsCells
            ? table.headers.map { $0.isEmpty ? "" : " data-label=\"\(escapeHTML($0))\"" } : nil
    }

    /// A cell whose content `body` writes.
    package mutating func cell(_ body: (inout TextBuffer) -> Void) {
        let index = column
        column += 1
        let kind = index < kinds.count ? kinds[index] : .cell
        switch kind {
        case .rowHeader: out.append("<th scope=\"row\">")
        case .numericRowHeader: out.append("<th scope=\"row\" class=\"num\">")
        case .cell, .numericCell:
            if let labels, index < labels.count, !labels[index].isEmpty {
                out.append(kind == .numericCell ? "<td class=\"num\"" : "<td")
                out.append(labels[index])
                out.append(">")
            } else {
                out.append(kind == .numericCell ? "<td class=\"num\">" : "<td>")
            }
        }
        body(&out)
        out.append(kind == .rowHeader || kind == .numericRowHeader ? "</th>" : "</td>")
    }

    /// A cell of HTML, as it is.
    package mutating func html(_ html: String) { cell { $0.append(html) } }
    /// A cell of text, escaped.
    package mutating func text(_ text: String) { cell { $0.appendEscaped(text) } }

    /// Whole dollars: one format down the whole column, however large.
    package mutating func money(_ value: Double?) {
        cell { out in
            if let value { Format.moneyWhole(value, into: &out) } else { out.append(Format.none) }
        }
    }
    package mutating func moneyPrecise(_ value: Double?) {
        cell { out in
            if let value { Format.moneyPrecise(value, into: &out) } else { out.append(Format.none) }
        }
    }
    package mutating func percent(_ value: Double?) { cell { Format.percent(value, into: &$0) } }
    package mutating func count(_ value: Double?) {
        cell { out in
            if let value { Format.count(value, into: &out) } else { out.append(Format.none) }
        }
    }
    package mutating func multiplier(_ value: Double?) { cell { Format.multiplier(value, into: &$0) } }
    package mutating func availability(_ value: Double?) { cell { Format.availability(value, into: &$0) } }
    package mutating func number(_ value: Double?, decimals: Int) {
        cell { out in
            if let value { Format.number(value, decimals: decimals, into: &out) } else { out.append(Format.none) }
        }
    }
}
