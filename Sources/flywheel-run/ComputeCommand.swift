import ArgumentParser
import Flywheel

struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute", abstract: "Compute the flywheel schema from the stored events.",
        discussion: """
            Replaces every table of the flywheel schema in one transaction. Exit 3 when flywheel.data_quality \
            has warnings (missing prices or FX rates, failed invariant checks, restated months…).
            """)

    @OptionGroup var options: GlobalOptions

    @Option(
        help: "Compute as of this instant (RFC 3339 or YYYY-MM-DD); later rows are ignored. Default: the latest event.")
    var asOf: String?

    @Flag(help: "Rebuild every intermediate from scratch (same results as the incremental compute).")
    var full = false

    func run() throws {
        try CommandRunner.run {
            let settings = try options.settings()
            let session = try DatabaseSession.open(settings)
            defer { session.close() }
            try Migrator().migrate(session.connection)
            return try LockedCommand.withLock(session.connection) {
                let record = try RunRecord.start(session.connection, command: full ? "compute --full" : "compute")
                let outcome: Computation.Outcome
                do {
                    outcome = try Computation(connection: session.connection, settings: settings).run(
                        asOf: asOf, full: full)
                } catch {
                    record.finish(exitCode: ExitStatus.failure.rawValue, summary: "failed: \(error)")
                    throw error
                }
                record.finish(
                    exitCode: (outcome.warnings.isEmpty ? ExitStatus.success : .dataWarnings).rawValue,
                    summary: "as of \(outcome.asOf ?? "-"), \(outcome.warnings.count) data warning(s)")
                for warning in outcome.warnings { print(warning) }
                print(
                    "computed as of \(outcome.asOf ?? "-") in \(String(format: "%.1f", outcome.seconds)) s"
                        + (outcome.warnings.isEmpty ? "" : " with \(outcome.warnings.count) data warning(s)"))
                return outcome.warnings.isEmpty ? .success : .dataWarnings
            }
        }
    }
}
