import Foundation

extension ReportRenderer {
    /// SPEC 5.8: one line per definition, and the settings used.
    func definitionsSection(_ model: ReportModel) -> String {
        let settings = model.data.settings
        let definitions = [
            (
                "Revenue",
                "payments recognised in the month: subscriptions spread over their service period, "
                    + "one-time charges in the month paid, refunds subtracted."
            ),
            ("Inference cost", "what the month's model calls cost, from the provider's cost or the price table."),
            ("Gross margin", "(revenue − inference cost) ÷ revenue."),
            ("Paying user (payer)", "a user with revenue recognised in the month; *active* means at least one call."),
            ("New paying user", "a user whose first payment was in the month."),
            ("Payer retention", "the share of last month's payers who pay again this month."),
            (
                "Net revenue retention (NRR)",
                "this month's MRR from last month's subscribers ÷ their MRR last month; "
                    + "GRR is the same without upgrades."
            ),
            ("Free users' share of inference cost", "inference cost of non-paying users ÷ all inference cost."),
            ("Paid share", "payers ÷ all users who were active or paid."),
            (
                "Break-even paid share",
                "the paid share at which payers' revenue would cover everybody's inference cost."
            ),
            (
                "Flywheel stages",
                "acquire = new payers ÷ users who could still convert; use = active payers ÷ payers; "
                    + "feedback = active payers who gave feedback ÷ active payers; retain = payer retention."
            ),
            ("Bottleneck", "the stage whose rate fell most against its average of the three months before."),
            (
                "Attributed revenue",
                "each payer's revenue split across the features they used, in proportion to "
                    + "the cost they caused (the status also checks splits by calls and per user)."
            ),
            (
                "Free-use cap",
                "the most calls a month a free user could make so that free use fits the budget that "
                    + "paying users' revenue leaves at the target margin."
            ),
            ("Cohort", "the users whose first payment fell in the same month."),
            ("Realised LTV after inference cost", "a cohort's revenue minus its inference cost so far, per member."),
            ("MRR", "monthly value of running subscriptions (a yearly plan counts one twelfth) at month end."),
        ]
        var lines = ["## 8. Definitions and settings", ""]
        for (term, meaning) in definitions {
            lines.append("- **\(term)**: \(meaning)")
        }
        lines.append("")
        var table = MarkdownTable([("Setting", .left), ("Value", .left)])
        table.add(["Report month", model.month.description])
        table.add(["Reporting currency", esc(settings.reportingCurrency)])
        table.add(["Reporting time zone", esc(settings.reportingTimezone)])
        table.add([
            "Target gross margin",
            "\(percent(model, settings.targetGrossMargin)) (features must earn "
                + "\(model.format.multiple(targetMultiple(model))) their cost)",
        ])
        table.add(["Data as of", model.format.timestamp(settings.asOf, timeZone: model.timeZone)])
        table.add(["Generated", model.format.timestamp(settings.generatedAt, timeZone: model.timeZone)])
        table.add(["Machine-readable twin", "\(model.month.description).json (schema version \(Self.schemaVersion))"])
        lines.append(table.render())
        lines.append("— means the figure is not defined (for example a ratio over zero users).")
        return lines.joined(separator: "\n")
    }
}
