import ArgumentParser
import Flywheel
import Postgres

struct GrantAnalystCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-analyst",
        abstract: "Give an existing login role read access to the flywheel, events and catalog schemas.",
        discussion: "Grants the flywheel_analyst role (read-only; no access to ingest, which keeps raw lines).")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "An existing PostgreSQL role.") var role: String

    func run() throws {
        try CommandRunner.run {
            let session = try DatabaseSession.open(try options.settings())
            defer { session.close() }
            try Migrator().migrate(session.connection)
            // The name is checked against pg_roles (an allowlist) and quoted with PQescapeIdentifier.
            guard
                try session.connection.scalar(
                    Bool.self, "select exists (select 1 from pg_roles where rolname = $1)", [role]) == true
            else {
                throw CommandFailure(.usage, "no role named \(role): create it first (create role … login)")
            }
            let quoted = try session.connection.quoteIdentifier(role)
            try session.connection.execute("grant flywheel_analyst to \(quoted)")
            print("granted flywheel_analyst to \(role)")
            return .success
        }
    }
}
