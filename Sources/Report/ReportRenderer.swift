import Foundation

/// Renders a `ReportData` as the monthly GitHub-flavoured Markdown report (SPEC 5) and as its JSON twin.
/// Pure and deterministic: the same data gives the same bytes.
public struct ReportRenderer: Sendable {
    /// Version of the JSON twin's layout; bump it when a key changes meaning or disappears.
    public static let schemaVersion = 1

    public init() {}

    public func markdown(_ data: ReportData) -> String {
        let model = ReportModel(data)
        let sections = [
            title(model),
            headlineSection(model),
            loopSection(model),
            featuresSection(model),
            plansSection(model),
            cohortsSection(model),
            mrrSection(model),
            dataQualitySection(model),
            definitionsSection(model),
        ]
        return sections.map { $0.trimmingCharacters(in: .newlines) }.joined(separator: "\n\n") + "\n"
    }

    func title(_ model: ReportModel) -> String {
        let settings = model.data.settings
        var lines = ["# Flywheel report: \(model.month.longName)", ""]
        var facts = [
            "Money in \(esc(settings.reportingCurrency))",
            "months in \(esc(settings.reportingTimezone))",
            "data up to \(model.format.timestamp(settings.asOf, timeZone: model.timeZone))",
            "generated \(model.format.timestamp(settings.generatedAt, timeZone: model.timeZone))",
        ]
        if let kpis = model.kpis, !kpis.complete {
            facts.append("**\(model.month.longName) is not complete yet: its figures will still change**")
        }
        lines.append("*" + facts.joined(separator: " · ") + "*")
        lines.append("")
        lines.append(summary(model))
        return lines.joined(separator: "\n")
    }

    // MARK: Helpers shared by the sections

    /// Escaped data text.
    func esc(_ text: String, maxLength: Int = MarkdownEscaping.maxTextLength) -> String {
        MarkdownEscaping.text(text, maxLength: maxLength)
    }

    /// Money ready for Markdown (`$` escaped so GitHub does not start math).
    func money(_ model: ReportModel, _ value: Decimal?) -> String {
        MarkdownEscaping.dollars(model.format.money(value))
    }

    func moneyCompact(_ model: ReportModel, _ value: Decimal?) -> String {
        MarkdownEscaping.dollars(model.format.moneyCompact(value))
    }

    func percent(_ model: ReportModel, _ value: Decimal?) -> String {
        model.format.percent(value)
    }

    func count(_ model: ReportModel, _ value: Int?) -> String {
        model.format.count(value)
    }
}
