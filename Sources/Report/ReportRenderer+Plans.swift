import Foundation

extension ReportRenderer {
    /// SPEC 5.4: unit economics per plan.
    func plansSection(_ model: ReportModel) -> String {
        var lines = ["## 4. Plans", ""]
        guard !model.plans.isEmpty else {
            lines.append("No plan had any users in \(model.month.longName).")
            return lines.joined(separator: "\n")
        }
        lines.append(
            "Users are counted on the plan of their latest payment in the month; users without one are on `free`.")
        lines.append("")
        var table = MarkdownTable([
            ("Plan", .left), ("Payers", .right), ("Active users", .right), ("Revenue", .right),
            ("Inference cost", .right), ("Gross margin", .right), ("Revenue per payer", .right),
            ("Cost per user", .right), ("Users costing more than they pay", .right),
        ])
        for plan in model.plans {
            table.add([
                esc(plan.plan), count(model, plan.payers), count(model, plan.activeUsers), money(model, plan.revenue),
                money(model, plan.cost), percent(model, plan.grossMargin), money(model, plan.arppu),
                money(model, plan.costPerUser), count(model, plan.unprofitableUsers),
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }
}
