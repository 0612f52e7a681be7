import ArgumentParser
import Flywheel
import Foundation
import Ingest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Load usage, feedback, payment and reference files.",
        discussion: """
            Reads CSV and JSON Lines files (optionally .gz) named directly or found in the given folders, in byte \
            order of their names. Each file is loaded in one transaction with its ledger row: files already loaded \
            (same SHA-256) are skipped; bad rows are quarantined (see `flywheel-run quarantine`); a file with more \
            than max_bad_row_fraction bad rows is rejected whole. Exit 3 when anything was quarantined or rejected.
            """)

    @OptionGroup var options: GlobalOptions

    @Option(
        help:
            "Kind of every file (default: from each file name): \(IngestKind.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var kind: String?

    @Flag(help: "Validate and count (duplicates included) without writing anything.")
    var dryRun = false

    @Argument(help: "Files or folders.")
    var paths: [String]

    func run() throws {
        StopSignal.install()
        try CommandRunner.run {
            let settings = try options.settings()
            var explicitKind: IngestKind?
            if let kind {
                guard let parsed = IngestKind(rawValue: kind) else {
                    throw CommandFailure(.usage, "unknown --kind \(kind)")
                }
                explicitKind = parsed
            }
            let files: [String]
            do {
                files = try InputFiles.collect(paths)
                try InputFiles.checkKinds(files, explicit: explicitKind)
            } catch {
                throw CommandFailure(.usage, "\(error)")
            }
            let session = try DatabaseSession.open(settings)
            defer { session.close() }
            try Migrator().migrate(session.connection)
            return try LockedCommand.withLock(session.connection) {
                let record = dryRun ? nil : try RunRecord.start(session.connection, command: "ingest")
                let results: [FileLoadResult]
                do {
                    results = try Ingestion(connection: session.connection, settings: settings, dryRun: dryRun)
                        .load(files, kind: explicitKind) { StopSignal.requested }
                } catch {
                    record?.finish(exitCode: ExitStatus.failure.rawValue, summary: "failed: \(error)")
                    throw error
                }
                print(LoadSummary.table(results, dryRun: dryRun))
                var status = LoadSummary.status(results)
                if results.count < files.count {
                    print("stopped by signal after \(results.count) of \(files.count) files: the rest were not read")
                    status = .failure
                }
                record?.finish(exitCode: status.rawValue, summary: LoadSummary.oneLine(results))
                return status
            }
        }
    }
}
