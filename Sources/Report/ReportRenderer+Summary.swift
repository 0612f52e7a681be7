import Foundation

extension ReportRenderer {
    /// The plain-language paragraph at the top: the month's money, what moved most, the bottleneck, the features
    /// that lose money and where the paid share stands.
    func summary(_ model: ReportModel) -> String {
        guard let kpis = model.kpis else {
            return "> There are no figures for \(model.month.longName) yet: no usage, feedback or payments were "
                + "loaded for that month."
        }
        let previousName = model.month.previous.longName
        var sentences: [String] = []

        let revenue = model.headline[0], cost = model.headline[1], margin = model.headline[2]
        var first =
            "In \(model.month.longName) revenue was \(moneyCompact(model, kpis.revenue))"
            + trend(model, revenue, against: previousName)
        first += ", inference cost \(moneyCompact(model, kpis.cost))" + trend(model, cost, against: nil)
        if let grossMargin = kpis.grossMargin {
            first += ", leaving a gross margin of \(percent(model, grossMargin))" + trend(model, margin, against: nil)
        } else {
            first += ", and gross margin is not defined because there was no positive revenue"
        }
        sentences.append(first + ".")

        if let mover = biggestMover(model) {
            let direction = (mover.delta ?? 0) > 0 ? "up" : "down"
            let size: String
            switch mover.kind {
            case .ratio:
                size = model.format.change(mover.current, mover.previous, kind: .ratio)
                    .replacingOccurrences(of: "▲ ", with: "").replacingOccurrences(of: "▼ ", with: "")
            case .money, .count:
                size = model.format.relative(abs(mover.relativeChange ?? 0))
                    .replacingOccurrences(of: "+", with: "")
            }
            sentences.append(
                "What moved most: **\(mover.label.lowercasedFirst)**, \(direction) \(size) "
                    + "(from \(headlineValue(model, mover, mover.previous)) to "
                    + "\(headlineValue(model, mover, mover.current))).")
        }

        if let bottleneck = model.bottleneck {
            sentences.append(
                "The flywheel's bottleneck is **\(stageTitle(bottleneck.stage).lowercased())**: "
                    + "\(stageSentence(model, bottleneck)).")
        } else if !model.stages.isEmpty {
            sentences.append("No stage of the flywheel slowed down against its recent average.")
        }

        let flagged = model.features.filter { $0.status != "covered" }
        let uncovered = model.features.filter { $0.status == "uncovered" }
        if !model.features.isEmpty {
            if flagged.isEmpty {
                sentences.append(
                    "All \(model.features.count) features earn at least the target margin on their inference cost.")
            } else {
                var text = "\(flagged.count) of \(model.features.count) features fall short of the target margin"
                if !uncovered.isEmpty {
                    let names = uncovered.prefix(3).map { "**\(esc($0.feature, maxLength: 40))**" }
                    let more = uncovered.count > 3 ? " and \(uncovered.count - 3) more" : ""
                    let list =
                        names.count == 1 && more.isEmpty
                        ? names[0] : names.joined(separator: ", ") + (more.isEmpty ? "" : more)
                    text +=
                        "; " + list + (uncovered.count == 1 ? " does" : " do")
                        + " not even earn back " + (uncovered.count == 1 ? "its" : "their") + " inference cost"
                }
                sentences.append(text + ".")
            }
        }

        if let paid = kpis.paidShare, let breakEven = kpis.breakEvenPaidShare {
            sentences.append(
                paid >= breakEven
                    ? "The paid share (\(percent(model, paid))) is above break-even (\(percent(model, breakEven)))."
                    : "The paid share (\(percent(model, paid))) is below break-even (\(percent(model, breakEven)))."
            )
        } else if kpis.payers == 0 {
            sentences.append("Nobody paid yet.")
        }
        return "> " + sentences.joined(separator: " ")
    }

    /// " (▲ 12.3% on October 2026)" or " (▼ 6.2 pts)"; empty without a previous month.
    func trend(_ model: ReportModel, _ metric: HeadlineMetric, against previousName: String?) -> String {
        guard let current = metric.current, let previous = metric.previous else { return "" }
        var text: String
        switch metric.kind {
        case .ratio: text = model.format.change(current, previous, kind: .ratio)
        case .money, .count:
            guard let relative = metric.relativeChange else { return "" }
            if model.format.relative(relative) == "0.0%" { return " (unchanged)" }
            text =
                (relative > 0 ? "▲ " : "▼ ")
                + model.format.relative(abs(relative))
                .replacingOccurrences(of: "+", with: "")
        }
        if text == "no change" { return " (unchanged)" }
        if let previousName { text += " on \(previousName)" }
        return " (\(MarkdownEscaping.dollars(text)))"
    }

    /// The headline metric with the largest relative change (ties: the earlier one in the headline).
    func biggestMover(_ model: ReportModel) -> HeadlineMetric? {
        var best: (metric: HeadlineMetric, size: Decimal)?
        for metric in model.headline {
            guard let relative = metric.relativeChange, relative != 0 else { continue }
            if best == nil || abs(relative) > best!.size { best = (metric, abs(relative)) }
        }
        return best?.metric
    }
}

extension String {
    var lowercasedFirst: String {
        // "Net revenue retention (NRR)" keeps its acronym; only the first letter changes.
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
