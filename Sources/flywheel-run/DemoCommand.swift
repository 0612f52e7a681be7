import ArgumentParser
import Flywheel
import Foundation
import SyntheticData

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Sample data on the embedded database to a report, in one command.",
        discussion: """
            Writes the sample data set (the same bytes as sample-data/: 400 users, 6 months, seed 42) under \
            <data_dir>/demo-data, ingests it, computes and writes the report of the latest complete month, then \
            prints where the report is. Runs on the embedded PostgreSQL unless a database is configured.
            """)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let settings = try options.settings()
            let dataDirectory = URL(fileURLWithPath: settings.dataDir).appendingPathComponent("demo-data")
            let summary = try SyntheticDataGenerator(options: GeneratorOptions(users: 400, months: 6, seed: 42))
                .write(to: dataDirectory)
            print("sample data: \(summary.files.count) files in \(dataDirectory.path)")
            let session = try DatabaseSession.open(settings)
            defer { session.close() }
            return try LockedCommand.withLock(session.connection) {
                try Migrator().migrate(session.connection)
                let files = try InputFiles.collect([dataDirectory.path])
                let outcome = try Pipeline(session: session, settings: settings)
                    .run(files: files, reportsDirectory: settings.reportsDir) { false }
                for warning in outcome.computeWarnings { print(warning) }
                guard let report = outcome.reportPath else {
                    throw CommandFailure(.failure, outcome.reportNote ?? "no report was written")
                }
                print("report: \(report)")
                return outcome.hasDataWarnings ? .dataWarnings : .success
            }
        }
    }
}
