import FlywheelTestSupport
import Foundation
import Postgres
import Testing

/// Read-only looks into a test database from the outside, while or after `flywheel-run` works on it.
struct DatabaseProbe {
    let conninfo: String
    let connection: Connection
    let admin: Connection
    let databaseName: String
    /// Two sessions of the test that hold table locks to stop the run at a chosen statement.
    let lockers: [Connection]
    /// The test's own sessions on the database (they connect as `flywheel-run` too, through the same library).
    let ownPIDs: Set<Int>

    init(_ conninfo: String) throws {
        self.conninfo = conninfo
        connection = try Connection(conninfo: conninfo)
        admin = try Connection(conninfo: try #require(TestDatabase.adminConninfo))
        databaseName = try #require(try connection.scalar(String.self, "select current_database()"))
        lockers = [try Connection(conninfo: conninfo), try Connection(conninfo: conninfo)]
        ownPIDs = Set(([connection] + lockers).map { Int($0.backendPID) })
    }

    /// Takes `mode` on `table` in a transaction of locker `index` (waiting, at most a minute, for it to be granted).
    func hold(_ table: String, mode: String = "access exclusive", locker index: Int = 0) throws {
        try lockers[index].execute("begin; set local lock_timeout = '60s'; lock table \(table) in \(mode) mode")
    }

    /// Ends the transactions of the lockers (releasing what they hold).
    func releaseLocks() {
        for locker in lockers { try? locker.execute("rollback") }
    }

    func release(locker index: Int) throws {
        try lockers[index].execute("rollback")
    }

    /// A `flywheel-run` session of the database (not the test's own) as `pg_stat_activity` shows it.
    struct Session {
        var pid: Int
        var state: String
        var query: String
        var waitingForLock: Bool
    }

    func sessions() throws -> [Session] {
        try admin.query(
            """
            select pid, state, query, coalesce(wait_event_type = 'Lock', false) as waiting from pg_stat_activity
            where datname = $1 and application_name = 'flywheel-run' and backend_type = 'client backend'
            """, [databaseName]
        ).compactMap { row in
            Session(
                pid: try row.require(Int.self, "pid"), state: row["state"] ?? "", query: row["query"] ?? "",
                waitingForLock: try row.require(Bool.self, "waiting"))
        }.filter { !ownPIDs.contains($0.pid) }
    }

    /// True when the run waits for a lock in a statement that `matches`.
    func runIsBlocked(in matches: (String) -> Bool) throws -> Bool {
        try sessions().contains { $0.waitingForLock && matches($0.query) }
    }

    func count(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws -> Int {
        try connection.scalar(Int.self, sql, parameters) ?? -1
    }

    func exists(_ relation: String) throws -> Bool {
        try connection.scalar(Bool.self, "select to_regclass($1) is not null", [relation]) ?? false
    }

    /// The ledger as `file status read/loaded/duplicate/quarantined` lines in file-name order.
    func ledger() throws -> [String] {
        guard try exists("ingest.loads") else { return [] }
        return try connection.query(
            """
            select file_name, status, rows_read, rows_loaded, rows_duplicate, rows_quarantined
            from ingest.loads order by file_name, load_id
            """
        ).map {
            "\($0["file_name"] ?? "") \($0["status"] ?? "") \($0["rows_read"] ?? "")/\($0["rows_loaded"] ?? "")/"
                + "\($0["rows_duplicate"] ?? "")/\($0["rows_quarantined"] ?? "")"
        }
    }

    /// Row count and an MD5 over the ordered rows of `table`, without the columns that say where or when a row was
    /// written (load ids, line numbers, timestamps of the load or the compute).
    func fingerprint(_ table: String) throws -> String {
        let row = try connection.query(
            """
            select count(*) as n, md5(coalesce(string_agg(x, E'\\n' order by x), '')) as sum
            from (select (to_jsonb(t) - 'load_id' - 'line_number' - 'computed_at' - 'started_at' - 'finished_at')::text
                         as x
                  from \(table) t) s
            """)[0]
        return "\(table): \(row["n"] ?? "?") rows, md5 \(row["sum"] ?? "?")"
    }

    /// Fingerprints of every stored event and catalog table and of every table of the flywheel schema.
    func contentFingerprints() throws -> [String] {
        let tables = try connection.query(
            """
            select table_schema || '.' || table_name as name from information_schema.tables
            where table_schema in ('events', 'catalog', 'flywheel') and table_type = 'BASE TABLE'
            order by 1
            """
        ).compactMap { $0["name"] }
        return try tables.map { try fingerprint($0) }
    }

    /// The statements `flywheel-run` sessions on this database are running right now.
    func activeQueries() throws -> [String] {
        try sessions().filter { $0.state == "active" }.map(\.query)
    }

    func flywheelBackends() throws -> [Int] {
        try sessions().map(\.pid)
    }

    /// `pg_terminate_backend` on every `flywheel-run` session of this database (this probe's own excepted).
    func terminateFlywheelBackends() throws -> Int {
        try flywheelBackends().filter {
            try admin.scalar(Bool.self, "select pg_terminate_backend($1)", [$0]) ?? false
        }.count
    }

    /// Waits until the server has noticed that killed clients are gone (their locks are then released too).
    func waitForNoFlywheelSessions(timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !flywheelBackends().isEmpty {
            try #require(Date() < deadline, "flywheel-run sessions still open on \(databaseName) after \(timeout) s")
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Polls `condition` every few milliseconds until it holds (true) or `process` ends or `timeout` passes (false).
    static func poll(
        _ process: ToolProcess, timeout: Double = 60, every interval: Double = 0.005, _ condition: () throws -> Bool
    ) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, process.isRunning {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return false
    }
}
