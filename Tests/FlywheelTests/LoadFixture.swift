import Flywheel
import FlywheelTestSupport
import Foundation
import Ingest
import Postgres

/// A migrated throwaway database and a temp folder of input files, for loader tests.
struct LoadFixture {
    let connection: Connection
    let folder: URL
    /// The throwaway database's connection string (for a second session).
    let conninfo: String

    static func with(_ body: (LoadFixture) throws -> Void) throws {
        try TestDatabase.withDatabase { conninfo in
            let connection = try Connection(conninfo: conninfo)
            try Migrator().migrate(connection)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fw-load-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try body(LoadFixture(connection: connection, folder: folder, conninfo: conninfo))
        }
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func load(
        _ name: String, _ text: String, reportingTimezone: String = "UTC", inputTimezone: String? = nil,
        maxBadRowFraction: Double = 0.05, dryRun: Bool = false, maxDigestRecheckRows: Int = 2_000_000,
        minRowsForKeyRebuild: Int = 100_000
    ) throws -> FileLoadResult {
        try load(
            path: try write(name, text), reportingTimezone: reportingTimezone, inputTimezone: inputTimezone,
            maxBadRowFraction: maxBadRowFraction, dryRun: dryRun, maxDigestRecheckRows: maxDigestRecheckRows,
            minRowsForKeyRebuild: minRowsForKeyRebuild)
    }

    func load(
        path: String, reportingTimezone: String = "UTC", inputTimezone: String? = nil,
        maxBadRowFraction: Double = 0.05, dryRun: Bool = false, maxDigestRecheckRows: Int = 2_000_000,
        minRowsForKeyRebuild: Int = 100_000
    ) throws -> FileLoadResult {
        var settings = FileLoader.Settings(
            reportingTimezone: reportingTimezone, inputTimezone: inputTimezone,
            maxBadRowFraction: maxBadRowFraction, dryRun: dryRun)
        settings.maxDigestRecheckRows = maxDigestRecheckRows
        settings.minRowsForKeyRebuild = minRowsForKeyRebuild
        return try FileLoader(connection: connection, settings: settings).load(path: path)
    }

    func count(_ table: String) throws -> Int {
        try connection.scalar(Int.self, "select count(*) from \(table)") ?? -1
    }

    func quarantine() throws -> [(line: Int, reason: String, field: String?, message: String)] {
        try connection.query("select line_number, reason, field, message from ingest.quarantine order by quarantine_id")
            .map { (try $0.require(Int.self, "line_number"), $0["reason"]!, $0["field"], $0["message"]!) }
    }

    /// Every ledger row balances: read = loaded + duplicate + quarantined.
    func ledgerBalances() throws -> Bool {
        try connection.scalar(
            Int.self,
            "select count(*) from ingest.loads where rows_read <> rows_loaded + rows_duplicate + rows_quarantined") == 0
    }
}

let usageHeader =
    "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cached_input_tokens,cost,cost_currency\n"
