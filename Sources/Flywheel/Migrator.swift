import Logging
import Postgres

/// Applies the embedded migrations in order, records each with its checksum in `ingest.schema_migrations`, refuses
/// a changed applied migration, and re-applies the views. Running it twice changes nothing.
public struct Migrator {
    public struct ChangedMigration: Error, CustomStringConvertible {
        public var name: String
        public var description: String {
            "migration \(name) was changed after it was applied (checksums differ); migrations are immutable: "
                + "restore the original file and put the change in a new migration"
        }
    }

    /// Serialises concurrent migrations (two cron jobs, or a job and an operator).
    static let lockKey: Int64 = 0x666C_7977_6D69_6772

    let logger: Logger
    let migrations: [(name: String, contents: String)]

    public init(
        migrations: [(name: String, contents: String)] = SQLCatalog.migrations,
        logger: Logger = Logger(label: "flywheel.migrate")
    ) {
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is missing; returns the names of the migrations applied now.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        try connection.transaction {
            try connection.query("select pg_advisory_xact_lock($1::bigint)", [Migrator.lockKey])
            try connection.execute(
                """
                create schema if not exists ingest;
                create table if not exists ingest.schema_migrations (
                    name text primary key,
                    checksum text not null,
                    applied_at timestamptz not null default now()
                );
                comment on table ingest.schema_migrations is 'Applied migrations with the SHA-256 of their text.';
                """)
            let applied = try connection.query("select name, checksum from ingest.schema_migrations")
            var checksums: [String: String] = [:]
            for row in applied { checksums[row["name"]!] = row["checksum"]! }
            var appliedNow: [String] = []
            for migration in migrations {
                let checksum = try connection.scalar(
                    String.self, "select encode(sha256(convert_to($1::text, 'UTF8')), 'hex')", [migration.contents])!
                if let recorded = checksums[migration.name] {
                    guard recorded == checksum else { throw ChangedMigration(name: migration.name) }
                    continue
                }
                logger.info("applying migration \(migration.name)")
                try connection.execute(migration.contents)
                try connection.execute(
                    "insert into ingest.schema_migrations (name, checksum) values ($1, $2)",
                    [migration.name, checksum])
                appliedNow.append(migration.name)
            }
            for view in SQLCatalog.views {
                try connection.execute(view.contents)
            }
            return appliedNow
        }
    }
}
