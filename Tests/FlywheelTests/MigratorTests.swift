import FlywheelTestSupport
import Foundation
import Postgres
import Testing

@testable import Flywheel

@Suite("Migrations against the live server", .enabled(if: TestDatabase.isAvailable))
struct MigratorTests {
    @Test func migrateTwiceIsANoOp() throws {
        try TestDatabase.withConnection { connection in
            let first = try Migrator().migrate(connection)
            #expect(first == SQLCatalog.migrations.map(\.name))
            let objects =
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname in ('ingest', 'events', 'catalog', 'flywheel', 'work')"
            let before = try connection.scalar(Int.self, objects)
            let second = try Migrator().migrate(connection)
            #expect(second.isEmpty)
            #expect(try connection.scalar(Int.self, objects) == before)
            #expect(try connection.scalar(Int.self, "select count(*) from ingest.schema_migrations") == first.count)
        }
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        try TestDatabase.withConnection { connection in
            try Migrator().migrate(connection)
            var tampered = SQLCatalog.migrations
            tampered[0].contents += "\n-- edited after release\n"
            let error = try #require(throws: Migrator.ChangedMigration.self) {
                try Migrator(migrations: tampered).migrate(connection)
            }
            #expect(error.name == tampered[0].name)
            #expect(error.description.contains("changed after it was applied"))
        }
    }

    @Test func analystRoleReadsFlywheelButNotIngestAndWritesNothing() throws {
        try TestDatabase.withDatabase { conninfo in
            let connection = try Connection(conninfo: conninfo)
            try Migrator().migrate(connection)
            let role = "analyst_" + UUID().uuidString.prefix(8).lowercased()
            try connection.execute("create role \(role) login in role flywheel_analyst")
            defer {
                try? connection.execute("drop owned by \(role)")
                try? connection.execute("drop role \(role)")
            }
            let analyst = try Connection(conninfo: conninfo + " user=\(role)")
            #expect(try analyst.scalar(Int.self, "select count(*) from flywheel.monthly_kpis") == 0)
            #expect(try analyst.scalar(Int.self, "select count(*) from events.usage") == 0)
            #expect(try analyst.scalar(Int.self, "select count(*) from catalog.fx_rates") == 0)
            let readIngest = try #require(throws: PostgresError.self) {
                try analyst.query("select * from ingest.quarantine")
            }
            #expect(readIngest.sqlState == "42501")
            let write = try #require(throws: PostgresError.self) {
                try analyst.execute(
                    "insert into catalog.features (feature, load_id) values ($1, 0)", ["x"])
            }
            #expect(write.sqlState == "42501")
            let truncate = try #require(throws: PostgresError.self) {
                try analyst.execute("truncate flywheel.monthly_kpis")
            }
            #expect(truncate.sqlState == "42501")
        }
    }

    @Test func embeddedSQLMatchesTheSQLFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for file in EmbeddedSQL.files {
            let onDisk = try String(contentsOf: root.appendingPathComponent("sql/" + file.path), encoding: .utf8)
            #expect(
                onDisk == file.contents, "\(file.path) differs from the embedded copy (the EmbedSQLPlugin build step)")
        }
        let folders = ["migrations", "views", "compute"]
        let diskCount = folders.reduce(0) { count, folder in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("sql/" + folder).path))
                ?? []
            return count + names.filter { $0.hasSuffix(".sql") }.count
        }
        #expect(diskCount == EmbeddedSQL.files.count, "sql/ has files the binary lacks (the EmbedSQLPlugin build step)")
    }
}
