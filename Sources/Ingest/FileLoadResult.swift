/// What happened to one file: its ledger row, as stored in `ingest.loads`.
public struct FileLoadResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        case loaded, skipped, rejected, failed
    }

    /// How the rows reached the database (see `FileLoader`).
    public enum LoadPath: String, Sendable {
        /// COPYed straight into the event table; repeated keys staged and settled after.
        case direct
        /// Every valid row staged, then settled set-based.
        case staged
        /// The direct path met a stored key: rolled back to its savepoint and staged from the start.
        case stagedAfterDirect = "staged after direct"
        /// A re-sent file: keys and content digests compared first, only the rest staged.
        case digests
    }

    public var fileName: String
    public var kind: IngestKind?
    public var sha256: String?
    public var status: Status
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsDuplicate = 0
    public var rowsQuarantined = 0
    public var ignoredColumns: [String] = []
    /// Why a file was skipped, rejected or failed.
    public var message: String?
    public var loadID: Int64?
    /// Nil when the file's rows were not read (skipped, or rejected as a whole).
    public var path: LoadPath?
    /// The direct path dropped the table's key index for the COPY and built it again after (a file at least as large
    /// as the table).
    public var keyRebuilt = false

    public init(fileName: String, kind: IngestKind?, status: Status) {
        self.fileName = fileName
        self.kind = kind
        self.status = status
    }

    /// True when rows read = loaded + duplicates + quarantined.
    public var balances: Bool { rowsRead == rowsLoaded + rowsDuplicate + rowsQuarantined }
}
