import FlywheelTestSupport
import Foundation
import Postgres

/// Runs one of the hand-made core compute fixtures of `Tests/Fixtures/core-compute` end to end: migrates a fresh
/// database with the SQL of `sql/` as checked in, loads `<name>.data.sql`, runs every compute step in one transaction
/// with the settings named on the data file's first line (as `flywheel-run compute` does), optionally loads
/// `<name>.data2.sql` and computes again, then runs `<name>.check.sql`, which returns one `FAIL ...` row per wrong
/// value (the expected values and their arithmetic are in the check file; `_compare.sql` holds the comparison).
enum CoreComputeFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Settings {
        var timeZone = "UTC"
        var asOf = ""
        var currency = "USD"

        /// Reads `-- settings: tz=ZONE as_of='TIMESTAMPTZ' currency=CUR` (as_of may be empty: the latest event).
        init(line: String) {
            for field in ["tz=", "currency="] {
                guard let range = line.range(of: field) else { continue }
                let value = line[range.upperBound...].prefix { !$0.isWhitespace }
                if field == "tz=" { timeZone = String(value) } else { currency = String(value) }
            }
            if let start = line.range(of: "as_of='") {
                asOf = String(line[start.upperBound...].prefix { $0 != "'" })
            }
        }
    }

    /// The `.sql` files of a folder of `sql/`, in file-name order.
    static func scripts(in folder: String) throws -> [String] {
        let directory = root.appendingPathComponent("sql").appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    }

    static func fixtureFile(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures/core-compute").appendingPathComponent(name)
    }

    /// The failure messages of fixture `name` (empty when every expected value matches).
    static func failures(_ name: String) throws -> [String] {
        let data = try String(contentsOf: fixtureFile("\(name).data.sql"), encoding: .utf8)
        // A check file lists the expected values; the shared comparison completes its query.
        let check =
            try String(contentsOf: fixtureFile("\(name).check.sql"), encoding: .utf8)
            + String(contentsOf: fixtureFile("_compare.sql"), encoding: .utf8)
        let secondURL = fixtureFile("\(name).data2.sql")
        let second =
            FileManager.default.fileExists(atPath: secondURL.path)
            ? try String(contentsOf: secondURL, encoding: .utf8) : nil
        let settings = Settings(line: String(data.prefix { $0 != "\n" }))
        let migrations = try scripts(in: "migrations")
        let steps = try scripts(in: "compute")
        return try TestDatabase.withConnection { connection in
            for migration in migrations { try connection.execute(migration) }
            func compute() throws {
                try connection.transaction {
                    try connection.query(
                        """
                        select set_config('TimeZone', $1, true), set_config('flywheel.as_of', $2, true),
                               set_config('flywheel.reporting_currency', $3, true),
                               set_config('flywheel.target_gross_margin', '0.5', true)
                        """,
                        [settings.timeZone, settings.asOf, settings.currency])
                    for step in steps { try connection.execute(step) }
                }
            }
            try connection.execute(data)
            try compute()
            if let second {
                try connection.execute(second)
                try compute()
            }
            return try connection.query(check).map { $0[0] ?? "FAIL (NULL message)" }
        }
    }
}
