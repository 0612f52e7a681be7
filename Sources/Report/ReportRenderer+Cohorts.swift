import Foundation

extension ReportRenderer {
    /// Light (oldest cohort) to dark (newest): the chart has no legend, so age is told by shade.
    static let cohortPalette = [
        "#c6dbef", "#b3d0ea", "#9ecae1", "#85bcdb", "#6baed6", "#559fcd", "#4292c6", "#3181bd", "#2171b5",
        "#1361a9", "#08519c", "#08306b",
    ]

    /// SPEC 5.5: retention heat map of the last 12 first-payment cohorts, their curves and realised LTV.
    func cohortsSection(_ model: ReportModel) -> String {
        var lines = ["## 5. Paying cohorts", ""]
        guard !model.cohorts.isEmpty else {
            lines.append("No payers yet, so there are no paying cohorts to follow.")
            if let ltv = model.kpis?.ltvGrossProfit {
                lines.append("")
                lines.append(ltvSentence(model, ltv))
            }
            return lines.joined(separator: "\n")
        }
        let width = model.cohorts.map(\.cells.count).max() ?? 1
        lines.append(
            "Each row is a cohort: the users whose first payment fell in that month. M*k* is the share of them still "
                + "paying *k* months later. The last two columns are what a member has brought in so far, before and "
                + "after the inference cost it caused (realised lifetime value).")
        lines.append("")
        var columns: [(String, MarkdownTable.Alignment)] = [("Cohort", .left), ("Payers", .right)]
        columns += (0..<width).map { ("M\($0)", .right) }
        columns += [("Revenue per payer so far", .right), ("Realised LTV after inference cost", .right)]
        var table = MarkdownTable(columns)
        var anyIncomplete = false
        for cohort in model.cohorts {
            var row = [cohort.month.description, count(model, cohort.size)]
            for index in 0..<width {
                guard index < cohort.cells.count, let cell = cohort.cells[index] else {
                    row.append("")
                    continue
                }
                var text = "\(shade(cell.retention)) \(percent(model, cell.retention))"
                if !cell.complete {
                    text += "\\*"
                    anyIncomplete = true
                }
                row.append(text)
            }
            row.append(money(model, cohort.latest?.cumulativeRevenuePerUser))
            row.append(money(model, cohort.latest?.cumulativeGrossProfitPerUser))
            table.add(row)
        }
        lines.append(table.render())
        var legend =
            "Shading: 🟩 80% or more still paying · 🟨 60–80% · 🟧 40–60% · 🟥 under 40% · "
            + "blank: not reached yet."
        if anyIncomplete { legend += " \\* month not complete yet." }
        lines.append(legend)
        if let ltv = model.kpis?.ltvGrossProfit {
            lines.append("")
            lines.append(ltvSentence(model, ltv))
        }
        lines.append("")
        lines.append(
            "Retention curves: one line per cohort, from its first month on the left; the darker the line, the "
                + "newer the cohort.")
        lines.append("")
        var chart = MermaidXYChart(
            title: "Share of each cohort still paying, in percent", xTitle: "Months since first payment",
            xLabels: (0..<width).map(String.init), yTitle: "Percent still paying", yRange: (0, 100))
        chart.series = model.cohorts.map { cohort in
            (.line, cohort.cells.map { cell in cell?.retention.map { $0 * 100 } })
        }
        chart.palette = Array(Self.cohortPalette.suffix(model.cohorts.count))
        lines.append(chart.render())
        return lines.joined(separator: "\n")
    }

    func shade(_ retention: Decimal?) -> String {
        guard let retention else { return "⬜" }
        if retention >= Decimal(string: "0.8")! { return "🟩" }
        if retention >= Decimal(string: "0.6")! { return "🟨" }
        if retention >= Decimal(string: "0.4")! { return "🟧" }
        return "🟥"
    }

    func ltvSentence(_ model: ReportModel, _ ltv: Decimal) -> String {
        "At \(model.month.longName)'s revenue, inference cost and retention, a paying user is expected to bring "
            + "**\(money(model, ltv))** of gross profit after inference cost over their lifetime."
    }
}
