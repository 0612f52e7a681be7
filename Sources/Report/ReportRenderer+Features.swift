import Foundation

extension ReportRenderer {
    static let featureChartLimit = 15

    /// SPEC 5.3: each feature's cost against the revenue attributed to it, flagged ones first.
    func featuresSection(_ model: ReportModel) -> String {
        var lines = ["## 3. Features: do they pay for their inference?", ""]
        guard !model.features.isEmpty else {
            lines.append("No feature was used in \(model.month.longName), so there is no cost to set against revenue.")
            return lines.joined(separator: "\n")
        }
        let target = targetMultiple(model)
        lines.append(
            "Each paying user's revenue is split across the features they used, in proportion to the inference cost "
                + "each one caused (*attributed revenue*). A feature is on target when it brings in at least "
                + "\(model.format.multiple(target)) its cost (a "
                + "\(percent(model, model.data.settings.targetGrossMargin)) "
                + "gross margin). Flagged features come first.")
        lines.append("")
        var table = MarkdownTable([
            ("Feature", .left), ("Status", .left), ("Calls", .right), ("Users", .right), ("Paying users", .right),
            ("Inference cost", .right), ("of which free users", .right), ("Attributed revenue", .right),
            ("Revenue ÷ cost", .right), ("Margin", .right), ("Why", .left),
        ])
        for feature in model.features {
            table.add([
                esc(feature.feature), statusLabel(feature.status), count(model, feature.calls),
                count(model, feature.users), count(model, feature.payingUsers), money(model, feature.cost),
                money(model, feature.costFree), money(model, feature.revenueByCost),
                model.format.multiple(feature.coverage), money(model, feature.margin),
                esc(feature.reason ?? "", maxLength: 200).replacingOccurrences(of: "(blank)", with: ""),
            ])
        }
        lines.append(table.render())
        lines.append(
            "Status: 🔴 uncovered = revenue below cost however revenue is split (by cost, by calls or per user); "
                + "🟠 ambiguous = below cost under some splits only; 🟡 below target = covers its cost but not the "
                + "target margin; 🟢 covered = at least \(model.format.multiple(target)) its cost under every split.")
        lines.append("")
        lines.append(freeCaps(model))
        lines.append("")
        lines.append(featureChart(model))
        return lines.joined(separator: "\n")
    }

    func targetMultiple(_ model: ReportModel) -> Decimal? {
        let margin = model.data.settings.targetGrossMargin
        return margin < 1 ? 1 / (1 - margin) : nil
    }

    func statusLabel(_ status: String) -> String {
        switch status {
        case "uncovered": return "🔴 uncovered"
        case "ambiguous": return "🟠 ambiguous"
        case "below_target": return "🟡 below target"
        case "covered": return "🟢 covered"
        default: return esc(status)
        }
    }

    func freeCaps(_ model: ReportModel) -> String {
        let capped = model.features.filter { $0.freeCapCalls != nil }
        var lines = ["### Free-use caps", ""]
        guard !capped.isEmpty else {
            lines.append(
                "No feature needs a free-use cap: wherever free users cause cost, it fits within what paying users' "
                    + "revenue leaves for them at the target margin.")
            return lines.joined(separator: "\n")
        }
        lines.append(
            "Where free users cost more than the feature's revenue can carry at the target margin, a monthly cap "
                + "on free calls per user would close the gap:")
        lines.append("")
        for feature in capped {
            let calls = feature.freeCapCalls ?? 0
            let affected = feature.freeCapAffectedUsers ?? 0
            lines.append(
                "- **\(esc(feature.feature))**: allow free users **\(count(model, calls)) "
                    + "\(calls == 1 ? "call" : "calls") a month**; this saves "
                    + "**\(money(model, feature.freeCapSavings))** "
                    + "of inference cost and affects \(count(model, affected)) free "
                    + "\(affected == 1 ? "user" : "users").")
        }
        return lines.joined(separator: "\n")
    }

    func featureChart(_ model: ReportModel) -> String {
        let byCost = model.features.sorted {
            let left = $0.cost ?? 0, right = $1.cost ?? 0
            return left != right ? left > right : $0.feature < $1.feature
        }
        let shown = Array(byCost.prefix(Self.featureChartLimit))
        var lines: [String] = []
        var intro =
            "Bars: inference cost; line: attributed revenue (\(esc(model.format.currency))). Where the line "
            + "falls short of the bar, the feature does not earn back its cost."
        if byCost.count > shown.count {
            intro += " The chart shows the \(shown.count) costliest of \(byCost.count) features."
        }
        lines.append(intro)
        lines.append("")
        var chart = MermaidXYChart(
            title: "Inference cost vs attributed revenue, \(model.month.longName)", horizontal: true,
            xLabels: shown.map(\.feature), yTitle: model.format.currency)
        chart.series = [(.bar, shown.map(\.cost)), (.line, shown.map(\.revenueByCost))]
        chart.palette = ["#d62728", "#2ca02c"]
        lines.append(chart.render())
        return lines.joined(separator: "\n")
    }
}
