/// A table of the site: escaped headers, cells given as HTML, numbers right-aligned.
struct HTMLTable {
    var caption: String?
    var headers: [String]
    var rows: [[String]]
    /// Columns holding figures, right-aligned with tabular digits.
    var numericColumns: Set<Int> = []
    /// The first cell of each row heads the row.
    var rowHeaders = true
    var id: String?
    var className = "data"
    /// Repeat each column's name on its cells, for tables that narrow screens stack into cards.
    var labelsCells = false

    func html() -> String {
        var out = "<div class=\"table-wrap\"><table class=\"\(className)\"\(id.map { " id=\"\($0)\"" } ?? "")>"
        out.reserveCapacity(rows.count * headers.count * 40 + 256)
        if let caption { out += "<caption>\(escapeHTML(caption))</caption>" }
        out += "<thead><tr>"
        for (index, header) in headers.enumerated() {
            out += numericColumns.contains(index) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"
            out += escapeHTML(header)
            out += "</th>"
        }
        out += "</tr></thead><tbody>"
        // The column's name, shown beside the cell where narrow screens stack the table.
        let labels = headers.map { labelsCells && !$0.isEmpty ? " data-label=\"\(escapeHTML($0))\"" : "" }
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric = numericColumns.contains(index)
                if index == 0 && rowHeaders {
                    out += numeric ? "<th scope=\"row\" class=\"num\">" : "<th scope=\"row\">"
                    out += cell
                    out += "</th>"
                } else {
                    out += numeric ? "<td class=\"num\"" : "<td"
                    if index < labels.count { out += labels[index] }
                    out += ">"
                    out += cell
                    out += "</td>"
                }
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>"
        return out
    }
}
