/// Settings of one ingest (SPEC 6: `input_timezone`, `reporting_timezone`) and the reader's limits.
public struct IngestOptions: Sendable {
    /// Zone for timestamps written without an offset; nil: such timestamps are `bad_timestamp`.
    /// Rendered after the time in COPY data (PostgreSQL accepts an IANA zone name there).
    public var inputTimeZone: String?
    /// The reporting zone; the loader sets the session `TimeZone` to it, so bare dates (rendered without
    /// a zone) are midnight there. Used here only to know when two wall-clock values share one zone.
    public var reportingTimeZone: String
    /// A record (CSV record or JSON line) larger than this is `malformed_row` "too long", skipped unbuffered.
    public var maxRecordBytes: Int
    /// Size of each read from the file (and of each inflate output step).
    public var chunkBytes: Int
    /// Bytes of raw record text kept for the quarantine.
    public var rawTextLimit: Int

    public init(
        inputTimeZone: String? = nil, reportingTimeZone: String = "UTC", maxRecordBytes: Int = 1 << 20,
        chunkBytes: Int = 1 << 20, rawTextLimit: Int = 4096
    ) {
        self.inputTimeZone = inputTimeZone
        self.reportingTimeZone = reportingTimeZone
        self.maxRecordBytes = max(16, maxRecordBytes)
        self.chunkBytes = max(16, chunkBytes)
        self.rawTextLimit = max(16, rawTextLimit)
    }

    /// Zone names are written into COPY text unquoted, so only plain name characters are accepted.
    static func validZoneName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || "/_+-.:".utf8.contains(b)
            }
    }
}
