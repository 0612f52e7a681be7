import Foundation
import Postgres

/// What `flywheel-run status` shows: recent runs, recent files, quarantine by reason, freshness per kind,
/// restated months and whether a run is in progress.
public struct StatusReport: Codable, Sendable {
    public struct Run: Codable, Sendable {
        public var command: String
        public var startedAt: String
        public var seconds: Double?
        public var exitCode: Int?
        public var summary: String?
    }

    public struct File: Codable, Sendable {
        public var fileName: String
        public var kind: String
        public var status: String
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsDuplicate: Int
        public var rowsQuarantined: Int
        public var finishedAt: String?
    }

    public var runInProgress: Bool
    public var runs: [Run]
    public var files: [File]
    public var filesToday: Int
    public var quarantineByReason: [String: Int]
    /// Newest event time per kind (usage, feedback, payments, users).
    public var freshness: [String: String]
    public var restatedMonths: String?

    public static func read(_ connection: Connection) throws -> StatusReport {
        let inProgress = try !connection.tryAdvisoryLock(RunLock.key)
        if !inProgress { RunLock.release(connection) }
        let ts = "to_char(%@ at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        func utc(_ column: String) -> String { ts.replacingOccurrences(of: "%@", with: column) }
        let runs = try connection.query(
            """
            select command, \(utc("started_at")) as started_at,
                   extract(epoch from finished_at - started_at)::float8 as seconds, exit_code, summary
            from ingest.runs order by run_id desc limit 10
            """
        ).map {
            Run(
                command: $0["command"] ?? "", startedAt: $0["started_at"] ?? "",
                seconds: try $0.decode(Double.self, "seconds"), exitCode: try $0.decode(Int.self, "exit_code"),
                summary: $0["summary"])
        }
        let files = try connection.query(
            """
            select file_name, kind, status, rows_read, rows_loaded, rows_duplicate, rows_quarantined,
                   \(utc("finished_at")) as finished_at
            from ingest.loads order by load_id desc limit 20
            """
        ).map {
            File(
                fileName: $0["file_name"] ?? "", kind: $0["kind"] ?? "", status: $0["status"] ?? "",
                rowsRead: try $0.require(Int.self, "rows_read"), rowsLoaded: try $0.require(Int.self, "rows_loaded"),
                rowsDuplicate: try $0.require(Int.self, "rows_duplicate"),
                rowsQuarantined: try $0.require(Int.self, "rows_quarantined"), finishedAt: $0["finished_at"])
        }
        let today =
            try connection.scalar(
                Int.self, "select count(*) from ingest.loads where started_at >= date_trunc('day', now())") ?? 0
        var byReason: [String: Int] = [:]
        for row in try connection.query("select reason, count(*) as n from ingest.quarantine group by reason") {
            byReason[row["reason"] ?? ""] = try row.require(Int.self, "n")
        }
        var freshness: [String: String] = [:]
        for (kind, sql) in [
            ("usage", "select \(utc("max(occurred_at)")) from events.usage"),
            ("feedback", "select \(utc("max(occurred_at)")) from events.feedback"),
            ("payments", "select \(utc("max(occurred_at)")) from events.payments"),
            ("users", "select \(utc("max(signed_up_at)")) from events.users"),
        ] {
            if let value = try connection.scalar(String.self, sql) { freshness[kind] = value }
        }
        let restated = try connection.scalar(
            String.self, "select detail from flywheel.data_quality where check_name = 'restated_months' limit 1")
        return StatusReport(
            runInProgress: inProgress, runs: runs, files: files, filesToday: today, quarantineByReason: byReason,
            freshness: freshness, restatedMonths: restated)
    }

    /// Plain text for a terminal or a cron mail.
    public var text: String {
        var lines: [String] = []
        lines.append(runInProgress ? "a run is in progress" : "no run in progress")
        lines.append("")
        lines.append("recent runs:")
        if runs.isEmpty { lines.append("  none yet") }
        for run in runs {
            let outcome = run.exitCode.map { "exit \($0)" } ?? "interrupted or running"
            let duration = run.seconds.map { String(format: "%.1f s", $0) } ?? "-"
            lines.append("  \(run.startedAt)  \(run.command)  \(duration)  \(outcome)  \(run.summary ?? "")")
        }
        lines.append("")
        lines.append("files loaded today: \(filesToday); latest:")
        if files.isEmpty { lines.append("  none yet") }
        for file in files.prefix(10) {
            lines.append(
                "  \(file.finishedAt ?? "-")  \(file.fileName)  \(file.kind)  \(file.status)  read \(file.rowsRead), "
                    + "loaded \(file.rowsLoaded), duplicate \(file.rowsDuplicate), quarantined \(file.rowsQuarantined)")
        }
        lines.append("")
        lines.append("quarantined rows by reason:")
        if quarantineByReason.isEmpty { lines.append("  none") }
        for (reason, count) in quarantineByReason.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(reason): \(count)")
        }
        lines.append("")
        lines.append("data freshness (newest event):")
        if freshness.isEmpty { lines.append("  no events yet") }
        for (kind, time) in freshness.sorted(by: { $0.key < $1.key }) { lines.append("  \(kind): \(time)") }
        lines.append("")
        lines.append("restated months: \(restatedMonths ?? "none")")
        return lines.joined(separator: "\n")
    }
}
