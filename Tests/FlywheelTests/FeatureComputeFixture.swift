import FlywheelTestSupport
import Foundation
import Postgres

/// Runs a hand-made compute fixture end to end: migrates a fresh database with the SQL of `sql/` as checked in
/// (MigratorTests guards that the embedded copy matches it), inserts the fixture's events, runs every compute step
/// in one transaction with the given settings (as `flywheel-run compute` does), then runs the fixture's check query.
/// The check returns one `FAIL ...` row per wrong value; a passing fixture returns none.
enum FeatureComputeFixture {
    struct Settings {
        var asOf: String
        var timeZone = "UTC"
        var targetGrossMargin = "0.5"
        var currency = "USD"
    }

    static let sqlRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sql")

    /// The `.sql` files of a folder of `sql/`, in file-name order.
    static func scripts(in folder: String) throws -> [String] {
        let directory = sqlRoot.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    }

    /// The rows of `check` (failure messages) after loading `events` and computing with `settings`.
    static func failures(events: String, settings: Settings, check: String) throws -> [String] {
        let migrations = try scripts(in: "migrations")
        let steps = try scripts(in: "compute")
        return try TestDatabase.withConnection { connection in
            for migration in migrations { try connection.execute(migration) }
            try connection.execute(events)
            try connection.transaction {
                try connection.query(
                    """
                    select set_config('TimeZone', $1, true), set_config('flywheel.as_of', $2, true),
                           set_config('flywheel.reporting_currency', $3, true),
                           set_config('flywheel.target_gross_margin', $4, true)
                    """,
                    [settings.timeZone, settings.asOf, settings.currency, settings.targetGrossMargin])
                for step in steps { try connection.execute(step) }
            }
            try connection.query("select set_config('TimeZone', $1, false)", [settings.timeZone])
            return try connection.query(check).map { $0[0] ?? "FAIL (NULL message)" }
        }
    }
}
