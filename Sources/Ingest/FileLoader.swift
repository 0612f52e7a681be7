import Foundation
import Logging
import Postgres

/// Loads files into PostgreSQL exactly once, each in one transaction together with its `ingest.loads` row.
///
/// Valid rows are COPYed (text format) into a temporary staging table in batches; each batch's rejections go to
/// `ingest.quarantine` between the COPYs so memory stays bounded. Then, set-based: rows whose key repeats within
/// the file or is already stored are duplicates (same content) or `conflicting_duplicate` (other content);
/// reference kinds are upserted (the later row wins). When more than `maxBadRowFraction` of the rows are
/// quarantined, the file is `rejected`: its quarantine and ledger rows are kept, none of its data.
/// Any failure rolls the file's transaction back and records a `failed` ledger row in a transaction of its own.
public struct FileLoader {
    public struct Settings: Sendable {
        public var reportingTimezone: String
        public var inputTimezone: String?
        public var maxBadRowFraction: Double
        /// Validate and count inside a transaction that is rolled back.
        public var dryRun: Bool
        /// Write a `skipped` ledger row for a file whose bytes were already loaded.
        public var recordSkipped: Bool
        /// Also skip a file whose same bytes were rejected before (the nightly run: the same bytes give the same
        /// verdict, so a rejected file left in the inbox is not re-quarantined every night).
        public var skipPreviouslyRejected = false

        public init(
            reportingTimezone: String = "UTC", inputTimezone: String? = nil, maxBadRowFraction: Double = 0.05,
            dryRun: Bool = false, recordSkipped: Bool = true
        ) {
            self.reportingTimezone = reportingTimezone
            self.inputTimezone = inputTimezone
            self.maxBadRowFraction = maxBadRowFraction
            self.dryRun = dryRun
            self.recordSkipped = recordSkipped
        }
    }

    let connection: Connection
    let settings: Settings
    let logger: Logger

    public init(connection: Connection, settings: Settings, logger: Logger = Logger(label: "flywheel.ingest")) {
        self.connection = connection
        self.settings = settings
        self.logger = logger
    }

    /// Loads one file. `progress` is called after each batch with the bytes and rows read so far.
    public func load(
        path: String, kind explicitKind: IngestKind? = nil, progress: (Int64, Int) -> Void = { _, _ in }
    ) throws -> FileLoadResult {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let kind = explicitKind ?? IngestKind.detect(fileName: fileName)
        var result = FileLoadResult(fileName: fileName, kind: kind, status: .failed)
        guard let kind else { throw IngestError.unknownKind(fileName: fileName) }
        let sha256: String
        do {
            sha256 = try FileDigest.sha256Hex(path: path)
        } catch {
            result.message = error.description
            try recordOutcome(&result, sha256: "", kind: kind)
            return result
        }
        result.sha256 = sha256
        if let previous = try connection.query(
            """
            select file_name, status from ingest.loads
            where sha256 = $1 and (status = 'loaded' or (status = 'rejected' and $2::boolean))
            order by status = 'loaded' desc, load_id limit 1
            """,
            [sha256, settings.skipPreviouslyRejected]
        ).first {
            result.status = .skipped
            result.message =
                previous["status"] == "loaded"
                ? "same bytes already loaded from \(previous["file_name"] ?? "?")"
                : "same bytes already rejected as \(previous["file_name"] ?? "?")"
            if !settings.dryRun && settings.recordSkipped { try recordOutcome(&result, sha256: sha256, kind: kind) }
            return result
        }
        do {
            try loadInTransaction(path: path, kind: kind, sha256: sha256, result: &result, progress: progress)
        } catch let error as IngestError {
            // The file cannot be read as a whole (missing column, corrupt gzip…): rejected, nothing of it kept.
            result = FileLoadResult(fileName: fileName, kind: kind, status: .rejected)
            result.sha256 = sha256
            result.message = error.description
            if !settings.dryRun { try recordOutcome(&result, sha256: sha256, kind: kind) }
        } catch let error as PostgresError where !error.isConnectionLoss {
            result = FileLoadResult(fileName: fileName, kind: kind, status: .failed)
            result.sha256 = sha256
            result.message = "database error: \(error)"
            if !settings.dryRun { try recordOutcome(&result, sha256: sha256, kind: kind) }
        }
        return result
    }

    /// Records a ledger row for a file that was skipped, rejected as a whole, or failed.
    func recordOutcome(_ result: inout FileLoadResult, sha256: String, kind: IngestKind) throws {
        result.loadID = try connection.scalar(
            Int64.self,
            """
            insert into ingest.loads (file_name, sha256, kind, status, finished_at, message)
            values ($1, $2, $3, $4, clock_timestamp(), $5) returning load_id
            """,
            [result.fileName, sha256, kind.rawValue, result.status.rawValue, result.message])
    }

    func loadInTransaction(
        path: String, kind: IngestKind, sha256: String, result: inout FileLoadResult,
        progress: (Int64, Int) -> Void
    ) throws {
        let options = IngestOptions(
            inputTimeZone: settings.inputTimezone, reportingTimeZone: settings.reportingTimezone)
        let reader = try IngestFileReader(path: path, kind: kind, options: options)
        try connection.execute("begin")
        do {
            try connection.query("select set_config('TimeZone', $1, true)", [settings.reportingTimezone])
            // Hash aggregates and joins over a whole file's rows: enough memory not to spill; no JIT for one-offs.
            try connection.execute("set local work_mem = '256MB'; set local jit = off")
            let loadID = try connection.scalar(
                Int64.self,
                "insert into ingest.loads (file_name, sha256, kind, status) values ($1, $2, $3, 'loaded') returning load_id",
                [result.fileName, sha256, kind.rawValue])!
            result.loadID = loadID
            let staging = StagingTable(kind: kind)
            try connection.execute(staging.createStatement)
            var batch = CopyBatch()
            var quarantined = 0
            while !reader.isFinished {
                batch.removeAll()
                try reader.readBatch(into: &batch)
                if batch.rowCount > 0 {
                    try connection.copyIn("copy pg_temp.stage (\(staging.columnList)) from stdin") { writer in
                        try writer.write(batch.data)
                    }
                }
                if !batch.rejections.isEmpty {
                    try quarantine(batch.rejections, loadID: loadID, fileName: result.fileName, kind: kind)
                    quarantined += batch.rejections.count
                }
                progress(reader.bytesRead, reader.rowsRead)
            }
            guard reader.sha256Hex == sha256 else {
                throw IngestError.io(fileName: result.fileName, detail: "the file changed while it was read")
            }
            result.ignoredColumns = reader.ignoredColumns
            result.rowsRead = reader.rowsRead
            let outcome = try staging.settle(
                connection: connection, loadID: loadID, fileName: result.fileName,
                maxBadRows: Double(reader.rowsRead) * settings.maxBadRowFraction, alreadyQuarantined: quarantined)
            result.rowsLoaded = outcome.loaded
            result.rowsDuplicate = outcome.duplicates
            result.rowsQuarantined = quarantined + outcome.conflicts
            if Double(result.rowsQuarantined) > Double(result.rowsRead) * settings.maxBadRowFraction {
                // Nothing of the file was stored; its good rows stay counted as rows_loaded so the ledger still
                // balances (read = loaded + duplicates + quarantined), and the status says they were not kept.
                result.status = .rejected
                result.message =
                    "\(result.rowsQuarantined) of \(result.rowsRead) rows quarantined, above max_bad_row_fraction "
                    + "\(settings.maxBadRowFraction): nothing of the file was loaded"
            } else {
                result.status = .loaded
            }
            guard result.balances else {
                throw PostgresError(
                    kind: .client,
                    message: "internal error: rows read \(result.rowsRead) != loaded \(result.rowsLoaded) + "
                        + "duplicates \(result.rowsDuplicate) + quarantined \(result.rowsQuarantined)")
            }
            try connection.execute(
                """
                update ingest.loads set status = $2, rows_read = $3, rows_loaded = $4, rows_duplicate = $5,
                    rows_quarantined = $6, ignored_columns = $7::text[], message = $8, header = $9,
                    finished_at = clock_timestamp()
                where load_id = $1
                """,
                [
                    loadID, result.status.rawValue, result.rowsRead, result.rowsLoaded, result.rowsDuplicate,
                    result.rowsQuarantined, postgresArray(result.ignoredColumns), result.message,
                    reader.columns.isEmpty ? nil : reader.columns.map(csvHeaderCell).joined(separator: ","),
                ])
            try connection.execute(settings.dryRun ? "rollback" : "commit")
        } catch {
            if connection.isOpen { try? connection.execute("rollback") }
            throw error
        }
    }

    func quarantine(_ rejections: [Rejection], loadID: Int64, fileName: String, kind: IngestKind) throws {
        try connection.copyIn(
            "copy ingest.quarantine (load_id, file_name, line_number, kind, reason, field, message, raw) from stdin"
        ) { writer in
            var line: [UInt8] = []
            for rejection in rejections {
                line.removeAll(keepingCapacity: true)
                appendCopyField(&line, String(loadID))
                appendCopyField(&line, fileName)
                appendCopyField(&line, String(rejection.lineNumber))
                appendCopyField(&line, kind.rawValue)
                appendCopyField(&line, rejection.reason.rawValue)
                appendCopyField(&line, rejection.field)
                appendCopyField(&line, rejection.message)
                appendCopyField(&line, rejection.raw, last: true)
                try writer.write(line)
            }
        }
    }
}

/// A CSV header cell, quoted when it needs to be.
func csvHeaderCell(_ name: String) -> String {
    name.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
        ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
}

/// A PostgreSQL array literal of text values.
func postgresArray(_ values: [String]) -> String {
    "{"
        + values.map {
            "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        .joined(separator: ",") + "}"
}

/// Appends one COPY TEXT field (escaped; NULL as `\N`) and a tab, or a newline after the last one.
func appendCopyField(_ line: inout [UInt8], _ value: String?, last: Bool = false) {
    if let value {
        for byte in value.utf8 {
            switch byte {
            case 0x5C: line.append(contentsOf: [0x5C, 0x5C])
            case 0x09: line.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: line.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: line.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00: line.append(contentsOf: Array("\\\\0".utf8))
            default: line.append(byte)
            }
        }
    } else {
        line.append(contentsOf: [0x5C, UInt8(ascii: "N")])
    }
    line.append(last ? 0x0A : 0x09)
}
