import ArgumentParser
import Flywheel
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The cron job: migrate, ingest new inbox files, compute, report.",
        discussion: """
            Holds a PostgreSQL advisory lock for the whole run: a second run started meanwhile exits 4 at once. \
            The last line of output is a one-line summary for the cron mail. SIGINT/SIGTERM stop at the next safe \
            point (between files or steps) with exit 1; what was committed stays, the next run goes on from there.
            """)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        StopSignal.install()
        var summary = "flywheel-run run:"
        do {
            try CommandRunner.run {
                let settings = try options.settings()
                guard let inbox = settings.inbox else {
                    throw CommandFailure(.usage, "no inbox configured (inbox in flywheel.toml or --inbox)")
                }
                let files: [String]
                do {
                    files = try InputFiles.collect([inbox], inside: inbox)
                } catch {
                    throw CommandFailure(.usage, "\(error)")
                }
                let session = try DatabaseSession.open(settings)
                defer { session.close() }
                return try LockedCommand.withLock(session.connection) {
                    try Migrator().migrate(session.connection)
                    let record = try RunRecord.start(session.connection, command: "run")
                    let outcome: Pipeline.Outcome
                    do {
                        outcome = try Pipeline(session: session, settings: settings)
                            .run(files: files, reportsDirectory: settings.reportsDir) { StopSignal.requested }
                    } catch {
                        record.finish(exitCode: ExitStatus.failure.rawValue, summary: "failed: \(error)")
                        throw error
                    }
                    let status: ExitStatus =
                        outcome.hasFailures ? .failure : outcome.hasDataWarnings ? .dataWarnings : .success
                    let loaded = outcome.files.filter { $0.status == .loaded }.count
                    var parts = [
                        "\(loaded) new file(s)", "\(outcome.rowsRead) rows", "\(outcome.rowsQuarantined) quarantined",
                    ]
                    let rejected = outcome.files.filter { $0.status == .rejected || $0.status == .failed }
                    if !rejected.isEmpty {
                        parts.append(
                            "\(rejected.count) rejected/failed (\(rejected.map(\.fileName).joined(separator: ", ")))")
                    }
                    if !outcome.computeWarnings.isEmpty {
                        parts.append("\(outcome.computeWarnings.count) data warning(s)")
                    }
                    parts.append(
                        outcome.reportPath.map { "report \($0)" } ?? "no report (\(outcome.reportNote ?? "stopped"))")
                    let reason: String
                    switch status {
                    case .success: reason = "ok"
                    case .dataWarnings: reason = "finished with data warnings (exit 3)"
                    default: reason = outcome.interrupted ? "stopped by signal (exit 1)" : "failed (exit 1)"
                    }
                    summary = "flywheel-run run: \(reason): " + parts.joined(separator: ", ")
                    for warning in outcome.computeWarnings { print(warning) }
                    record.finish(exitCode: status.rawValue, summary: summary)
                    return status
                }
            }
        } catch let exit as ExitCode {
            if summary == "flywheel-run run:" {
                switch exit.rawValue {
                case ExitStatus.locked.rawValue: summary += " another run holds the lock: nothing was done (exit 4)"
                case ExitStatus.usage.rawValue: summary += " usage or configuration error (exit 2): see the error above"
                default: summary += " failed (exit \(exit.rawValue)): see the error above"
                }
            }
            print(summary)
            throw exit
        }
        print(summary)
    }
}
