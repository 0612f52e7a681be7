import Foundation

extension ReportRenderer {
    /// SPEC 5.6: how monthly recurring revenue moved over the last 12 months.
    func mrrSection(_ model: ReportModel) -> String {
        var lines = ["## 6. Monthly recurring revenue (MRR)", ""]
        guard !model.mrr.isEmpty, !model.mrrIsEmpty else {
            lines.append("No subscription revenue yet, so there is no MRR to break down.")
            return lines.joined(separator: "\n")
        }
        lines.append(
            "MRR is the monthly value of running subscriptions at the end of each month. It grows with new, "
                + "returning (reactivation) and upgraded (expansion) subscribers and shrinks with downgrades "
                + "(contraction) and cancellations (churn).")
        lines.append("")
        var table = MarkdownTable([
            ("Month", .left), ("Start", .right), ("New", .right), ("Reactivation", .right), ("Expansion", .right),
            ("Contraction", .right), ("Churn", .right), ("End", .right),
        ])
        for row in model.mrr {
            let name = row.month == model.month ? "**\(row.month.description)**" : row.month.description
            table.add([
                name, money(model, row.mrrStart), money(model, row.new), money(model, row.reactivation),
                money(model, row.expansion), money(model, row.contraction), money(model, row.churn),
                money(model, row.mrrEnd),
            ])
        }
        lines.append(table.render())
        let labels = model.mrr.map { "\($0.month.shortMonthName) \($0.month.year % 100)" }
        var endChart = MermaidXYChart(
            title: "MRR at month end (\(model.format.currency))", xLabels: labels, yTitle: model.format.currency)
        endChart.series = [(.bar, model.mrr.map(\.mrrEnd))]
        endChart.palette = ["#4292c6"]
        lines.append(endChart.render())
        lines.append(
            "Bars: MRR won from new, returning and upgrading subscribers; line: MRR lost to downgrades and "
                + "cancellations. Months where the line is above the bar shrank.")
        lines.append("")
        var flowChart = MermaidXYChart(
            title: "MRR won and lost each month (\(model.format.currency))", xLabels: labels,
            yTitle: model.format.currency)
        flowChart.series = [
            (.bar, model.mrr.map { ($0.new ?? 0) + ($0.reactivation ?? 0) + ($0.expansion ?? 0) }),
            (.line, model.mrr.map { -(($0.contraction ?? 0) + ($0.churn ?? 0)) }),
        ]
        flowChart.palette = ["#2ca02c", "#d62728"]
        lines.append(flowChart.render())
        return lines.joined(separator: "\n")
    }
}
