import Foundation
import Logging
import Postgres

/// Loads files into PostgreSQL exactly once, each in one transaction together with its `ingest.loads` row.
///
/// Usage and feedback files of new data take the *direct path*: valid rows are COPYed (text format) straight into
/// the event table, whose primary key proves no key is stored twice; a row whose key the file already showed (a
/// bounded in-memory set of key hashes tells) is set aside in a temporary staging table. Other files, and files
/// whose first keys are already stored, take the *staged path*: every valid row goes to the staging table. Either
/// way rejections go to `ingest.quarantine` between COPYs so memory stays bounded. Then, set-based over the staged
/// rows: rows whose key repeats within the file or is already stored are duplicates (same content) or
/// `conflicting_duplicate` (other content); reference kinds are upserted (the later row wins). A stored key met
/// during the direct path (a unique violation) rolls it back to a savepoint and the file is staged from the start. When more than `maxBadRowFraction` of the rows are
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
        /// Rows of a re-sent file that the digest path reads again at most (their line numbers are held in memory,
        /// 8 bytes each); above it the whole file is staged instead.
        public var maxDigestRecheckRows = 2_000_000
        /// A usage or feedback file of at least this many rows (estimated from its size), going into a table that
        /// holds no more rows than the file, is loaded with the table's key index built after the COPY instead of
        /// maintained per row (`FileLoader+KeyRebuild`); 0 turns that off.
        public var minRowsForKeyRebuild = 100_000
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
    /// COPY data per batch: small enough for the reading thread and the server to keep each other busy.
    static let batchBytes = 1 << 20

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
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64
        // The file is hashed before it is read only when an earlier file of the same size could hold the same bytes
        // (or a ledger row predates sizes): otherwise no stored file can be it, and the SHA-256 computed while
        // loading is what the ledger records. Saves one pass over every new file.
        let mayBeKnown =
            try fileBytes == nil
            || connection.scalar(
                Bool.self,
                """
                select exists (
                    select 1 from ingest.loads
                    where (file_bytes = $1 or file_bytes is null)
                      and (status = 'loaded' or (status = 'rejected' and $2::boolean)))
                """, [fileBytes, settings.skipPreviouslyRejected]) != false
        var sha256: String? = nil
        if mayBeKnown {
            let known: String
            do {
                known = try FileDigest.sha256Hex(path: path)
            } catch {
                result.message = error.description
                try recordOutcome(&result, sha256: "", fileBytes: fileBytes, kind: kind)
                return result
            }
            sha256 = known
            result.sha256 = known
            if let previous = try connection.query(
                """
                select file_name, status from ingest.loads
                where sha256 = $1 and (status = 'loaded' or (status = 'rejected' and $2::boolean))
                order by status = 'loaded' desc, load_id limit 1
                """,
                [known, settings.skipPreviouslyRejected]
            ).first {
                result.status = .skipped
                result.message =
                    previous["status"] == "loaded"
                    ? "same bytes already loaded from \(previous["file_name"] ?? "?")"
                    : "same bytes already rejected as \(previous["file_name"] ?? "?")"
                if !settings.dryRun && settings.recordSkipped {
                    try recordOutcome(&result, sha256: known, fileBytes: fileBytes, kind: kind)
                }
                return result
            }
        }
        // A file rejected or failed midway was not hashed whole while read: hash it now, so the ledger names it.
        func wholeFileHash() -> String { sha256 ?? (try? FileDigest.sha256Hex(path: path)) ?? "" }
        do {
            try loadInTransaction(
                path: path, kind: kind, sha256: sha256, fileBytes: fileBytes, result: &result, progress: progress)
        } catch let error as IngestError {
            // The file cannot be read as a whole (missing column, corrupt gzip…): rejected, nothing of it kept.
            result = FileLoadResult(fileName: fileName, kind: kind, status: .rejected)
            result.sha256 = wholeFileHash()
            result.message = error.description
            if !settings.dryRun {
                try recordOutcome(&result, sha256: result.sha256 ?? "", fileBytes: fileBytes, kind: kind)
            }
        } catch let error as PostgresError where !error.isConnectionLoss {
            result = FileLoadResult(fileName: fileName, kind: kind, status: .failed)
            result.sha256 = wholeFileHash()
            result.message = "database error: \(error)"
            if !settings.dryRun {
                try recordOutcome(&result, sha256: result.sha256 ?? "", fileBytes: fileBytes, kind: kind)
            }
        }
        return result
    }

    /// Records a ledger row for a file that was skipped, rejected as a whole, or failed.
    func recordOutcome(_ result: inout FileLoadResult, sha256: String, fileBytes: Int64?, kind: IngestKind) throws {
        result.loadID = try connection.scalar(
            Int64.self,
            """
            insert into ingest.loads (file_name, sha256, kind, status, finished_at, message, file_bytes)
            values ($1, $2, $3, $4, clock_timestamp(), $5, $6) returning load_id
            """,
            [result.fileName, sha256, kind.rawValue, result.status.rawValue, result.message, fileBytes])
    }

    func loadInTransaction(
        path: String, kind: IngestKind, sha256: String?, fileBytes: Int64?, result: inout FileLoadResult,
        progress: (Int64, Int) -> Void
    ) throws {
        let options = IngestOptions(
            inputTimeZone: settings.inputTimezone, reportingTimeZone: settings.reportingTimezone)
        var reader = try IngestFileReader(path: path, kind: kind, options: options)
        try connection.execute("begin")
        do {
            // flywheel.loader: these writes are the loader's, which the next compute reads incrementally (migration
            // 0020: a write to an event or catalog table by anything else makes it a full one).
            try connection.query(
                "select set_config('TimeZone', $1, true), set_config('flywheel.loader', 'on', true)",
                [settings.reportingTimezone])
            // Hash aggregates and joins over a whole file's rows: enough memory not to spill; no JIT for one-offs.
            try connection.execute("set local work_mem = '256MB'; set local jit = off")
            let loadID = try connection.scalar(
                Int64.self,
                """
                insert into ingest.loads (file_name, sha256, kind, status, file_bytes)
                values ($1, $2, $3, 'loaded', $4) returning load_id
                """,
                [result.fileName, sha256 ?? "", kind.rawValue, fileBytes])!
            result.loadID = loadID
            let staging = StagingTable(kind: kind)
            try connection.execute(staging.createStatement)
            var first = CopyBatch()
            try reader.readBatch(into: &first, targetBytes: Self.batchBytes)
            // After a path gave up (rolled back to its savepoint): read the file again from the start.
            func restart() throws {
                reader = try IngestFileReader(path: path, kind: kind, options: options)
                first.removeAll()
                try reader.readBatch(into: &first, targetBytes: Self.batchBytes)
            }
            var streamed: StreamedRows? = nil
            result.path = try route(staging: staging, firstBatch: first)
            if result.path == .direct {
                try connection.execute("savepoint direct_load")
                do {
                    streamed = try streamDirect(
                        reader: reader, firstBatch: first, staging: staging, loadID: loadID, fileName: result.fileName,
                        progress: progress)
                    try connection.execute("release savepoint direct_load")
                } catch let error as PostgresError where error.sqlState == "23505" {
                    // A key of the file is already stored (the probe only samples): start over through staging.
                    logger.debug("\(result.fileName): a stored key met during the direct load; staging instead")
                    try connection.execute("rollback to savepoint direct_load")
                    result.path = .stagedAfterDirect
                    try restart()
                }
            }
            var plainDuplicates = 0
            if result.path == .digests {
                // The first keys are stored: most likely a re-sent file. Compare digests first.
                try connection.execute("savepoint digest_check")
                if let checked = try checkDigests(
                    reader: reader, firstBatch: first, staging: staging, loadID: loadID, fileName: result.fileName,
                    path: path, options: options, progress: progress)
                {
                    streamed = checked.rows
                    plainDuplicates = checked.duplicates
                    try connection.execute("release savepoint digest_check")
                } else {
                    try connection.execute("rollback to savepoint digest_check")
                    result.path = .staged
                    try restart()
                }
            }
            let rows =
                try streamed
                ?? streamStaged(
                    reader: reader, firstBatch: first, staging: staging, loadID: loadID, fileName: result.fileName,
                    progress: progress)
            guard let readHash = reader.sha256Hex, sha256 == nil || readHash == sha256 else {
                throw IngestError.io(fileName: result.fileName, detail: "the file changed while it was read")
            }
            result.sha256 = readHash
            result.ignoredColumns = reader.ignoredColumns
            result.rowsRead = reader.rowsRead
            let maxBadRows = Double(reader.rowsRead) * settings.maxBadRowFraction
            var outcome = StagingTable.Outcome()
            if rows.staged > 0 {
                outcome = try staging.settle(
                    connection: connection, loadID: loadID, fileName: result.fileName, stagedRows: rows.staged,
                    maxBadRows: maxBadRows, alreadyQuarantined: rows.quarantined,
                    repeatCandidates: rows.repeatCandidates)
            }
            result.keyRebuilt = rows.keyRebuilt
            result.rowsLoaded = rows.direct + outcome.loaded
            result.rowsDuplicate = plainDuplicates + outcome.duplicates
            result.rowsQuarantined = rows.quarantined + outcome.conflicts
            if Double(result.rowsQuarantined) > maxBadRows {
                if rows.direct > 0, let target = staging.eventTarget {
                    try connection.execute("delete from \(target.table) where load_id = $1", [loadID])
                }
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
                    sha256 = $10, finished_at = clock_timestamp()
                where load_id = $1
                """,
                [
                    loadID, result.status.rawValue, result.rowsRead, result.rowsLoaded, result.rowsDuplicate,
                    result.rowsQuarantined, postgresArray(result.ignoredColumns), result.message,
                    reader.columns.isEmpty ? nil : reader.columns.map(csvHeaderCell).joined(separator: ","),
                    readHash,
                ])
            try connection.execute(settings.dryRun ? "rollback" : "commit")
        } catch {
            if connection.isOpen { try? connection.execute("rollback") }
            throw error
        }
    }

    /// What streaming a file did: rows COPYed straight into the event table, rows staged, rows quarantined.
    struct StreamedRows {
        var direct = 0
        var staged = 0
        var quarantined = 0
        /// The staged rows that may repeat an earlier key of the file (line numbers; empty: none may), or nil
        /// when any of them may.
        var repeatCandidates: [Int64]? = nil
        /// The key index was dropped for the COPY and built again after it (`dropKeyForBulkLoad`).
        var keyRebuilt = false
    }

    /// How a file's rows go in, decided on its first batch. Usage and feedback (keyed, no row rule that needs the
    /// server, a content digest): the digest path when some of the first 1000 keys are already stored (a re-sent
    /// file), else the direct path. Everything else is staged.
    func route(staging: StagingTable, firstBatch: CopyBatch) throws -> FileLoadResult.LoadPath {
        guard staging.hasDigest, let target = staging.eventTarget, firstBatch.rowCount > 0 else { return .staged }
        let keys = DirectCopySplitter.sampleKeys(firstBatch.data, limit: 1000)
        let stored = try connection.scalar(
            Bool.self, "select exists (select 1 from \(target.table) where \(target.key) = any($1::text[]))",
            [postgresArray(keys)])
        if stored != false { return .digests }
        // The direct path relies on a unique index on the key alone to stop a stored key; a table re-keyed by hand
        // (e.g. partitioned by month, docs/scaling.md) has none, and new data is then staged.
        let keyIsUnique = try connection.scalar(
            Bool.self,
            """
            select exists (
                select 1 from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                where i.indrelid = $1::regclass and i.indisunique and i.indnkeyatts = 1 and a.attname = $2)
            """, [target.table, target.key])
        return keyIsUnique == true ? .direct : .staged
    }

    /// Streams the file in COPYs straight into the event table. Rows whose key the file repeats are staged, and
    /// rejections quarantined, between COPYs (a segment ends when they pile up, so memory stays bounded).
    /// A key already stored makes the COPY fail with a unique violation (23505), which the caller handles.
    func streamDirect(
        reader: IngestFileReader, firstBatch: CopyBatch, staging: StagingTable, loadID: Int64, fileName: String,
        progress: (Int64, Int) -> Void
    ) throws -> StreamedRows {
        guard let target = staging.eventTarget else { preconditionFailure("direct load of a reference kind") }
        let estimatedRows = Int(
            Double(firstBatch.rowsRead) * Double(reader.fileBytes) / Double(max(reader.bytesRead, 1)))
        let droppedKey = try dropKeyForBulkLoad(table: target.table, key: target.key, fileRows: estimatedRows)
        let binary = CopyBinaryEncoder(types: staging.columns.map(\.type) + ["bigint"])
        let splitter = makeSplitter(reader, staging, loadID, binary: binary)
        var rows = try stream(
            reader: reader, firstBatch: firstBatch, splitter: splitter, mode: .split,
            copy: "copy \(target.table) (\(staging.columnList), load_id) from stdin"
                + (binary == nil ? "" : " with (format binary)"),
            staging: staging, loadID: loadID, fileName: fileName, progress: progress)
        rows.staged = splitter.setAsideRows
        if let droppedKey {
            try restoreKey(droppedKey)
            rows.keyRebuilt = true
        }
        return rows
    }

    /// The digest path, for a re-sent usage or feedback file: every row's key, line number and digest go to a narrow
    /// temporary table and are matched with the stored rows; a row whose stored twin has the same digest is a
    /// duplicate without further ado. Only the other rows (new keys, other or unknown digests) are then read again
    /// from the file and staged in full, to be settled as on the staged path. Nil when more than
    /// `maxDigestRecheckRows` rows need that (the caller rolls back to its savepoint and stages the whole file instead).
    func checkDigests(
        reader: IngestFileReader, firstBatch: CopyBatch, staging: StagingTable, loadID: Int64, fileName: String,
        path: String, options: IngestOptions, progress: (Int64, Int) -> Void
    ) throws -> (rows: StreamedRows, duplicates: Int)? {
        guard let target = staging.eventTarget else { return nil }
        // An unlogged table of the file's transaction rather than a temporary one: parallel workers can read it, so
        // the match with every stored row (a hash join over both, the bulk of a re-sent file's server time) runs on
        // every core. Created and dropped inside the transaction, so nothing is left behind whatever happens.
        let digests = "ingest.digests_\(loadID)"
        try connection.execute(
            "create unlogged table \(digests) (key text, line_number bigint, content_hash bigint)")
        let splitter = makeSplitter(reader, staging, loadID)
        var rows = try stream(
            reader: reader, firstBatch: firstBatch, splitter: splitter, mode: .narrow,
            copy: "copy \(digests) (key, line_number, content_hash) from stdin", staging: staging,
            loadID: loadID, fileName: fileName, progress: progress)
        try connection.execute(
            """
            analyze \(digests);
            set local max_parallel_workers_per_gather = 2;
            set local parallel_setup_cost = 0;
            set local parallel_tuple_cost = 0
            """)
        let recheck = try connection.execute(
            """
            create temp table stage_recheck on commit drop as
            select d.line_number
            from \(digests) d
            left join \(target.table) e on e."\(target.key)" = d.key
            where e.content_hash is distinct from d.content_hash or d.content_hash is null
            """, [])
        try connection.execute(
            """
            drop table \(digests);
            set local max_parallel_workers_per_gather to default;
            set local parallel_setup_cost to default;
            set local parallel_tuple_cost to default
            """)
        let duplicates = rows.staged - recheck
        rows.repeatCandidates = splitter.mayRepeatKeys ? splitter.repeatCandidates : []
        // The in-file repeats were staged in full on the way; keep those that need the second look.
        let plainRepeats =
            splitter.repeatRows == 0
            ? 0
            : try connection.execute(
                """
                delete from pg_temp.stage s
                where not exists (select 1 from pg_temp.stage_recheck r where r.line_number = s.line_number)
                """, [])
        rows.staged = splitter.repeatRows - plainRepeats
        guard recheck > rows.staged else { return (rows, duplicates) }
        guard recheck <= settings.maxDigestRecheckRows else { return nil }
        // Read the file again and stage the other rows to recheck, in full (rejections were quarantined already).
        let wanted = try connection.query(
            """
            select r.line_number from pg_temp.stage_recheck r
            where not exists (select 1 from pg_temp.stage s where s.line_number = r.line_number)
            order by r.line_number
            """
        ).map { try $0.require(Int64.self, "line_number") }
        let again = try IngestFileReader(path: path, kind: staging.kind, options: options)
        var first = CopyBatch()
        try again.readBatch(into: &first, targetBytes: Self.batchBytes)
        let picker = makeSplitter(again, staging, loadID)
        picker.wanted = wanted
        let picked = try stream(
            reader: again, firstBatch: first, splitter: picker, mode: .pick,
            copy: "copy pg_temp.stage (\(staging.columnList)) from stdin", staging: staging, loadID: loadID,
            fileName: fileName, keepRejections: false, progress: { _, _ in }
        ).staged
        rows.staged += picked
        guard again.sha256Hex == reader.sha256Hex, picked == wanted.count else {
            throw IngestError.io(fileName: fileName, detail: "the file changed while it was read")
        }
        return (rows, duplicates)
    }

    /// Streams the file into the staging table, quarantining rejections between COPYs.
    func streamStaged(
        reader: IngestFileReader, firstBatch: CopyBatch, staging: StagingTable, loadID: Int64, fileName: String,
        progress: (Int64, Int) -> Void
    ) throws -> StreamedRows {
        let splitter = makeSplitter(reader, staging, loadID)
        var rows = try stream(
            reader: reader, firstBatch: firstBatch, splitter: splitter, mode: .stage,
            copy: "copy pg_temp.stage (\(staging.columnList)) from stdin", staging: staging, loadID: loadID,
            fileName: fileName, progress: progress)
        rows.repeatCandidates = splitter.mayRepeatKeys ? splitter.repeatCandidates : []
        return rows
    }

    func makeSplitter(
        _ reader: IngestFileReader, _ staging: StagingTable, _ loadID: Int64, binary: CopyBinaryEncoder? = nil
    ) -> DirectCopySplitter {
        DirectCopySplitter(
            loadID: loadID, withDigest: staging.hasDigest,
            filter: KeyFilter(fileBytes: reader.fileBytes, compressed: reader.format.gzip), binary: binary)
    }

    /// The streaming loop of both paths: one COPY for as many batches as possible while a thread reads ahead;
    /// between COPYs, the set-aside rows go to the staging table and the rejections to the quarantine.
    private func stream(
        reader: IngestFileReader, firstBatch: CopyBatch, splitter: DirectCopySplitter, mode: BatchPrefetcher.Mode,
        copy: String, staging: StagingTable, loadID: Int64, fileName: String, keepRejections: Bool = true,
        progress: (Int64, Int) -> Void
    ) throws -> StreamedRows {
        var rows = StreamedRows()
        var first = BatchPrefetcher.Item(
            batch: firstBatch, bytesRead: reader.bytesRead, rowsRead: reader.rowsRead, isLast: reader.isFinished)
        BatchPrefetcher.route(&first, splitter: splitter, mode: mode)
        let prefetcher =
            first.isLast
            ? nil
            : BatchPrefetcher(
                reader: reader, splitter: splitter, mode: mode, batchBytes: Self.batchBytes)
        defer { prefetcher?.stop() }
        var pending: BatchPrefetcher.Item? = first
        var repeats: [UInt8] = []
        var rejections: [Rejection] = []
        while pending != nil {
            let copied = try connection.copyIn(copy) { writer in
                let binary = splitter.binary != nil && mode == .split
                if binary { try writer.write(CopyBinaryEncoder.header) }
                while let item = pending {
                    try writer.write(item.output)
                    repeats.append(contentsOf: item.repeats)
                    if keepRejections { rejections.append(contentsOf: item.batch.rejections) }
                    progress(item.bytesRead, item.rowsRead)
                    pending = item.isLast ? nil : try prefetcher?.next()
                    if repeats.count > 8 << 20 || rejections.count > 5000 { break }
                }
                if binary { try writer.write(CopyBinaryEncoder.trailer) }
            }
            if mode == .split { rows.direct += copied } else { rows.staged += copied }
            if !repeats.isEmpty {
                try connection.copyIn("copy pg_temp.stage (\(staging.columnList)) from stdin") { writer in
                    try writer.write(repeats)
                }
                repeats.removeAll(keepingCapacity: true)
            }
            if !rejections.isEmpty {
                try quarantine(rejections, loadID: loadID, fileName: fileName, kind: staging.kind)
                rows.quarantined += rejections.count
                rejections.removeAll(keepingCapacity: true)
            }
        }
        return rows
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
