import ArgumentParser
import Flywheel
import Foundation
import Logging

@main
struct FlywheelRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flywheel-run",
        abstract: "Unit economics and growth-loop metrics for AI products, computed in PostgreSQL.",
        discussion: """
            Loads usage, feedback and payment files into PostgreSQL, computes per-user, per-plan and per-feature \
            unit economics, the paid-acquire -> use -> feedback -> retain loop and cohort retention, and writes a \
            Markdown report. Runs on the database named by --database-url / database_url / DATABASE_URL / PG* \
            variables, or on a private embedded PostgreSQL under <data_dir>/postgres when none is configured.

            Exit codes: 0 success; 1 failure (nothing half-written); 2 usage or configuration error; 3 finished \
            with data warnings; 4 another run holds the lock.
            """,
        version: FlywheelVersion.current,
        subcommands: [
            RunCommand.self, IngestCommand.self, ComputeCommand.self, ReportCommand.self, MigrateCommand.self,
            QuarantineCommand.self, StatusCommand.self,
            DemoCommand.self, GenerateCommand.self, DBCommand.self, GrantAnalystCommand.self,
        ]
    )

    /// ArgumentParser exits 64 on usage errors; the contract says 2.
    static func main() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = LogLevelOption.current
            return handler
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
