import Foundation

/// The settings a report was computed and rendered with (SPEC 5.8 prints them).
public struct ReportSettings: Codable, Sendable, Equatable {
    /// The month the report is about (`--month`, default: the latest complete month).
    public var reportMonth: ReportMonth
    /// ISO 4217 code of the reporting currency (`reporting_currency`, e.g. `USD`); all money is in it.
    public var reportingCurrency: String
    /// IANA name of the reporting time zone (`reporting_timezone`, e.g. `UTC`, `Europe/Berlin`).
    public var reportingTimezone: String
    /// `target_gross_margin` (default 0.5): features must earn `1 / (1 - margin)` times their cost.
    public var targetGrossMargin: Decimal
    /// The compute's `as_of` instant (`work.run_settings.as_of`); nil when nothing was ever computed.
    public var asOf: Date?
    /// When the report was rendered, supplied by the caller so output is reproducible.
    public var generatedAt: Date

    public init(
        reportMonth: ReportMonth, reportingCurrency: String = "USD", reportingTimezone: String = "UTC",
        targetGrossMargin: Decimal = Decimal(string: "0.5")!, asOf: Date?, generatedAt: Date
    ) {
        self.reportMonth = reportMonth
        self.reportingCurrency = reportingCurrency
        self.reportingTimezone = reportingTimezone
        self.targetGrossMargin = targetGrossMargin
        self.asOf = asOf
        self.generatedAt = generatedAt
    }
}
