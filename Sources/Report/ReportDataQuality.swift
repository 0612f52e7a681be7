import Foundation

/// Everything the data-quality section (SPEC 5.7) shows.
public struct ReportDataQuality: Codable, Sendable, Equatable {
    /// All rows of `flywheel.data_quality` (any order; the report sorts errors first). Findings whose
    /// `check_name` contains `price` or `fx` are also summarised as missing prices / FX rates.
    public var findings: [DataQualityFinding]
    /// Files and rows from the ingest ledger.
    public var ingest: IngestSummary
    /// Already-reported months whose figures changed in the latest compute (late events).
    public var restatedMonths: [ReportMonth]
    /// Newest event time per kind (`usage`, `feedback`, `payments`).
    public var freshness: [EventFreshness]

    public init(
        findings: [DataQualityFinding] = [], ingest: IngestSummary = IngestSummary(),
        restatedMonths: [ReportMonth] = [], freshness: [EventFreshness] = []
    ) {
        self.findings = findings
        self.ingest = ingest
        self.restatedMonths = restatedMonths
        self.freshness = freshness
    }
}
