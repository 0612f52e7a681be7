import ArgumentParser
import Flywheel
import Foundation
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the monthly Markdown report (and its JSON twin).",
        discussion: """
            Writes <YYYY-MM>.md and <YYYY-MM>.json into the reports folder from the flywheel schema (run compute \
            first), atomically, and refreshes latest.md. Default month: the latest complete month.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Month to report, YYYY-MM (default: the latest complete month).") var month: String?
    @Option(help: "Folder to write to (default: reports_dir).") var out: String?

    func run() throws {
        try CommandRunner.run {
            let settings = try options.settings()
            let session = try DatabaseSession.open(settings)
            defer { session.close() }
            try Migrator().migrate(session.connection)
            return try LockedCommand.withLock(session.connection) {
                let loader = ReportDataLoader(connection: session.connection, settings: settings)
                let data: ReportData
                do {
                    data = try loader.load(month: try loader.reportMonth(month))
                } catch let noMonth as ReportDataLoader.NoMonth {
                    throw CommandFailure(.failure, noMonth.description)
                }
                let written = try ReportWriter().write(data, to: URL(fileURLWithPath: out ?? settings.reportsDir))
                print("report written: \(written.markdownURL.path) (and \(written.jsonURL.lastPathComponent))")
                return .success
            }
        }
    }
}
