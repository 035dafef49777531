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
        if let caption { out += "<caption>\(escapeHTML(caption))</caption>" }
        out += "<thead><tr>"
        for (index, header) in headers.enumerated() {
            out += "<th scope=\"col\"\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(escapeHTML(header))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric = numericColumns.contains(index) ? " class=\"num\"" : ""
                if index == 0 && rowHeaders {
                    out += "<th scope=\"row\"\(numeric)>\(cell)</th>"
                } else {
                    // The column's name, shown beside the cell where narrow screens stack the table.
                    let label = labelsCells && index < headers.count && !headers[index].isEmpty
                        ? " data-label=\"\(escapeHTML(headers[index]))\"" : ""
                    out += "<td\(numeric)\(label)>\(cell)</td>"
                }
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }
}
