import Foundation

extension ReportRenderer {
    /// SPEC 5.1: the headline numbers with their change from the month before.
    func headlineSection(_ model: ReportModel) -> String {
        var lines = ["## 1. Headline", ""]
        guard let kpis = model.kpis else {
            lines.append(
                "No figures for \(model.month.longName): no usage, feedback or payments were recorded in that month.")
            return lines.joined(separator: "\n")
        }
        var table = MarkdownTable([
            ("Metric", .left), (model.month.longName, .right), (model.month.previous.longName, .right),
            ("Change", .right),
        ])
        for metric in model.headline {
            table.add([
                metric.label, headlineValue(model, metric, metric.current),
                model.previousKpis == nil ? "—" : headlineValue(model, metric, metric.previous),
                MarkdownEscaping.dollars(model.format.change(metric.current, metric.previous, kind: metric.kind)),
            ])
        }
        lines.append(table.render())
        lines.append(breakEvenSentence(model, kpis))
        return lines.joined(separator: "\n")
    }

    func headlineValue(_ model: ReportModel, _ metric: HeadlineMetric, _ value: Decimal?) -> String {
        switch metric.kind {
        case .money: return money(model, value)
        case .ratio: return percent(model, value)
        case .count: return value.map { count(model, Int(truncating: $0 as NSDecimalNumber)) } ?? "—"
        }
    }

    /// Paid share against break-even, in words.
    func breakEvenSentence(_ model: ReportModel, _ kpis: MonthlyKPIs) -> String {
        let paid = percent(model, kpis.paidShare)
        guard let breakEven = kpis.breakEvenPaidShare else {
            if kpis.payers == 0 {
                return "No user paid in \(model.month.longName), so there is no break-even paid share yet."
            }
            if kpis.activeFreeUsers == 0 {
                return "\(paid) of users paid. No free user was active, so free use cost nothing to carry."
            }
            return "\(paid) of users paid, but **no paid share breaks even**: on average a payer's revenue does "
                + "not cover the payer's own inference cost, so more payers alone would not carry the free users."
        }
        let needed = percent(model, breakEven)
        guard let paidShare = kpis.paidShare else { return "The break-even paid share is \(needed)." }
        if paidShare >= breakEven {
            return "**\(paid)** of users paid, above the **\(needed)** needed for revenue to cover everybody's "
                + "inference cost."
        }
        return "Only **\(paid)** of users paid, below the **\(needed)** needed for revenue to cover everybody's "
            + "inference cost: free use is not yet paid for."
    }
}
