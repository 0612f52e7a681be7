import Foundation

extension ReportRenderer {
    /// SPEC 5.2: the four stages as a Mermaid loop with their rates, the bottleneck highlighted and named.
    func loopSection(_ model: ReportModel) -> String {
        var lines = ["## 2. The flywheel", ""]
        guard !model.stages.isEmpty else {
            lines.append("No flywheel figures were computed for \(model.month.longName) yet.")
            return lines.joined(separator: "\n")
        }
        lines.append(
            "Paid acquisition brings paying users, who use the product, give feedback and stay, which brings more "
                + "paying users. Each box shows the share of users that made it through that stage this month.")
        lines.append("")
        lines.append(flowchart(model))
        if let bottleneck = model.bottleneck {
            lines.append(
                "**Bottleneck: \(stageTitle(bottleneck.stage).lowercased()).** \(stageSentence(model, bottleneck)). "
                    + "It slowed down the most against its recent average, so it is the stage to work on first.")
        } else {
            lines.append(
                "**No bottleneck this month:** no stage declined against the average of the three months before"
                    + (model.stages.contains { $0.change != nil } ? "." : " (there is not enough history yet)."))
        }
        lines.append("")
        var table = MarkdownTable([
            ("Stage", .left), ("What it measures", .left), (model.month.longName, .right),
            (model.month.previous.longName, .right), ("3-month average", .right), ("Change vs average", .right),
        ])
        for stage in model.stages {
            let name = stage.isBottleneck ? "**\(stageTitle(stage.stage))** (bottleneck)" : stageTitle(stage.stage)
            table.add([
                name, stageMeaning(stage.stage), percent(model, stage.rate), percent(model, stage.previousRate),
                percent(model, stage.trailingRate), stage.change.map { signedArrow(model, $0) } ?? "—",
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    func flowchart(_ model: ReportModel) -> String {
        let ids = ["acquire": "A", "use": "U", "feedback": "F", "retain": "R"]
        var lines = ["```mermaid", "flowchart LR"]
        for name in ReportModel.stageOrder {
            let stage = model.stages.first { $0.stage == name }
            var label = "\(stageTitle(name))<br/>\(stageMeaning(name))<br/><b>\(percent(model, stage?.rate))</b>"
            if let change = stage?.change {
                label += "<br/>\(signedArrow(model, change)) vs 3-month avg"
            }
            // Only text the renderer wrote itself goes here; the sanitiser is a second line of defence.
            lines.append("    \(ids[name]!)[\"\(mermaidSafeLabel(label))\"]")
        }
        lines.append("    A --> U --> F --> R")
        lines.append("    R -->|\"more paying users\"| A")
        lines.append("    classDef bottleneck fill:#fde2e1,stroke:#d62728,stroke-width:3px,color:#000000")
        if let bottleneck = model.bottleneck, let id = ids[bottleneck.stage] {
            lines.append("    class \(id) bottleneck")
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Keeps the renderer's own tags (`<br/>`, `<b>`) and otherwise the Mermaid-safe character set.
    func mermaidSafeLabel(_ label: String) -> String {
        let keep = "%▲▼÷"
        return String(
            label.unicodeScalars.filter { scalar in
                MarkdownEscaping.isMermaidSafe(scalar) || keep.unicodeScalars.contains(scalar)
                    || "<>".unicodeScalars
                        .contains(scalar)
            }.map(Character.init))
    }

    /// "▼ 8.1%" / "▲ 2.0%": a relative change.
    func signedArrow(_ model: ReportModel, _ change: Decimal) -> String {
        let text = model.format.relative(change)
        if text == "0.0%" || text == "+0.0%" { return "no change" }
        return (change > 0 ? "▲ " : "▼ ")
            + text.replacingOccurrences(of: "+", with: "")
            .replacingOccurrences(of: "-", with: "")
    }

    func stageTitle(_ stage: String) -> String {
        switch stage {
        case "acquire": return "Acquire"
        case "use": return "Use"
        case "feedback": return "Feedback"
        case "retain": return "Retain"
        default: return esc(stage)
        }
    }

    func stageMeaning(_ stage: String) -> String {
        switch stage {
        case "acquire": return "new payers among users who could convert"
        case "use": return "payers who used the product"
        case "feedback": return "active payers who gave feedback"
        case "retain": return "payers of last month still paying"
        default: return ""
        }
    }

    /// "62.0% of payers used the product, 8.1% below the average of the three months before (67.5%)".
    func stageSentence(_ model: ReportModel, _ stage: LoopStage) -> String {
        let rate = percent(model, stage.rate)
        var text: String
        switch stage.stage {
        case "acquire": text = "\(rate) of the users who could convert became paying users"
        case "use": text = "\(rate) of paying users used the product"
        case "feedback": text = "\(rate) of active payers gave feedback"
        case "retain": text = "\(rate) of last month's payers paid again"
        default: text = "its rate was \(rate)"
        }
        if let change = stage.change {
            let size = model.format.relative(abs(change)).replacingOccurrences(of: "+", with: "")
            text +=
                ", \(size) \(change < 0 ? "below" : "above") its average of the three months before "
                + "(\(percent(model, stage.trailingRate)))"
        }
        return text
    }
}
