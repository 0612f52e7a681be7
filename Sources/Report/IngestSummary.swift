import Foundation

/// Ingest figures for the data-quality section, from `ingest.loads` and `ingest.quarantine` over the whole
/// ledger (every load attempt so far), so a PM sees what went in and what was held back.
public struct IngestSummary: Codable, Sendable, Equatable {
    /// Quarantined rows for one reason code (`ingest.quarantine.reason`).
    public struct ReasonCount: Codable, Sendable, Equatable {
        /// `reason`, e.g. `bad_timestamp`.
        public var reason: String
        /// Number of quarantined rows with that reason.
        public var rows: Int

        public init(reason: String, rows: Int) {
            self.reason = reason
            self.rows = rows
        }
    }

    /// Loads with status `loaded`.
    public var filesLoaded: Int
    /// Loads with status `skipped` (same bytes already loaded).
    public var filesSkipped: Int
    /// Loads with status `rejected` (too many bad rows).
    public var filesRejected: Int
    /// Loads with status `failed`.
    public var filesFailed: Int
    /// Σ `rows_read`.
    public var rowsRead: Int
    /// Σ `rows_loaded`.
    public var rowsLoaded: Int
    /// Σ `rows_duplicate`.
    public var rowsDuplicate: Int
    /// Σ `rows_quarantined`.
    public var rowsQuarantined: Int
    /// Quarantined rows grouped by reason (any order; the report sorts by count).
    public var quarantinedByReason: [ReasonCount]
    /// `file_name` of loads with status `rejected` (input data: escaped when rendered).
    public var rejectedFiles: [String]
    /// `file_name` of loads with status `failed`.
    public var failedFiles: [String]

    public init(
        filesLoaded: Int = 0, filesSkipped: Int = 0, filesRejected: Int = 0, filesFailed: Int = 0,
        rowsRead: Int = 0, rowsLoaded: Int = 0, rowsDuplicate: Int = 0, rowsQuarantined: Int = 0,
        quarantinedByReason: [ReasonCount] = [], rejectedFiles: [String] = [], failedFiles: [String] = []
    ) {
        self.filesLoaded = filesLoaded
        self.filesSkipped = filesSkipped
        self.filesRejected = filesRejected
        self.filesFailed = filesFailed
        self.rowsRead = rowsRead
        self.rowsLoaded = rowsLoaded
        self.rowsDuplicate = rowsDuplicate
        self.rowsQuarantined = rowsQuarantined
        self.quarantinedByReason = quarantinedByReason
        self.rejectedFiles = rejectedFiles
        self.failedFiles = failedFiles
    }
}
