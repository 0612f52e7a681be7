import Postgres

/// A row of `ingest.runs`: written when a data-changing command starts and completed when it ends (a run killed
/// on the way keeps `finished_at` NULL, which `status` shows as interrupted).
public struct RunRecord {
    public let runID: Int64
    let connection: Connection

    public static func start(_ connection: Connection, command: String) throws -> RunRecord {
        let id = try connection.scalar(
            Int64.self, "insert into ingest.runs (command) values ($1) returning run_id", [command])!
        return RunRecord(runID: id, connection: connection)
    }

    public func finish(exitCode: Int32, summary: String) {
        _ = try? connection.execute(
            "update ingest.runs set finished_at = clock_timestamp(), exit_code = $2, summary = $3 where run_id = $1",
            [runID, Int(exitCode), summary])
    }
}
