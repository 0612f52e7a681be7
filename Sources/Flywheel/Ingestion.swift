import Foundation
import Ingest
import Logging
import Postgres

/// Loads a list of files one by one (each in its own transaction), reporting progress on a terminal and plain
/// log lines otherwise.
public struct Ingestion {
    let connection: Connection
    let settings: Settings
    let dryRun: Bool
    let recordSkipped: Bool
    let logger: Logger

    /// `recordSkipped`: write a `skipped` ledger row for files whose bytes were already loaded (`ingest` does; the
    /// nightly `run`, which sees the same inbox files every night, passes them over silently).
    public init(
        connection: Connection, settings: Settings, dryRun: Bool = false, recordSkipped: Bool = true,
        logger: Logger = Logger(label: "flywheel.ingest")
    ) {
        self.connection = connection
        self.settings = settings
        self.dryRun = dryRun
        self.recordSkipped = recordSkipped
        self.logger = logger
    }

    /// Loads `files` in order; `shouldStop` is asked before each file (a signal stops between files, never mid-file).
    public func load(
        _ files: [String], kind: IngestKind?, shouldStop: () -> Bool = { false }
    ) throws -> [FileLoadResult] {
        var loaderSettings = FileLoader.Settings(
            reportingTimezone: settings.reportingTimezone, inputTimezone: settings.inputTimezone,
            maxBadRowFraction: settings.maxBadRowFraction, dryRun: dryRun, recordSkipped: recordSkipped)
        loaderSettings.skipPreviouslyRejected = !recordSkipped
        let loader = FileLoader(connection: connection, settings: loaderSettings, logger: logger)
        let terminal = isatty(STDERR_FILENO) == 1
        var results: [FileLoadResult] = []
        for file in files {
            if shouldStop() { break }
            let name = (file as NSString).lastPathComponent
            let started = Date()
            var lastShown = Date.distantPast
            let result = try loader.load(path: file, kind: kind) { bytes, rows in
                guard terminal, Date().timeIntervalSince(lastShown) > 0.2 else { return }
                lastShown = Date()
                let elapsed = max(Date().timeIntervalSince(started), 0.001)
                let line =
                    "\r\(name): \(Formatting.bytes(bytes)) read, \(rows) rows, "
                    + "\(Int(Double(rows) / elapsed)) rows/s   "
                FileHandle.standardError.write(Data(line.utf8))
            }
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            var line =
                "\(name): \(result.status.rawValue), \(result.rowsRead) read, \(result.rowsLoaded) loaded, "
                + "\(result.rowsDuplicate) duplicate, \(result.rowsQuarantined) quarantined"
            if let message = result.message { line += " (\(message))" }
            if !result.ignoredColumns.isEmpty {
                line += "; ignored columns: \(result.ignoredColumns.joined(separator: ", "))"
            }
            switch result.status {
            case .skipped where !recordSkipped: logger.debug("\(line)")
            case .loaded, .skipped: logger.info("\(line)")
            case .rejected, .failed: logger.warning("\(line)")
            }
            results.append(result)
        }
        return results
    }
}

/// Small number formats for logs and summaries.
enum Formatting {
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
