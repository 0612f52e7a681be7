import FlywheelTestSupport
import Foundation
import Postgres
import Testing

extension FlywheelRunTests {
    /// The embedded cluster from an empty data folder: `db start`, `migrate` on it, `db stop`.
    @Suite("flywheel-run db")
    struct EmbeddedClusterTests {
        @Test func startMigrateStopFromAnEmptyDataDir() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let options = ["--data-dir", workspace.dataDir.path]
            let cluster = workspace.dataDir.appendingPathComponent("postgres")
            // Whatever happens below, the server is not left running.
            defer { _ = try? workspace.run(["db", "stop"] + options, timeout: 60) }

            let start = try workspace.run(["db", "start"] + options, timeout: 180)
            #expect(start.status == 0, "\(start)")
            #expect(start.stdout.contains("embedded PostgreSQL running: host=\(cluster.path)"), "\(start)")
            let status = try workspace.run(["db", "status"] + options, timeout: 30)
            #expect(status.status == 0 && status.stdout.hasPrefix("running: "), "\(status)")

            let migrate = try workspace.run(["migrate"] + options, timeout: 120)
            #expect(migrate.status == 0, "\(migrate)")
            #expect(migrate.stdout.hasPrefix("applied "), "\(migrate)")
            // A command that used the cluster started by `db start` leaves it running.
            let connection = try Connection(conninfo: "host=\(cluster.path) port=5432 user=flywheel dbname=flywheel")
            #expect(try connection.scalar(Int.self, "select count(*) from ingest.schema_migrations") ?? 0 >= 1)
            let again = try workspace.run(["migrate"] + options, timeout: 120)
            #expect(again.status == 0 && again.stdout.contains("schema up to date"), "\(again)")

            let stop = try workspace.run(["db", "stop"] + options, timeout: 60)
            #expect(stop.status == 0 && stop.stdout.contains("embedded PostgreSQL stopped"), "\(stop)")
            let stopped = try workspace.run(["db", "status"] + options, timeout: 30)
            #expect(stopped.status == 0 && stopped.stdout.hasPrefix("stopped"), "\(stopped)")
            #expect(throws: PostgresError.self) {
                try Connection(
                    conninfo: "host=\(cluster.path) port=5432 user=flywheel dbname=flywheel connect_timeout=2")
            }
        }

        /// `db` manages only the embedded cluster: with a database configured it is a usage error.
        @Test func dbWithAConfiguredDatabaseExits2() throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let result = try workspace.run(
                ["db", "start", "--database-url", "host=/nonexistent dbname=x"], timeout: 30)
            #expect(result.status == 2, "\(result)")
            #expect(!FileManager.default.fileExists(atPath: workspace.dataDir.path))
        }
    }
}
