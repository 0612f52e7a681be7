/// A GitHub-flavoured Markdown table. Cells must already be escaped (`MarkdownEscaping.text`); the table only
/// guarantees one line per row and the same number of cells in every row.
struct MarkdownTable {
    enum Alignment { case left, right }

    let columns: [(title: String, alignment: Alignment)]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        self.columns = columns.map { (title: $0.0, alignment: $0.1) }
    }

    mutating func add(_ cells: [String]) {
        precondition(cells.count == columns.count, "table row has \(cells.count) cells, expected \(columns.count)")
        rows.append(cells)
    }

    func render() -> String {
        func line(_ cells: [String]) -> String {
            // A cell can never hold a line break: it would end the table.
            "| "
                + cells.map { $0.isEmpty ? " " : $0.replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: " | ") + " |"
        }
        var out = line(columns.map(\.title)) + "\n"
        out += "|" + columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
