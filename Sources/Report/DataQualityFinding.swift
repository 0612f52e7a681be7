import Foundation

/// One row of `flywheel.data_quality`: a finding of the latest compute.
public struct DataQualityFinding: Codable, Sendable, Equatable {
    /// `check_name`, e.g. `missing_prices`, `missing_fx_rates`, `restated_months`, `mrr_identity`.
    public var checkName: String
    /// `severity`: `info`, `warning` or `error`.
    public var severity: String
    /// `detail`: a sentence (may quote input data: escaped when rendered).
    public var detail: String
    /// `affected_rows`
    public var affectedRows: Int?

    public init(checkName: String, severity: String, detail: String, affectedRows: Int? = nil) {
        self.checkName = checkName
        self.severity = severity
        self.detail = detail
        self.affectedRows = affectedRows
    }
}
